// Leader failover on the virtual clock (issue 13): the leader can fail too. Without failover a
// team that has lost its leader stalls; with it the first live worker is elected and leads.
import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../src/core/clock';
import type { AgentEngine, GenerateRequest, GenerateResult } from '../../src/core/engine';
import { FaultController, type FaultHost } from '../../src/core/faults/controller';
import { findScenario } from '../../src/core/faults/scenarios';
import type { FaultSchedule } from '../../src/core/faults/schedule';
import { parseFaults, parseRecovery } from '../../src/core/faults/text';
import { CachedTestRunner } from '../../src/core/harness/cachedRunner';
import { computeFaultMetrics } from '../../src/core/metrics/faults';
import { simPreset } from '../../src/core/sim/presets';
import { SimEngine } from '../../src/core/sim/simEngine';
import { simConfig, simulateRun } from '../../src/core/sim/simulate';
import { Agent } from '../../src/core/team/agent';
import { runTeam } from '../../src/core/team/runTeam';
import type { EventOf, TraceEvent } from '../../src/core/trace/events';
import { faultMarks, faultSnapshot } from '../../src/core/trace/faultView';
import { parseTrace } from '../../src/core/trace/serialize';
import { findSuite } from '../../src/core/workload/suites';
import { NodeTestRunner } from '../../src/platform/nodeTestRunner';

const runner = new CachedTestRunner(new NodeTestRunner());
const suite = findSuite('math', 0.9)!;
const sched = (faults: string, recovery: string): FaultSchedule => ({ faults: parseFaults(faults), recovery: parseRecovery(recovery) });
const run = (faults: FaultSchedule, mode: 'sync' | 'async' = 'sync', seed = 1) => simulateRun({ suite, structure: 'leader', n: 4, seed, mode, testRunner: runner, faults });
const of = <K extends TraceEvent['type']>(ev: TraceEvent[], type: K) => ev.filter((e): e is EventOf<K> => e.type === type);
const end = (ev: TraceEvent[]) => ev.at(-1) as EventOf<'run_end'>;

