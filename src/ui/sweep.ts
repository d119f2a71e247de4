/**
 * A sweep: the same configuration simulated for every team size n = 1..N and several seeds,
 * so speedup can be plotted against n next to the Amdahl curve. On the page the runs happen in
 * the sweep worker (src/workers/sweep.worker.ts), so the page stays smooth; each finished run is
 * saved (as its recipe: a simulated run is the same trace when run again). Given a test runner
 * or a simulate function, or where there are no workers (unit tests), it runs in this thread.
 */
import type { TestRunner } from '../core/harness/types';
import { computeRunMetrics, type RunMetrics } from '../core/metrics/runMetrics';
import { simulateRun } from '../core/sim/simulate';
import { cellKey, type SweepCell } from '../core/sweep/grid';
import { pageSweepClient } from '../runtime/sweepClient';
import { pageTestRunner } from './state/pageTestRunner';
import { simOptions, suiteFor, type SimKnobs } from './run/runOptions';
import { saveSweepResults } from './lab/saveSweep';

export interface SweepSpec extends Omit<SimKnobs, 'n' | 'seed'> {
  /** Largest team: n runs over 1..nMax. */
  nMax: number;
  /** One run per seed for every n. */
  seeds: number[];
}

export interface SweepResult {
  n: number;
  seed: number;
  metrics: RunMetrics;
  /** Runs finished so far, this one included, and runs in the sweep. */
  done: number;
  total: number;
}

export interface SweepDeps {
  testRunner?: TestRunner;
  simulate?: typeof simulateRun;
  /** Lets the page draw between runs; the default yields one macrotask. */
  yieldToPage?: () => Promise<void>;
}

const macrotask = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

/** Seeds base, base + 1, ... so a sweep is reproducible from the page's seed. */
export { sweepSeeds } from './run/sweepController.svelte';

/**
 * Runs n = 1 first (every speedup needs it), then larger teams. Resolves with the metrics of the
 * runs finished; a cancelled sweep resolves with what it had, it does not throw.
 */
export async function runSweep(
  spec: SweepSpec,
  onResult: (r: SweepResult) => void,
  signal?: AbortSignal,
  deps: SweepDeps = {},
): Promise<RunMetrics[]> {
  const inThread = deps.testRunner !== undefined || deps.simulate !== undefined || typeof Worker === 'undefined';
  return inThread ? runSweepHere(spec, onResult, signal, deps) : runSweepInWorker(spec, onResult, signal);
}

/** The sweep's runs as cells, n = 1 first, with the same options simOptions gives a run. */
export function sweepCells(spec: SweepSpec): SweepCell[] {
  const { nMax, seeds, ...knobs } = spec;
  const suite = suiteFor(knobs);
  const cells: SweepCell[] = [];
  for (let n = 1; n <= nMax; n++) {
    for (const seed of seeds) {
      const o = simOptions({ ...knobs, n, seed }, NO_RUNNER, suite);
      const cell: Omit<SweepCell, 'key'> = {
        suite: suite.id,
        family: suite.family,
        p: suite.p,
        structure: o.structure,
        n,
        seed,
        mode: o.mode ?? 'sync',
        preset: o.preset ?? 'laptop',
        locks: o.locks ?? true,
        straggler: o.straggler !== undefined,
        ...(o.errorRate !== undefined ? { errorRate: o.errorRate } : {}),
        ...(o.prefillTps !== undefined ? { prefillTps: o.prefillTps } : {}),
        ...(o.decodeTps !== undefined ? { decodeTps: o.decodeTps } : {}),
      };
      cells.push({ ...cell, key: cellKey(cell) });
    }
  }
  return cells;
}

const NO_RUNNER: TestRunner = { run: () => Promise.reject(new Error('cells carry no test runner')) };

async function runSweepInWorker(spec: SweepSpec, onResult: (r: SweepResult) => void, signal?: AbortSignal): Promise<RunMetrics[]> {
  const cells = sweepCells(spec);
  const total = cells.length;
  const out: RunMetrics[] = [];
  const sweepId = `sweep-${Date.now().toString(36)}`;
  await pageSweepClient().run(cells, {
    ...(signal ? { signal } : {}),
    onResults: (results) => {
      void saveSweepResults(results, sweepId, `n = 1..${spec.nMax}`);
      for (const r of results) {
        if (signal?.aborted) return;
        out.push(r.metrics);
        onResult({ n: r.cell.n, seed: r.cell.seed, metrics: r.metrics, done: out.length, total });
      }
    },
  });
  return out;
}

async function runSweepHere(spec: SweepSpec, onResult: (r: SweepResult) => void, signal: AbortSignal | undefined, deps: SweepDeps): Promise<RunMetrics[]> {
  const runner = deps.testRunner ?? pageTestRunner();
  const simulate = deps.simulate ?? simulateRun;
  const pause = deps.yieldToPage ?? macrotask;
  const { nMax, seeds, ...knobs } = spec;
  const total = nMax * seeds.length;
  const out: RunMetrics[] = [];
  for (let n = 1; n <= nMax; n++) {
    for (const seed of seeds) {
      if (signal?.aborted) return out;
      const events = await simulate({ ...simOptions({ ...knobs, n, seed }, runner), signal });
      // A run cut short by Cancel is not a sample of this configuration.
      if (signal?.aborted) return out;
      const metrics = computeRunMetrics(events);
      out.push(metrics);
      onResult({ n, seed, metrics, done: out.length, total });
      await pause();
    }
  }
  return out;
}
