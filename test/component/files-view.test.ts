// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { fireEvent, render } from '@testing-library/svelte';
import FilesView from '../../src/ui/views/FilesView.svelte';
import { syncDecentralizedTrace } from '../fixtures/traces';

describe('FilesView', () => {
  it('lists every file with its versions and writers, opening on the file with a concurrent write', () => {
    const { container } = render(FilesView, { props: { events: syncDecentralizedTrace, t: 4600 } });
    const files = [...container.querySelectorAll('button.file')];
    expect(files.map((f) => f.getAttribute('data-path'))).toEqual(['src/a.js', 'src/b.js']);
    expect(files[1]?.getAttribute('aria-pressed')).toBe('true');
    expect(files[1]?.querySelector('.meta')?.textContent).toBe('3 versions · Dev3, Dev2');
    expect(container.querySelector('h3')?.textContent).toBe('src/b.js · task t02');
    const rows = [...container.querySelectorAll('tr.version')];
    expect(rows.map((r) => [...r.querySelectorAll('td')].slice(0, 3).map((td) => td.textContent))).toEqual([
      ['v1', 'Dev3', '1'],
      ['v2', 'Dev2', '2'],
      ['v3', 'Dev3', '2'],
    ]);
  });

  it('highlights the concurrent write and names it in words', () => {
    const { container } = render(FilesView, { props: { events: syncDecentralizedTrace, t: 4600 } });
    const highlighted = [...container.querySelectorAll('tr.version.concurrent')];
    expect(highlighted.map((r) => r.getAttribute('data-version'))).toEqual(['3']);
    expect(highlighted[0]?.textContent).toContain('concurrent write');
    expect(container.querySelectorAll('tr.version .badge.rewrite')).toHaveLength(2);
    // The collision is explained under it, from the trace: whose view was stale.
    const why = container.querySelector('tr.why[data-version="3"]')?.textContent ?? '';
    expect(why).toMatch(/Why: dev\d read the board at .* and wrote src\/\S+ at .*, over dev\d's write at/i);
  });

  it('diffs the latest version against the one before, and any two chosen versions', async () => {
    const { container } = render(FilesView, { props: { events: syncDecentralizedTrace, t: 4600 } });
    // v2 (a loop) -> v3 (reduce plus a comment): the loop's 3 lines go, reduce and the comment come.
    const ops = () => [...container.querySelectorAll('.diff .line')].map((l) => l.className.split(' ').find((c) => ['same', 'add', 'del'].includes(c)));
    expect(ops()).toEqual(['same', 'del', 'del', 'del', 'add', 'same', 'add']);
    expect(container.querySelector('.diff-summary')?.textContent?.replace(/\s+/g, ' ').trim()).toBe('+2 −3 lines');
    const [from] = [...container.querySelectorAll('select')] as HTMLSelectElement[];
    from!.value = '1';
    await fireEvent.change(from!);
    // v1 and v3 differ only by the added comment line.
    expect(ops()).toEqual(['same', 'same', 'same', 'add']);
    expect(container.querySelector('.diff .line.add code')?.textContent).toBe('// checked');
  });

  it('shows only the versions written by time t and switches files on click', async () => {
    const { container } = render(FilesView, { props: { events: syncDecentralizedTrace, t: 3300 } });
    expect(container.querySelectorAll('tr.version')).toHaveLength(2);
    expect(container.querySelector('tr.version.concurrent')).toBeNull();
    await fireEvent.click(container.querySelector('button.file[data-path="src/a.js"]') as Element);
    expect(container.querySelector('h3')?.textContent).toBe('src/a.js · task t01');
    expect([...container.querySelectorAll('tr.version')].map((r) => r.getAttribute('data-version'))).toEqual(['1', '2']);
  });

  it('says so when nothing has been written', () => {
    const { container } = render(FilesView, { props: { events: syncDecentralizedTrace, t: 500 } });
    expect(container.textContent).toContain('No files written yet.');
  });
});
