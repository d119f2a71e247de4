/**
 * Entry of team-test.html: exposes a WorkerTeam to the end-to-end tests, so they can resize it,
 * count live workers, and run a team of fake or simulated engines in real workers.
 */
import { computeRunMetrics, type RunMetrics } from '../../src/core/metrics/runMetrics';
import { CachedTestRunner } from '../../src/core/harness/cachedRunner';
import { simConfig, simulateRun } from '../../src/core/sim/simulate';
import { SandboxTestRunner } from '../../src/platform/sandboxRunner';
import type { Structure, TraceEvent } from '../../src/core/trace/events';
import { findSuite } from '../../src/core/workload/suites';
import type { EngineSpec } from '../../src/engines/spec';
import { slotsFor, WorkerTeam } from '../../src/runtime/workerTeam';
import type { FaultSchedule } from '../../src/core/faults/schedule';
import { parseFaults, parseRecovery } from '../../src/core/faults/text';

/** Faults in their text form (core/faults/text.ts). */
interface FaultOptions {
  faults?: string;
  recovery?: string;
}

const scheduleOf = (o: FaultOptions): FaultSchedule | undefined =>
  o.faults || o.recovery ? { faults: parseFaults(o.faults ?? ''), recovery: parseRecovery(o.recovery ?? 'none') } : undefined;

interface TeamTestRun {
  metrics: RunMetrics;
  events: TraceEvent[];
  streamed: number;
  liveEvents: number;
}

declare global {
  interface Window {
    teamTest: {
      resize(n: number, structure?: Structure): number;
      live(): number;
      run(o: { n: number; structure: Structure; engine: 'sim' | 'fake' | 'endpoint'; endpoint?: { baseUrl: string; model: string; apiKey?: string }; maxRounds?: number; script?: string; seed?: number; timeScale?: number; shared?: boolean; family?: string; p?: number } & FaultOptions): Promise<TeamTestRun>;
      /** The same simulated team in this thread on the virtual clock, with its trace. */
      virtualEvents(o: { n: number; structure: Structure; seed?: number; family?: string; p?: number } & FaultOptions): Promise<TraceEvent[]>;
      /** Agents whose workers a crash fault terminated. */
      terminated(): string[];
      /** Agents a crash-and-restart brought back in a fresh worker. */
      restarted(): string[];
      /** The serial of each live agent worker by its agents (a new worker has a new serial). */
      serials(): Record<string, number>;
      /** Agent workers the team has created so far. */
      spawned(): number;
      /** Events of the run in flight, as the page has received them so far. */
      liveTrace(): TraceEvent[];
      stop(): Promise<void>;
      /** The same simulated team in this thread on the virtual clock. */
      virtual(o: { n: number; structure: Structure; seed?: number; family?: string; p?: number }): Promise<RunMetrics>;
      crashes: string[];
    };
  }
}

const crashes: string[] = [];
const tests = new CachedTestRunner(new SandboxTestRunner());
let streamed = 0;
const live: TraceEvent[] = [];
const team = new WorkerTeam({
  onDelta: (_agent, text) => (streamed += text.length),
  onCrash: (ids, message) => crashes.push(`${ids.join(',')}: ${message}`),
});
let engineFor: (id: string, i: number) => EngineSpec = () => ({ kind: 'fake', script: 'ok' });

window.teamTest = {
  resize(n, structure = 'decentralized') {
    team.resize(slotsFor({ n, structure }, (id, i) => engineFor(id, i)));
    return team.liveCount;
  },
  live: () => team.liveCount,
  async run(o) {
    const suite = findSuite(o.family ?? 'math', o.p ?? 0.9);
    if (!suite) throw new Error('suite not found');
    const faults = scheduleOf(o);
    const config = simConfig({ suite, structure: o.structure, n: o.n, seed: o.seed ?? 1, testRunner: { run: () => Promise.reject(new Error('unused')) }, ...(faults ? { faults } : {}) });
    config.engine = o.engine === 'fake' ? `fake:${o.script ?? 'ok'}` : o.engine === 'endpoint' ? `endpoint:${o.endpoint?.model}` : 'sim:laptop';
    if (o.maxRounds) config.maxRounds = o.maxRounds;
    const speeds = config.extra?.speeds as number[];
    const endpoint = o.endpoint;
    engineFor = (_id, i) =>
      o.engine === 'endpoint' && endpoint
        ? { kind: 'endpoint', ...endpoint }
        : o.engine === 'fake' && (o.script ?? 'ok') !== 'ok' && i === 0
        ? { kind: 'fake', script: o.script! }
        : o.engine === 'fake'
          ? { kind: 'fake', script: 'ok' }
          : { kind: 'sim', preset: 'laptop', seed: config.seed, speed: speeds[i] ?? 1, errorRate: 0.25, suiteId: suite.id };
    // Agent ids carry the seed of their engine; rebuild the slots so specs are current.
    team.resize(slotsFor(config, engineFor, o.shared));
    streamed = 0;
    let liveEvents = 0;
    live.length = 0;
    const timeScale = o.engine === 'endpoint' ? 1 : (o.timeScale ?? 50);
    const events = await team.run({
      suite,
      config,
      timeScale,
      onEvents: (b) => {
        liveEvents += b.length;
        live.push(...b);
      },
      ...(faults ? { faults } : {}),
    });
    return { metrics: computeRunMetrics(events), events, streamed, liveEvents };
  },
  stop: () => team.stop(),
  async virtual(o) {
    const suite = findSuite(o.family ?? 'math', o.p ?? 0.9);
    if (!suite) throw new Error('suite not found');
    const events = await simulateRun({ suite, structure: o.structure, n: o.n, seed: o.seed ?? 1, errorRate: 0.25, testRunner: tests });
    return computeRunMetrics(events);
  },
  async virtualEvents(o) {
    const suite = findSuite(o.family ?? 'math', o.p ?? 0.9);
    if (!suite) throw new Error('suite not found');
    const faults = scheduleOf(o);
    return simulateRun({ suite, structure: o.structure, n: o.n, seed: o.seed ?? 1, errorRate: 0.25, testRunner: tests, ...(faults ? { faults } : {}) });
  },
  terminated: () => [...team.terminatedByFault],
  restarted: () => [...team.restartedByFault],
  serials: () => team.workerSerials(),
  spawned: () => team.spawned,
  liveTrace: () => live,
  crashes,
};

let clicks = 0;
document.querySelector('#count')?.addEventListener('click', () => {
  clicks++;
  const out = document.querySelector('#clicks');
  if (out) out.textContent = String(clicks);
});
window.addEventListener('pagehide', () => team.dispose());
document.body.dataset.ready = 'true';
