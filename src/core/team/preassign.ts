/**
 * The paper's pre-assignment: walk the tasks in topological order; a task whose last
 * dependency went to agent X also goes to X (chains stay on one agent), and tasks without
 * dependencies are dealt round-robin.
 */
import type { TraceEvent } from '../trace/events';
import type { Task } from '../workload/types';
import { topologicalOrder } from '../workload/dag';

export function preassignTasks(tasks: Pick<Task, 'id' | 'dependencies'>[], agents: string[]): Map<string, string> {
  const out = new Map<string, string>();
  const order = topologicalOrder(tasks);
  const pos = new Map(order.map((id, i) => [id, i]));
  const byId = new Map(tasks.map((t) => [t.id, t]));
  let next = 0;
  for (const id of order) {
    const deps = byId.get(id)!.dependencies;
    if (deps.length === 0) {
      out.set(id, agents[next % agents.length]);
      next++;
    } else {
      const last = deps.reduce((a, b) => ((pos.get(a) ?? -1) >= (pos.get(b) ?? -1) ? a : b));
      out.set(id, out.get(last)!);
    }
  }
  return out;
}

/** The pre-assignment as trace events, made by the board before the first step, so the trace
 * alone says who owns what. */
export function preassignmentEvents(tasks: Pick<Task, 'id' | 'dependencies'>[], agents: string[], t = 0): TraceEvent[] {
  return [...preassignTasks(tasks, agents)].map(([task, to]) => ({ type: 'assign', t, round: 0, agent: 'board', task, to, ok: true }));
}
