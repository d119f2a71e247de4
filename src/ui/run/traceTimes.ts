/** Where the playhead can step to: the times of events and of round starts, in order. */
import type { TraceEvent } from '../../core/trace/events';

export interface TraceTimes {
  /** Distinct event times, ascending. */
  events: number[];
  /** Round start times, ascending. */
  rounds: number[];
  end: number;
}

export function traceTimes(events: readonly TraceEvent[]): TraceTimes {
  const all = new Set<number>();
  const rounds: number[] = [];
  let end = 0;
  for (const e of events) {
    all.add(e.t);
    if (e.type === 'round_start') rounds.push(e.t);
    if (e.t > end) end = e.t;
  }
  return { events: [...all].sort((a, b) => a - b), rounds: rounds.sort((a, b) => a - b), end };
}

/** The first time in `sorted` after t, or undefined. */
export function nextAfter(sorted: readonly number[], t: number): number | undefined {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] as number) <= t) lo = mid + 1;
    else hi = mid;
  }
  return sorted[lo];
}

/** The last time in `sorted` before t, or undefined. */
export function previousBefore(sorted: readonly number[], t: number): number | undefined {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] as number) < t) lo = mid + 1;
    else hi = mid;
  }
  return lo > 0 ? sorted[lo - 1] : undefined;
}
