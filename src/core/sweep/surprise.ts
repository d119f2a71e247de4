/**
 * Which run of a sweep deserves a replay: the one that fell furthest below its Amdahl bound.
 * Each run is measured against the mean wall time of its configuration's one-agent runs, the
 * baseline speedupTable picks, so a single unlucky seed stands out instead of being averaged.
 */
import { configKey, speedupTable } from '../metrics/aggregate';
import type { RunMetrics } from '../metrics/runMetrics';

export interface RunSpeedup {
  /** Index into the runs given. */
  index: number;
  /** null when the configuration has no one-agent baseline among the runs. */
  speedup: number | null;
  amdahlBound: number;
  /** Amdahl bound minus speedup: how much of what the task graph allows was lost. */
  gapBelowAmdahl: number | null;
}

export function runSpeedups(runs: readonly RunMetrics[]): RunSpeedup[] {
  const rows = new Map(speedupTable(runs).map((r) => [configKey(r), r]));
  return runs.map((run, index) => {
    const base = rows.get(configKey(run))?.baseline;
    const speedup = base && run.wallMs > 0 ? base.meanWallMs / run.wallMs : null;
    return { index, speedup, amdahlBound: run.amdahlBound, gapBelowAmdahl: speedup === null ? null : run.amdahlBound - speedup };
  });
}

/** The team run (n > 1) with the largest gap below its Amdahl bound; null if there is none. */
export function mostSurprising(runs: readonly RunMetrics[]): RunSpeedup | null {
  let best: RunSpeedup | null = null;
  for (const s of runSpeedups(runs)) {
    if ((runs[s.index] as RunMetrics).n < 2 || s.gapBelowAmdahl === null) continue;
    if (!best || s.gapBelowAmdahl > (best.gapBelowAmdahl as number)) best = s;
  }
  return best;
}
