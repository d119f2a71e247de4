// A crash-and-restart of an agent that lives in another worker (issue 13): the agent's handle
// (RemoteAgent) talks to a stand-in worker over a real Comlink MessageChannel; the crash closes
// that worker, the restart brings up a fresh one, and the team carries on as on the virtual clock.
import * as Comlink from 'comlink';
import { afterEach, describe, expect, it } from 'vitest';
import { VirtualClock } from '../../src/core/clock';
import { parseFaults, parseRecovery } from '../../src/core/faults/text';
import { CachedTestRunner } from '../../src/core/harness/cachedRunner';
import type { Observation } from '../../src/core/protocol/observation';
import { simPreset } from '../../src/core/sim/presets';
import { PerTaskTestRunner } from '../../src/core/sim/perTaskRunner';
import { simConfig, simulateRun } from '../../src/core/sim/simulate';
import { SimEngine } from '../../src/core/sim/simEngine';
import { Agent } from '../../src/core/team/agent';
import { runTeam } from '../../src/core/team/runTeam';
import type { EventOf, TraceEvent } from '../../src/core/trace/events';
import { findSuite } from '../../src/core/workload/suites';
import { NodeTestRunner } from '../../src/platform/nodeTestRunner';
import type { AgentWorkerApi } from '../../src/workers/agent.worker';
import { RemoteAgent, type AgentLine } from '../../src/workers/remoteAgent';

const runner = new CachedTestRunner(new NodeTestRunner());
const suite = findSuite('math', 0.9)!;
const FAULTS = 'crash:dev2@6s,restart=8s';
const RECOVERY = 'heartbeats,reassign,heartbeat=1s,timeout=3s';
const schedule = { faults: parseFaults(FAULTS), recovery: parseRecovery(RECOVERY) };
const of = <K extends TraceEvent['type']>(ev: TraceEvent[], type: K) => ev.filter((e): e is EventOf<K> => e.type === type);
const shape = (ev: TraceEvent[]) =>
  ev.filter((e) => e.type === 'fault' || e.type === 'suspect' || e.type === 'unsuspect').map((e) => `${e.type}:${'agents' in e ? e.agents.join('+') : 'agent' in e ? e.agent : ''}@${e.t}`);

/** A stand-in agent worker: the part of the agent worker's API the coordination service calls,
 * on the far end of a MessageChannel, with its own engine and agent (so its own memory). */
interface FakeWorker {
  serial: number;
  agent: string;
  closed: boolean;
  line: AgentLine;
  crash(): void;
}

const open: FakeWorker[] = [];
afterEach(() => {
  for (const w of open.splice(0)) w.crash();
});

function spawn(agent: string, serial: number, seed: number, speed: number): FakeWorker {
  const engine = new SimEngine({ suite, preset: simPreset('laptop'), seed, agentId: agent, speed });
  const a = new Agent({ id: agent, role: 'worker', engine, seed });
  const api = {
    prepare: (_id: string, obs: Observation) => a.prepare(obs),
    generate: () => a.generate(),
    interrupt: () => a.interrupt(),
    reset: () => a.restart(),
  };
  const { port1, port2 } = new MessageChannel();
  Comlink.expose(api, port1);
  let reject: (e: Error) => void = () => undefined;
  const crashed = new Promise<never>((_, r) => (reject = r));
  crashed.catch(() => undefined);
  const w: FakeWorker = {
    serial,
    agent,
    closed: false,
    line: { remote: Comlink.wrap<AgentWorkerApi>(port2), crashed },
    crash() {
      if (w.closed) return;
      w.closed = true;
      port1.close();
      port2.close();
      reject(new Error(`the worker of ${agent} was terminated by a crash fault`));
    },
  };
  open.push(w);
  return w;
}

