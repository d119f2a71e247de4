// @vitest-environment jsdom
import { render, screen } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import LoadProgressList from '../../src/ui/LoadProgressList.svelte';

describe('LoadProgressList', () => {
  it('names each phase in words, the reply grammar among them, with percent and megabytes', () => {
    render(LoadProgressList, {
      props: {
        progress: {
          dev2: { agent: 'dev2', phase: 'grammar', fraction: 0, text: 'Compiling the reply grammar (one-token warm-up)' },
          dev1: { agent: 'dev1', phase: 'fetching', fraction: 0.5, loadedMB: 140, totalMB: 280, text: 'Fetching param cache[10/20]' },
          dev10: { agent: 'dev10', phase: 'compiling', fraction: 0.3, text: 'Loading GPU shader modules[12/40]' },
        },
      },
    });
    const rows = screen.getAllByRole('listitem');
    expect(rows.map((r) => r.dataset.phase)).toEqual(['fetching', 'grammar', 'compiling']);
    expect(rows[0]?.textContent).toMatch(/Downloading 50% 140 of 280 MB/);
    expect(rows[1]?.textContent).toMatch(/Compiling the reply grammar 0%/);
    expect(rows[2]?.textContent).toMatch(/Compiling GPU shaders 30%/);
  });
});
