/**
 * Running a sweep's cells one after another on the virtual clock. The same loop serves the
 * sweep worker, the command line and the benchmark; only the test runner and the pause between
 * runs (a worker yields there so a cancel can arrive) differ.
 */
import type { TestRunner } from '../harness/types';
import { computeRunMetrics, type RunMetrics } from '../metrics/runMetrics';
import { simulateRun } from '../sim/simulate';
import type { TraceEvent } from '../trace/events';
import type { Suite } from '../workload/types';
import type { SweepCell } from './grid';
import { cellOptions } from './recipeRun';

export interface SweepResult {
  cell: SweepCell;
  metrics: RunMetrics;
  /** The run's trace, when the caller asked to keep it. */
  events?: TraceEvent[];
}

export interface SweepFailure {
  cell: SweepCell;
  error: string;
}

export interface SweepDeps {
  testRunner: TestRunner;
  onResult: (result: SweepResult, done: number, total: number) => void;
  onFailure?: (failure: SweepFailure, done: number, total: number) => void;
  signal?: AbortSignal;
  /** Keep every trace (true), none (false, the default) or those a predicate picks. */
  keepEvents?: boolean | ((cell: SweepCell, metrics: RunMetrics) => boolean);
  /** Awaited after every run. */
  between?: () => Promise<void>;
  /** Stand-in for simulateRun, for tests. */
  simulate?: typeof simulateRun;
  /** The suite every cell runs, instead of the built-in one its cell names (an imported suite). */
  suite?: Suite;
}

export interface SweepSummary {
  total: number;
  /** Runs finished, failed ones included. */
  done: number;
  cancelled: boolean;
  failures: SweepFailure[];
}

export async function runSweepCells(cells: readonly SweepCell[], deps: SweepDeps): Promise<SweepSummary> {
  const simulate = deps.simulate ?? simulateRun;
  const total = cells.length;
  const failures: SweepFailure[] = [];
  let done = 0;
  for (const cell of cells) {
    if (deps.signal?.aborted) break;
    let events: TraceEvent[];
    try {
      events = await simulate({ ...cellOptions(cell, deps.testRunner, deps.suite), ...(deps.signal ? { signal: deps.signal } : {}) });
    } catch (err) {
      done++;
      const failure = { cell, error: err instanceof Error ? err.message : String(err) };
      failures.push(failure);
      deps.onFailure?.(failure, done, total);
      if (deps.between) await deps.between();
      continue;
    }
    // A run cut short by the cancel is not a result of this configuration.
    if (deps.signal?.aborted) break;
    done++;
    const metrics = computeRunMetrics(events);
    const keep = typeof deps.keepEvents === 'function' ? deps.keepEvents(cell, metrics) : deps.keepEvents === true;
    deps.onResult(keep ? { cell, metrics, events } : { cell, metrics }, done, total);
    if (deps.between) await deps.between();
  }
  return { total, done, cancelled: deps.signal?.aborted === true && done < total, failures };
}
