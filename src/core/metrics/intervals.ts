/** Time intervals on one agent's timeline, used to turn events into shares of wall time. */

export interface Interval {
  start: number;
  end: number;
}

/** Length of the union of `intervals`, clipped to [lo, hi]. Overlaps count once. */
export function unionLength(intervals: readonly Interval[], lo: number, hi: number): number {
  const clipped = intervals
    .map((iv) => ({ start: Math.max(lo, iv.start), end: Math.min(hi, iv.end) }))
    .filter((iv) => iv.end > iv.start)
    .sort((a, b) => a.start - b.start);
  let total = 0;
  let curStart = Number.NaN;
  let curEnd = Number.NaN;
  for (const iv of clipped) {
    if (Number.isNaN(curStart) || iv.start > curEnd) {
      if (!Number.isNaN(curStart)) total += curEnd - curStart;
      curStart = iv.start;
      curEnd = iv.end;
    } else if (iv.end > curEnd) curEnd = iv.end;
  }
  if (!Number.isNaN(curStart)) total += curEnd - curStart;
  return total;
}

export interface LabelledInterval<L extends string> extends Interval {
  label: L;
}

/**
 * Splits [lo, hi] among labels: at every instant the covering interval whose label comes first
 * in `priority` wins, and instants no interval covers go to `rest`. The shares therefore add up
 * to hi - lo exactly, whatever overlaps the intervals have.
 */
export function paintTimeline<L extends string>(
  intervals: readonly LabelledInterval<L>[],
  priority: readonly L[],
  rest: L,
  lo: number,
  hi: number,
): Map<L, number> {
  const out = new Map<L, number>();
  for (const l of priority) out.set(l, 0);
  out.set(rest, out.get(rest) ?? 0);
  if (!(hi > lo)) return out;
  const rank = new Map<L, number>(priority.map((l, i) => [l, i]));
  const cuts = new Set<number>([lo, hi]);
  const live = intervals
    .map((iv) => ({ start: Math.max(lo, iv.start), end: Math.min(hi, iv.end), label: iv.label }))
    .filter((iv) => iv.end > iv.start);
  for (const iv of live) {
    cuts.add(iv.start);
    cuts.add(iv.end);
  }
  const points = [...cuts].sort((a, b) => a - b);
  for (let i = 0; i + 1 < points.length; i++) {
    const a = points[i] as number;
    const b = points[i + 1] as number;
    let best: L = rest;
    let bestRank = Number.POSITIVE_INFINITY;
    for (const iv of live) {
      if (iv.start <= a && iv.end >= b) {
        const r = rank.get(iv.label) ?? Number.POSITIVE_INFINITY;
        if (r < bestRank) {
          bestRank = r;
          best = iv.label;
        }
      }
    }
    out.set(best, (out.get(best) ?? 0) + (b - a));
  }
  return out;
}
