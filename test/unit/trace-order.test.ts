import { getEventListeners } from 'node:events';
import { describe, expect, it } from 'vitest';
import { CachedTestRunner } from '../../src/core/harness/cachedRunner';
import { simulateRun } from '../../src/core/sim/simulate';
import { TraceQueue } from '../../src/core/team/traceQueue';
import type { TraceEvent } from '../../src/core/trace/events';
import { traceOrderError } from '../../src/core/trace/schema';
import { parseTrace, serializeTrace } from '../../src/core/trace/serialize';
import { ALL_SUITES } from '../../src/core/workload/suites';
import { NodeTestRunner } from '../../src/platform/nodeTestRunner';

const tests = new CachedTestRunner(new NodeTestRunner());
const structures = ['single', 'preassign', 'leader', 'decentralized'] as const;
const modes = ['sync', 'async'] as const;

describe('one ordered trace', () => {
  it('leaves the step loop in time order for every structure and mode over many seeds, ending with run_end', async () => {
    let runs = 0;
    for (let seed = 1; seed <= 6; seed++) {
      for (const structure of structures) {
        for (const mode of modes) {
          const suite = ALL_SUITES[(seed * 7) % ALL_SUITES.length]!;
          const events = await simulateRun({ suite, structure, mode, seed, n: structure === 'single' ? 1 : 2 + (seed % 4), testRunner: tests, maxRounds: 30 });
          expect(traceOrderError(events), `${suite.id} ${structure} ${mode} seed ${seed}`).toBeUndefined();
          expect(events.at(-1)?.type).toBe('run_end');
          expect(events.filter((e) => e.type === 'run_end')).toHaveLength(1);
          runs++;
        }
      }
    }
    expect(runs).toBe(48);
  }, 120_000);

  it('holds an event stamped later until time reaches it, and refuses one earlier than what went out', () => {
    const out: TraceEvent[] = [];
    const q = new TraceQueue((e) => out.push(e));
    q.record({ type: 'round_start', t: 0, round: 1 });
    q.record({ type: 'round_end', t: 500, round: 1 });
    q.record({ type: 'notice', t: 200, level: 'info', text: 'a' });
    q.record({ type: 'notice', t: 200, level: 'info', text: 'b' });
    q.releaseUpTo(200);
    expect(out.map((e) => e.t)).toEqual([0, 200, 200]);
    expect(out.map((e) => (e.type === 'notice' ? e.text : e.type))).toEqual(['round_start', 'a', 'b']);
    expect(() => q.record({ type: 'notice', t: 100, level: 'info', text: 'late' })).toThrow(/trace order/);
    q.releaseAll();
    expect(out.map((e) => e.t)).toEqual([0, 200, 200, 500]);
  });

  it('validation rejects a trace out of time order, and repairs one saved by an earlier version', async () => {
    const events = await simulateRun({ suite: ALL_SUITES[0]!, structure: 'decentralized', mode: 'async', seed: 3, n: 3, testRunner: tests, maxRounds: 10 });
    const i = events.findIndex((e, k) => k > 1 && e.t > events[1]!.t);
    const swapped = [...events];
    [swapped[i - 1], swapped[i]] = [swapped[i]!, swapped[i - 1]!];
    const bad = parseTrace(serializeTrace(swapped));
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error).toMatch(/time order/);
    const repaired = parseTrace(serializeTrace(swapped), { savedBefore: true });
    expect(repaired.ok && traceOrderError(repaired.events)).toBeUndefined();
    expect(parseTrace(serializeTrace(events)).ok).toBe(true);
  });
});

describe('the stop signal', () => {
  it('each run takes its abort listener off a shared sweep signal when it ends', async () => {
    const controller = new AbortController();
    const before = getEventListeners(controller.signal, 'abort').length;
    for (let seed = 1; seed <= 5; seed++) {
      await simulateRun({ suite: ALL_SUITES[0]!, structure: 'decentralized', mode: seed % 2 ? 'sync' : 'async', seed, n: 2, testRunner: tests, maxRounds: 4, signal: controller.signal });
    }
    expect(getEventListeners(controller.signal, 'abort').length).toBe(before);
  });
});
