import { describe, expect, it } from 'vitest';
import { dealBySuite, fidelityJobs } from '../../src/core/sim/fidelityGrid';

describe('dealing the fidelity grid over threads', () => {
  const jobs = fidelityJobs({ seeds: 3 });

  it('gives every job to exactly one thread', () => {
    const shares = dealBySuite(jobs, 2);
    const all = shares.flatMap((s) => s.idx).sort((a, b) => a - b);
    expect(all).toEqual(jobs.map((_, i) => i));
    for (const s of shares) s.idx.forEach((i, k) => expect(s.jobs[k]).toBe(jobs[i]));
  });

  it('keeps each suite on one thread, so no two threads run the same tests', () => {
    for (const threads of [2, 3, 4]) {
      const owner = new Map<string, number>();
      dealBySuite(jobs, threads).forEach((s, t) => {
        for (const j of s.jobs) {
          const key = `${j.family}/${j.p}`;
          expect(owner.get(key) ?? t).toBe(t);
          owner.set(key, t);
        }
      });
      expect(owner.size).toBe(9);
    }
  });

  it('balances the threads to within one suite', () => {
    const weight = (js: { n: number }[]) => js.reduce((s, j) => s + 1 + j.n, 0);
    const shares = dealBySuite(jobs, 2);
    expect(shares).toHaveLength(2);
    const loads = shares.map((s) => weight(s.jobs));
    const biggestSuite = Math.max(...[...new Set(jobs.map((j) => `${j.family}/${j.p}`))].map((k) => weight(jobs.filter((j) => `${j.family}/${j.p}` === k))));
    expect(Math.abs(loads[0] - loads[1])).toBeLessThanOrEqual(biggestSuite);
  });

  it('uses one thread for everything when asked for one, and never makes empty shares', () => {
    expect(dealBySuite(jobs, 1)).toHaveLength(1);
    expect(dealBySuite(jobs.slice(0, 3), 8).every((s) => s.jobs.length > 0)).toBe(true);
  });
});