describe('leader failover', { timeout: 120_000 }, () => {
  it('without failover: the crashed leader is detected, nobody takes over, and the team stalls', async () => {
    const ev = await run(sched('crash:lead@20s', 'heartbeats,reassign'));
    expect(of(ev, 'suspect')).toMatchObject([{ agent: 'lead', t: 40000 }]);
    expect(of(ev, 'leader_elected')).toHaveLength(0);
    expect(of(ev, 'assign').filter((a) => a.t > 20000)).toHaveLength(0);
    expect(end(ev)).toMatchObject({ success: false, reason: 'round_budget' });
    expect(ev.filter((e) => e.type === 'task_status' && e.status === 'done').length).toBeLessThan(suite.tasks.length);
  });

  it('with failover: dev1 is elected one timeout after the crash, leads from its next step, and the team finishes', async () => {
    const ev = await run(sched('crash:lead@20s', 'heartbeats,reassign,failover'));
    const [elected] = of(ev, 'leader_elected');
    expect(of(ev, 'leader_elected')).toHaveLength(1);
    expect(elected).toMatchObject({ t: 40000, leader: 'dev1', previous: 'lead', term: 2, detectMs: 20000, lastHeard: 20000 });
    // Every assignment after the crash is the new leader's, and it writes no code any more.
    const later = of(ev, 'assign').filter((a) => a.t > 20000);
    expect(later.length).toBeGreaterThan(0);
    expect(later.every((a) => a.agent === 'dev1' && a.ok && a.to !== 'dev1')).toBe(true);
    expect(of(ev, 'write').some((w) => w.agent === 'dev1' && w.t > elected.t)).toBe(false);
    // Its prompts after the election are the leader's, with the workers' list.
    const steps = of(ev, 'step_start').filter((s) => s.agent === 'dev1');
    const after = steps.filter((s) => s.t > elected.t);
    expect(after.length).toBeGreaterThan(0);
    expect(after.every((s) => /^You lead a team/.test(s.system) && /## Workers/.test(s.prompt))).toBe(true);
    expect(steps.filter((s) => s.t < elected.t).every((s) => !/^You lead/.test(s.system))).toBe(true);
    // Tasks dev1 held when elected went back to the board for it to hand out.
    for (const r of of(ev, 'reassign')) expect(r).toMatchObject({ from: 'dev1', reason: 'failover', t: elected.t });
    expect(end(ev)).toMatchObject({ success: true, reason: 'done' });
    const m = computeFaultMetrics(ev);
    expect(m.elections).toBe(1);
    expect(m.incidents[0]).toMatchObject({ agent: 'lead', detectMs: 20000, recoverMs: 20000 });
  });

  it('failover watches the leader even with heartbeats off (and only the leader)', async () => {
    const ev = await run(sched('crash:lead@20s;crash:dev3@30s', 'failover'));
    expect(of(ev, 'suspect').map((s) => s.agent)).toEqual(['lead']);
    expect(of(ev, 'leader_elected')).toMatchObject([{ leader: 'dev1', t: 40000 }]);
  });

  it('the elected leader can fail too: the next live worker takes over, and a restarted one comes back as a worker', async () => {
    const ev = await run(sched('crash:lead@20s;crash:dev1@60s,restart=30s', 'failover'));
    expect(of(ev, 'leader_elected').map((e) => [e.leader, e.previous, e.term])).toEqual([
      ['dev1', 'lead', 2],
      ['dev2', 'dev1', 3],
    ]);
    const second = of(ev, 'leader_elected')[1];
    expect(second.detectMs).toBe(second.t - 60000);
    expect(of(ev, 'assign').filter((a) => a.t > second.t).every((a) => a.agent === 'dev2')).toBe(true);
    // dev1 is back at 90 s, working: its prompts are a worker's again.
    const back = of(ev, 'step_start').filter((s) => s.agent === 'dev1' && s.t >= 90000);
    expect(back.length).toBeGreaterThan(0);
    expect(back.every((s) => /^You are a coding agent/.test(s.system))).toBe(true);
    expect(end(ev).success).toBe(true);
  });

  it('a stalled leader falsely suspected is replaced, and stands down instead of leading beside the new one', async () => {
    const ev = await run(sched('stall:lead@20s,for=60s', 'failover'));
    const [elected] = of(ev, 'leader_elected');
    expect(elected).toMatchObject({ leader: 'dev1', previous: 'lead', t: 40000 });
    const down = of(ev, 'agent_state').find((s) => s.agent === 'lead' && s.t === 40000);
    expect(down).toMatchObject({ state: 'idle' });
    expect(down!.detail).toMatch(/stands down/);
    expect(of(ev, 'step_start').some((s) => s.agent === 'lead' && s.t >= 20000)).toBe(false);
    expect(of(ev, 'assign').filter((a) => a.agent === 'lead' && a.t > 20000)).toHaveLength(0);
    // The round no longer waits for it: dev1 leads at once, not when the stall ends at 80 s.
    expect(of(ev, 'assign').some((a) => a.agent === 'dev1' && a.t < 80000)).toBe(true);
    expect(end(ev).success).toBe(true);
  });

  it('a deposed leader whose step was held by a stall is fenced off: its late assigns are refused', async () => {
    // dev1 leads from 40 s, stalls in the middle of a leader step at 43 s, is replaced by dev2 at
    // 63 s; its reply arrives when the stall ends, with assigns from an old term.
    const ev = await run(sched('crash:lead@20s;stall:dev1@43s,for=60s', 'failover'));
    expect(of(ev, 'leader_elected').map((e) => [e.leader, e.term])).toEqual([
      ['dev1', 2],
      ['dev2', 3],
    ]);
    const third = of(ev, 'leader_elected')[1];
    const stale = of(ev, 'assign').filter((a) => a.agent === 'dev1' && a.t > third.t);
    expect(stale.length).toBeGreaterThan(0);
    for (const a of stale) expect(a).toMatchObject({ ok: false, reason: 'dev1 is not the leader: dev2 leads (term 3)' });
    // Nothing it tried to hand out moved: the board's statuses come only from dev2's assigns.
    for (const a of stale) expect(ev.some((e) => e.type === 'task_status' && e.task === a.task && e.t === a.t && e.owner === a.to)).toBe(false);
    expect(end(ev).success).toBe(true);
  });

  it('works the same in asynchronous steps', async () => {
    const without = await run(sched('crash:lead@20s', 'heartbeats'), 'async');
    expect(end(without).success).toBe(false);
    const ev = await run(sched('crash:lead@20s', 'heartbeats,failover'), 'async');
    expect(of(ev, 'leader_elected')).toMatchObject([{ leader: 'dev1', t: 40000 }]);
    expect(end(ev).success).toBe(true);
  });

  it('same seed, same trace, byte for byte; and the trace is one a saved file can hold', async () => {
    const s = sched('crash:lead@random=10s-40s;stall:dev2@30s,for=30s', 'heartbeats,reassign,failover');
    const a = await run(s, 'sync', 3);
    const b = await run(s, 'sync', 3);
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    expect(of(a, 'leader_elected')).toHaveLength(1);
    const parsed = parseTrace(JSON.stringify({ version: 1, events: a }));
    expect(parsed.ok).toBe(true);
  });

  it('the preset scenarios: the leader crashes (the team stalls), and the same with failover (it finishes)', async () => {
    const outcome = async (id: string) => {
      const s = findScenario(id)!;
      expect(s.structure).toBe('leader');
      return end(await simulateRun({ suite, structure: s.structure, n: s.n, seed: s.seed, mode: s.mode, testRunner: runner, faults: sched(s.faults, s.recovery) }));
    };
    expect(await outcome('leader-crash')).toMatchObject({ success: false });
    expect(await outcome('leader-failover')).toMatchObject({ success: true });
  });

  it('the views: a crown on the new leader from its election on, and a mark on the time axis', async () => {
    const ev = await run(sched('crash:lead@20s', 'failover'));
    expect(faultSnapshot(ev, 39999, 1000).leader).toBeUndefined();
    expect(faultSnapshot(ev, 40000, 1000)).toMatchObject({ leader: 'dev1', term: 2, down: ['lead'] });
    const marks = faultMarks(ev).filter((m) => m.kind === 'elected');
    expect(marks).toMatchObject([{ t: 40000, agents: ['dev1', 'lead'] }]);
    expect(marks[0].text).toMatch(/dev1 elected leader \(term 2\) in place of lead, 20 s after it failed/);
  });
});

/** A simulated engine that throws (a lost GPU, a dead worker) from its `after`-th call on. */
class FailsAfter implements AgentEngine {
  readonly kind = 'fake' as const;
  readonly model = 'sim:failing';
  private calls = 0;
  constructor(
    private readonly inner: AgentEngine,
    private readonly after: number,
  ) {}
  async generate(req: GenerateRequest): Promise<GenerateResult> {
    if (++this.calls > this.after) throw new Error('GPU device was lost');
    return this.inner.generate(req);
  }
}

describe('a leader whose engine fails', { timeout: 120_000 }, () => {
  const team = (recovery: string) => {
    const faults = sched('', recovery);
    const config = simConfig({ suite, structure: 'leader', n: 3, seed: 1, faults });
    const engine = (id: string) => new SimEngine({ suite, preset: simPreset('laptop'), seed: 1, agentId: id, speed: 1 });
    return runTeam({
      suite,
      config,
      agents: ['dev1', 'dev2', 'dev3'].map((id) => new Agent({ id, role: 'worker', seed: 1, engine: engine(id) })),
      leader: new Agent({ id: 'lead', role: 'leader', seed: 1, engine: new FailsAfter(engine('lead'), 3) }),
      clock: new VirtualClock(),
      testRunner: runner,
      ...(faults.faults.length || recovery !== 'none' ? { faults } : {}),
    });
  };

  it('stops the run without failover, and is replaced at once with it (the board saw it fail)', async () => {
    const stopped = await team('none');
    expect(of(stopped, 'agent_failed')).toMatchObject([{ agent: 'lead', error: 'GPU device was lost' }]);
    expect(end(stopped)).toMatchObject({ reason: 'error', success: false });
    const ev = await team('failover');
    const [failed] = of(ev, 'agent_failed');
    expect(of(ev, 'leader_elected')).toMatchObject([{ leader: 'dev1', previous: 'lead', term: 2, t: failed.t, detectMs: 0 }]);
    expect(end(ev)).toMatchObject({ reason: 'done', success: true });
  });
});

describe('fencing a deposed leader', () => {
  it('only the current term\u2019s leader may assign', () => {
    const events: TraceEvent[] = [];
    const promoted: string[] = [];
    const demoted: string[] = [];
    const host: FaultHost = {
      record: (e) => events.push(e),
      structure: 'leader',
      tasks: suite.tasks,
      workers: ['dev1', 'dev2'],
      leader: 'lead',
      ownedBy: () => [],
      ownerOf: () => undefined,
      isDone: () => false,
      release: () => undefined,
      give: () => undefined,
      setDown: () => undefined,
      promote: (a) => promoted.push(a),
      demote: (a) => demoted.push(a),
    };
    const c = new FaultController(sched('stall:lead@0s,for=60s', 'failover,timeout=10s'), 1, host);
    c.begin();
    expect(c.assignRefusal('lead')).toBeUndefined();
    expect(c.assignRefusal('dev1')).toMatch(/dev1 is not the leader: lead leads \(term 1\)/);
    for (let t = c.nextAt(); t !== undefined && t <= 10000; t = c.nextAt()) c.fire(t);
    expect(events.find((e) => e.type === 'leader_elected')).toMatchObject({ leader: 'dev1', previous: 'lead', term: 2, t: 10000 });
    expect(promoted).toEqual(['dev1']);
    expect(demoted).toEqual(['lead']);
    expect(c.leader).toBe('dev1');
    expect(c.assignRefusal('dev1')).toBeUndefined();
    expect(c.assignRefusal('lead')).toMatch(/lead is not the leader: dev1 leads \(term 2\)/);
  });
});
