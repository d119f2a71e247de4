// Actions lost or duplicated between an agent and the board, on the virtual clock (issue 13):
// without retries a lost complete leaves its task hanging and a late copy of a write lands as a
// rewrite; with retries every action has an id, a lost one is sent again and the board applies
// each id once.
import { describe, expect, it } from 'vitest';
import { findScenario } from '../../src/core/faults/scenarios';
import type { FaultSchedule } from '../../src/core/faults/schedule';
import { FaultSyntaxError, formatFaults, parseFault, parseFaults, parseRecovery } from '../../src/core/faults/text';
import { CachedTestRunner } from '../../src/core/harness/cachedRunner';
import { computeFaultMetrics } from '../../src/core/metrics/faults';
import { simulateRun } from '../../src/core/sim/simulate';
import type { EventOf, Structure, TraceEvent } from '../../src/core/trace/events';
import { faultSnapshot } from '../../src/core/trace/faultView';
import { projectAt } from '../../src/core/trace/projection';
import { parseTrace } from '../../src/core/trace/serialize';
import { findSuite } from '../../src/core/workload/suites';
import { NodeTestRunner } from '../../src/platform/nodeTestRunner';

const runner = new CachedTestRunner(new NodeTestRunner());
const suite = findSuite('math', 0.9)!;
const sched = (faults: string, recovery = 'none'): FaultSchedule => ({ faults: parseFaults(faults), recovery: parseRecovery(recovery) });
const run = (structure: Structure, faults: FaultSchedule, o: { mode?: 'sync' | 'async'; seed?: number } = {}) =>
  simulateRun({ suite, structure, n: 4, seed: o.seed ?? 1, mode: o.mode ?? 'sync', testRunner: runner, faults });
const of = <K extends TraceEvent['type']>(ev: TraceEvent[], type: K) => ev.filter((e): e is EventOf<K> => e.type === type);
const end = (ev: TraceEvent[]) => ev.at(-1) as EventOf<'run_end'>;

describe('the text form of action faults', () => {
  it('reads and writes faults on links to the board, one kind of action or all', () => {
    const text = 'drop:dev2>board,rate=0.5,action=complete;duplicate:*>board,rate=1,by=20s,action=write;drop:*>board,rate=0.1';
    const faults = parseFaults(text);
    expect(faults[0]).toEqual({ kind: 'drop', link: 'dev2>board', rate: 0.5, action: 'complete' });
    expect(faults[1]).toEqual({ kind: 'duplicate', link: '*>board', rate: 1, ms: 20000, action: 'write' });
    expect(formatFaults(faults)).toBe(text);
    expect(parseFault('duplicate:*,rate=0.3,by=2s')).toEqual({ kind: 'duplicate', link: '*', rate: 0.3, ms: 2000 });
  });

  it('refuses what cannot happen, naming the piece', () => {
    expect(() => parseFault('drop:dev1>dev2,action=complete')).toThrow(/action= in "drop:dev1>dev2,action=complete" needs a link to the board/);
    expect(() => parseFault('drop:dev1>board,action=message')).toThrow(/action=message .*choose claim, write, complete, assign/);
    expect(() => parseFault('delay:dev1>board,by=2s')).toThrow(/board link takes drop and duplicate/);
    expect(() => parseFault('drop:board>dev1')).toThrow(FaultSyntaxError);
    expect(() => parseFault('drop:dev1>board,by=2s')).toThrow(/by= does not apply to drop/);
  });
});

