/**
 * The task DAG laid out by dagre. Ranks run along the longer side of a 16:9 screen: left to
 * right when the chain is longer than the widest level, top to bottom otherwise.
 */
import dagre from '@dagrejs/dagre';
import type { DagTask } from '../../core/workload/dag';

export const TASK_NODE_W = 124;
export const TASK_NODE_H = 66;

export interface TaskLayoutPoint {
  x: number;
  y: number;
}

export interface TaskLayout {
  width: number;
  height: number;
  rankdir: 'LR' | 'TB';
  /** Node centres. */
  nodes: Map<string, TaskLayoutPoint>;
  edges: { from: string; to: string; points: TaskLayoutPoint[] }[];
}

export function layoutTasks(tasks: readonly DagTask[], levels: readonly (readonly string[])[]): TaskLayout {
  const widest = levels.reduce((m, l) => Math.max(m, l.length), 0);
  const rankdir = levels.length >= widest ? 'LR' : 'TB';
  const g = new dagre.graphlib.Graph();
  g.setGraph({ rankdir, nodesep: 14, ranksep: 36, marginx: 10, marginy: 10 });
  g.setDefaultEdgeLabel(() => ({}));
  const ids = new Set(tasks.map((t) => t.id));
  for (const t of tasks) g.setNode(t.id, { width: TASK_NODE_W, height: TASK_NODE_H });
  for (const t of tasks) for (const d of t.dependencies) if (ids.has(d) && d !== t.id) g.setEdge(d, t.id);
  dagre.layout(g);

  const nodes = new Map<string, TaskLayoutPoint>();
  for (const t of tasks) {
    const n = g.node(t.id) as { x?: number; y?: number } | undefined;
    nodes.set(t.id, { x: n?.x ?? 0, y: n?.y ?? 0 });
  }
  const edges = g.edges().map((e) => {
    const label = g.edge(e) as { points?: TaskLayoutPoint[] } | undefined;
    return { from: e.v, to: e.w, points: label?.points ?? [] };
  });
  const graph = g.graph() as { width?: number; height?: number };
  return { width: graph.width ?? 0, height: graph.height ?? 0, rankdir, nodes, edges };
}
