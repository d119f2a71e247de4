/**
 * Structural checks of a suite's task DAG, each problem as one readable message.
 * An empty list means the suite can be run.
 */
import type { Suite } from './types';
import { compareIds } from './dag';

/**
 * Dependency cycles, each named once as "a -> b -> a" where every task depends on the next,
 * rotated to start at its smallest id so the same cycle always reads the same way.
 */
function findCycles(deps: Map<string, string[]>): string[][] {
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const seen = new Set<string>();
  const cycles: string[][] = [];

  const visit = (id: string): void => {
    state.set(id, 'open');
    stack.push(id);
    for (const d of deps.get(id) ?? []) {
      const s = state.get(d);
      if (s === 'open') {
        const loop = stack.slice(stack.indexOf(d));
        let start = 0;
        loop.forEach((x, i) => {
          if (compareIds(x, loop[start] as string) < 0) start = i;
        });
        const rotated = [...loop.slice(start), ...loop.slice(0, start)];
        const key = rotated.join('\u0000');
        if (!seen.has(key)) {
          seen.add(key);
          cycles.push(rotated);
        }
      } else if (s === undefined) visit(d);
    }
    stack.pop();
    state.set(id, 'done');
  };

  for (const id of [...deps.keys()].sort(compareIds)) if (!state.has(id)) visit(id);
  return cycles;
}

export function validateSuite(suite: Suite): string[] {
  const errors: string[] = [];
  const tasks = suite.tasks;
  if (tasks.length === 0) return ['suite has no tasks'];

  const firstIndex = new Map<string, number>();
  tasks.forEach((t, i) => {
    if (t.id.trim() === '') {
      errors.push(`tasks[${i}]: task id is empty`);
      return;
    }
    const first = firstIndex.get(t.id);
    if (first !== undefined) errors.push(`duplicate task id "${t.id}" (tasks[${first}] and tasks[${i}])`);
    else firstIndex.set(t.id, i);
  });

  const deps = new Map<string, string[]>();
  for (const t of tasks) {
    if (t.id.trim() === '' || deps.has(t.id)) continue;
    const known: string[] = [];
    for (const d of new Set(t.dependencies)) {
      if (d === t.id) errors.push(`task ${t.id} depends on itself`);
      else if (!firstIndex.has(d)) errors.push(`task ${t.id} depends on unknown task "${d}"`);
      else known.push(d);
    }
    deps.set(t.id, known.sort(compareIds));
  }
  for (const cycle of findCycles(deps)) errors.push(`cycle: ${[...cycle, cycle[0]].join(' -> ')}`);

  const fileOwner = new Map<string, string>();
  for (const t of tasks) {
    if (t.file.trim() === '') {
      errors.push(`task ${t.id} has no file`);
      continue;
    }
    const owner = fileOwner.get(t.file);
    if (owner !== undefined) errors.push(`duplicate file path "${t.file}" (tasks ${owner} and ${t.id})`);
    else fileOwner.set(t.file, t.id);
  }
  return errors;
}
