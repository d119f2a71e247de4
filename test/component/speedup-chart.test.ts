// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { render, waitFor } from '@testing-library/svelte';
import SpeedupChart from '../../src/ui/views/SpeedupChart.svelte';
import { computeRunMetrics, type RunMetrics } from '../../src/core/metrics/runMetrics';
import { paperPoints } from '../../src/core/metrics/paperData';
import { syncDecentralizedTrace } from '../fixtures/traces';

const template = computeRunMetrics(syncDecentralizedTrace);
const run = (n: number, seed: number, wallMs: number): RunMetrics => ({ ...template, n, seed, wallMs, success: true });

// One agent: 9 s and 11 s (mean 10 s). Three agents: 5 s and 6 s, so speedup 10 / 5.5 = 1.82,
// error bar 10/6 = 1.67 to 10/5 = 2.00.
const runs = [run(1, 1, 9000), run(1, 2, 11_000), run(3, 1, 5000), run(3, 2, 6000)];

/** Plot loads on first use; wait for the chart to be drawn. */
const plotted = (container: HTMLElement) => waitFor(() => expect(container.querySelector('.plot-figure svg')).not.toBeNull());
const mark = (container: HTMLElement, label: string) => container.querySelector(`svg g[aria-description="${label}"]`);

describe('SpeedupChart', () => {
  it('plots one point per team size with error bars across seeds, and the Amdahl curve', async () => {
    // No p given: the curve uses the runs' own p (0.25 for the fixture suite).
    const { container } = render(SpeedupChart, { props: { runs } });
    await plotted(container);
    const dots = mark(container, 'run speedup')?.querySelectorAll('path') ?? [];
    expect(dots).toHaveLength(2);
    const titles = [...(mark(container, 'run speedup')?.querySelectorAll('title') ?? [])].map((t) => t.textContent);
    expect(titles).toEqual([
      'decentralized, sync, n = 1: 1.00× (2 runs, 0.91× to 1.11×; Amdahl 1.00×)',
      'decentralized, sync, n = 3: 1.82× (2 runs, 1.67× to 2.00×; Amdahl 1.20×)',
    ]);
    expect(mark(container, 'error bar')?.querySelectorAll('line')).toHaveLength(2);
    expect(mark(container, 'Amdahl bound')?.querySelector('path')).not.toBeNull();
    expect(container.textContent).toContain('Amdahl bound, p = 0.25');
    expect(container.querySelector('li[data-structure="decentralized"]')).not.toBeNull();
    expect(container.querySelector('li[data-model]')).toBeNull();
  });

  it('overlays the paper points for the chosen condition', async () => {
    const { container } = render(SpeedupChart, { props: { runs, p: 0.5, paper: { mode: 'decentralized', family: 'math' } } });
    await plotted(container);
    const expected = paperPoints('decentralized', 'math', 0.5).filter((d) => d.speedup !== null);
    expect(expected.length).toBeGreaterThan(0);
    expect(mark(container, 'paper speedup')?.querySelectorAll('path')).toHaveLength(expected.length);
    expect(container.querySelectorAll('li[data-model]').length).toBeGreaterThan(0);
  });

  it('explains an empty chart instead of drawing nothing', async () => {
    const { container } = render(SpeedupChart, { props: { runs: [run(3, 1, 5000)], p: 0.9 } });
    await plotted(container);
    expect(mark(container, 'run speedup')).toBeNull();
    expect(container.textContent).toContain('No speedup yet');
    expect(container.textContent).toContain('Amdahl bound, p = 0.90');
  });
});
