/**
 * Entry of bench-test.html: the in-browser benchmarks that `npm run bench` drives. Each returns
 * raw samples; bench/browser.ts turns them into figures, so nothing here judges a number.
 */
import * as Comlink from 'comlink';
import type { CostModel } from '../../../src/core/team/runTeam';
import { simConfig } from '../../../src/core/sim/simulate';
import type { Structure, TraceEvent } from '../../../src/core/trace/events';
import { findSuite } from '../../../src/core/workload/suites';
import { slotsFor, WorkerTeam } from '../../../src/runtime/workerTeam';
import type { AgentWorkerApi } from '../../../src/workers/agent.worker';
import type { EchoSetup } from './echo.worker';
import type { ProbeApi, ProbeHow } from './probe.worker';
import { expandGrid } from '../../../src/core/sweep/grid';
import { SweepClient, type SweepOutcome } from '../../../src/runtime/sweepClient';
import { poolSizeFor, SweepPool } from '../../../src/runtime/sweepPool';

export interface RttCase {
  how: ProbeHow;
  payloadBytes: number;
  /** One round trip each, in microseconds. */
  samplesUs: number[];
}

export interface RttResult {
  crossOriginIsolated: boolean;
  timerResolutionUs: number;
  cases: RttCase[];
}

export interface TeamOverheadRun {
  structure: Structure;
  seed: number;
  n: number;
  /** Page-side wall time of WorkerTeam.run, ms (engine init and channel wiring included). */
  pageMs: number;
  /** run_end.t: the board worker's step loop from first step to the end, real ms (timeScale 1). */
  loopMs: number;
  /** Sandbox test runs, measured by the board worker, ms. */
  testMs: number;
  /** Modelled model time on the critical path: per round, the slowest agent's totalMs. */
  modelledMs: number;
  steps: number;
  rounds: number;
  success: boolean;
  /** Per step: reply time minus step start minus modelled time, ms (RPC and agent-side work). */
  replyLagMs: number[];
}

export interface SweepRateRequest {
  structure: Structure;
  n: number;
  family: string;
  p: number;
  /** Runs in a fresh sweep worker: empty test cache, worker start included. */
  coldRuns: number;
  /** Runs that fill the cache before the timed sweep. */
  warmupRuns: number;
  /** Seconds of timed sweeps on the warm cache. */
  timedSeconds: number;
}

export interface PoolRateResult {
  /** The pool the page itself would use on this machine. */
  pageSize: number;
  cores: number;
  pools: { workers: number; runs: number; elapsedMs: number; runsPerSecond: number; identical: boolean }[];
}

export interface SweepRateResult {
  cold: SweepOutcome;
  warmup: SweepOutcome;
  timed: SweepOutcome;
}

declare global {
  interface Window {
    bench: {
      rtt(o: { calls: number; warmup: number }): Promise<RttResult>;
      teamOverhead(o: { structure: Structure; seed: number; n: number; family: string; p: number }): Promise<TeamOverheadRun>;
      sweepRate(o: SweepRateRequest): Promise<SweepRateResult>;
      poolRate(o: { sizes: number[]; seeds: number }): Promise<PoolRateResult>;
    };
  }
}

async function rtt(o: { calls: number; warmup: number }): Promise<RttResult> {
  const probeWorker = new Worker(new URL('./probe.worker.ts', import.meta.url), { type: 'module', name: 'bench probe' });
  const echoWorker = new Worker(new URL('./echo.worker.ts', import.meta.url), { type: 'module', name: 'bench echo' });
  const agentWorker = new Worker(new URL('../../../src/workers/agent.worker.ts', import.meta.url), { type: 'module', name: 'agent bench' });
  const probe = Comlink.wrap<ProbeApi>(probeWorker);
  const agent = Comlink.wrap<AgentWorkerApi>(agentWorker);
  try {
    const cases: RttCase[] = [];
    const run = async (how: ProbeHow, payloadBytes: number) => {
      const ch = new MessageChannel();
      if (how === 'comlink-agent-ping') {
        // The agent worker serves the coordination service on a port it is handed, as in a run.
        await agent.attachBoard(Comlink.transfer(ch.port1, [ch.port1]));
      } else {
        const setup: EchoSetup = { port: ch.port1, mode: how === 'raw' ? 'raw' : 'comlink' };
        echoWorker.postMessage(setup, [ch.port1]);
      }
      const samplesUs = await probe.measure(Comlink.transfer(ch.port2, [ch.port2]), { how, calls: o.calls, warmup: o.warmup, payloadBytes });
      cases.push({ how, payloadBytes, samplesUs });
    };
    await run('raw', 16);
    await run('comlink-echo', 16);
    await run('comlink-agent-ping', 0);
    // About the size of an observation going to an agent.
    await run('raw', 4096);
    await run('comlink-echo', 4096);
    return { crossOriginIsolated: self.crossOriginIsolated, timerResolutionUs: await probe.timerResolutionUs(), cases };
  } finally {
    probeWorker.terminate();
    echoWorker.terminate();
    agentWorker.terminate();
  }
}

// Modelled costs all zero: what is left of the run's time is coordination and tests.
const FREE: Partial<CostModel> = { lockHoldMs: 0, testBaseMs: 0, testPerCaseMs: 0 };
const INSTANT_TPS = 1e9;

let team: WorkerTeam | undefined;

