/**
 * The paper's pre-assignment: walk the tasks in topological order; a task whose last
 * dependency went to agent X also goes to X (chains stay on one agent), and tasks without
 * dependencies are dealt round-robin.
 */
import type { Task } from '../workload/types';
import { topologicalOrder } from '../workload/dag';

export function preassignTasks(tasks: Task[], agents: string[]): Map<string, string> {
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
