/**
 * The sentence a learner reads after a run: the speedup over one agent next to the Amdahl bound.
 * Numbers come from the metrics module; this only pairs a run with its baseline.
 */
import { speedupTable } from '../../core/metrics/aggregate';
import { computeRunMetrics, type RunMetrics } from '../../core/metrics/runMetrics';
import type { TraceEvent } from '../../core/trace/events';

export interface SpeedupSummary {
  speedup: number;
  amdahlBound: number;
  p: number;
  n: number;
  runWallMs: number;
  baselineWallMs: number;
  success: boolean;
  text: string;
}

function ended(events: readonly TraceEvent[]): boolean {
  return events.at(-1)?.type === 'run_end';
}

function oneDecimal(x: number): string {
  return `${(Math.round(x * 10) / 10).toFixed(1)}×`;
}

/**
 * null until both the run and its baseline have ended. The baseline's engine label is aligned
 * with the run's so the two are compared as one configuration (the caller chose the baseline).
 */
export function speedupSummary(run: readonly TraceEvent[], baseline: readonly TraceEvent[] | null): SpeedupSummary | null {
  if (!baseline || !ended(run) || !ended(baseline)) return null;
  const r = computeRunMetrics(run);
  const b: RunMetrics = { ...computeRunMetrics(baseline), engine: r.engine, structure: r.structure, mode: r.mode, suite: r.suite };
  if (b.n !== 1) return null;
  const rows = r.n === 1 ? speedupTable([r]) : speedupTable([b, r]);
  const row = rows.find((x) => x.n === r.n);
  if (!row || row.speedup === null) return null;
  const p = Math.round(row.p * 100) / 100;
  return {
    speedup: row.speedup,
    amdahlBound: row.amdahlBound,
    p,
    n: r.n,
    runWallMs: r.wallMs,
    baselineWallMs: b.wallMs,
    success: r.success,
    text: `speedup ${oneDecimal(row.speedup)}, Amdahl bound ${oneDecimal(row.amdahlBound)} for p = ${p} at n = ${r.n}`,
  };
}