async function teamOverhead(o: { structure: Structure; seed: number; n: number; family: string; p: number }): Promise<TeamOverheadRun> {
  const suite = findSuite(o.family, o.p);
  if (!suite) throw new Error(`no suite ${o.family} p = ${o.p}`);
  const config = simConfig({ suite, structure: o.structure, n: o.n, seed: o.seed, testRunner: { run: () => Promise.reject(new Error('unused')) } });
  config.engine = 'sim:instant';
  const speeds = (config.extra?.speeds as number[] | undefined) ?? [];
  team ??= new WorkerTeam();
  team.resize(
    slotsFor(config, (_id, i) => ({
      kind: 'sim',
      preset: 'laptop',
      seed: config.seed,
      speed: speeds[i] ?? 1,
      errorRate: 0.25,
      suiteId: suite.id,
      prefillTps: INSTANT_TPS,
      decodeTps: INSTANT_TPS,
    })),
  );
  const t0 = performance.now();
  const events: TraceEvent[] = await team.run({ suite, config, timeScale: 1, costs: FREE });
  const pageMs = performance.now() - t0;
  const end = events.at(-1);
  const starts = new Map<string, number>();
  const roundMax = new Map<number, number>();
  const replyLagMs: number[] = [];
  let testMs = 0;
  let steps = 0;
  for (const e of events) {
    if (e.type === 'step_start') starts.set(`${e.agent}#${e.step}`, e.t);
    else if (e.type === 'step_end') {
      steps++;
      roundMax.set(e.round, Math.max(roundMax.get(e.round) ?? 0, e.timings.totalMs));
      const s = starts.get(`${e.agent}#${e.step}`);
      if (s !== undefined) replyLagMs.push(e.t - s - e.timings.totalMs);
    } else if (e.type === 'test_run') testMs += e.durationMs;
  }
  return {
    structure: o.structure,
    seed: o.seed,
    n: o.n,
    pageMs,
    loopMs: end?.type === 'run_end' ? end.t : NaN,
    testMs,
    modelledMs: [...roundMax.values()].reduce((a, b) => a + b, 0),
    steps,
    rounds: end?.type === 'run_end' ? end.rounds : 0,
    success: end?.type === 'run_end' ? end.success : false,
    replyLagMs,
  };
}

/** Cells of one configuration at team size n, seeds first..first+count-1 (no n = 1 baselines). */
function cellsFor(o: SweepRateRequest, first: number, count: number) {
  const seeds = Array.from({ length: count }, (_, i) => first + i);
  const spec = { families: [o.family], ps: [o.p], structures: [o.structure], ns: [o.n], seeds, mode: 'sync' as const, preset: 'laptop', locks: true, straggler: false };
  return expandGrid(spec).filter((c) => c.n === o.n);
}

/**
 * Simulated runs a second in the page's sweep worker (src/workers/sweep.worker.ts), as the worker
 * reports them. The warm figure adds up sweeps of fresh seeds until `timedSeconds` have passed.
 */
async function sweepRate(o: SweepRateRequest): Promise<SweepRateResult> {
  const cold = new SweepClient();
  const warm = new SweepClient();
  try {
    const coldOutcome = await cold.run(cellsFor(o, 1, o.coldRuns));
    const warmup = await warm.run(cellsFor(o, 1, o.warmupRuns));
    let next = 1 + o.warmupRuns;
    let done = 0;
    let elapsedMs = 0;
    let last = warmup;
    const failures: SweepOutcome['failures'] = [];
    while (elapsedMs < o.timedSeconds * 1000) {
      const count = 16;
      last = await warm.run(cellsFor(o, next, count));
      next += count;
      done += last.done;
      elapsedMs += last.elapsedMs;
      failures.push(...last.failures);
    }
    const timed: SweepOutcome = { ...last, total: done, done, failures, elapsedMs, runsPerSecond: (done / elapsedMs) * 1000 };
    return { cold: coldOutcome, warmup, timed };
  } finally {
    cold.dispose();
    warm.dispose();
  }
}

/**
 * The same grid on fresh pools of 1, 2, ... sweep workers (workers started, caches cold), as the
 * pool reports it, and whether each pool's results equal the one-worker pool's.
 */
async function poolRate(o: { sizes: number[]; seeds: number }): Promise<PoolRateResult> {
  const seeds = Array.from({ length: o.seeds }, (_, i) => 200 + i);
  const cells = expandGrid({ families: ['math'], ps: [0.5], structures: ['preassign', 'decentralized'], ns: [2, 4], seeds, mode: 'sync', preset: 'laptop', locks: true, straggler: false });
  const pools: PoolRateResult['pools'] = [];
  let reference: string | null = null;
  for (const workers of o.sizes) {
    const pool = new SweepPool(workers);
    const metrics: unknown[] = [];
    try {
      const out = await pool.run(cells, { onResults: (r) => metrics.push(...r.map((x) => x.metrics)) });
      const text = JSON.stringify(metrics);
      reference ??= text;
      pools.push({ workers, runs: out.done, elapsedMs: out.elapsedMs, runsPerSecond: out.runsPerSecond, identical: text === reference });
    } finally {
      pool.dispose();
    }
  }
  return { pageSize: poolSizeFor(navigator.hardwareConcurrency), cores: navigator.hardwareConcurrency, pools };
}

window.bench = { rtt, teamOverhead, sweepRate, poolRate };
window.addEventListener('pagehide', () => team?.dispose());
document.body.dataset.ready = 'true';
