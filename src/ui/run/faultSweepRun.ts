/**
 * A sweep over one fault parameter, run in this tab: the page's team at every value of {x}, a
 * few seeds each, plus the one-agent runs speedup needs. Loaded on first use with the simulated
 * team (it is the same code a run uses). Cells run one after another; `onProgress` says how far.
 */
import { computeFaultMetrics } from '../../core/metrics/faults';
import { faultSweepRows, type FaultSweepResult, type FaultSweepRow } from '../../core/metrics/faultSweep';
import { computeRunMetrics } from '../../core/metrics/runMetrics';
import { simulateRun } from '../../core/sim/simulate';
import { expandGrid } from '../../core/sweep/grid';
import { cellOptions } from '../../core/sweep/recipeRun';
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
  for (const [i, cell] of cells.entries()) {
    if (r.signal?.aborted) break;
    const events = await simulateRun({ ...cellOptions(cell, pageTestRunner()), signal: r.signal });
    results.push({ x: cell.faultParam ?? 0, run: computeRunMetrics(events), faults: computeFaultMetrics(events) });
    r.onProgress?.(i + 1, cells.length);
  }
  return faultSweepRows(results).filter((row) => row.n === s.n);
}
