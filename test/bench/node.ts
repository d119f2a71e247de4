/**
 * The in-process benchmarks: how many simulated runs a second Node gets through (with a cold and
 * a warm test cache), and what the step loop costs per agent step when the engine costs nothing.
 */
import { performance } from 'node:perf_hooks';
import { VirtualClock } from '../../src/core/clock';
import type { AgentEngine, GenerateRequest, GenerateResult } from '../../src/core/engine';
import { CachedTestRunner } from '../../src/core/harness/cachedRunner';
import type { TestReport, TestRequest, TestRunner } from '../../src/core/harness/types';
import { simPreset } from '../../src/core/sim/presets';
import { SimEngine } from '../../src/core/sim/simEngine';
import { simConfig, simulateRun } from '../../src/core/sim/simulate';
import { Agent } from '../../src/core/team/agent';
import { runTeam } from '../../src/core/team/runTeam';
import type { Structure, TraceEvent } from '../../src/core/trace/events';
import { findSuite } from '../../src/core/workload/suites';
import type { Suite } from '../../src/core/workload/types';
import { NodeTestRunner } from '../../src/platform/nodeTestRunner';
import { atLeast, atMost, info, median, quantile, type Figure } from './figures';

const N = 5;
const STRUCTURES: readonly Structure[] = ['decentralized', 'preassign'];
const SEEDS = [1, 2, 3, 4, 5, 6, 7, 8];

export interface NodeBenchOptions {
  /** Seconds of timed warm-cache runs per structure. */
  warmSeconds?: number;
  /** Cold-cache runs per structure. */
  coldRuns?: number;
  /** Rounds of the instant-engine run (n agents step each round). */
  overheadRounds?: number;
}

export interface SimRateSample {
  structure: Structure;
  runs: number;
  seconds: number;
  steps: number;
  cacheHits: number;
  cacheMisses: number;
}

function math05(): Suite {
  const suite = findSuite('math', 0.5);
  if (!suite) throw new Error('the math p = 0.5 suite is missing');
  return suite;
}

const stepsOf = (events: TraceEvent[]): number => events.filter((e) => e.type === 'step_end').length;

async function timedRuns(suite: Suite, structure: Structure, runner: () => CachedTestRunner, until: (runs: number, ms: number) => boolean): Promise<SimRateSample> {
  let runs = 0;
  let steps = 0;
  let hits = 0;
  let misses = 0;
  const t0 = performance.now();
  while (!until(runs, performance.now() - t0)) {
    const testRunner = runner();
    const h0 = testRunner.hits;
    const m0 = testRunner.misses;
    const events = await simulateRun({ suite, structure, n: N, mode: 'sync', seed: SEEDS[runs % SEEDS.length], testRunner });
    steps += stepsOf(events);
    hits += testRunner.hits - h0;
    misses += testRunner.misses - m0;
    runs++;
  }
  return { structure, runs, seconds: (performance.now() - t0) / 1000, steps, cacheHits: hits, cacheMisses: misses };
}

