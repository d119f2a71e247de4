// "Where the speedup went" with faults: the fault and recovery shares.
import { describe, expect, it } from 'vitest';
import { parseFaults, parseRecovery } from '../../src/core/faults/text';
import { CachedTestRunner } from '../../src/core/harness/cachedRunner';
import { BREAKDOWN_BUCKETS, computeBreakdown } from '../../src/core/metrics/breakdown';
import { simulateRun } from '../../src/core/sim/simulate';
import { findSuite } from '../../src/core/workload/suites';
import { NodeTestRunner } from '../../src/platform/nodeTestRunner';

const runner = new CachedTestRunner(new NodeTestRunner());
const suite = findSuite('math', 0.9)!;
const run = (faults: string, recovery = 'none') =>
  simulateRun({ suite, structure: 'decentralized', n: 4, seed: 1, testRunner: runner, ...(faults || recovery !== 'none' ? { faults: { faults: parseFaults(faults), recovery: parseRecovery(recovery) } } : {}) });

describe('breakdown with faults', { timeout: 60_000 }, () => {
  it("a crashed agent's time from the crash to the end is a fault; every agent still adds up to the wall time", async () => {
    const ev = await run('crash:dev2@15s');
    const b = computeBreakdown(ev);
    const end = ev.at(-1)!.t;
    expect(b.perAgent.dev2.fault).toBeCloseTo(end - 15000, 6);
    for (const a of b.agents) {
      const sum = BREAKDOWN_BUCKETS.reduce((s, k) => s + b.perAgent[a][k], 0);
      expect(sum).toBeCloseTo(b.wallMs, 6);
    }
    expect(b.perAgent.dev1.fault).toBe(0);
  });

  it('a stall is a fault for its length; verification is the recovery share; a fault-free run has neither', async () => {
    const stalled = computeBreakdown(await run('stall:dev3@10s,for=30s'));
    expect(stalled.perAgent.dev3.fault).toBeCloseTo(30000, 6);
    const verified = computeBreakdown(await run('', 'verify'));
    expect(verified.buckets.recovery).toBeGreaterThan(0);
    expect(verified.buckets.fault).toBe(0);
    const clean = computeBreakdown(await run(''));
    expect(clean.buckets.fault + clean.buckets.recovery).toBe(0);
  });
});
