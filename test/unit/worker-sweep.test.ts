import { describe, expect, it } from 'vitest';
import type { RunConfig, TraceEvent } from '../../src/core/trace/events';
import { findSuite } from '../../src/core/workload/suites';
import { runWorkerSweep, type SweepTeam, type WorkerSweepItem } from '../../src/runtime/workerSweep';
import type { AgentSlot, WorkerRunOptions } from '../../src/runtime/workerTeam';

const suite = findSuite('math', 0.9)!;

function item(n: number, structure: RunConfig['structure'] = 'preassign'): WorkerSweepItem {
  const config: RunConfig = { suite: suite.id, structure, n, mode: 'sync', seed: 1, engine: 'webllm:m', maxRounds: 10, maxTimeMs: 0, locks: true };
  return { key: `${structure}-${n}`, suite, config, timeScale: 1, engineFor: () => ({ kind: 'webllm', model: 'm' }) };
}

/** A team that remembers which workers it would start and stop, and ends each run at once. */
class FakeTeam implements SweepTeam {
  live = new Set<string>();
  started: string[] = [];
  retired: string[] = [];
  stops = 0;
  private release: (() => void) | null = null;
  constructor(private readonly hang = false) {}
  resize(slots: AgentSlot[]): void {
    const want = new Set(slots.map((s) => s.agents.map((a) => a.id).join('+')));
    for (const k of this.live) {
      if (want.has(k)) continue;
      this.retired.push(k);
      this.live.delete(k);
    }
    for (const k of want) {
      if (this.live.has(k)) continue;
      this.started.push(k);
      this.live.add(k);
    }
  }
  async run(o: WorkerRunOptions): Promise<TraceEvent[]> {
    if (this.hang) await new Promise<void>((r) => (this.release = r));
    const end: TraceEvent = { type: 'run_end', t: 10, reason: this.hang ? 'stopped' : 'done', rounds: 1, success: !this.hang, correct: null };
    return [{ type: 'run_start', t: 0, config: o.config, suite: { id: suite.id, name: suite.name, p: suite.p, tasks: [] }, agents: [] }, end];
  }
  async stop(): Promise<void> {
    this.stops++;
    this.release?.();
  }
}

describe('runWorkerSweep', () => {
  it('runs one configuration at a time and keeps loaded workers: growing the team starts only the new agents', async () => {
    const team = new FakeTeam();
    const seen: string[] = [];
    const summary = await runWorkerSweep(team, [item(1), item(2), item(3), item(2, 'leader')], {
      onRun: (it, events, done, total) => {
        seen.push(`${it.key}:${events.at(-1)?.type}:${done}/${total}`);
      },
    });
    expect(seen).toEqual(['preassign-1:run_end:1/4', 'preassign-2:run_end:2/4', 'preassign-3:run_end:3/4', 'leader-2:run_end:4/4']);
    expect(team.started).toEqual(['dev1', 'dev2', 'dev3', 'lead']);
    expect(team.retired).toEqual(['dev3']);
    expect(summary).toEqual({ total: 4, done: 4, cancelled: false });
  });

  it('cancel stops the run in flight, does not report it, and runs nothing more', async () => {
    const team = new FakeTeam(true);
    const abort = new AbortController();
    const seen: string[] = [];
    const pending = runWorkerSweep(team, [item(1), item(2)], { signal: abort.signal, onRun: (it) => void seen.push(it.key) });
    await new Promise((r) => setTimeout(r, 0));
    abort.abort();
    expect(await pending).toEqual({ total: 2, done: 0, cancelled: true });
    expect(team.stops).toBe(1);
    expect(seen).toEqual([]);
    expect(team.started).toEqual(['dev1']);
  });
});
