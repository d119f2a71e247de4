import { describe, expect, it } from 'vitest';
import { byzantineActions } from '../../src/core/faults/byzantine';
import { FaultInjector } from '../../src/core/faults/injector';
import { DEFAULT_RECOVERY, faultScheduleSchema, isInert, type FaultSchedule } from '../../src/core/faults/schedule';
import { FaultSyntaxError, formatFaults, formatRecovery, parseFault, parseFaults, parseRecovery } from '../../src/core/faults/text';
import { tinySuite } from '../fixtures/tinySuite';

const schedule = (faults: string, recovery = 'none'): FaultSchedule => ({ faults: parseFaults(faults), recovery: parseRecovery(recovery) });

describe('fault text', () => {
  it('reads every kind of fault and writes it back to the same text', () => {
    const text = [
      'crash:dev2@30s',
      'crash:dev1@step=3,restart=20s',
      'crash:dev3@random=10s-1m',
      'stall:dev1@10s,for=40s',
      'slow:dev3,factor=3',
      'slow:dev2@10s,factor=2,for=1m',
      'drop:*,rate=0.2',
      'delay:dev1>*,by=5s,rate=1',
      'duplicate:*>dev2,rate=0.3',
      'reorder:*,by=3s,rate=0.5',
      'partition:dev1+dev2@20s,for=1m,from=peers',
      'byzantine:dev2,mode=done',
      'byzantine:dev4@30s,mode=lie',
    ].join(';');
    const faults = parseFaults(text);
    expect(faults).toHaveLength(13);
    expect(faults[0]).toEqual({ kind: 'crash', agent: 'dev2', at: { t: 30_000 } });
    expect(faults[1]).toEqual({ kind: 'crash', agent: 'dev1', at: { step: 3 }, restartMs: 20_000 });
    expect(faults[2]).toEqual({ kind: 'crash', agent: 'dev3', at: { random: { from: 10_000, to: 60_000 } } });
    expect(faults[10]).toEqual({ kind: 'partition', agents: ['dev1', 'dev2'], from: 'peers', at: { t: 20_000 }, forMs: 60_000 });
    expect(formatFaults(faults)).toBe(text);
    expect(faultScheduleSchema.safeParse({ faults, recovery: DEFAULT_RECOVERY }).success).toBe(true);
  });

  it('names the piece it cannot read', () => {
    expect(() => parseFault('crash:dev2')).toThrow(/needs a moment/);
    expect(() => parseFault('crash:dev2@30')).toThrow(/with a unit/);
    expect(() => parseFault('explode:dev2@3s')).toThrow(/"explode" is not a fault/);
    expect(() => parseFault('drop:*,rate=2')).toThrow(/from 0 to 1/);
    expect(() => parseFault('drop:dev1-dev2,rate=0.5')).toThrow(/link looks like/);
    expect(() => parseFault('stall:dev1@3s')).toThrow(/needs for=/);
    expect(() => parseFault('crash:dev1@3s,for=2s')).toThrow(/for= does not apply to crash/);
    expect(() => parseFault('byzantine:dev1,mode=evil')).toThrow(/choose done, code, lie/);
    expect(() => parseFault('crash:dev1@random=9s-3s')).toThrow(/ends before it starts/);
    expect(() => parseFault('nonsense')).toThrow(FaultSyntaxError);
  });

  it('reads recovery switches and settings, and writes the shortest text back', () => {
    const r = parseRecovery('heartbeats,leases,timeout=15s,lease=1m');
    expect(r).toMatchObject({ heartbeats: true, leases: true, verify: false, timeoutMs: 15_000, leaseMs: 60_000 });
    expect(formatRecovery(r)).toBe('heartbeats,leases,timeout=15s,lease=1m');
    expect(parseRecovery(formatRecovery(r))).toEqual(r);
    expect(formatRecovery(parseRecovery('none'))).toBe('none');
    expect(parseRecovery('all')).toMatchObject({ heartbeats: true, reassign: true, leases: true, verify: true, retries: true });
    expect(() => parseRecovery('magic')).toThrow(/not a recovery protocol/);
    expect(() => parseRecovery('timeout=0s')).toThrow(/more than 0/);
  });

  it('an empty schedule with every protocol off is inert; any fault or protocol is not', () => {
    expect(isInert(undefined)).toBe(true);
    expect(isInert(schedule(''))).toBe(true);
    expect(isInert(schedule('', 'verify'))).toBe(false);
    expect(isInert(schedule('slow:dev1,factor=2'))).toBe(false);
  });
});

