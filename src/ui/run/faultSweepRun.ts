/**
 * A sweep over one fault parameter, run in this tab: the page's team at every value of {x}, a
 * few seeds each, plus the one-agent runs speedup needs. Loaded on first use with the simulated
 * team (it is the same code a run uses). Cells run one after another through runSweepCells;
 * `onProgress` says how far.
 */
import { computeFaultMetrics } from '../../core/metrics/faults';
import { faultSweepRows, type FaultSweepResult, type FaultSweepRow } from '../../core/metrics/faultSweep';
import { expandGrid } from '../../core/sweep/grid';
import { runSweepCells } from '../../core/sweep/runCells';
import type { PageState } from '../state/hashState';
import { pageTestRunner } from '../state/pageTestRunner';

export interface FaultSweepRequest {
  state: PageState;
  template: string;
  values: number[];
  seeds: number;
  signal?: AbortSignal;
  onProgress?: (done: number, total: number) => void;
}

/** Throws SweepGridError with a readable message for a bad template or value. */
export async function runFaultSweep(r: FaultSweepRequest): Promise<FaultSweepRow[]> {
  const s = r.state;
  const cells = expandGrid({
    families: [s.family],
    ps: [s.p],
    structures: [s.structure],
    ns: [s.n],
    seeds: Array.from({ length: r.seeds }, (_, i) => s.seed + i),
    mode: s.mode,
    preset: s.preset,
    errorRate: s.errorRate,
    locks: s.locks,
    straggler: s.straggler,
    ...(s.faults ? { faults: s.faults } : {}),
    ...(s.recovery !== 'none' ? { recovery: s.recovery } : {}),
    faultAxis: { template: r.template, values: r.values },
  });
  const results: FaultSweepResult[] = [];
  // The one sweep loop (core/sweep/runCells.ts): a run cut short by Stop is not a result, a run
  // that throws is counted and skipped, and the page gets a macrotask between runs to draw and
  // to hear Stop.
  await runSweepCells(cells, {
    testRunner: pageTestRunner(),
    ...(r.signal ? { signal: r.signal } : {}),
    keepEvents: true,
    onResult: (res, done, total) => {
      results.push({ x: res.cell.faultParam ?? 0, run: res.metrics, faults: computeFaultMetrics(res.events ?? []) });
      r.onProgress?.(done, total);
    },
    onFailure: (_f, done, total) => r.onProgress?.(done, total),
    between: () => new Promise<void>((resolve) => setTimeout(resolve, 0)),
  });
  return faultSweepRows(results).filter((row) => row.n === s.n);
}
