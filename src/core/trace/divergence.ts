/**
 * Where two runs part ways. A fork is simulated again from the start with the same seed, so its
 * trace matches its parent's for as long as the change made no difference; the first event that
 * differs is the honest fork point (it can come before or after the time the learner forked at).
 */
import type { TraceEvent } from './events';

function comparable(e: TraceEvent): string {
  // The configuration is what the fork changed; what happened is what matters.
  if (e.type === 'run_start') return JSON.stringify({ ...e, config: null });
  return JSON.stringify(e);
}

/** Time of the first event that differs, or null when the traces are the same event for event. */
export function divergenceTime(a: readonly TraceEvent[], b: readonly TraceEvent[]): number | null {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a[i] as TraceEvent;
    const y = b[i] as TraceEvent;
    if (comparable(x) !== comparable(y)) return Math.min(x.t, y.t);
  }
  if (a.length === b.length) return null;
  const next = a.length > n ? a[n] : b[n];
  return next ? next.t : null;
}
