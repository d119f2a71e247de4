// Faults and recovery protocols in simulated runs on the virtual clock (issue 13).
import { describe, expect, it } from 'vitest';
import { FAULT_SCENARIOS } from '../../src/core/faults/scenarios';
import { emptySchedule, type FaultSchedule } from '../../src/core/faults/schedule';
import { parseFaults, parseRecovery } from '../../src/core/faults/text';
import { CachedTestRunner } from '../../src/core/harness/cachedRunner';
import { computeFaultMetrics } from '../../src/core/metrics/faults';
import { simulateRun } from '../../src/core/sim/simulate';
import type { EventOf, Structure, TraceEvent } from '../../src/core/trace/events';
import { parseTrace } from '../../src/core/trace/serialize';
import { findSuite } from '../../src/core/workload/suites';
import { NodeTestRunner } from '../../src/platform/nodeTestRunner';
import { defaultState, parseHash, toHash } from '../../src/ui/state/hashState';

const runner = new CachedTestRunner(new NodeTestRunner());
const suite = findSuite('math', 0.9)!;
const sched = (faults: string, recovery = 'none'): FaultSchedule => ({ faults: parseFaults(faults), recovery: parseRecovery(recovery) });
const run = (structure: Structure, faults?: FaultSchedule, o: { n?: number; seed?: number; mode?: 'sync' | 'async' } = {}) =>
  simulateRun({ suite, structure, n: o.n ?? 4, seed: o.seed ?? 1, mode: o.mode ?? 'sync', testRunner: runner, faults });
const of = <K extends TraceEvent['type']>(ev: TraceEvent[], type: K) => ev.filter((e): e is EventOf<K> => e.type === type);
const end = (ev: TraceEvent[]) => ev.at(-1) as EventOf<'run_end'>;

