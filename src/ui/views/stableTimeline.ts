/**
 * A live run rebuilds the timeline model every batch, and a fresh object for every step, wait,
 * arrow and marker made Svelte redraw all of them each time (hundreds of elements for a few new
 * ones). Keeping the previous object wherever nothing in it changed lets each keyed block skip
 * the items that are the same, so a batch costs what it adds.
 */
import type { TimelineModel } from '../../core/trace/timelineModel';

/** Same own keys with identical values; arrays (a step's errors) compare item by item. */
export function sameShallow(a: object, b: object): boolean {
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  for (const k of ka) {
    const x = ra[k];
    const y = rb[k];
    if (x === y) continue;
    if (Array.isArray(x) && Array.isArray(y) && x.length === y.length && x.every((v, i) => v === y[i])) continue;
    return false;
  }
  return true;
}

/** `next`, with each item that equals the one at its index in `prev` replaced by that one; `prev` itself when nothing changed. */
export function reuseUnchanged<T extends object>(prev: T[] | undefined, next: T[]): T[] {
  if (!prev) return next;
  let changed = prev.length !== next.length;
  const out = next.map((item, i) => {
    const old = prev[i];
    if (old !== undefined && (old === item || sameShallow(old, item))) return old;
    changed = true;
    return item;
  });
  return changed ? out : prev;
}

/** The new model with every unchanged part (and list item) of the previous one kept. */
export function stableTimeline(prev: TimelineModel | undefined, next: TimelineModel): TimelineModel {
  if (!prev) return next;
  return {
    agents: reuseUnchanged(prev.agents, next.agents),
    steps: reuseUnchanged(prev.steps, next.steps),
    states: reuseUnchanged(prev.states, next.states),
    markers: reuseUnchanged(prev.markers, next.markers),
    arrows: reuseUnchanged(prev.arrows, next.arrows),
    rounds: reuseUnchanged(prev.rounds, next.rounds),
    endT: next.endT,
  };
}

/** Items per block of a long list (see blocksOf). */
export const BLOCK = 64;

/**
 * A long list cut into blocks by position (the model's lists only grow at the end), each
 * filtered by `keep`. A block whose items are the very objects of last time is last time's
 * array, so a keyed block in the view is skipped without looking at its items: a batch touches
 * the last block or two, not the whole run.
 */
export function blocksOf<T>(prev: readonly T[][] | undefined, items: readonly T[], keep: (item: T) => boolean, size = BLOCK): T[][] {
  const out: T[][] = [];
  for (let start = 0; start < items.length; start += size) {
    const block = items.slice(start, start + size).filter(keep);
    const old = prev?.[out.length];
    out.push(old && old.length === block.length && old.every((v, i) => v === block[i]) ? old : block);
  }
  return out;
}
