/**
 * From the page's knobs to what a run needs: the suite, the simulated team's options, the
 * RunConfig and the engine each worker hosts. One place, so the run, its n = 1 baseline and a
 * sweep are built the same way.
 */
import type { TestRunner } from '../../core/harness/types';
import { simConfig, type SimRunOptions } from '../../core/sim/simulate';
import type { RunConfig } from '../../core/trace/events';
import { findSuite } from '../../core/workload/suites';
import type { Suite } from '../../core/workload/types';
import type { EngineSpec } from '../../engines/spec';
import type { PageState } from '../state/hashState';
import { endpointKey } from '../state/endpointKeys';
import type { FaultSchedule } from '../../core/faults/schedule';
import { scheduleFromText } from '../../core/faults/text';

import { STRAGGLER_FACTOR, WORKER_SIM_TIME_SCALE } from './runConstants';

export { STRAGGLER_FACTOR, WORKER_SIM_TIME_SCALE };

export type SimKnobs = Pick<PageState, 'family' | 'p' | 'n' | 'structure' | 'mode' | 'seed' | 'preset' | 'errorRate' | 'decodeTps' | 'prefillTps' | 'locks' | 'straggler'> &
  Partial<Pick<PageState, 'faults' | 'recovery'>>;

/** The page's fault schedule, if it has one (the hash reader has checked both texts). */
export function faultsFor(s: Partial<Pick<PageState, 'faults' | 'recovery'>>): FaultSchedule | undefined {
  try {
    return scheduleFromText(s.faults ?? '', s.recovery ?? 'none');
  } catch {
    return undefined;
  }
}

export function suiteFor(s: Pick<PageState, 'family' | 'p'>): Suite {
  const suite = findSuite(s.family, s.p);
  if (!suite) throw new Error(`there is no built-in ${s.family} suite with p = ${s.p}`);
  return suite;
}

/**
 * The straggler is the last agent, so the one-agent baseline (dev1 alone) keeps its normal speed
 * and the speedup measures what one slow peer costs the team.
 */
export function stragglerFor(n: number, on: boolean): SimRunOptions['straggler'] {
  return on && n > 1 ? { index: n - 1, factor: STRAGGLER_FACTOR } : undefined;
}

export function simOptions(s: SimKnobs, testRunner: TestRunner, suite: Suite = suiteFor(s)): SimRunOptions {
  // Only the laptop preset's rates are the learner's to edit; the hosted presets are calibrated.
  const rates = s.preset === 'laptop' ? { decodeTps: s.decodeTps, prefillTps: s.prefillTps } : {};
  return {
    suite,
    structure: s.structure,
    n: s.n,
    mode: s.mode,
    seed: s.seed,
    preset: s.preset,
    errorRate: s.errorRate,
    ...rates,
    straggler: stragglerFor(s.n, s.straggler),
    locks: s.locks,
    testRunner,
    ...(faultsFor(s) ? { faults: faultsFor(s) } : {}),
  };
}

/** The same configuration with one agent: what the speedup is measured against. */
export function baselineOptions(o: SimRunOptions): SimRunOptions {
  // The speedup's baseline is the fault-free solo run.
  const { straggler: _straggler, speeds: _speeds, onEvent: _onEvent, pace: _pace, signal: _signal, faults: _faults, ...rest } = o;
  return { ...rest, n: 1 };
}

/**
 * Agents dev1..devK on an OpenAI-compatible endpoint and the rest simulated in workers or on
 * WebLLM (one fast hosted model beside small local ones), on the
 * wall clock (a real engine takes real time). The key is looked up now and travels only in the
 * engine spec to the worker; the run's config records the endpoint without credentials.
 */
function endpointPlan(s: PageState, suite: Suite, config: RunConfig, speeds: number[], opts: SimRunOptions, webllm: { model: string; baseUrl?: string } | null): WorkerPlan {
  if (s.endpointUrl === '' || s.endpointModel === '') throw new Error('Choose the endpoint\'s base URL and model in the endpoint panel first.');
  const k = s.endpointAgents === 0 || s.endpointAgents >= s.n ? s.n : s.endpointAgents;
  const apiKey = endpointKey(s.endpointUrl);
  const local = s.endpointRest === 'webllm' ? webllm : null;
  const rest = local ? `webllm:${local.model}` : `sim:${s.preset}`;
  config.engine = k === s.n ? `endpoint:${s.endpointModel}` : `mixed:${k}x${s.endpointModel}+${rest}`;
  config.extra = { ...config.extra, endpoint: s.endpointUrl, model: s.endpointModel, endpointAgents: k };
  return {
    suite,
    config,
    timeScale: 1,
    engineFor: (_id, i) =>
      i < k || i >= s.n
        ? { kind: 'endpoint', baseUrl: s.endpointUrl, model: s.endpointModel, ...(apiKey ? { apiKey } : {}) }
        : local
          ? { kind: 'webllm', model: local.model, ...(local.baseUrl ? { baseUrl: local.baseUrl } : {}) }
          : simSpec(s, suite, config, speeds, opts, i),
  };
}

/** A simulated agent's engine in a worker. The leader (index n) has no entry in the team's
 * speeds: it runs at normal speed. */
function simSpec(s: PageState, suite: Suite, config: RunConfig, speeds: number[], opts: SimRunOptions, i: number): EngineSpec {
  return {
    kind: 'sim',
    preset: s.preset,
    seed: config.seed,
    speed: speeds[i] ?? 1,
    errorRate: s.errorRate,
    suiteId: suite.id,
    ...(opts.decodeTps ? { decodeTps: opts.decodeTps } : {}),
    ...(opts.prefillTps ? { prefillTps: opts.prefillTps } : {}),
  };
}

const NO_TESTS: TestRunner = { run: () => Promise.reject(new Error('worker runs test in the board worker')) };

export interface WorkerPlan {
  suite: Suite;
  config: RunConfig;
  timeScale: number;
  engineFor: (id: string, i: number) => EngineSpec;
}

/** A team placed in workers: simulated engines (scaled wall clock) or WebLLM (real time). */
export function workerPlan(s: PageState, webllm: { model: string; baseUrl?: string } | null): WorkerPlan {
  const suite = suiteFor(s);
  const opts = simOptions(s, NO_TESTS, suite);
  const config = simConfig(opts);
  const speeds = (config.extra?.speeds as number[] | undefined) ?? [];
  if (s.engine === 'endpoint') return endpointPlan(s, suite, config, speeds, opts, webllm);
  if (webllm) {
    config.engine = `webllm:${webllm.model}`;
    config.extra = { model: webllm.model };
    return {
      suite,
      config,
      timeScale: 1,
      engineFor: () => ({ kind: 'webllm', model: webllm.model, ...(webllm.baseUrl ? { baseUrl: webllm.baseUrl } : {}) }),
    };
  }
  return {
    suite,
    config,
    timeScale: WORKER_SIM_TIME_SCALE,
    engineFor: (_id, i) => simSpec(s, suite, config, speeds, opts, i),
  };
}
