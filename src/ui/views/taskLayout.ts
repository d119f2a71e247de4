/**
 * Where the task graph puts its tasks. The suites are a dependency chain plus tasks that need
 * nothing and feed nothing; drawn as one dagre graph they make a strip too long to read on a
 * projector. So:
 *  - tasks with no dependency edge at all go in a grid of their own ("independent tasks");
 *  - when the rest is made of simple chains (each task needs at most one and feeds at most one),
 *    the chains snake across rows, so a chain of 16 fits the screen and still reads in order;
 *  - any other shape is laid out by dagre, ranks along the longer side of a 16:9 screen.
 */
import dagre from '@dagrejs/dagre';
import type { DagTask } from '../../core/workload/dag';

export const TASK_NODE_W = 124;
export const TASK_NODE_H = 66;
const GAP_X = 40;
const GAP_Y = 40;
const MARGIN = 12;
/** Room above the independent tasks for their caption. */
const CAPTION_H = 30;

export interface TaskLayoutPoint {
  x: number;
  y: number;
}

export interface TaskLayout {
  width: number;
  height: number;
  /** Node centres. */
  nodes: Map<string, TaskLayoutPoint>;
  edges: { from: string; to: string; points: TaskLayoutPoint[] }[];
  /** Top of the grid of independent tasks, for its caption; undefined when there are none. */
  independentTop?: number;
  independentCount: number;
}

function columnsFor(count: number): number {
  return Math.max(4, Math.min(10, Math.round(Math.sqrt(2 * count))));
}

export function layoutTasks(tasks: readonly DagTask[], levels: readonly (readonly string[])[]): TaskLayout {
  const ids = new Set(tasks.map((t) => t.id));
  const deps = new Map<string, string[]>();
  const dependents = new Map<string, string[]>();
  for (const t of tasks) {
    const known = [...new Set(t.dependencies)].filter((d) => ids.has(d) && d !== t.id);
    deps.set(t.id, known);
    for (const d of known) dependents.set(d, [...(dependents.get(d) ?? []), t.id]);
  }
  const linked = tasks.filter((t) => (deps.get(t.id)?.length ?? 0) > 0 || (dependents.get(t.id)?.length ?? 0) > 0).map((t) => t.id);
  const independent = tasks.map((t) => t.id).filter((id) => !linked.includes(id));
  const cols = columnsFor(tasks.length);

  const nodes = new Map<string, TaskLayoutPoint>();
  const edges: TaskLayout['edges'] = [];
  let width = 0;
  let bottom = MARGIN;

  const simpleChains = linked.every((id) => (deps.get(id)?.length ?? 0) <= 1 && (dependents.get(id)?.length ?? 0) <= 1);
  if (linked.length > 0 && simpleChains) {
    const placed = snakeChains(linked, deps, dependents, cols, nodes, edges);
    width = placed.width;
    bottom = placed.bottom;
  } else if (linked.length > 0) {
    const placed = dagreLayout(linked, deps, levels, nodes, edges);
    width = placed.width;
    bottom = placed.bottom;
  }

  let independentTop: number | undefined;
  if (independent.length > 0) {
    const gridCols = Math.max(cols, Math.floor((width - 2 * MARGIN + GAP_X) / (TASK_NODE_W + GAP_X)));
    independentTop = linked.length > 0 ? bottom + GAP_Y / 2 : MARGIN;
    const top = independentTop + CAPTION_H;
    independent.forEach((id, i) => {
      const c = i % gridCols;
      const r = Math.floor(i / gridCols);
      nodes.set(id, { x: MARGIN + c * (TASK_NODE_W + GAP_X) + TASK_NODE_W / 2, y: top + r * (TASK_NODE_H + GAP_Y / 2) + TASK_NODE_H / 2 });
    });
    const rows = Math.ceil(independent.length / gridCols);
    width = Math.max(width, 2 * MARGIN + Math.min(gridCols, independent.length) * (TASK_NODE_W + GAP_X) - GAP_X);
    bottom = top + rows * (TASK_NODE_H + GAP_Y / 2) - GAP_Y / 2 + MARGIN;
  }

  return { width: Math.max(width, 2 * MARGIN + TASK_NODE_W), height: Math.max(bottom, 2 * MARGIN + TASK_NODE_H), nodes, edges, independentTop, independentCount: independent.length };
}

