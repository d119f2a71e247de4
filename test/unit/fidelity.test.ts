/**
 * The fidelity comparison: its statistics, the paper's acceptance rules, and the simulation
 * checked against the paper's five findings on a small fixed grid of seeds.
 */
import { describe, expect, it } from 'vitest';
import { CachedTestRunner } from '../../src/core/harness/cachedRunner';
import { computeFindings, fidelityCells, roundGaps, spearman, verdicts, type RunRecord } from '../../src/core/metrics/fidelity';
import { buildFidelityReport } from '../../src/core/metrics/fidelityReport';
import { PAPER_FINDINGS } from '../../src/core/metrics/paperFidelity.generated';
import { fidelityJobs, runFidelityJob } from '../../src/core/sim/fidelityGrid';
import { NodeTestRunner } from '../../src/platform/nodeTestRunner';

const rec = (over: Partial<RunRecord>): RunRecord => ({
  mode: 'decentralized', model: 'm', suite: 's', p: 0.5, n: 1, success: true, wallS: 100, tokens: 1000, replies: 10,
  concurrentWrites: 0, rewrites: 0, blockedClaims: 0, testFailures: 0, roundGapsS: [], ...over,
});

describe('fidelity statistics', () => {
  it('Spearman is 1 for any increasing relation and -1 for a decreasing one, with ties ranked by their mean', () => {
    expect(spearman([1, 2, 3, 4], [1, 8, 27, 64])).toBeCloseTo(1, 12);
    expect(spearman([1, 2, 3, 4], [9, 7, 5, 1])).toBeCloseTo(-1, 12);
    expect(spearman([1, 1, 2, 2], [1, 2, 3, 4])).toBeCloseTo(0.894, 3);
  });

  it('a round\u2019s straggler gap is its slowest reply minus the mean, over replies within 0..180 s, rounds of two or more', () => {
    const gaps = roundGaps([
      { round: 1, latencyS: 2 },
      { round: 1, latencyS: 4 },
      { round: 2, latencyS: 3 },
      { round: 2, latencyS: 500 },
      { round: 3, latencyS: 1 },
      { round: 3, latencyS: 1 },
      { round: 3, latencyS: 4 },
    ]);
    expect(gaps).toEqual([1, 2]);
  });

  it('speedup per suite is mean wall at n = 1 over mean wall at n, successful runs only, then averaged over suites', () => {
    const runs = [
      rec({ suite: 'a', n: 1, wallS: 100 }),
      rec({ suite: 'a', n: 2, wallS: 50 }),
      rec({ suite: 'a', n: 2, wallS: 1000, success: false }),
      rec({ suite: 'b', n: 1, wallS: 100 }),
      rec({ suite: 'b', n: 2, wallS: 200 }),
    ];
    const cell = fidelityCells(runs, false).find((c) => c.n === 2)!;
    expect(cell.speedup).toBeCloseTo((2 + 0.5) / 2, 12);
    expect(cell.successRate).toBeCloseTo(2 / 3, 12);
    const all = fidelityCells(runs, false, { includeFailed: true }).find((c) => c.n === 2)!;
    expect(all.speedup).toBeCloseTo((100 / 525 + 0.5) / 2, 12);
  });

  it('the paper\u2019s own findings pass the acceptance rules, and the inverted ones do not', () => {
    expect(verdicts(PAPER_FINDINGS, PAPER_FINDINGS).every((v) => v.ok)).toBe(true);
    const inverted = { ...PAPER_FINDINGS, medianSpeedup: { preassign: 0.98, decentralized: 0.89 }, medianStragglerGapS: { preassign: 1.59, decentralized: 1.54 } };
    const v = verdicts(inverted, PAPER_FINDINGS);
    expect(v.find((x) => x.id === 'b')!.ok).toBe(false);
    expect(v.find((x) => x.id === 'e')!.ok).toBe(false);
    expect(computeFindings([rec({ n: 1 }), rec({ n: 2, wallS: 200 })]).medianSpeedup.decentralized).toBeCloseTo(0.5, 12);
  });
});

describe('the simulation against the paper (small fixed grid)', () => {
  // One model, one suite, two p, three team sizes, two seeds, both structures: 24 runs. The
  // full grid (npm run fidelity) applies the thresholds; this fixed one checks that
  // every finding points the paper's way.
  const jobs = fidelityJobs({ seeds: 2, models: ['gemini-3-flash'], families: ['math'], ps: [0.2, 0.9], ns: [1, 2, 4] });
  const runner = new CachedTestRunner(new NodeTestRunner(), 50000);
  const run = async () => {
    const results = [];
    for (const j of jobs) results.push(await runFidelityJob(j, runner));
    return buildFidelityReport(
      results.map((r) => r.record),
      { 'gemini-3-flash': results.flatMap((r) => r.latenciesS) },
    );
  };

  it('reproduces the findings\u2019 directions, and the same seeds give byte-identical JSON', async () => {
    const a = await run();
    const f = a.findings.sim;
    // (b) pre-assigned teams speed up, self-organising ones do not.
    expect(f.medianSpeedup.preassign!).toBeGreaterThan(1);
    expect(f.medianSpeedup.decentralized!).toBeLessThan(1);
    // (a) most self-organising runs below Amdahl; pre-assigned closer to the bound.
    expect(f.belowAmdahl.decentralized!).toBeGreaterThanOrEqual(0.8);
    expect(f.ratioToAmdahl.preassign!).toBeGreaterThan(f.ratioToAmdahl.decentralized!);
    // (c) self-organising tokens rise with n, speedup does not.
    expect(f.decTokensVsN!).toBeGreaterThan(0.3);
    expect(f.decSpeedupVsN!).toBeLessThanOrEqual(0.1);
    // (d) more test failures and concurrent writes when self-organising.
    expect(f.medianTestFailures.decentralized!).toBeGreaterThanOrEqual(2 * f.medianTestFailures.preassign!);
    expect(f.meanConcurrentWrites.decentralized!).toBeGreaterThanOrEqual(4 * f.meanConcurrentWrites.preassign!);
    // (e) pre-assigned teams wait longer for their slowest agent.
    expect(f.medianStragglerGapS.preassign!).toBeGreaterThan(f.medianStragglerGapS.decentralized!);
    const b = await run();
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
  }, 300_000);
});
