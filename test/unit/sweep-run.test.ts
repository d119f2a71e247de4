import { describe, expect, it } from 'vitest';
import { CachedTestRunner } from '../../src/core/harness/cachedRunner';
import { computeRunMetrics, type RunMetrics } from '../../src/core/metrics/runMetrics';
import { simConfig, simulateRun } from '../../src/core/sim/simulate';
import { expandGrid, type SweepCell, type SweepSpec } from '../../src/core/sweep/grid';
import { cellFromConfig, cellSpeeds, describeFork, forkCell, STRAGGLER_FACTOR } from '../../src/core/sweep/recipe';
import { cellOptions } from '../../src/core/sweep/recipeRun';
import { runSweepCells, type SweepResult } from '../../src/core/sweep/runCells';
import { mostSurprising, runSpeedups } from '../../src/core/sweep/surprise';
import { serializeTrace } from '../../src/core/trace/serialize';
import { findSuite } from '../../src/core/workload/suites';
import { NodeTestRunner } from '../../src/platform/nodeTestRunner';

const runner = new CachedTestRunner(new NodeTestRunner());

const spec: SweepSpec = {
  families: ['math'],
  ps: [0.9],
  structures: ['preassign', 'decentralized'],
  ns: [3],
  seeds: [1, 2],
  mode: 'sync',
  preset: 'laptop',
  locks: true,
  straggler: false,
};

describe('runSweepCells', () => {
  it('reports every cell in order with the metrics a direct simulateRun gives, and keeps traces only when asked', async () => {
    const cells = expandGrid(spec);
    const results: SweepResult[] = [];
    const progress: string[] = [];
    const summary = await runSweepCells(cells, {
      testRunner: runner,
      keepEvents: (cell) => cell.n === 3,
      onResult: (r, done, total) => {
        results.push(r);
        progress.push(`${done}/${total}`);
      },
    });
    expect(summary).toEqual({ total: 8, done: 8, cancelled: false, failures: [] });
    expect(progress).toEqual(['1/8', '2/8', '3/8', '4/8', '5/8', '6/8', '7/8', '8/8']);
    expect(results.map((r) => r.cell.key)).toEqual(cells.map((c) => c.key));
    const direct = computeRunMetrics(await simulateRun(cellOptions(cells[3] as SweepCell, runner)));
    expect(results[3]?.metrics).toEqual(direct);
    expect(results.map((r) => r.events !== undefined)).toEqual(cells.map((c) => c.n === 3));
    expect(computeRunMetrics(results[3]?.events ?? [])).toEqual(results[3]?.metrics);
  }, 60_000);

  it('stops at a cancel: no result after it, the cut run is not reported, and the summary says cancelled', async () => {
    const cells = expandGrid(spec);
    const abort = new AbortController();
    const seen: string[] = [];
    const summary = await runSweepCells(cells, {
      testRunner: runner,
      signal: abort.signal,
      onResult: (r, done) => {
        seen.push(r.cell.key);
        if (done === 2) abort.abort();
      },
    });
    expect(seen).toHaveLength(2);
    expect(summary.done).toBe(2);
    expect(summary.cancelled).toBe(true);
  }, 60_000);

  it('a run that throws is reported as a failure and the sweep goes on', async () => {
    const cells = expandGrid(spec).slice(0, 3);
    const failures: string[] = [];
    let ok = 0;
    const summary = await runSweepCells(cells, {
      testRunner: runner,
      simulate: (o) => (o.seed === 2 && o.n === 1 ? Promise.reject(new Error('engine broke')) : simulateRun(o)),
      onResult: () => ok++,
      onFailure: (f) => failures.push(`${f.cell.seed}:${f.error}`),
    });
    expect(failures).toEqual(['2:engine broke']);
    expect(ok).toBe(2);
    expect(summary.done).toBe(3);
    expect(summary.failures).toHaveLength(1);
  }, 60_000);
});

