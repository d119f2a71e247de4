/** The part of a trace that had happened by time t. */
import type { TraceEvent } from './events';

/**
 * Number of leading events with `t` at or before the given time. Traces are written in time
 * order, so this is a binary search; the cut is always a prefix, never a filter, so the events
 * kept are exactly what a live view had seen.
 */
export function countUpTo(events: readonly TraceEvent[], t: number): number {
  let lo = 0;
  let hi = events.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((events[mid] as TraceEvent).t <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
