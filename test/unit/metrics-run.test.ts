import { describe, expect, it } from 'vitest';
import { computeRunMetrics, stragglerGaps } from '../../src/core/metrics/runMetrics';
import type { TraceEvent } from '../../src/core/trace/events';
import { asyncTwoAgentTrace, syncTwoAgentTrace } from '../fixtures/metricsTraces';

describe('computeRunMetrics on a sync run (2 agents, 3 rounds)', () => {
  const m = computeRunMetrics(syncTwoAgentTrace());

  it('reads the configuration and the end of the run', () => {
    expect(m).toMatchObject({
      suite: 'mini',
      structure: 'decentralized',
      mode: 'sync',
      engine: 'sim',
      seed: 7,
      n: 2,
      teamSize: 2,
      wallMs: 9000,
      rounds: 3,
      success: false,
      correct: false,
      stopReason: 'round_budget',
      tasksTotal: 4,
      tasksDone: 3,
    });
  });

  it('counts tokens, replies and explicit messages separately', () => {
    expect(m.tokensIn).toBe(100 + 120 + 100 + 90 + 110 + 100);
    expect(m.tokensOut).toBe(50 + 80 + 60 + 20 + 70 + 40);
    expect(m.tokens).toBe(940);
    expect(m.replies).toBe(6);
    expect(m.messages).toBe(1);
    expect(m.messageBytes).toBe(8);
  });

  it('counts conflicts: one concurrent write, one rewrite, one blocked claim, one lost race', () => {
    expect(m.writes).toBe(5);
    expect(m.concurrentWrites).toBe(1);
    expect(m.rewrites).toBe(1);
    expect(m.blockedClaims).toBe(1);
    expect(m.claimConflicts).toBe(1);
  });

  it('counts test runs, failures, idle rounds and lock waits', () => {
    expect(m.testRuns).toBe(2);
    expect(m.testFailures).toBe(1);
    // Round 1 completed nothing; rounds 2 and 3 completed t1, then t2 and t3.
    expect(m.idleRounds).toBe(1);
    expect(m.lockWaits).toBe(1);
    expect(m.lockWaitMs).toBe(200);
    expect(m.protocolErrors).toBe(0);
    expect(m.failedAgents).toBe(0);
  });

  it('computes the straggler gap per round (max latency minus mean) and its mean', () => {
    expect(m.stragglerGaps.map((g) => [g.round, g.maxLatencyMs, g.meanLatencyMs, g.gapMs])).toEqual([
      [1, 3000, 2000, 1000],
      [2, 3000, 2000, 1000],
      [3, 1800, 1400, 400],
    ]);
    expect(m.stragglerGapMs).toBeCloseTo(800, 9);
  });

  it('computes idle time per agent: wall time outside steps and test runs', () => {
    // A1 busy: steps 1000 + 1000 + 1800, tests 500 + 500 = 4800 of 9000.
    expect(m.idleFraction.A1).toBeCloseTo(1 - 4800 / 9000, 9);
    // A2 busy: steps 3000 + 3000 + 1000 = 7000 of 9000.
    expect(m.idleFraction.A2).toBeCloseTo(1 - 7000 / 9000, 9);
    expect(m.meanIdleFraction).toBeCloseTo((4200 / 9000 + 2000 / 9000) / 2, 9);
  });

  it('takes p and the Amdahl bound from the task DAG, not the nominal p', () => {
    const events = syncTwoAgentTrace();
    const start = events[0] as Extract<TraceEvent, { type: 'run_start' }>;
    start.suite.p = 0.99;
    const mm = computeRunMetrics(events);
    // 4 tasks, critical path t1 -> t2: p = 2/4; Amdahl(0.5, 2) = 1 / (0.5 + 0.25).
    expect(mm.p).toBe(0.5);
    expect(mm.criticalPath).toBe(2);
    expect(mm.amdahlBound).toBeCloseTo(4 / 3, 12);
  });

  it('counts concurrent writes as (round, path) pairs in sync mode, not as flagged writes', () => {
    const events = syncTwoAgentTrace().map((e) => (e.type === 'write' ? { ...e, concurrent: true } : e));
    expect(computeRunMetrics(events).concurrentWrites).toBe(1);
  });
});

describe('computeRunMetrics on an async run cut short', () => {
  const m = computeRunMetrics(asyncTwoAgentTrace());

  it('has no stop reason and no success, and ends at its last event', () => {
    expect(m.stopReason).toBeNull();
    expect(m.success).toBe(false);
    expect(m.correct).toBeNull();
    expect(m.wallMs).toBe(2600);
    // Without run_end or rounds: the most steps any agent took.
    expect(m.rounds).toBe(2);
  });

  it('counts the writes the board flagged concurrent', () => {
    // Pairs would give 1 ((1, x.js) has A1 and A2); the flags say 2.
    expect(m.concurrentWrites).toBe(2);
    expect(m.rewrites).toBe(1);
  });

  it('groups straggler gaps by step index using step durations', () => {
    expect(m.stragglerGaps.map((g) => g.gapMs)).toEqual([500, 450]);
    expect(m.stragglerGapMs).toBeCloseTo(475, 9);
  });

  it('counts idle rounds over step indices', () => {
    // Step 2 of A2 completed t3; step index 1 completed nothing.
    expect(m.idleRounds).toBe(1);
  });
});

describe('stragglerGaps', () => {
  it('ignores rounds with a single reply (no straggler without a second agent)', () => {
    const events = syncTwoAgentTrace().filter((e) => !('agent' in e && e.agent === 'A2'));
    expect(stragglerGaps(events, 'sync')).toEqual([]);
    expect(computeRunMetrics(events).stragglerGapMs).toBe(0);
  });
});
