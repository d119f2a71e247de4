/**
 * A sweep: the same configuration simulated for every team size n = 1..N and several seeds,
 * so speedup can be plotted against n next to the Amdahl curve. The spec is plain data and the
 * function takes everything else as arguments, so the sweep can move into a worker unchanged.
 */
import type { TestRunner } from '../core/harness/types';
import { computeRunMetrics, type RunMetrics } from '../core/metrics/runMetrics';
import { simulateRun } from '../core/sim/simulate';
import { pageTestRunner } from './state/pageTestRunner';
import { simOptions, type SimKnobs } from './run/runOptions';

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
export function sweepSeeds(base: number, count: number): number[] {
  return Array.from({ length: count }, (_, i) => base + i);
}

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