async function runInStandIns(restartable: boolean | 'fails') {
  const config = simConfig({ suite, structure: 'decentralized', n: 3, seed: 1, mode: 'sync', testRunner: runner, faults: schedule });
  const created: FakeWorker[] = [];
  const live = new Map<string, FakeWorker>();
  const speeds = config.extra!.speeds as number[];
  const start = (id: string) => {
    const w = spawn(id, created.length + 1, config.seed, speeds[Number(id.slice(3)) - 1]);
    created.push(w);
    live.set(id, w);
    return w;
  };
  const clock = new VirtualClock();
  const restartTimes: number[] = [];
  const reconnect = async (id: string): Promise<AgentLine> => {
    restartTimes.push(clock.now());
    if (restartable === 'fails') throw new Error('the new worker could not load its engine');
    if (!live.get(id)?.closed) throw new Error(`${id} was not down`);
    return start(id).line;
  };
  const agents = ['dev1', 'dev2', 'dev3'].map((id) => new RemoteAgent(id, 'worker', 'sim', start(id).line, restartable ? reconnect : undefined));
  const events = await runTeam({
    suite,
    config,
    agents,
    clock,
    testRunner: new PerTaskTestRunner(runner),
    faults: schedule,
    onCrash: (id) => live.get(id)?.crash(),
  });
  return { events, created, live, restartTimes };
}

describe('a crash-and-restart of an agent in its own worker', { timeout: 60_000 }, () => {
  it('terminates the old worker, starts a fresh one at the restart, and the agent steps again with no memory', async () => {
    const { events, created, live, restartTimes } = await runInStandIns(true);
    expect(created.map((w) => w.agent)).toEqual(['dev1', 'dev2', 'dev3', 'dev2']);
    expect(created[1].closed).toBe(true);
    expect(live.get('dev2')).toBe(created[3]);
    expect(created[3].closed).toBe(false);
    expect(restartTimes).toEqual([14_000]);
    expect(of(events, 'notice').some((n) => /cannot restart/.test(n.text))).toBe(false);
    const dev2 = of(events, 'step_start').filter((s) => s.agent === 'dev2');
    const after = dev2.filter((s) => s.t >= 14_000);
    expect(dev2.some((s) => s.t < 6000 && s.prompt.includes('## Your recent steps'))).toBe(true);
    expect(after.length).toBeGreaterThan(0);
    expect(after[0].prompt).not.toContain('## Your recent steps');
    expect(of(events, 'step_end').some((s) => s.agent === 'dev2' && s.t > 14_000 && s.actions.length > 0)).toBe(true);
    // The same schedule in one thread: the same faults, suspicion and recovery, to the ms.
    const virtual = await simulateRun({ suite, structure: 'decentralized', n: 3, seed: 1, mode: 'sync', testRunner: runner, faults: schedule });
    expect(shape(events)).toEqual(shape(virtual));
    expect(shape(virtual)).toEqual(expect.arrayContaining(['fault:dev2@6000', 'fault:dev2@14000', 'suspect:dev2@9000', 'unsuspect:dev2@14000']));
  });

  it('a restart that cannot bring up a worker fails the agent with the reason, and the run ends', async () => {
    const { events, created } = await runInStandIns('fails');
    expect(created).toHaveLength(3);
    const failed = of(events, 'agent_failed').find((e) => e.agent === 'dev2');
    expect(failed?.error).toMatch(/could not load its engine/);
    expect(of(events, 'step_start').some((s) => s.agent === 'dev2' && s.t > 6000)).toBe(false);
    expect(events.at(-1)?.type).toBe('run_end');
  });

  it('without a way to restart, the agent stays down and a notice says why', async () => {
    const { events, created } = await runInStandIns(false);
    expect(created).toHaveLength(3);
    expect(of(events, 'notice').some((n) => /dev2 cannot restart/.test(n.text))).toBe(true);
    expect(of(events, 'step_start').some((s) => s.agent === 'dev2' && s.t > 6000)).toBe(false);
  });
});