describe('faults on the virtual clock', { timeout: 60_000 }, () => {
  it('an empty schedule changes nothing: the trace is byte-identical to a run without one', async () => {
    const plain = await run('decentralized', undefined, { n: 3 });
    const empty = await run('decentralized', emptySchedule(), { n: 3 });
    expect(JSON.stringify(empty)).toBe(JSON.stringify(plain));
    expect(plain.some((e) => ['fault', 'suspect', 'audit', 'verify'].includes(e.type))).toBe(false);
  });

  it('the same schedule and seed give the same trace (random moment, lossy links), and it survives a save', async () => {
    const s = sched('crash:dev3@random=5s-30s;drop:*,rate=0.3;reorder:*,by=3s,rate=0.5', 'heartbeats,reassign,retries');
    const a = await run('decentralized', s);
    const b = await run('decentralized', s);
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    const crash = of(a, 'fault').find((f) => f.fault === 'crash')!;
    expect(crash.t).toBeGreaterThanOrEqual(5000);
    expect(crash.t).toBeLessThan(30000);
    const parsed = parseTrace(JSON.stringify({ version: 1, events: a }));
    expect(parsed.ok).toBe(true);
    expect((a[0] as EventOf<'run_start'>).config.extra).toMatchObject({ recovery: 'heartbeats,reassign,retries' });
  });

  it('a crash under pre-assignment without recovery: its tasks are never done and the run does not succeed', async () => {
    const ev = await run('preassign', sched('crash:dev2@15s'));
    const crash = of(ev, 'fault')[0];
    expect(crash).toMatchObject({ fault: 'crash', phase: 'start', agents: ['dev2'], t: 15000 });
    expect(of(ev, 'agent_state').some((e) => e.agent === 'dev2' && e.state === 'failed' && e.t === 15000)).toBe(true);
    expect(of(ev, 'step_start').some((e) => e.agent === 'dev2' && e.t > 15000)).toBe(false);
    expect(of(ev, 'suspect')).toHaveLength(0);
    expect(end(ev).success).toBe(false);
    const m = computeFaultMetrics(ev);
    expect(m.incidents[0].heldTasks.length).toBeGreaterThan(0);
    expect(m.incidents[0].recoverMs).toBeNull();
  });

  it('the same crash with heartbeats and reassignment: suspected one timeout after its last heartbeat, its tasks reassigned, the run succeeds', async () => {
    const ev = await run('preassign', sched('crash:dev2@15s', 'heartbeats,reassign,heartbeat=5s,timeout=20s'));
    const [s] = of(ev, 'suspect');
    expect(s).toMatchObject({ agent: 'dev2', reason: 'timeout', t: 35000, lastHeard: 15000 });
    const moved = of(ev, 'reassign');
    expect(moved.length).toBeGreaterThan(0);
    for (const r of moved) {
      expect(r.from).toBe('dev2');
      expect(['dev1', 'dev3', 'dev4']).toContain(r.to);
      expect(r.t).toBe(35000);
    }
    expect(end(ev).success).toBe(true);
    const m = computeFaultMetrics(ev);
    expect(m.meanDetectMs).toBe(20000);
    expect(m.falseSuspicions).toBe(0);
    expect(m.incidents[0].recoverMs).toBe(20000);
  });

  it("the same crash under self-claiming with leases: the crashed agent's claim runs out and the team carries on", async () => {
    const ev = await run('decentralized', sched('crash:dev2@15s', 'leases'));
    expect(end(ev)).toMatchObject({ success: true });
    expect(of(ev, 'complete').some((c) => c.ok && c.agent === 'dev2' && c.t > 15000)).toBe(false);
  });

  it('a crash at a step, with a restart: the agent comes back with its memory lost and steps again', async () => {
    const ev = await run('decentralized', sched('crash:dev1@step=2,restart=10s'));
    const [down, up] = of(ev, 'fault');
    const steps = of(ev, 'step_start').filter((e) => e.agent === 'dev1');
    // The crash struck when its second step was due: that step never started.
    expect(steps[0].step).toBe(1);
    expect(down.t).toBeGreaterThan(steps[0].t);
    expect(up).toMatchObject({ phase: 'end', t: down.t + 10000 });
    expect(steps.filter((s) => s.t > down.t && s.t < up.t)).toHaveLength(0);
    expect(steps.some((s) => s.t >= up.t)).toBe(true);
    // Memory lost: its first prompt after the restart has no history of earlier rounds.
    const after = steps.find((s) => s.t >= up.t)!;
    expect(after.prompt).not.toMatch(/round 1: /);
    expect(of(ev, 'step_end').some((s) => s.agent === 'dev1' && s.t > up.t)).toBe(true);
  });

  it('a stall longer than the timeout is a false suspicion, withdrawn when the straggler is heard again', async () => {
    const ev = await run('decentralized', sched('stall:dev2@10s,for=60s', 'heartbeats'));
    expect(of(ev, 'suspect')).toMatchObject([{ agent: 'dev2', t: 30000 }]);
    expect(of(ev, 'unsuspect')).toMatchObject([{ agent: 'dev2', t: 70000 }]);
    const dev2 = of(ev, 'step_start').filter((e) => e.agent === 'dev2');
    expect(dev2.some((s) => s.t > 10000 && s.t < 70000)).toBe(false);
    expect(computeFaultMetrics(ev).falseSuspicions).toBe(1);
    // A short stall is not suspected at all.
    const short = await run('decentralized', sched('stall:dev2@10s,for=10s', 'heartbeats'));
    expect(of(short, 'suspect')).toHaveLength(0);
  });

  it('a slow straggler takes its factor longer per step', async () => {
    const base = await run('preassign', undefined, { n: 2 });
    const slow = await run('preassign', sched('slow:dev2,factor=3'), { n: 2 });
    const firstStep = (ev: TraceEvent[]) => {
      const s = of(ev, 'step_start').find((e) => e.agent === 'dev2')!;
      const e = of(ev, 'step_end').find((x) => x.agent === 'dev2')!;
      return e.t - s.t;
    };
    expect(firstStep(slow)).toBeCloseTo(firstStep(base) * 3, -1);
    expect(end(slow).t).toBeGreaterThan(end(base).t);
  });

  it('lost messages are never delivered; with retries they are sent again and get through', async () => {
    const lossy = await run('decentralized', sched('drop:*,rate=1'));
    const sends = of(lossy, 'message_send');
    expect(sends.length).toBeGreaterThan(0);
    expect(of(lossy, 'message_deliver')).toHaveLength(0);
    expect(of(lossy, 'message_fault').filter((f) => f.fault === 'drop')).toHaveLength(sends.length);
    // Loss for the first 20 s only: retries carry messages across it.
    const retried = await run('decentralized', sched('drop:*@0s,rate=1,for=20s', 'retries,retry=5s'));
    const delivered = new Set(of(retried, 'message_deliver').map((d) => d.id));
    const early = of(retried, 'message_send').filter((m) => m.t < 20000);
    expect(early.length).toBeGreaterThan(0);
    for (const m of early) expect(delivered.has(m.id)).toBe(true);
    expect(of(retried, 'message_retry').length).toBeGreaterThan(0);
  });

  it('delays and duplicates: a late message arrives later; a duplicate is ignored only with idempotent delivery', async () => {
    const late = await run('decentralized', sched('delay:*,by=4s,rate=1'));
    const sentAt = new Map(of(late, 'message_send').map((m) => [m.id, m.t]));
    for (const d of of(late, 'message_deliver')) expect(d.t - sentAt.get(d.id)!).toBeGreaterThanOrEqual(4000);
    const dup = await run('decentralized', sched('duplicate:*,rate=1'));
    const dupFaults = of(dup, 'message_fault').filter((f) => f.fault === 'duplicate');
    expect(dupFaults.length).toBe(of(dup, 'message_send').length);
    expect(dupFaults.every((f) => !f.ignored)).toBe(true);
    const idem = await run('decentralized', sched('duplicate:*,rate=1', 'retries'));
    expect(of(idem, 'message_fault').every((f) => f.fault === 'duplicate' && f.ignored)).toBe(true);
  });

  it("a partition from the board loses the cut-off agent's replies; a partition from peers loses messages across it", async () => {
    const ev = await run('decentralized', sched('partition:dev1@5s,for=40s,from=board', 'heartbeats,reassign'));
    const lost = of(ev, 'reply_lost');
    expect(lost.length).toBeGreaterThan(0);
    expect(lost.every((l) => l.agent === 'dev1' && l.t >= 5000 && l.t < 45000)).toBe(true);
    expect(of(ev, 'step_start').some((s) => s.agent === 'dev1' && s.t > lost[0].t && s.t < 45000)).toBe(false);
    expect(of(ev, 'suspect')[0]).toMatchObject({ agent: 'dev1', t: 25000 });
    expect(of(ev, 'unsuspect')[0]).toMatchObject({ agent: 'dev1', t: 45000 });
    expect(computeFaultMetrics(ev).falseSuspicions).toBe(1);
    const peers = await run('decentralized', sched('partition:dev1+dev2@0s,for=10m,from=peers'));
    const cut = of(peers, 'message_send').filter((m) => ['dev1', 'dev2'].includes(m.from) !== ['dev1', 'dev2'].includes(m.to));
    const faults = new Set(of(peers, 'message_fault').filter((f) => f.fault === 'partition').map((f) => f.id));
    expect(cut.length).toBeGreaterThan(0);
    for (const m of cut) expect(faults.has(m.id)).toBe(true);
  });

  it('a Byzantine agent marking tasks done untested: missed without verification, caught and distrusted with it', async () => {
    const lying = await run('decentralized', sched('byzantine:dev3,mode=done'));
    expect(end(lying).correct).toBe(false);
    const m1 = computeFaultMetrics(lying);
    expect(m1.wrongMissed).toBeGreaterThan(0);
    expect(m1.wrongCaught).toBe(0);
    expect(of(lying, 'verify')).toHaveLength(0);
    const checked = await run('decentralized', sched('byzantine:dev3,mode=done', 'verify'));
    const refused = of(checked, 'verify').filter((v) => !v.ok);
    expect(refused.filter((v) => v.agent === 'dev3').length).toBeGreaterThanOrEqual(3);
    expect(of(checked, 'complete').some((c) => !c.ok && /verification failed/.test(c.reason ?? ''))).toBe(true);
    expect(of(checked, 'suspect')).toMatchObject([{ agent: 'dev3', reason: 'verification' }]);
    const m2 = computeFaultMetrics(checked);
    expect(m2.wrongMissed).toBe(0);
    expect(m2.wrongCaught).toBe(refused.length);
    // Every completion the board accepted passed its tests when it was accepted.
    const audit = of(checked, 'audit')[0];
    expect(audit.completions!.length).toBeGreaterThan(0);
    expect(audit.completions!.every((c) => c.ok)).toBe(true);
    expect(end(checked).success).toBe(true);
  });

  it('a lying agent sends false "done" messages', async () => {
    const ev = await run('decentralized', sched('byzantine:dev2,mode=lie'));
    expect(of(ev, 'message_send').filter((m) => m.from === 'dev2' && / is done$/.test(m.text)).length).toBeGreaterThan(0);
  });

  it('leases: a claim held by a crashed agent expires and the task goes back to the board; without them it is held for ever', async () => {
    const held = await run('decentralized', sched('crash:dev2@step=2'));
    expect(end(held).success).toBe(false);
    const ev = await run('decentralized', sched('crash:dev2@step=2', 'leases,lease=30s'));
    const crash = of(ev, 'fault')[0];
    const expired = of(ev, 'lease_expired');
    expect(expired.length).toBeGreaterThan(0);
    for (const x of expired) {
      expect(x.owner).toBe('dev2');
      expect(x.t).toBeGreaterThan(crash.t);
      expect(x.t).toBeLessThanOrEqual(crash.t + 30000);
    }
    expect(of(ev, 'reassign').every((r) => r.reason === 'lease' && r.to === undefined)).toBe(true);
    expect(end(ev).success).toBe(true);
  });

  it('with every protocol on and no fault, nothing is suspected and the run still succeeds (the price of safety is time only)', async () => {
    const ev = await run('decentralized', sched('', 'heartbeats,reassign,leases,verify,retries'));
    expect(of(ev, 'suspect')).toHaveLength(0);
    expect(of(ev, 'verify').length).toBeGreaterThan(0);
    expect(end(ev)).toMatchObject({ success: true });
  });
});

