/**
 * Analysis of a task DAG: critical path, parallel fraction p, Amdahl bound, ready tasks.
 * The functions never throw: unknown dependency ids are ignored and tasks on (or behind) a cycle
 * are left out of levels and the critical path. validateSuite reports those problems by name.
 */
import type { Task } from './types';

export type DagTask = Pick<Task, 'id' | 'dependencies'>;

export interface DagAnalysis {
  /** Ids along one longest dependency chain, first task first. */
  criticalPath: string[];
  /** Tasks on the critical path (the chain counted in tasks, not edges). */
  criticalPathLength: number;
  /** Parallel fraction: (tasks - critical path) / tasks. */
  p: number;
  /** Fewest rounds any team can finish in: one task per round per agent along the chain. */
  minRounds: number;
  /** levels[k]: tasks whose longest chain of prerequisites has k tasks. */
  levels: string[][];
  /** Tasks with no dependencies: claimable in round 1. */
  readyAtStart: string[];
}

/** Orders ids so "task-2" comes before "task-10": harness ids are numbered without padding. */
export function compareIds(a: string, b: string): number {
  const pa = a.match(/\d+|\D+/g) ?? [];
  const pb = b.match(/\d+|\D+/g) ?? [];
  const len = Math.min(pa.length, pb.length);
  for (let i = 0; i < len; i++) {
    const x = pa[i] as string;
    const y = pb[i] as string;
    if (x === y) continue;
    const nx = /^\d/.test(x);
    const ny = /^\d/.test(y);
    if (nx && ny) {
      const diff = Number(x) - Number(y);
      if (diff !== 0) return diff;
      // Same number, different padding ("01" vs "1"): fall back to plain order to stay total.
    }
    return x < y ? -1 : 1;
  }
  if (pa.length !== pb.length) return pa.length - pb.length;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** First occurrence of each id wins, so duplicates cannot make the analysis inconsistent. */
function indexTasks(tasks: readonly DagTask[]): Map<string, DagTask> {
  const byId = new Map<string, DagTask>();
  for (const t of tasks) if (!byId.has(t.id)) byId.set(t.id, t);
  return byId;
}

/** Distinct known dependencies, excluding the task itself. */
function knownDeps(task: DagTask, byId: Map<string, DagTask>): string[] {
  return [...new Set(task.dependencies)].filter((d) => d !== task.id && byId.has(d));
}

/**
 * Kahn's algorithm; among tasks ready at the same time the smallest id goes first, so the order
 * is the same whatever order the suite lists its tasks in. Tasks on or behind a cycle are
 * returned in `blocked` instead.
 */
function kahn(tasks: readonly DagTask[]): { order: string[]; blocked: string[] } {
  const byId = indexTasks(tasks);
  const indegree = new Map<string, number>();
  const dependents = new Map<string, string[]>();
  for (const t of byId.values()) {
    const deps = knownDeps(t, byId);
    indegree.set(t.id, deps.length);
    for (const d of deps) {
      const list = dependents.get(d) ?? [];
      list.push(t.id);
      dependents.set(d, list);
    }
  }
  const ready = [...byId.keys()].filter((id) => indegree.get(id) === 0);
  const order: string[] = [];
  while (ready.length > 0) {
    ready.sort(compareIds);
    const id = ready.shift() as string;
    order.push(id);
    for (const next of dependents.get(id) ?? []) {
      const left = (indegree.get(next) ?? 0) - 1;
      indegree.set(next, left);
      if (left === 0) ready.push(next);
    }
  }
  const placed = new Set(order);
  const blocked = [...byId.keys()].filter((id) => !placed.has(id)).sort(compareIds);
  return { order, blocked };
}

/**
 * Every task once, each after all its dependencies; ties broken by id order.
 * Tasks on or behind a cycle cannot be ordered; they are appended in id order so callers still
 * see every task (validateSuite names the cycle).
 */
export function topologicalOrder(tasks: readonly DagTask[]): string[] {
  // Every simulated run orders its suite's tasks again: the order is kept per task graph,
  // named by its ids and dependencies, so a sweep sorts each graph once.
  const key = tasks.map((t) => `${t.id}\u0001${t.dependencies.join('\u0001')}`).join('\u0002');
  let order = orderMemo.get(key);
  if (!order) {
    const k = kahn(tasks);
    order = [...k.order, ...k.blocked];
    if (orderMemo.size >= ORDER_MEMO_LIMIT) orderMemo.clear();
    orderMemo.set(key, order);
  }
  return order.slice();
}

const ORDER_MEMO_LIMIT = 200;
const orderMemo = new Map<string, string[]>();

export function analyzeDag(tasks: readonly DagTask[]): DagAnalysis {
  const byId = indexTasks(tasks);
  const { order } = kahn(tasks);
  // chain[id]: tasks on the longest chain ending at id, id included.
  const chain = new Map<string, number>();
  const prev = new Map<string, string>();
  for (const id of order) {
    const task = byId.get(id) as DagTask;
    let best = 0;
    let bestDep: string | undefined;
    for (const d of knownDeps(task, byId).sort(compareIds)) {
      const len = chain.get(d) ?? 0;
      if (len > best) {
        best = len;
        bestDep = d;
      }
    }
    chain.set(id, best + 1);
    if (bestDep !== undefined) prev.set(id, bestDep);
  }

  let end: string | undefined;
  let longest = 0;
  for (const id of order) {
    const len = chain.get(id) ?? 0;
    if (len > longest) {
      longest = len;
      end = id;
    }
  }
  const criticalPath: string[] = [];
  for (let id = end; id !== undefined; id = prev.get(id)) criticalPath.unshift(id);

  const levels: string[][] = [];
  for (const id of order) {
    const k = (chain.get(id) ?? 1) - 1;
    while (levels.length <= k) levels.push([]);
    (levels[k] as string[]).push(id);
  }
  for (const level of levels) level.sort(compareIds);

  const total = byId.size;
  return {
    criticalPath,
    criticalPathLength: longest,
    p: total === 0 ? 0 : (total - longest) / total,
    minRounds: longest,
    levels,
    // Same rule the board applies in round 1, so an unknown dependency keeps a task out.
    readyAtStart: readyTasks([...byId.values()], new Set()),
  };
}

/** Amdahl's law: the speedup ceiling of n agents when a fraction p of the work can run in parallel. */
export function amdahl(p: number, n: number): number {
  return 1 / (1 - p + p / n);
}

/**
 * Tasks that may be claimed now: not done, not excluded (e.g. already claimed), and every
 * dependency done. A dependency on an unknown id is never done, so such a task is never ready.
 * Returned in the order the tasks are given.
 */
export function readyTasks(tasks: readonly DagTask[], doneIds: ReadonlySet<string>, excludeIds?: ReadonlySet<string>): string[] {
  return tasks
    .filter((t) => !doneIds.has(t.id) && !(excludeIds?.has(t.id) ?? false) && t.dependencies.every((d) => doneIds.has(d)))
    .map((t) => t.id);
}