describe('actions lost on the way to the board', { timeout: 120_000 }, () => {
  it('without retries a lost complete never happens and its task hangs, owned and unfinished', async () => {
    const ev = await run('preassign', sched('drop:dev2>board,rate=1,action=complete'));
    const lost = of(ev, 'action_fault');
    expect(lost.length).toBeGreaterThan(0);
    expect(lost.every((f) => f.agent === 'dev2' && f.action === 'complete' && f.fault === 'drop' && f.attempt === 0)).toBe(true);
    // Every complete dev2 sent is lost, and only those; others' completions get through.
    const sent = of(ev, 'step_end').flatMap((s) => (s.agent === 'dev2' ? s.actions.filter((a) => a.type === 'complete') : []));
    expect(lost).toHaveLength(sent.length);
    expect(of(ev, 'complete').some((c) => c.agent === 'dev2')).toBe(false);
    expect(of(ev, 'complete').some((c) => c.agent !== 'dev2' && c.ok)).toBe(true);
    expect(of(ev, 'action_retry')).toHaveLength(0);
    const hanging = projectAt(ev).board.filter((b) => b.owner === 'dev2' && b.status !== 'done');
    expect(hanging.map((b) => b.id)).toContain(lost[0].task);
    expect(end(ev).success).toBe(false);
    // Drawn as a lost envelope on the way to the board.
    expect(faultSnapshot(ev, lost[0].t, 1000).lost[0]).toMatchObject({ from: 'dev2', to: 'board', action: 'complete', why: 'drop' });
  });

  it('with retries a lost complete is sent again with the same id after retryMs, and gets through', async () => {
    const ev = await run('preassign', sched('drop:dev2>board@0s,rate=1,action=complete,for=40s', 'retries,retry=5s'));
    const lost = of(ev, 'action_fault');
    const retries = of(ev, 'action_retry');
    expect(lost.length).toBeGreaterThan(0);
    expect(retries.length).toBeGreaterThan(0);
    const first = lost[0];
    const again = retries.filter((r) => r.id === first.id);
    // One retry per lost attempt, retryMs apart, until one lands after the loss ends.
    expect(again.map((r) => r.attempt)).toEqual(again.map((_, i) => i + 1));
    for (const [i, r] of again.entries()) expect(r.t).toBe(first.t + (i + 1) * 5000);
    const landed = again.at(-1)!;
    expect(landed.t).toBeGreaterThanOrEqual(40000);
    expect(of(ev, 'complete').find((c) => c.agent === 'dev2' && c.task === first.task && c.t === landed.t)).toMatchObject({ ok: true });
    expect(lost.filter((f) => f.id === first.id)).toHaveLength(again.length);
    expect(lost.every((f) => f.t < 40000)).toBe(true);
    expect(end(ev).success).toBe(true);
    const m = computeFaultMetrics(ev);
    expect(m.actionsLost).toBe(lost.length);
    expect(m.actionRetries).toBe(retries.length);
  });

  it('an agent gives up after maxRetries and is told', async () => {
    const ev = await run('preassign', sched('drop:dev2>board,rate=1,action=complete', 'retries,retry=2s,max-retries=2'));
    const first = of(ev, 'action_fault')[0];
    const attempts = of(ev, 'action_fault').filter((f) => f.id === first.id);
    expect(attempts.map((f) => [f.attempt, !!f.gaveUp])).toEqual([
      [0, false],
      [1, false],
      [2, true],
    ]);
    const next = of(ev, 'step_start').find((s) => s.agent === 'dev2' && s.t > attempts[2].t)!;
    expect(next.prompt).toMatch(new RegExp(`complete ${first.task}: no answer from the board after 3 tries`));
  });

  it('a "*" link is every agent-agent link: it loses messages, never actions', async () => {
    const ev = await run('decentralized', sched('drop:*,rate=1'));
    expect(of(ev, 'message_fault').length).toBeGreaterThan(0);
    expect(of(ev, 'action_fault')).toHaveLength(0);
  });
});

