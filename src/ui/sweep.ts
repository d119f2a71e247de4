/**
 * The page's sweep runs the page's configuration for every team size n = 1..N and several seeds.
 * It is a grid sweep like any other (core/sweep/grid: one suite, one structure), run by
 * runSweepCells: on the page's pool of sweep workers, so the page stays smooth, each finished run
 * saved as its recipe; in this thread where there are no workers (unit tests) or when a test
 * runner or a simulate function is given.
 */
import type { TestRunner } from '../core/harness/types';
import type { RunMetrics } from '../core/metrics/runMetrics';
import type { simulateRun } from '../core/sim/simulate';
import { expandGrid, type SweepSpec } from '../core/sweep/grid';
import { runSweepCells, type SweepResult } from '../core/sweep/runCells';
import { pageSweepClient } from '../runtime/sweepPool';
import { pageTestRunner } from './state/pageTestRunner';
import { saveSweepResults } from './lab/saveSweep';

export interface PageSweepDeps {
  testRunner?: TestRunner;
  simulate?: typeof simulateRun;
  /** Lets the page draw between runs; the default yields one macrotask. */
  yieldToPage?: () => Promise<void>;
}

const macrotask = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

/**
 * Runs n = 1 first (every speedup needs it), then larger teams. Resolves with the metrics of the
 * runs finished; a cancelled sweep resolves with what it had, it does not throw.
 */
export async function runSweep(
  spec: SweepSpec,
  onResult: (r: SweepResult, done: number, total: number) => void,
  signal?: AbortSignal,
  deps: PageSweepDeps = {},
): Promise<RunMetrics[]> {
  const cells = expandGrid(spec);
  const total = cells.length;
  const out: RunMetrics[] = [];
  const take = (r: SweepResult): void => {
    out.push(r.metrics);
    onResult(r, out.length, total);
  };
  const inThread = deps.testRunner !== undefined || deps.simulate !== undefined || typeof Worker === 'undefined';
  if (inThread) {
    await runSweepCells(cells, {
      testRunner: deps.testRunner ?? pageTestRunner(),
      ...(deps.simulate ? { simulate: deps.simulate } : {}),
      ...(signal ? { signal } : {}),
      onResult: take,
      between: deps.yieldToPage ?? macrotask,
    });
    return out;
  }
  const sweepId = `sweep-${Date.now().toString(36)}`;
  await pageSweepClient().run(cells, {
    ...(signal ? { signal } : {}),
    onResults: (results) => {
      void saveSweepResults(results, sweepId, `n = 1..${Math.max(...spec.ns)}`);
      for (const r of results) {
        if (signal?.aborted) return;
        take(r);
      }
    },
  });
  return out;
}
