/**
 * The configuration a simulated run records, and its agents' seeded speeds: cheap to compute,
 * with no engine, team or suite code, so the page can describe runs without loading them.
 */
import { createRng, seedFor } from '../random';
import { isInert } from '../faults/schedule';
import { formatFaults, formatRecovery } from '../faults/text';
import type { RunConfig, Structure } from '../trace/events';
import type { Suite } from '../workload/types';
import { simPreset } from './presets';
import type { SimRunOptions } from './simulate';

export function agentSpeeds(n: number, seed: number, straggler?: { index: number; factor: number }): number[] {
  const rng = createRng(seedFor(seed, 'speeds'));
  const speeds = Array.from({ length: n }, () => Math.exp(0.1 * rng.normal()));
  if (straggler && straggler.index >= 0 && straggler.index < n) speeds[straggler.index] *= straggler.factor;
  return speeds.map((s) => Math.round(s * 1000) / 1000);
}

/** Only the suite's id matters here, so a run's configuration can be known without its suite. */
export function simConfig(o: Omit<SimRunOptions, 'suite' | 'testRunner'> & Partial<Pick<SimRunOptions, 'testRunner'>> & { suite: Pick<Suite, 'id'> }): RunConfig {
  const structure: Structure = o.n === 1 && o.structure !== 'leader' ? (o.structure === 'preassign' ? 'preassign' : o.structure) : o.structure;
  return {
    suite: o.suite.id,
    structure,
    n: o.n,
    mode: o.mode ?? 'sync',
    seed: o.seed ?? 1,
    engine: `sim:${o.preset ?? 'laptop'}`,
    maxRounds: o.maxRounds ?? 100,
    maxTimeMs: o.maxTimeMs ?? 0,
    locks: o.locks ?? true,
    extra: {
      errorRate: o.errorRate ?? simPreset(o.preset ?? 'laptop').errorRate,
      speeds: o.speeds ?? agentSpeeds(o.n, o.seed ?? 1, o.straggler),
      ...(o.prefillTps ? { prefillTps: o.prefillTps } : {}),
      ...(o.decodeTps ? { decodeTps: o.decodeTps } : {}),
      // The schedule, in its text form, so a saved run says what was done to it.
      ...(o.faults && !isInert(o.faults)
        ? { faults: formatFaults(o.faults.faults), recovery: formatRecovery(o.faults.recovery), ...(o.faults.seed !== undefined ? { faultSeed: o.faults.seed } : {}) }
        : {}),
    },
  };
}