describe('actions duplicated on the way to the board', { timeout: 120_000 }, () => {
  it('without retries a late copy of a write is applied again: one more version, a rewrite in a later round', async () => {
    const ev = await run('decentralized', sched('duplicate:dev2>board,rate=1,by=20s,action=write'));
    const copies = of(ev, 'action_fault');
    expect(copies.length).toBeGreaterThan(0);
    expect(copies.every((c) => c.fault === 'duplicate' && !c.ignored && c.action === 'write')).toBe(true);
    const writes = of(ev, 'write');
    for (const c of copies) {
      const again = writes.find((w) => w.agent === 'dev2' && w.path === c.path && w.t >= c.t);
      expect(again, `the copy of ${c.id} at ${c.t}`).toBeDefined();
      expect(again!.rewrite).toBe(true);
      // The original went out 20 s earlier, in an earlier round.
      const original = writes.find((w) => w.agent === 'dev2' && w.path === c.path && w.t <= c.t - 20000)!;
      expect(original.round).toBeLessThan(again!.round);
      expect(again!.version).toBeGreaterThan(original.version);
    }
    expect(computeFaultMetrics(ev).actionsDuplicated).toBe(copies.length);
  });

  it('with retries the board knows the id: the copy is recorded as ignored and changes nothing', async () => {
    const ev = await run('decentralized', sched('duplicate:dev2>board,rate=1,by=20s,action=write', 'retries'));
    const copies = of(ev, 'action_fault');
    expect(copies.length).toBeGreaterThan(0);
    expect(copies.every((c) => c.fault === 'duplicate' && c.ignored === true)).toBe(true);
    for (const c of copies) expect(of(ev, 'write').some((w) => w.agent === 'dev2' && w.path === c.path && w.t === c.t)).toBe(false);
    expect(computeFaultMetrics(ev)).toMatchObject({ actionsIgnored: copies.length, actionsDuplicated: 0 });
  });

  it('a duplicated complete without ids: the copy is refused as already done, shown in the trace', async () => {
    const ev = await run('preassign', sched('duplicate:dev1>board,rate=1,by=3s,action=complete'));
    const copies = of(ev, 'action_fault');
    expect(copies.length).toBeGreaterThan(0);
    for (const c of copies) {
      const twice = of(ev, 'complete').filter((x) => x.agent === 'dev1' && x.task === c.task);
      expect(twice.some((x) => x.ok)).toBe(true);
      expect(twice.find((x) => x.t === c.t)).toMatchObject({ ok: false, reason: 'already done' });
    }
  });

  it('asynchronous steps: a late copy can overwrite a newer version it never saw (a concurrent write)', async () => {
    const ev = await run('decentralized', sched('duplicate:*>board,rate=1,by=15s,action=write'), { mode: 'async' });
    const copies = of(ev, 'action_fault');
    expect(copies.length).toBeGreaterThan(0);
    // A copy lands when it arrives, or once the file's lock is free.
    const landed = copies.map((c) => of(ev, 'write').find((w) => w.agent === c.agent && w.path === c.path && w.t >= c.t)).filter((w) => w !== undefined);
    expect(landed.length).toBe(copies.length);
    expect(landed.some((w) => w.concurrent)).toBe(true);
  });
});

describe('the preset scenarios teach what they say', { timeout: 120_000 }, () => {
  const scenario = async (id: string) => {
    const s = findScenario(id)!;
    const ev = await simulateRun({ suite, structure: s.structure, n: s.n, seed: s.seed, mode: s.mode, testRunner: runner, faults: sched(s.faults, s.recovery) });
    return { ev, m: computeFaultMetrics(ev), rewrites: of(ev, 'write').filter((w) => w.rewrite).length };
  };

  it('lost and copied actions: without ids tasks hang and copies rewrite; with retries and ids nothing is applied twice', async () => {
    const without = await scenario('lost-actions');
    expect(without.m.actionsLost).toBeGreaterThan(0);
    expect(without.m.actionsDuplicated).toBeGreaterThan(0);
    expect(without.m.actionRetries).toBe(0);
    const withIds = await scenario('idempotent-actions');
    expect(withIds.m.actionsIgnored).toBeGreaterThan(0);
    expect(withIds.m.actionsDuplicated).toBe(0);
    expect(withIds.m.actionRetries).toBeGreaterThan(0);
    expect(end(withIds.ev).success).toBe(true);
    expect(without.rewrites).toBeGreaterThan(withIds.rewrites);
    expect(end(without.ev).rounds).toBeGreaterThan(end(withIds.ev).rounds);
  });
});

describe('determinism', { timeout: 120_000 }, () => {
  it('same schedule and seed, same trace byte for byte, with loss and copies at random', async () => {
    const s = sched('drop:*>board,rate=0.3;duplicate:*>board,rate=0.3,by=10s', 'retries,retry=3s');
    const a = await run('decentralized', s, { seed: 2 });
    const b = await run('decentralized', s, { seed: 2 });
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    expect(of(a, 'action_fault').length).toBeGreaterThan(0);
    expect(parseTrace(JSON.stringify({ version: 1, events: a })).ok).toBe(true);
    const noIds = await run('decentralized', sched('drop:*>board,rate=0.3;duplicate:*>board,rate=0.3,by=10s'), { seed: 2 });
    expect(JSON.stringify(noIds)).toBe(JSON.stringify(await run('decentralized', sched('drop:*>board,rate=0.3;duplicate:*>board,rate=0.3,by=10s'), { seed: 2 })));
    expect(parseTrace(JSON.stringify({ version: 1, events: noIds })).ok).toBe(true);
  });
});