describe('preset scenarios', { timeout: 60_000 }, () => {
  const outcome = async (id: string) => {
    const s = FAULT_SCENARIOS.find((x) => x.id === id)!;
    const ev = await simulateRun({ suite, structure: s.structure, n: s.n, seed: s.seed, mode: s.mode, testRunner: runner, faults: sched(s.faults, s.recovery) });
    return { end: end(ev), m: computeFaultMetrics(ev) };
  };

  it('every scenario reads back and makes a link that reproduces it', () => {
    for (const s of FAULT_SCENARIOS) {
      const state = { ...defaultState(), structure: s.structure, n: s.n, mode: s.mode, seed: s.seed, faults: s.faults, recovery: s.recovery };
      const back = parseHash(toHash(state));
      expect(back.notices, s.id).toEqual([]);
      expect(back.state, s.id).toEqual(state);
    }
  });

  it('teach what they say: a crash stops pre-assignment but not self-claiming; detection brings pre-assignment back', async () => {
    expect((await outcome('crash-preassign')).end.success).toBe(false);
    expect((await outcome('crash-selfclaim')).end.success).toBe(true);
    const detected = await outcome('crash-detected');
    expect(detected.end.success).toBe(true);
    expect(detected.m.meanDetectMs).toBe(20000);
  });

  it('teach what they say: a Byzantine agent slips through unchecked and is caught with verification; a straggler is falsely suspected', async () => {
    const unchecked = await outcome('byzantine-unverified');
    expect(unchecked.end.correct).toBe(false);
    expect(unchecked.m.wrongMissed).toBeGreaterThan(0);
    const verified = await outcome('byzantine-verified');
    expect(verified.m.wrongMissed).toBe(0);
    expect(verified.m.wrongCaught).toBeGreaterThan(0);
    expect((await outcome('straggler-suspected')).m.falseSuspicions).toBe(1);
  });
});