describe('fault injector', () => {
  it('crash, stall and restart windows', () => {
    const inj = new FaultInjector(schedule('crash:dev2@30s,restart=10s;stall:dev1@5s,for=20s;crash:dev3@1m'), 1);
    expect(inj.isCrashed('dev2', 29_999)).toBe(false);
    expect(inj.isCrashed('dev2', 30_000)).toBe(true);
    expect(inj.isCrashed('dev2', 40_000)).toBe(false);
    expect(inj.heldUntil('dev2', 31_000)).toBe(40_000);
    expect(inj.heldUntil('dev3', 70_000)).toBe(Infinity);
    expect(inj.isStalled('dev1', 10_000)).toBe(true);
    expect(inj.heldUntil('dev1', 10_000)).toBe(25_000);
    expect(inj.heldUntil('dev1', 26_000)).toBe(26_000);
  });

  it('a step fault is unknown until its step comes, then fixed at that time', () => {
    const inj = new FaultInjector(schedule('crash:dev2@step=3'), 1);
    expect(inj.isCrashed('dev2', 1e9)).toBe(false);
    expect(inj.triggerStep('dev1', 3, 500)).toEqual([]);
    expect(inj.triggerStep('dev2', 2, 500)).toEqual([]);
    expect(inj.triggerStep('dev2', 3, 700)).toHaveLength(1);
    expect(inj.isCrashed('dev2', 700)).toBe(true);
    expect(inj.triggerStep('dev2', 3, 900)).toEqual([]);
  });

  it('a random moment is fixed by the seed, inside its window', () => {
    const at = (seed: number) => new FaultInjector(schedule('crash:dev1@random=10s-20s'), seed).timed()[0].start;
    expect(at(7)).toBe(at(7));
    const many = [1, 2, 3, 4, 5, 6].map(at);
    expect(new Set(many).size).toBeGreaterThan(1);
    for (const t of many) expect(t >= 10_000 && t < 20_000).toBe(true);
  });

  it('partitions cut peers, the board, or both', () => {
    const peers = new FaultInjector(schedule('partition:dev1@0s,for=10s,from=peers'), 1);
    expect(peers.isPartitioned('dev1', 'dev2', 5)).toBe(true);
    expect(peers.isPartitioned('dev2', 'dev1', 5)).toBe(true);
    expect(peers.isPartitioned('dev2', 'dev3', 5)).toBe(false);
    expect(peers.isPartitioned('dev1', 'board', 5)).toBe(false);
    expect(peers.isPartitioned('dev1', 'dev2', 10_000)).toBe(false);
    const board = new FaultInjector(schedule('partition:dev1+dev2@0s,for=10s,from=board'), 1);
    expect(board.isPartitioned('dev1', 'dev2', 5)).toBe(false);
    expect(board.isPartitioned('dev2', 'board', 5)).toBe(true);
    expect(board.boardReachableAt('dev2', 5)).toBe(10_000);
    const all = new FaultInjector(schedule('partition:dev1@0s,for=10s,from=all'), 1);
    expect(all.isPartitioned('dev1', 'dev3', 5) && all.isPartitioned('dev1', 'board', 5)).toBe(true);
  });

  it('message fates depend on the message and attempt, not on the order they are asked in', () => {
    const inj = () => new FaultInjector(schedule('drop:*,rate=0.5;delay:dev1>*,by=2s,rate=1'), 3);
    const msgs = Array.from({ length: 40 }, (_, i) => ({ id: `m${i}`, from: i % 2 ? 'dev1' : 'dev2', to: 'dev3' }));
    const a = inj();
    const forward = msgs.map((m) => a.messageFate(m, 100));
    const b = inj();
    const backward = [...msgs].reverse().map((m) => b.messageFate(m, 100)).reverse();
    expect(backward).toEqual(forward);
    const dropped = forward.filter((f) => f.dropped).length;
    expect(dropped).toBeGreaterThan(5);
    expect(dropped).toBeLessThan(35);
    // Delay only on dev1's link, and only when the message got through.
    forward.forEach((f, i) => {
      if (!f.dropped) expect(f.extraMs).toBe(msgs[i].from === 'dev1' ? 2000 : 0);
    });
    // A second attempt gets its own fate.
    expect(msgs.some((m) => a.messageFate(m, 100, 1).dropped !== a.messageFate(m, 100, 0).dropped)).toBe(true);
  });

  it('suspects a crashed agent one timeout after its last heartbeat, and a stalled one only if the stall outlasts the timeout', () => {
    const rec = 'heartbeats,heartbeat=5s,timeout=20s';
    const crash = new FaultInjector(schedule('crash:dev1@32s', rec), 1);
    // Last heartbeat heard at 30 s; suspicion 20 s later.
    expect(crash.nextSuspicion('dev1', 0, 0)).toBe(50_000);
    expect(crash.nextSuspicion('dev2', 0, 0)).toBeUndefined();
    const shortStall = new FaultInjector(schedule('stall:dev1@32s,for=10s', rec), 1);
    expect(shortStall.nextSuspicion('dev1', 0, 0)).toBeUndefined();
    const longStall = new FaultInjector(schedule('stall:dev1@32s,for=60s', rec), 1);
    expect(longStall.nextSuspicion('dev1', 0, 0)).toBe(50_000);
    expect(longStall.nextHeard('dev1', 50_000)).toBe(95_000);
    const restart = new FaultInjector(schedule('crash:dev1@32s,restart=1m', rec), 1);
    expect(restart.nextHeard('dev1', 50_000)).toBe(95_000);
    expect(crash.nextHeard('dev1', 50_000)).toBeUndefined();
  });

  it('slows a straggler by its factor only inside its window', () => {
    const inj = new FaultInjector(schedule('slow:dev2@10s,factor=3,for=20s'), 1);
    expect(inj.slowFactor('dev2', 5_000)).toBe(1);
    expect(inj.slowFactor('dev2', 15_000)).toBe(3);
    expect(inj.slowFactor('dev1', 15_000)).toBe(1);
    expect(inj.slowFactor('dev2', 30_000)).toBe(1);
  });
});