/** Benchmark 1: simulateRun with CachedTestRunner(NodeTestRunner), 20-task math p = 0.5, n = 5, sync. */
export async function simRunRate(o: NodeBenchOptions = {}): Promise<{ figures: Figure[]; samples: SimRateSample[] }> {
  const suite = math05();
  const group = '1. Simulated runs per second, Node (math p = 0.5, 20 tasks, n = 5, sync)';
  const figures: Figure[] = [];
  const samples: SimRateSample[] = [];
  for (const structure of STRUCTURES) {
    // Cold: every run starts with an empty cache, so every distinct test request really runs in the QuickJS sandbox.
    const cold = await timedRuns(suite, structure, () => new CachedTestRunner(new NodeTestRunner()), (runs) => runs >= (o.coldRuns ?? SEEDS.length));
    // Warm: one cache, filled by a pass over the same seeds first.
    const shared = new CachedTestRunner(new NodeTestRunner());
    for (const seed of SEEDS) await simulateRun({ suite, structure, n: N, mode: 'sync', seed, testRunner: shared });
    const warmMs = (o.warmSeconds ?? 3) * 1000;
    const warm = await timedRuns(suite, structure, () => shared, (runs, ms) => ms >= warmMs && runs >= SEEDS.length);
    samples.push(cold, warm);
    const rate = (s: SimRateSample) => s.runs / s.seconds;
    const usPerStep = (s: SimRateSample) => (s.seconds * 1e6) / s.steps;
    figures.push(
      atLeast(group, `${structure}, warm cache`, rate(warm), 'runs/s', 1000, `${warm.runs} runs in ${warm.seconds.toFixed(1)} s, ${(warm.steps / warm.runs).toFixed(0)} steps/run, ${usPerStep(warm).toFixed(0)} µs/step, cache hits ${pct(warm.cacheHits, warm.cacheHits + warm.cacheMisses)}`),
      atLeast(group, `${structure}, cold cache`, rate(cold), 'runs/s', 1000, `${cold.runs} runs, each with an empty cache (${(cold.cacheMisses / cold.runs).toFixed(0)} QuickJS sandbox test runs/run), ${usPerStep(cold).toFixed(0)} µs/step`),
    );
  }
  return { figures, samples };
}

function pct(a: number, b: number): string {
  return b === 0 ? 'n/a' : `${((100 * a) / b).toFixed(1)}%`;
}

/** Answers at once with one fixed wait action, so only the coordinator's own work is timed. */
class InstantEngine implements AgentEngine {
  readonly kind = 'fake' as const;
  readonly model = 'instant';
  private static readonly TEXT = JSON.stringify({ actions: [{ type: 'wait', reason: 'bench' }] });
  async generate(req: GenerateRequest): Promise<GenerateResult> {
    return {
      text: InstantEngine.TEXT,
      usage: { promptTokens: Math.ceil(req.prompt.length / 4), completionTokens: 12 },
      timings: { totalMs: 0 },
    };
  }
}

/** Times whatever engine it wraps, so that time can be taken out of the step loop's. */
class StopwatchEngine implements AgentEngine {
  readonly kind: AgentEngine['kind'];
  readonly model: string;
  ms = 0;
  constructor(private readonly inner: AgentEngine) {
    this.kind = inner.kind;
    this.model = inner.model;
  }
  async generate(req: GenerateRequest): Promise<GenerateResult> {
    const t = performance.now();
    try {
      return await this.inner.generate(req);
    } finally {
      this.ms += performance.now() - t;
    }
  }
}

class StopwatchRunner implements TestRunner {
  ms = 0;
  constructor(private readonly inner: TestRunner) {}
  async run(req: TestRequest): Promise<TestReport> {
    const t = performance.now();
    try {
      return await this.inner.run(req);
    } finally {
      this.ms += performance.now() - t;
    }
  }
}

const EMPTY_REPORT: TestReport = { results: [], passed: 0, failed: 0, timedOut: false, durationMs: 0 };

/**
 * Benchmark 2: the step loop's own cost. Every agent answers `wait` instantly; what remains is
 * observation building, prompt building, parsing and validation, applying actions and the round
 * barrier. Per round, (round time - engine time) / n is the cost of one step; the median over
 * rounds is the figure, the mean is printed beside it.
 */
