import { describe, expect, it } from 'vitest';
import { CachedTestRunner } from '../../src/core/harness/cachedRunner';
import { simulateRun } from '../../src/core/sim/simulate';
import { expandGrid } from '../../src/core/sweep/grid';
import { forkCell } from '../../src/core/sweep/recipe';
import { cellOptions } from '../../src/core/sweep/recipeRun';
import { divergenceTime } from '../../src/core/trace/divergence';
import type { TraceEvent } from '../../src/core/trace/events';
import { NodeTestRunner } from '../../src/platform/nodeTestRunner';
import { syncTwoAgentTrace } from '../fixtures/metricsTraces';

const runner = new CachedTestRunner(new NodeTestRunner());

describe('divergenceTime', () => {
  it('is null for the same trace and for one differing only in its configuration', () => {
    const a = syncTwoAgentTrace();
    expect(divergenceTime(a, syncTwoAgentTrace())).toBeNull();
    const b = a.map((e) => (e.type === 'run_start' ? { ...e, config: { ...e.config, locks: false } } : e));
    expect(divergenceTime(a, b)).toBeNull();
  });

  it('is the time of the first event that differs, or of the first extra event', () => {
    const a = syncTwoAgentTrace();
    const i = a.findIndex((e) => e.type === 'write');
    const b: TraceEvent[] = a.map((e, k) => (k === i && e.type === 'write' ? { ...e, content: 'other' } : e));
    expect(divergenceTime(a, b)).toBe(a[i]?.t);
    expect(divergenceTime(a.slice(0, i), a)).toBe(a[i]?.t);
  });

  it('a fork with locks off shares its parent’s trace up to the first lock wait', async () => {
    const cell = expandGrid({ families: ['math'], ps: [0.9], structures: ['decentralized'], ns: [5], seeds: [1], mode: 'sync', preset: 'laptop', locks: true, straggler: false })[1]!;
    const parent = await simulateRun(cellOptions(cell, runner));
    const child = await simulateRun(cellOptions(forkCell(cell, { locks: false }), runner));
    const firstWait = parent.find((e) => e.type === 'lock_wait');
    expect(firstWait).toBeDefined();
    const at = divergenceTime(parent, child);
    expect(at).not.toBeNull();
    expect(at).toBeGreaterThan(0);
    expect(at).toBeLessThanOrEqual(firstWait!.t);
  }, 60_000);
});
