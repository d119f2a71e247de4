import { describe, expect, it } from 'vitest';
import { groupRuns, pooledStragglerGapMs, speedupTable, stat } from '../../src/core/metrics/aggregate';
import type { RunMetrics } from '../../src/core/metrics/runMetrics';

/** A run with only the fields the aggregation reads made meaningful. */
function run(over: Partial<RunMetrics>): RunMetrics {
  return {
    suite: 's',
    structure: 'decentralized',
    mode: 'sync',
    engine: 'sim',
    seed: 1,
    n: 1,
    teamSize: 1,
    wallMs: 1000,
    rounds: 1,
    success: true,
    correct: true,
    stopReason: 'done',
    tasksTotal: 4,
    tasksDone: 4,
    tokensIn: 0,
    tokensOut: 0,
    tokens: 100,
    replies: 0,
    messages: 0,
    messageBytes: 0,
    writes: 0,
    concurrentWrites: 0,
    rewrites: 0,
    blockedClaims: 0,
    claimConflicts: 0,
    testRuns: 0,
    testFailures: 0,
    idleRounds: 0,
    lockWaits: 0,
    lockWaitMs: 0,
    protocolErrors: 0,
    failedAgents: 0,
    stragglerGapMs: 0,
    stragglerGaps: [],
    idleFraction: {},
    meanIdleFraction: 0,
    p: 0.5,
    criticalPath: 2,
    amdahlBound: 1,
    ...over,
  };
}

describe('stat', () => {
  it('gives mean, sample sd, min and max', () => {
    const s = stat([2, 4, 4, 4, 5, 5, 7, 9]);
    expect(s.mean).toBe(5);
    expect(s.sd).toBeCloseTo(Math.sqrt(32 / 7), 12);
    expect([s.min, s.max, s.count]).toEqual([2, 9, 8]);
    expect(stat([3]).sd).toBe(0);
  });
});

describe('groupRuns', () => {
  it('groups by configuration across seeds, with success and correctness rates', () => {
    const groups = groupRuns([
      run({ seed: 1, n: 2, wallMs: 400 }),
      run({ seed: 2, n: 2, wallMs: 600, success: false, correct: null }),
      run({ seed: 1, n: 1, wallMs: 1000 }),
      run({ seed: 1, n: 2, engine: 'webllm', wallMs: 100 }),
    ]);
    expect(groups.map((g) => [g.engine, g.n, g.runs.length])).toEqual([
      ['sim', 1, 1],
      ['sim', 2, 2],
      ['webllm', 2, 1],
    ]);
    const g = groups[1]!;
    expect(g.seeds).toEqual([1, 2]);
    expect(g.stats.wallMs.mean).toBe(500);
    expect(g.stats.wallMs.sd).toBeCloseTo(Math.sqrt(20000), 9);
    expect(g.successRate).toBe(0.5);
    // The run whose correctness is unknown does not count either way.
    expect(g.correctRate).toBe(1);
  });
});

describe('speedupTable', () => {
  const runs = [
    run({ seed: 1, n: 1, wallMs: 1000, tokens: 100 }),
    run({ seed: 2, n: 1, wallMs: 1200, tokens: 140 }),
    run({ seed: 1, n: 2, wallMs: 500, tokens: 240 }),
    run({ seed: 2, n: 2, wallMs: 700, tokens: 240 }),
    // A leader team has no one-agent run: it is measured against 'single'.
    run({ structure: 'single', seed: 1, n: 1, wallMs: 2000, tokens: 50 }),
    run({ structure: 'leader', seed: 1, n: 4, wallMs: 800, tokens: 400 }),
    // Another suite with no baseline at all.
    run({ suite: 'other', seed: 1, n: 3, wallMs: 300 }),
  ];
  const table = speedupTable(runs);
  const row = (structure: string, n: number, suite = 's') =>
    table.find((r) => r.suite === suite && r.structure === structure && r.n === n)!;

  it('divides the mean one-agent wall time by the mean wall time, with seed error bars', () => {
    const r = row('decentralized', 2);
    expect(r.baseline?.structure).toBe('decentralized');
    expect(r.baseline?.meanWallMs).toBe(1100);
    expect(r.meanWallMs).toBe(600);
    expect(r.speedup).toBeCloseTo(1100 / 600, 12);
    expect(r.speedupMin).toBeCloseTo(1100 / 700, 12);
    expect(r.speedupMax).toBeCloseTo(1100 / 500, 12);
  });

  it('computes token multiplier, efficiency, Amdahl bound and the ratio to it', () => {
    const r = row('decentralized', 2);
    expect(r.tokenMultiplier).toBeCloseTo(240 / 120, 12);
    expect(r.efficiency).toBeCloseTo(1100 / 600 / 2, 12);
    expect(r.amdahlBound).toBeCloseTo(4 / 3, 12);
    expect(r.ratioToAmdahl).toBeCloseTo(1100 / 600 / (4 / 3), 12);
  });

  it('gives the one-agent row a speedup of 1', () => {
    expect(row('decentralized', 1).speedup).toBe(1);
    expect(row('decentralized', 1).tokenMultiplier).toBe(1);
  });

  it("falls back to the 'single' structure's one-agent run", () => {
    const r = row('leader', 4);
    expect(r.baseline?.structure).toBe('single');
    expect(r.speedup).toBeCloseTo(2000 / 800, 12);
    expect(r.tokenMultiplier).toBeCloseTo(400 / 50, 12);
  });

  it('leaves speedup empty without any baseline', () => {
    const r = row('decentralized', 3, 'other');
    expect(r.baseline).toBeNull();
    expect(r.speedup).toBeNull();
    expect(r.ratioToAmdahl).toBeNull();
  });

  it('averages successful runs only, as the paper does, unless told to count every run; the success rate counts every run', () => {
    const withFailure = [...runs, run({ seed: 3, n: 2, wallMs: 5000, success: false })];
    const all = speedupTable(withFailure, { successfulOnly: false }).find((r) => r.structure === 'decentralized' && r.n === 2)!;
    expect(all.meanWallMs).toBeCloseTo(6200 / 3, 9);
    const only = speedupTable(withFailure).find((r) => r.structure === 'decentralized' && r.n === 2)!;
    expect(only.meanWallMs).toBe(600);
    expect(only.successRate).toBeCloseTo(2 / 3, 12);
    expect(only.runs).toBe(3);
  });

  it('keeps a configuration none of whose runs succeeded, with its success rate and no speedup', () => {
    const failing = [...runs, run({ seed: 1, n: 4, wallMs: 5000, success: false })];
    const r = speedupTable(failing).find((x) => x.structure === 'decentralized' && x.n === 4)!;
    expect(r.successRate).toBe(0);
    expect(r.speedup).toBeNull();
  });

  it('pools straggler gaps over every round of the runs and takes the median', () => {
    const gaps = (ms: number[]) => ms.map((gapMs, i) => ({ round: i + 1, steps: 2, maxLatencyMs: gapMs, meanLatencyMs: 0, gapMs }));
    expect(pooledStragglerGapMs([{ stragglerGaps: gaps([100, 900]) }, { stragglerGaps: gaps([300]) }])).toBe(300);
    expect(pooledStragglerGapMs([{ stragglerGaps: [] }])).toBeNull();
  });
});