export async function stepOverhead(o: NodeBenchOptions = {}): Promise<{ figures: Figure[]; perStepMs: Record<string, number[]> }> {
  const suite = math05();
  const rounds = o.overheadRounds ?? 300;
  const group = '2. Orchestration overhead per agent step, in process (runTeam, engine excluded)';
  const figures: Figure[] = [];
  const perStepMs: Record<string, number[]> = {};
  for (const structure of STRUCTURES) {
    const engines = Array.from({ length: N }, () => new StopwatchEngine(new InstantEngine()));
    const agents = engines.map((engine, i) => new Agent({ id: `dev${i + 1}`, role: 'worker', engine, seed: 1 }));
    const config = { ...simConfig({ suite, structure, n: N, testRunner: { run: async () => EMPTY_REPORT } }), maxRounds: rounds, engine: 'instant' };
    const perStep: number[] = [];
    let roundT = 0;
    let engineAtRound = 0;
    const engineMs = () => engines.reduce((s, e) => s + e.ms, 0);
    const closeRound = () => {
      const now = performance.now();
      const engine = engineMs();
      if (roundT > 0) perStep.push((now - roundT - (engine - engineAtRound)) / N);
      roundT = now;
      engineAtRound = engine;
    };
    const t0 = performance.now();
    const events = await runTeam({
      suite,
      config,
      agents,
      clock: new VirtualClock(),
      testRunner: { run: async () => EMPTY_REPORT },
      onEvent: (e) => {
        if (e.type === 'round_start') closeRound();
      },
    });
    const totalMs = performance.now() - t0 - engineMs();
    const steps = stepsOf(events);
    perStepMs[structure] = perStep;
    // Warm-up rounds (JIT) are left out of the median: the first 10%.
    const steady = perStep.slice(Math.floor(perStep.length / 10));
    figures.push(
      atMost(
        group,
        `${structure}, fixed wait, median`,
        median(steady) * 1000,
        'µs/step',
        1000,
        `p95 ${(quantile(steady, 0.95) * 1000).toFixed(0)} µs, mean ${((totalMs / steps) * 1000).toFixed(0)} µs (JIT warm-up and GC included) over ${steps} steps (${rounds} rounds x ${N} agents); engine time ${((engineMs() / steps) * 1000).toFixed(1)} µs/step taken out`,
      ),
    );
  }

  // The same loop doing real work (claims, writes, tests, messages) with the simulated engine;
  // the engine's and the (cached) test runner's time are taken out.
  for (const structure of STRUCTURES) {
    const tests = new StopwatchRunner(new CachedTestRunner(new NodeTestRunner()));
    let loopMs = 0;
    let engineMs = 0;
    let steps = 0;
    for (let pass = 0; pass < 2; pass++) {
      // Pass 0 fills the test cache and warms the JIT; pass 1 is timed.
      tests.ms = 0;
      loopMs = 0;
      engineMs = 0;
      steps = 0;
      for (const seed of SEEDS) {
        const config = simConfig({ suite, structure, n: N, seed, testRunner: tests });
        const speeds = config.extra?.speeds as number[];
        const engines = speeds.map(
          (speed, i) => new StopwatchEngine(new SimEngine({ suite, preset: simPreset('laptop'), seed, agentId: `dev${i + 1}`, speed })),
        );
        const agents = engines.map((engine, i) => new Agent({ id: `dev${i + 1}`, role: 'worker', engine, seed }));
        const t0 = performance.now();
        const events = await runTeam({ suite, config, agents, clock: new VirtualClock(), testRunner: tests });
        loopMs += performance.now() - t0;
        engineMs += engines.reduce((s, e) => s + e.ms, 0);
        steps += stepsOf(events);
      }
    }
    const own = loopMs - engineMs - tests.ms;
    figures.push(
      info(
        group,
        `${structure}, simulated agents, mean`,
        (own / steps) * 1000,
        'µs/step',
        `${steps} steps over ${SEEDS.length} runs; per step the sim engine took ${((engineMs / steps) * 1000).toFixed(0)} µs and the cached test runner ${((tests.ms / steps) * 1000).toFixed(0)} µs (both taken out)`,
      ),
    );
  }
  return { figures, perStepMs };
}

export async function runNodeBenches(o: NodeBenchOptions = {}): Promise<{ figures: Figure[]; raw: Record<string, unknown> }> {
  const rate = await simRunRate(o);
  const overhead = await stepOverhead(o);
  return {
    figures: [...rate.figures, ...overhead.figures],
    raw: {
      simRuns: rate.samples,
      stepOverheadMs: Object.fromEntries(Object.entries(overhead.perStepMs).map(([k, v]) => [k, { rounds: v.length, median: median(v), p95: quantile(v, 0.95) }])),
    },
  };
}
