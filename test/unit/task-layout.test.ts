import { describe, expect, it } from 'vitest';
import { analyzeDag } from '../../src/core/workload/dag';
import { layoutTasks, TASK_NODE_H, TASK_NODE_W } from '../../src/ui/views/taskLayout';

type T = { id: string; dependencies: string[] };

function chainSuite(chain: number, total: number): T[] {
  const tasks: T[] = [];
  for (let i = 1; i <= total; i++) {
    const id = `t${String(i).padStart(2, '0')}`;
    tasks.push({ id, dependencies: i > 1 && i <= chain ? [`t${String(i - 1).padStart(2, '0')}`] : [] });
  }
  return tasks;
}

function overlaps(l: ReturnType<typeof layoutTasks>): boolean {
  const pts = [...l.nodes.values()];
  for (let i = 0; i < pts.length; i++)
    for (let j = i + 1; j < pts.length; j++) {
      const a = pts[i]!;
      const b = pts[j]!;
      if (Math.abs(a.x - b.x) < TASK_NODE_W && Math.abs(a.y - b.y) < TASK_NODE_H) return true;
    }
  return false;
}

function inside(l: ReturnType<typeof layoutTasks>): boolean {
  return [...l.nodes.values()].every((p) => p.x - TASK_NODE_W / 2 >= 0 && p.x + TASK_NODE_W / 2 <= l.width && p.y - TASK_NODE_H / 2 >= 0 && p.y + TASK_NODE_H / 2 <= l.height);
}

describe('layoutTasks', () => {
  it('snakes a chain of 16 across rows and grids the 4 independent tasks below it', () => {
    const tasks = chainSuite(16, 20);
    const l = layoutTasks(tasks, analyzeDag(tasks).levels);
    expect(l.nodes.size).toBe(20);
    expect(l.edges).toHaveLength(15);
    expect(l.independentCount).toBe(4);
    expect(overlaps(l)).toBe(false);
    expect(inside(l)).toBe(true);
    // Wider than tall: it fits a 16:9 screen instead of a 16-task strip.
    expect(l.width).toBeGreaterThan(l.height);
    expect(l.width).toBeLessThan(16 * TASK_NODE_W);
    // Consecutive chain tasks are neighbours: same row side by side, or one above the other at a turn.
    for (const e of l.edges) {
      const a = l.nodes.get(e.from)!;
      const b = l.nodes.get(e.to)!;
      expect(a.x === b.x || a.y === b.y).toBe(true);
    }
    const chainBottom = Math.max(...tasks.slice(0, 16).map((t) => l.nodes.get(t.id)!.y));
    for (const t of tasks.slice(16)) expect(l.nodes.get(t.id)!.y).toBeGreaterThan(chainBottom);
  });

  it('lays out a DAG with joins by dagre, every dependency an edge', () => {
    const tasks: T[] = [
      { id: 'a', dependencies: [] },
      { id: 'b', dependencies: [] },
      { id: 'c', dependencies: ['a', 'b'] },
      { id: 'd', dependencies: ['c'] },
      { id: 'e', dependencies: [] },
    ];
    const l = layoutTasks(tasks, analyzeDag(tasks).levels);
    expect(l.edges.map((e) => `${e.from}>${e.to}`).sort()).toEqual(['a>c', 'b>c', 'c>d']);
    expect(l.independentCount).toBe(1);
    expect(overlaps(l)).toBe(false);
    expect(inside(l)).toBe(true);
    // Dependencies come before their dependents along the ranks.
    expect(l.nodes.get('a')!.x).toBeLessThan(l.nodes.get('c')!.x);
    expect(l.nodes.get('c')!.x).toBeLessThan(l.nodes.get('d')!.x);
  });

  it('grids a suite with no dependencies at all', () => {
    const tasks = chainSuite(1, 20);
    const l = layoutTasks(tasks, analyzeDag(tasks).levels);
    expect(l.edges).toHaveLength(0);
    expect(l.independentTop).toBe(12);
    expect(overlaps(l)).toBe(false);
    expect(inside(l)).toBe(true);
  });
});
