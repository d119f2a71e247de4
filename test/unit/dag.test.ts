import { describe, expect, it } from 'vitest';
import { amdahl, analyzeDag, compareIds, readyTasks, topologicalOrder, type DagTask } from '../../src/core/workload/dag';

const id = (i: number): string => `t${String(i).padStart(2, '0')}`;

/** A serial chain t01 -> t02 -> ... -> t{chain}, then `free` independent tasks. */
function chainPlusFree(chain: number, free: number): DagTask[] {
  const tasks: DagTask[] = [];
  for (let i = 1; i <= chain; i++) tasks.push({ id: id(i), dependencies: i === 1 ? [] : [id(i - 1)] });
  for (let i = chain + 1; i <= chain + free; i++) tasks.push({ id: id(i), dependencies: [] });
  return tasks;
}

describe('analyzeDag', () => {
  it('a chain of 16 plus 4 free tasks gives p = 0.2', () => {
    const a = analyzeDag(chainPlusFree(16, 4));
    expect(a.criticalPathLength).toBe(16);
    expect(a.criticalPath).toEqual(Array.from({ length: 16 }, (_, i) => id(i + 1)));
    expect(a.p).toBeCloseTo(0.2, 12);
    expect(a.minRounds).toBe(16);
    expect(a.levels).toHaveLength(16);
    expect(a.levels[0]).toEqual(['t01', 't17', 't18', 't19', 't20']);
    expect(a.levels[15]).toEqual(['t16']);
    expect(a.readyAtStart).toEqual(['t01', 't17', 't18', 't19', 't20']);
  });

  it('a chain of 2 plus 18 free tasks gives p = 0.9', () => {
    const a = analyzeDag(chainPlusFree(2, 18));
    expect(a.criticalPathLength).toBe(2);
    expect(a.criticalPath).toEqual(['t01', 't02']);
    expect(a.p).toBeCloseTo(0.9, 12);
    expect(a.levels[0]).toHaveLength(19);
    expect(a.levels[1]).toEqual(['t02']);
  });

  it('a chain of 10 plus 10 free tasks gives p = 0.5', () => {
    expect(analyzeDag(chainPlusFree(10, 10)).p).toBeCloseTo(0.5, 12);
  });

  it('follows the longest branch of a diamond with a long arm, not the first dependency', () => {
    // a -> b -> d, a -> c1 -> c2 -> d: the longest chain goes through c1, c2.
    const tasks: DagTask[] = [
      { id: 'a', dependencies: [] },
      { id: 'b', dependencies: ['a'] },
      { id: 'c1', dependencies: ['a'] },
      { id: 'c2', dependencies: ['c1'] },
      { id: 'd', dependencies: ['b', 'c2'] },
    ];
    const a = analyzeDag(tasks);
    expect(a.criticalPath).toEqual(['a', 'c1', 'c2', 'd']);
    expect(a.criticalPathLength).toBe(4);
    expect(a.p).toBeCloseTo(1 / 5, 12);
    expect(a.levels).toEqual([['a'], ['b', 'c1'], ['c2'], ['d']]);
  });

  it('does not depend on the order tasks are listed in', () => {
    const tasks = chainPlusFree(5, 3);
    const a = analyzeDag(tasks);
    const b = analyzeDag([...tasks].reverse());
    expect(b.criticalPath).toEqual(a.criticalPath);
    expect(b.levels).toEqual(a.levels);
  });

  it('handles an empty task list and survives cycles and unknown dependencies without throwing', () => {
    expect(analyzeDag([])).toMatchObject({ criticalPath: [], criticalPathLength: 0, p: 0, levels: [], readyAtStart: [] });
    const a = analyzeDag([
      { id: 'x', dependencies: ['y'] },
      { id: 'y', dependencies: ['x'] },
      { id: 'z', dependencies: ['nope'] },
    ]);
    expect(a.criticalPath).toEqual(['z']);
    // z can never start: its dependency does not exist.
    expect(a.readyAtStart).toEqual([]);
  });
});

describe('amdahl', () => {
  it('matches the formula on known points', () => {
    expect(amdahl(0.9, 5)).toBeCloseTo(3.5714, 4);
    expect(amdahl(0.2, 5)).toBeCloseTo(1 / (0.8 + 0.04), 12);
    expect(amdahl(0.5, 1)).toBe(1);
    expect(amdahl(0, 8)).toBe(1);
    expect(amdahl(1, 4)).toBe(4);
  });
});

describe('readyTasks', () => {
  const tasks: DagTask[] = [
    { id: 't01', dependencies: [] },
    { id: 't02', dependencies: ['t01'] },
    { id: 't03', dependencies: ['t01', 't02'] },
    { id: 't04', dependencies: [] },
  ];
  it('returns tasks whose dependencies are all done and that are not done themselves', () => {
    expect(readyTasks(tasks, new Set())).toEqual(['t01', 't04']);
    expect(readyTasks(tasks, new Set(['t01']))).toEqual(['t02', 't04']);
    expect(readyTasks(tasks, new Set(['t01', 't02', 't04']))).toEqual(['t03']);
    expect(readyTasks(tasks, new Set(['t01', 't02', 't03', 't04']))).toEqual([]);
  });
  it('leaves out excluded tasks', () => {
    expect(readyTasks(tasks, new Set(['t01']), new Set(['t04']))).toEqual(['t02']);
  });
});

describe('topologicalOrder', () => {
  it('puts every task after its dependencies and breaks ties by id', () => {
    const tasks: DagTask[] = [
      { id: 't05', dependencies: ['t03'] },
      { id: 't03', dependencies: [] },
      { id: 't04', dependencies: [] },
      { id: 't01', dependencies: ['t04'] },
      { id: 't02', dependencies: [] },
    ];
    expect(topologicalOrder(tasks)).toEqual(['t02', 't03', 't04', 't01', 't05']);
  });
  it('gives the same order again (kept per graph), a copy each time, and a new order when the graph changes', () => {
    const tasks: DagTask[] = [
      { id: 't02', dependencies: ['t01'] },
      { id: 't01', dependencies: [] },
    ];
    const first = topologicalOrder(tasks);
    expect(first).toEqual(['t01', 't02']);
    first.reverse();
    expect(topologicalOrder(tasks)).toEqual(['t01', 't02']);
    // Same ids, the dependency turned round: a different graph, a different order.
    expect(topologicalOrder([{ id: 't02', dependencies: [] }, { id: 't01', dependencies: ['t02'] }])).toEqual(['t02', 't01']);
  });
  it('orders unpadded harness ids numerically', () => {
    const tasks: DagTask[] = ['task-10', 'task-2', 'task-1'].map((i) => ({ id: i, dependencies: [] }));
    expect(topologicalOrder(tasks)).toEqual(['task-1', 'task-2', 'task-10']);
    expect(compareIds('task-9', 'task-10')).toBeLessThan(0);
    expect(compareIds('b', 'a')).toBeGreaterThan(0);
  });
  it('still lists tasks on a cycle, after the orderable ones', () => {
    const order = topologicalOrder([
      { id: 'c', dependencies: ['b'] },
      { id: 'b', dependencies: ['c'] },
      { id: 'a', dependencies: [] },
    ]);
    expect(order).toEqual(['a', 'b', 'c']);
  });
});