/** Chains in rows of `cols`, alternating direction so each turn is a short vertical edge. */
function snakeChains(
  linked: string[],
  deps: Map<string, string[]>,
  dependents: Map<string, string[]>,
  cols: number,
  nodes: Map<string, TaskLayoutPoint>,
  edges: TaskLayout['edges'],
): { width: number; bottom: number } {
  const heads = linked.filter((id) => (deps.get(id)?.length ?? 0) === 0);
  const chains: string[][] = [];
  const seen = new Set<string>();
  for (const head of heads) {
    const chain: string[] = [];
    for (let id: string | undefined = head; id !== undefined && !seen.has(id); id = dependents.get(id)?.[0]) {
      seen.add(id);
      chain.push(id);
    }
    chains.push(chain);
  }
  // A cycle has no head; its tasks still need a place.
  const rest = linked.filter((id) => !seen.has(id));
  if (rest.length > 0) chains.push(rest);

  const rowH = TASK_NODE_H + GAP_Y;
  let row = 0;
  let usedCols = 0;
  for (const chain of chains) {
    chain.forEach((id, i) => {
      const r = row + Math.floor(i / cols);
      const k = i % cols;
      const c = (r - row) % 2 === 0 ? k : cols - 1 - k;
      usedCols = Math.max(usedCols, Math.min(cols, chain.length));
      nodes.set(id, { x: MARGIN + c * (TASK_NODE_W + GAP_X) + TASK_NODE_W / 2, y: MARGIN + r * rowH + TASK_NODE_H / 2 });
    });
    for (let i = 1; i < chain.length; i++) {
      const a = nodes.get(chain[i - 1] as string) as TaskLayoutPoint;
      const b = nodes.get(chain[i] as string) as TaskLayoutPoint;
      const points =
        a.y === b.y
          ? [
              { x: a.x + Math.sign(b.x - a.x) * (TASK_NODE_W / 2), y: a.y },
              { x: b.x - Math.sign(b.x - a.x) * (TASK_NODE_W / 2), y: b.y },
            ]
          : [
              { x: a.x, y: a.y + TASK_NODE_H / 2 },
              { x: b.x, y: b.y - TASK_NODE_H / 2 },
            ];
      edges.push({ from: chain[i - 1] as string, to: chain[i] as string, points });
    }
    row += Math.ceil(chain.length / cols);
  }
  return { width: 2 * MARGIN + usedCols * (TASK_NODE_W + GAP_X) - GAP_X, bottom: MARGIN + row * rowH - GAP_Y + MARGIN };
}

function dagreLayout(
  linked: string[],
  deps: Map<string, string[]>,
  levels: readonly (readonly string[])[],
  nodes: Map<string, TaskLayoutPoint>,
  edges: TaskLayout['edges'],
): { width: number; bottom: number } {
  const inGraph = new Set(linked);
  const widest = levels.reduce((m, l) => Math.max(m, l.filter((id) => inGraph.has(id)).length), 0);
  const g = new dagre.graphlib.Graph();
  g.setGraph({ rankdir: levels.length >= widest ? 'LR' : 'TB', nodesep: 14, ranksep: GAP_X, marginx: MARGIN, marginy: MARGIN });
  g.setDefaultEdgeLabel(() => ({}));
  for (const id of linked) g.setNode(id, { width: TASK_NODE_W, height: TASK_NODE_H });
  for (const id of linked) for (const d of deps.get(id) ?? []) g.setEdge(d, id);
  dagre.layout(g);
  for (const id of linked) {
    const n = g.node(id) as { x?: number; y?: number } | undefined;
    nodes.set(id, { x: n?.x ?? 0, y: n?.y ?? 0 });
  }
  for (const e of g.edges()) {
    const label = g.edge(e) as { points?: TaskLayoutPoint[] } | undefined;
    edges.push({ from: e.v, to: e.w, points: label?.points ?? [] });
  }
  const graph = g.graph() as { width?: number; height?: number };
  return { width: graph.width ?? 0, bottom: graph.height ?? 0 };
}
