// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { render } from '@testing-library/svelte';
import TaskGraph from '../../src/ui/views/TaskGraph.svelte';
import { leaderTrace, syncDecentralizedTrace } from '../fixtures/traces';
import { TASK_STATUS_STYLE } from '../../src/ui/palette';

function node(container: HTMLElement, id: string): Element {
  const el = container.querySelector(`g.task[data-task="${id}"]`);
  if (!el) throw new Error(`no node ${id}`);
  return el;
}

describe('TaskGraph', () => {
  it('colours and labels each task by its status at the end of the run, with its owner', () => {
    const { container } = render(TaskGraph, { props: { events: syncDecentralizedTrace, t: 4600 } });
    expect(container.querySelectorAll('g.task')).toHaveLength(4);
    const expected = { t01: 'done', t02: 'done', t03: 'assigned', t04: 'pending' } as const;
    for (const [id, status] of Object.entries(expected)) {
      const n = node(container, id);
      expect(n.getAttribute('data-status')).toBe(status);
      expect(n.querySelector('rect.body')?.getAttribute('fill')).toBe(TASK_STATUS_STYLE[status].fill);
      expect(n.querySelector('.status')?.textContent).toBe(`${TASK_STATUS_STYLE[status].glyph} ${TASK_STATUS_STYLE[status].label}`);
    }
    expect(node(container, 't01').querySelector('.owner')?.textContent).toBe('Dev1');
    expect(node(container, 't03').querySelector('.owner')?.textContent).toBe('Dev3');
    expect(node(container, 't04').querySelector('.owner')?.textContent).toBe('');
  });

  it('shows a task in progress once its owner writes its file', () => {
    const { container } = render(TaskGraph, { props: { events: syncDecentralizedTrace, t: 1750 } });
    expect(node(container, 't01').getAttribute('data-status')).toBe('in_progress');
    expect(node(container, 't01').querySelector('.status')?.textContent).toBe('◑ in progress');
  });

  it('marks the ready set', () => {
    const { container } = render(TaskGraph, { props: { events: syncDecentralizedTrace, t: 1750 } });
    const ready = [...container.querySelectorAll('g.task.ready')].map((g) => g.getAttribute('data-task'));
    expect(ready).toEqual(['t02']);
    expect(node(container, 't02').querySelector('.status')?.textContent).toBe('○ ready');
    expect(node(container, 't02').querySelector('.ready-ring')).not.toBeNull();
  });

  it('highlights the critical path: its nodes and the edges along it', () => {
    const { container } = render(TaskGraph, { props: { events: syncDecentralizedTrace, t: 0 } });
    const critical = [...container.querySelectorAll('g.task.critical')].map((g) => g.getAttribute('data-task'));
    expect(critical).toEqual(['t01', 't03', 't04']);
    const edges = [...container.querySelectorAll('.edges path')];
    expect(edges).toHaveLength(3);
    expect(edges.filter((e) => e.classList.contains('critical')).map((e) => e.getAttribute('data-edge')).sort()).toEqual(['t01>t03', 't03>t04']);
    expect(container.textContent).toContain('critical path: 3 of 4 tasks (p = 0.25)');
  });

  it('counts tasks per status for the leader run', () => {
    const { container } = render(TaskGraph, { props: { events: leaderTrace, t: 2500 } });
    const text = container.querySelector('.caption')?.textContent ?? '';
    expect(text).toContain('0 pending');
    expect(text).toContain('1 in progress');
    expect(text).toContain('1 done');
  });
});