describe('Byzantine agents', () => {
  const t01 = tinySuite.tasks.find((t) => t.id === 't01')!;
  const honest = [
    { type: 'claim' as const, task: 't01' },
    { type: 'write' as const, path: t01.file, content: t01.reference! },
    { type: 'run_tests' as const, task: 't01' },
  ];
  const ctx = { agent: 'dev2', tasks: tinySuite.tasks, notDone: ['t01', 't02'], peers: ['dev1'] };

  it('"done" writes wrong code, skips the tests and marks the task done at once', () => {
    const out = byzantineActions(honest, 'done', ctx);
    expect(out.map((a) => a.type)).toEqual(['claim', 'write', 'complete']);
    const w = out[1];
    expect(w.type === 'write' && w.content).not.toBe(t01.reference);
  });

  it('"code" keeps the protocol but swaps the code for a plausible wrong one', () => {
    const out = byzantineActions(honest, 'code', ctx);
    expect(out.map((a) => a.type)).toEqual(['claim', 'write', 'run_tests']);
    expect(out[1].type === 'write' && out[1].content).not.toBe(t01.reference);
  });

  it('"lie" tells the team a task is done that is not', () => {
    const out = byzantineActions(honest, 'lie', ctx);
    expect(out.at(-1)).toEqual({ type: 'message', to: 'all', text: 't01 is done' });
  });
});