describe('cells as recipes', () => {
  const suite = findSuite('math', 0.9)!;

  it('a simulated run read back from its RunConfig runs again to the very same trace, straggler included', async () => {
    const options = { suite, structure: 'decentralized' as const, n: 4, seed: 9, preset: 'laptop', errorRate: 0.3, straggler: { index: 3, factor: STRAGGLER_FACTOR }, testRunner: runner };
    const original = await simulateRun(options);
    const cell = cellFromConfig(simConfig(options));
    expect(cell).not.toBeNull();
    expect(cell?.speeds?.[3]).toBeLessThan((cell?.speeds?.[0] ?? 0) / 2);
    const again = await simulateRun(cellOptions(cell as SweepCell, runner));
    expect(serializeTrace(again)).toBe(serializeTrace(original));
  }, 60_000);

  it('configs that are not built-in simulated runs have no recipe', () => {
    const config = simConfig({ suite, structure: 'preassign', n: 2, testRunner: runner });
    expect(cellFromConfig({ ...config, engine: 'webllm:Qwen' })).toBeNull();
    expect(cellFromConfig({ ...config, suite: 'imported-project' })).toBeNull();
  });

  it('a fork changes only what it names: locks, structure, or one agent made slower', () => {
    const parent = expandGrid({ ...spec, structures: ['decentralized'], ns: [4], seeds: [5] })[1] as SweepCell;
    const speeds = cellSpeeds(parent);
    const noLocks = forkCell(parent, { locks: false });
    expect(noLocks.locks).toBe(false);
    expect(noLocks.structure).toBe('decentralized');
    expect(noLocks.speeds).toEqual(speeds);
    expect(noLocks.key).not.toBe(parent.key);
    const slow = forkCell(parent, { slowAgent: { index: 1, factor: 1 / 3 } });
    expect(slow.speeds?.[1]).toBeCloseTo((speeds[1] as number) / 3, 2);
    expect(slow.speeds?.filter((s, i) => s !== speeds[i])).toHaveLength(1);
    expect(describeFork(parent, slow)).toBe('dev2 3x slower');
    expect(describeFork(parent, forkCell(parent, { structure: 'leader', locks: false }))).toBe('leader structure, locks off');
    expect(() => forkCell(parent, { structure: 'single' })).toThrow(/single structure has one agent/);
    expect(() => forkCell(parent, { slowAgent: { index: 4, factor: 0.5 } })).toThrow(/out of range 0..3/);
  });

  it('a fork with locks off really runs without locks: no lock waits', async () => {
    const parent = expandGrid({ ...spec, structures: ['decentralized'], ns: [5], seeds: [1, 2, 3] }).filter((c) => c.n === 5);
    let parentWaits = 0;
    let forkWaits = 0;
    for (const cell of parent) {
      parentWaits += computeRunMetrics(await simulateRun(cellOptions(cell, runner))).lockWaits;
      forkWaits += computeRunMetrics(await simulateRun(cellOptions(forkCell(cell, { locks: false }), runner))).lockWaits;
    }
    expect(parentWaits).toBeGreaterThan(0);
    expect(forkWaits).toBe(0);
  }, 60_000);
});

describe('mostSurprising', () => {
  it('picks the team run furthest below its Amdahl bound, against the mean one-agent wall time', async () => {
    const real = computeRunMetrics(await simulateRun({ suite: findSuite('math', 0.9)!, structure: 'preassign', n: 1, testRunner: runner }));
    const m = (n: number, wallMs: number, seed: number, amdahlBound: number): RunMetrics => ({ ...real, n, wallMs, seed, amdahlBound });
    const runs = [m(1, 1000, 1, 1), m(1, 1200, 2, 1), m(4, 550, 1, 3), m(4, 1000, 2, 3), m(2, 600, 1, 1.8)];
    const speedups = runSpeedups(runs);
    const expected = [1100 / 1000, 1100 / 1200, 1100 / 550, 1100 / 1000, 1100 / 600];
    speedups.forEach((s, i) => expect(s.speedup).toBeCloseTo(expected[i] as number, 9));
    const pick = mostSurprising(runs);
    expect(pick?.index).toBe(3);
    expect(pick?.gapBelowAmdahl).toBeCloseTo(3 - 1.1, 9);
    expect(mostSurprising([m(1, 1000, 1, 1)])).toBeNull();
  }, 30_000);
});

describe('cellConfig', () => {
  it('is the run_start config the cell’s run begins with', async () => {
    const { cellConfig } = await import('../../src/core/sweep/recipe');
    const cell = expandGrid({ ...spec, straggler: true, errorRate: 0.4, structures: ['leader'], ns: [3], seeds: [6] })[1] as SweepCell;
    const events = await simulateRun(cellOptions(cell, runner));
    const start = events[0];
    expect(start?.type === 'run_start' && start.config).toEqual(cellConfig(cell));
  }, 60_000);
});
