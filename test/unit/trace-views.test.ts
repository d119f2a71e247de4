/**
 * Every view cuts the trace at the playhead with a binary search (countUpTo) and the projector
 * looks values up by time. Both are right only on a trace in time order: this checks, over
 * many seeds, every structure and both modes, that each figure at each playhead position is the
 * metric computed from exactly the events that had happened by then.
 */
import { describe, expect, it } from 'vitest';
import { CachedTestRunner } from '../../src/core/harness/cachedRunner';
import { computeBreakdown } from '../../src/core/metrics/breakdown';
import { computeRunMetrics } from '../../src/core/metrics/runMetrics';
import { simulateRun } from '../../src/core/sim/simulate';
import type { TraceEvent } from '../../src/core/trace/events';
import { countUpTo } from '../../src/core/trace/prefix';
import { createProjector } from '../../src/core/trace/projection';
import { withTaskStatus } from '../../src/core/team/taskRules';
import { traceOrderError } from '../../src/core/trace/schema';
import { ALL_SUITES } from '../../src/core/workload/suites';
import { NodeTestRunner } from '../../src/platform/nodeTestRunner';
import { traceTimes } from '../../src/ui/run/traceTimes';

const tests = new CachedTestRunner(new NodeTestRunner());
const structures = ['single', 'preassign', 'leader', 'decentralized'] as const;
const modes = ['sync', 'async'] as const;

/** Playhead positions: every event time, the points between them, before the start and after the end. */
function positions(events: readonly TraceEvent[]): number[] {
  const times = traceTimes(events).events;
  const out = [-1, ...times];
  for (let i = 1; i < times.length; i++) out.push((times[i - 1]! + times[i]!) / 2);
  out.push(times.at(-1)! + 1000);
  // Every position on small runs; an even sample of about 80 on big ones keeps the test quick.
  const stride = Math.max(1, Math.floor(out.length / 80));
  return out.filter((_, i) => i % stride === 0);
}

describe('every view at every playhead position', () => {
  it('shows the metrics of exactly the events that happened by then', async () => {
    let checked = 0;
    for (let seed = 1; seed <= 3; seed++) {
      for (const structure of structures) {
        for (const mode of modes) {
          const suite = ALL_SUITES[(seed * 5 + structures.indexOf(structure)) % ALL_SUITES.length]!;
          const events = await simulateRun({ suite, structure, mode, seed, n: structure === 'single' ? 1 : 2 + ((seed + 1) % 4), testRunner: tests, maxRounds: 16 });
          const label = `${suite.id} ${structure} ${mode} seed ${seed}`;
          expect(traceOrderError(events), label).toBeUndefined();
          const projector = createProjector(events);
          for (const t of positions(events)) {
            const happened = events.filter((e) => e.t <= t);
            // MetricsView: computeRunMetrics and computeBreakdown over events.slice(0, countUpTo(events, t)).
            const cut = events.slice(0, countUpTo(events, t));
            expect(cut.length, `${label} at ${t}`).toBe(happened.length);
            if (!happened.some((e) => e.type === 'run_start')) continue;
            const m = computeRunMetrics(happened);
            expect(computeRunMetrics(cut), `${label} at ${t}`).toEqual(m);
            expect(computeBreakdown(cut), `${label} at ${t}`).toEqual(computeBreakdown(happened));
            // Board, files and team views: the projector of the whole trace looked up at t.
            const snap = projector.at(t);
            expect(snap.board.filter((b) => b.status === 'done').length, `${label} tasks at ${t}`).toBe(m.tasksDone);
            expect(snap.files.reduce((s, f) => s + f.versions.length, 0), `${label} writes at ${t}`).toBe(m.writes);
            expect(snap.agents.reduce((s, a) => s + a.tokens, 0), `${label} tokens at ${t}`).toBe(m.tokens);
            // A live view that had only the events so far shows the same board and files.
            const live = createProjector(happened).at(t);
            expect(live.board, `${label} board at ${t}`).toEqual(snap.board);
            expect(live.files, `${label} files at ${t}`).toEqual(snap.files);
            checked++;
          }
        }
      }
    }
    expect(checked).toBeGreaterThan(500);
  }, 300_000);

  it("the board's task_status events are what its rules give when replayed from the trace", async () => {
    for (const structure of structures) {
      for (const mode of modes) {
        const events = await simulateRun({ suite: ALL_SUITES[4]!, structure, mode, seed: 11, n: structure === 'single' ? 1 : 3, testRunner: tests, maxRounds: 16 });
        const status = (evs: readonly TraceEvent[]) => evs.flatMap((e) => (e.type === 'task_status' ? [`${e.t} ${e.task} ${e.status} ${e.owner ?? '-'}`] : []));
        const recorded = status(events);
        expect(recorded.length, `${structure} ${mode}`).toBeGreaterThan(0);
        expect(status(withTaskStatus(events.filter((e) => e.type !== 'task_status'))), `${structure} ${mode}`).toEqual(recorded);
      }
    }
  }, 120_000);
});
