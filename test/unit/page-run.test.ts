import { describe, expect, it } from 'vitest';
import { CachedTestRunner } from '../../src/core/harness/cachedRunner';
import { simulateRun } from '../../src/core/sim/simulate';
import type { TraceEvent } from '../../src/core/trace/events';
import { NodeTestRunner } from '../../src/platform/nodeTestRunner';
import { defaultState } from '../../src/ui/state/hashState';
import { baselineOptions, simOptions, STRAGGLER_FACTOR, workerPlan } from '../../src/ui/run/runOptions';
import { speedupSummary } from '../../src/ui/run/speedupSummary';
import { nextAfter, previousBefore, traceTimes } from '../../src/ui/run/traceTimes';
import type { SweepResult } from '../../src/core/sweep/runCells';
import { pageSweepSpec, sweepSeeds } from '../../src/ui/run/sweepController.svelte';
import { runSweep } from '../../src/ui/sweep';
import { tinySuite } from '../fixtures/tinySuite';

const runner = new CachedTestRunner(new NodeTestRunner());

describe('run options from the page state', () => {
  it('puts the straggler on the last agent and leaves it out of the baseline', () => {
    const o = simOptions({ ...defaultState(), n: 4, straggler: true }, runner);
    expect(o.straggler).toEqual({ index: 3, factor: STRAGGLER_FACTOR });
    expect(o.suite.family).toBe('math');
    expect(o.suite.p).toBe(0.9);
    const base = baselineOptions(o);
    expect(base.n).toBe(1);
    expect(base.straggler).toBeUndefined();
    expect(base.structure).toBe(o.structure);
    expect(base.seed).toBe(o.seed);
  });

  it('passes edited token rates only for the laptop preset', () => {
    const laptop = simOptions({ ...defaultState(), decodeTps: 77 }, runner);
    expect(laptop.decodeTps).toBe(77);
    const hosted = simOptions({ ...defaultState(), preset: 'gpt-5.2', decodeTps: 77 }, runner);
    expect(hosted.decodeTps).toBeUndefined();
  });

  it('plans simulated workers with each agent its own speed, and WebLLM workers at real time', () => {
    const sim = workerPlan({ ...defaultState(), n: 3, straggler: true, engine: 'workers' }, null);
    const specs = [0, 1, 2].map((i) => sim.engineFor(`dev${i + 1}`, i));
    expect(sim.timeScale).toBeGreaterThan(1);
    expect(specs.every((s) => s.kind === 'sim')).toBe(true);
    const speeds = specs.map((s) => (s.kind === 'sim' ? s.speed : 0));
    // The straggler is three times slower than its own normal speed, so clearly the slowest.
    expect(Math.min(...speeds)).toBe(speeds[2]);
    expect(speeds[2]).toBeLessThan(0.5);
    const real = workerPlan({ ...defaultState(), engine: 'webllm' }, { model: 'SmolLM2-360M-Instruct-q4f32_1-MLC' });
    expect(real.timeScale).toBe(1);
    expect(real.config.engine).toBe('webllm:SmolLM2-360M-Instruct-q4f32_1-MLC');
    expect(real.engineFor('dev1', 0)).toEqual({ kind: 'webllm', model: 'SmolLM2-360M-Instruct-q4f32_1-MLC' });
  });
});

describe('speedupSummary', () => {
  it('is null until both runs ended, then states speedup and Amdahl bound', async () => {
    const team = await simulateRun({ suite: tinySuite, structure: 'decentralized', n: 2, seed: 3, testRunner: runner });
    const one = await simulateRun({ suite: tinySuite, structure: 'decentralized', n: 1, seed: 3, testRunner: runner });
    expect(speedupSummary(team, null)).toBeNull();
    expect(speedupSummary(team.slice(0, -1), one)).toBeNull();
    const s = speedupSummary(team, one);
    expect(s).not.toBeNull();
    const wall = (ev: TraceEvent[]) => (ev.at(-1) as TraceEvent).t - (ev[0] as TraceEvent).t;
    expect(s!.speedup).toBeCloseTo(wall(one) / wall(team), 6);
    expect(s!.n).toBe(2);
    // tinySuite: a chain of two among four tasks, p = 0.5; Amdahl bound at n = 2 is 1/(0.5 + 0.25).
    expect(s!.amdahlBound).toBeCloseTo(4 / 3, 6);
    expect(s!.text).toMatch(/^speedup \d+\.\d×, Amdahl bound 1\.3× for p = 0\.5 at n = 2$/);
  });
});

describe('traceTimes', () => {
  it('lists event and round times in order and finds neighbours', () => {
    const events = [
      { type: 'round_start', t: 0, round: 1 },
      { type: 'notice', t: 5, level: 'info', text: 'a' },
      { type: 'round_start', t: 10, round: 2 },
      { type: 'notice', t: 10, level: 'info', text: 'b' },
      { type: 'notice', t: 7, level: 'info', text: 'late' },
    ] as TraceEvent[];
    const tt = traceTimes(events);
    expect(tt.events).toEqual([0, 5, 7, 10]);
    expect(tt.rounds).toEqual([0, 10]);
    expect(tt.end).toBe(10);
    expect(nextAfter(tt.events, 5)).toBe(7);
    expect(nextAfter(tt.events, 10)).toBeUndefined();
    expect(previousBefore(tt.events, 7)).toBe(5);
    expect(previousBefore(tt.rounds, 0)).toBeUndefined();
  });
});

describe('runSweep', () => {
  const spec = pageSweepSpec(defaultState(), 3, sweepSeeds(1, 2));

  it('runs every n for every seed, n = 1 first, and reports progress', async () => {
    const seen: (SweepResult & { done: number; total: number })[] = [];
    const runs = await runSweep(spec, (r, done, total) => seen.push({ ...r, done, total }), undefined, { testRunner: runner, yieldToPage: async () => {} });
    expect(runs).toHaveLength(6);
    expect(seen.map((r) => [r.cell.n, r.cell.seed])).toEqual([
      [1, 1],
      [1, 2],
      [2, 1],
      [2, 2],
      [3, 1],
      [3, 2],
    ]);
    expect(seen.map((r) => r.done)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(seen.every((r) => r.total === 6)).toBe(true);
    expect(runs.map((m) => m.n)).toEqual([1, 1, 2, 2, 3, 3]);
    expect(runs.every((m) => m.structure === 'decentralized' && m.suite === 'math-p0.9')).toBe(true);
  });

  it('stops when cancelled and keeps the runs already finished', async () => {
    const abort = new AbortController();
    const runs = await runSweep(
      spec,
      (_r, done) => {
        if (done === 2) abort.abort();
      },
      abort.signal,
      { testRunner: runner, yieldToPage: async () => {} },
    );
    expect(runs).toHaveLength(2);
  });
});
