import { describe, expect, it } from 'vitest';
import { CachedTestRunner } from '../../src/core/harness/cachedRunner';
import { simulateRun, type SimRunOptions } from '../../src/core/sim/simulate';
import type { TraceEvent } from '../../src/core/trace/events';
import type { LoadProgress } from '../../src/engines/spec';
import { NodeTestRunner } from '../../src/platform/nodeTestRunner';
import type { WorkerRunOptions, WorkerTeam, WorkerTeamHooks } from '../../src/runtime/workerTeam';
import { RunController } from '../../src/ui/run/runController.svelte';
import { speedupSummary } from '../../src/ui/run/speedupSummary';
import { defaultState } from '../../src/ui/state/hashState';
import { tinySuite } from '../fixtures/tinySuite';

const runner = new CachedTestRunner(new NodeTestRunner());
// The page's runner needs browser workers; in Node the same runs use the vm runner.
const simulate = (o: SimRunOptions) => simulateRun({ ...o, testRunner: runner });

describe('RunController, simulated in this tab', () => {
  it('computes the run and its one-agent baseline, so the speedup can be shown', async () => {
    const c = new RunController({ simulate });
    await c.run({ ...defaultState(), n: 3, seed: 4, speed: 'instant' });
    expect(c.phase).toBe('done');
    expect(c.events[0]?.type).toBe('run_start');
    expect(c.events.at(-1)?.type).toBe('run_end');
    expect(c.baseline).not.toBeNull();
    const base = c.baseline!;
    expect(base[0]?.type === 'run_start' && base[0].config.n).toBe(1);
    const s = speedupSummary(c.events, c.baseline);
    expect(s?.n).toBe(3);
    expect(c.endT).toBe((c.events.at(-1) as TraceEvent).t);
    c.dispose();
  });

  it('a one-agent run is its own baseline', async () => {
    const c = new RunController({ simulate });
    await c.run({ ...defaultState(), n: 1, structure: 'single' });
    expect(c.baseline).toBe(c.events);
    expect(speedupSummary(c.events, c.baseline)?.speedup).toBe(1);
  });
});

/** A WorkerTeam stand-in: replays a trace in two batches and reports load progress and deltas. */
function fakeTeam(trace: TraceEvent[], fail?: Error) {
  const calls: string[] = [];
  let hooks: WorkerTeamHooks = {};
  const team = {
    liveCount: 0,
    resize(slots: unknown[]) {
      calls.push(`resize ${slots.length}`);
      team.liveCount = slots.length;
    },
    async run(o: WorkerRunOptions) {
      calls.push(`run ${o.config.engine} x${o.timeScale}`);
      const p: LoadProgress = { agent: 'dev1', phase: 'fetching', fraction: 0.5, loadedMB: 140, totalMB: 280, text: 'fetching' };
      hooks.onProgress?.(p);
      if (fail) throw fail;
      const half = Math.floor(trace.length / 2);
      o.onEvents?.(trace.slice(0, half));
      hooks.onDelta?.('dev1', 'partial reply');
      o.onEvents?.(trace.slice(half));
      return trace;
    },
    async stop() {
      calls.push('stop');
    },
    dispose() {
      calls.push('dispose');
      team.liveCount = 0;
    },
  };
  return {
    calls,
    team,
    create: (h: WorkerTeamHooks | undefined) => {
      hooks = h ?? {};
      return team as unknown as WorkerTeam;
    },
  };
}

describe('RunController, in workers', () => {
  it('follows the worker trace, shows load progress, and disposes the workers on leave', async () => {
    const trace = await simulateRun({ suite: tinySuite, structure: 'preassign', n: 2, seed: 1, testRunner: runner });
    const f = fakeTeam(trace);
    const c = new RunController({ simulate, createTeam: f.create });
    await c.run({ ...defaultState(), n: 2, engine: 'workers', structure: 'preassign' });
    expect(f.calls.slice(0, 2)).toEqual(['resize 2', 'run sim:laptop x20']);
    expect(c.events).toEqual(trace);
    expect(c.phase).toBe('done');
    expect(c.progress.dev1?.loadedMB).toBe(140);
    expect(c.liveAgentWorkers).toBe(2);
    c.dispose();
    expect(f.calls.at(-1)).toBe('dispose');
    expect(c.liveAgentWorkers).toBe(0);
  });

  it('a WebLLM run has no speedup until the same model ran alone, and says so', async () => {
    const trace = await simulateRun({ suite: tinySuite, structure: 'single', n: 1, seed: 1, testRunner: runner });
    const f = fakeTeam(trace);
    const c = new RunController({ simulate, createTeam: f.create });
    await c.run({ ...defaultState(), n: 2, engine: 'webllm' }, { model: 'SmolLM2-360M-Instruct-q4f32_1-MLC' });
    expect(f.calls).toContain('run webllm:SmolLM2-360M-Instruct-q4f32_1-MLC x1');
    expect(c.baseline).toBeNull();
    expect(c.baselineNote).toMatch(/run it with n = 1/);
  });

  it('an engine failure becomes a readable notice with its fix', async () => {
    const f = fakeTeam([], Object.assign(new Error('[out_of_memory] GPU allocation failed for 2 copies'), { name: 'EngineError' }));
    const c = new RunController({ simulate, createTeam: f.create });
    await c.run({ ...defaultState(), n: 2, engine: 'webllm' }, { model: 'SmolLM2-360M-Instruct-q4f32_1-MLC' });
    expect(c.phase).toBe('failed');
    expect(c.notices).toHaveLength(1);
    expect(c.notices[0]?.title).toBe('The GPU ran out of memory');
    expect(c.notices[0]?.text).toContain('GPU allocation failed for 2 copies');
    expect(c.notices[0]?.fix).toMatch(/smaller model/);
  });
});
