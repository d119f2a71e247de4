/**
 * Where the team graph puts its nodes, by structure: a star around the board (single,
 * preassign), a star around the leader (leader), or a ring of peers with the board in the
 * middle (decentralized). Pure geometry, so it is tested without a DOM.
 */
import type { AgentInfo, Structure } from '../../core/trace/events';

export const BOARD_NODE = '__board__';

export interface Point {
  x: number;
  y: number;
}

export interface TeamLayout {
  width: number;
  height: number;
  nodes: Map<string, Point>;
  /** The node at the centre of the star, which relays messages sent over a hub channel. */
  hub: string;
  /** Lines drawn between nodes: the structure's channels. */
  channels: [string, string][];
  /** Agent ids in drawing order. */
  agents: string[];
}

function ring(ids: string[], cx: number, cy: number, r: number, into: Map<string, Point>): void {
  ids.forEach((id, i) => {
    // First agent at the top, then clockwise: reading order on a projected screen.
    const a = -Math.PI / 2 + (2 * Math.PI * i) / Math.max(1, ids.length);
    into.set(id, { x: cx + r * Math.cos(a), y: cy + r * Math.sin(a) });
  });
}

export function layoutTeam(structure: Structure, agents: readonly AgentInfo[], width = 640, height = 500): TeamLayout {
  // Labels hang below each node, so the ring sits a little high and leaves room at the bottom.
  const cx = width / 2;
  const cy = height / 2 - 12;
  const r = Math.min(width, height) / 2 - 78;
  const nodes = new Map<string, Point>();
  const channels: [string, string][] = [];
  const leader = agents.find((a) => a.role === 'leader');
  const ids = agents.map((a) => a.id);

  if (structure === 'leader' && leader) {
    const workers = ids.filter((id) => id !== leader.id);
    nodes.set(leader.id, { x: cx, y: cy });
    ring(workers, cx, cy, r, nodes);
    // The board sits in a corner: the leader is the one who manages it.
    nodes.set(BOARD_NODE, { x: 70, y: 40 });
    for (const w of workers) channels.push([leader.id, w]);
    channels.push([leader.id, BOARD_NODE]);
    return { width, height, nodes, hub: leader.id, channels, agents: [leader.id, ...workers] };
  }

  nodes.set(BOARD_NODE, { x: cx, y: cy });
  ring(ids, cx, cy, r, nodes);
  for (const id of ids) channels.push([id, BOARD_NODE]);
  if (structure === 'decentralized') {
    // Peers talk to each other directly: every pair is a channel.
    for (let i = 0; i < ids.length; i++) for (let j = i + 1; j < ids.length; j++) channels.push([ids[i] as string, ids[j] as string]);
  }
  return { width, height, nodes, hub: BOARD_NODE, channels, agents: ids };
}

/** The path a message takes: straight, or through the hub when its channel is a hub channel. */
export function messagePath(layout: TeamLayout, from: string, to: string, channel: string): Point[] {
  const a = layout.nodes.get(from);
  const b = layout.nodes.get(to);
  if (!a || !b) return [];
  const hub = layout.nodes.get(layout.hub);
  const viaHub = channel.includes('~hub~') && hub && from !== layout.hub && to !== layout.hub;
  return viaHub ? [a, hub, b] : [a, b];
}

/** The point a fraction `progress` of the way along a polyline. */
export function pointAlong(path: readonly Point[], progress: number): Point | undefined {
  if (path.length === 0) return undefined;
  if (path.length === 1) return path[0];
  const lengths: number[] = [];
  let total = 0;
  for (let i = 1; i < path.length; i++) {
    const p = path[i - 1] as Point;
    const q = path[i] as Point;
    const len = Math.hypot(q.x - p.x, q.y - p.y);
    lengths.push(len);
    total += len;
  }
  let left = Math.max(0, Math.min(1, progress)) * total;
  for (let i = 0; i < lengths.length; i++) {
    const len = lengths[i] as number;
    const p = path[i] as Point;
    const q = path[i + 1] as Point;
    if (left <= len || i === lengths.length - 1) {
      const f = len === 0 ? 1 : Math.min(1, left / len);
      return { x: p.x + (q.x - p.x) * f, y: p.y + (q.y - p.y) * f };
    }
    left -= len;
  }
  return path[path.length - 1];
}

/** Pulls a point towards a centre, so a line ends at a node's rim rather than its middle. */
export function shorten(from: Point, to: Point, by: number): Point {
  const d = Math.hypot(to.x - from.x, to.y - from.y);
  if (d <= by) return from;
  return { x: to.x - ((to.x - from.x) / d) * by, y: to.y - ((to.y - from.y) / d) * by };
}
