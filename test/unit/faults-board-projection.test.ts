// Every change of a task's ownership made by recovery (a suspected agent's tasks reassigned, a
// lease run out, a new leader's plan) goes through the board's own transitions, so the board
// the views fold from the trace's task_status events is the board the team really had.
import { describe, expect, it, vi } from 'vitest';
import type { FaultSchedule } from '../../src/core/faults/schedule';
import { parseFaults, parseRecovery } from '../../src/core/faults/text';
import { CachedTestRunner } from '../../src/core/harness/cachedRunner';
import { simulateRun } from '../../src/core/sim/simulate';
import type { Board } from '../../src/core/team/board';
import type { Structure, TraceEvent } from '../../src/core/trace/events';
import { projectAt } from '../../src/core/trace/projection';
import { findSuite } from '../../src/core/workload/suites';
import { NodeTestRunner } from '../../src/platform/nodeTestRunner';

// The board a run builds inside runTeam, kept for the test to read at the end.
const boards = vi.hoisted(() => [] as Board[]);
vi.mock('../../src/core/team/board', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../src/core/team/board')>();
  class KeptBoard extends real.Board {
    constructor(...args: ConstructorParameters<typeof real.Board>) {
      super(...args);
      boards.push(this);
    }
  }
  return { ...real, Board: KeptBoard };
});

const runner = new CachedTestRunner(new NodeTestRunner());
const suite = findSuite('math', 0.9)!;
const sched = (faults: string, recovery: string): FaultSchedule => ({ faults: parseFaults(faults), recovery: parseRecovery(recovery) });

async function runKeepingBoard(structure: Structure, s: FaultSchedule, mode: 'sync' | 'async' = 'sync'): Promise<{ ev: TraceEvent[]; board: Board }> {
  boards.length = 0;
  const ev = await simulateRun({ suite, structure, n: 4, seed: 1, mode, testRunner: runner, faults: s });
  expect(boards).toHaveLength(1);
  return { ev, board: boards[0] };
}

/** The board's own final state, and the one folded from the trace's events. */
function bothBoards(ev: TraceEvent[], board: Board) {
  const real = [...board.state].map(([task, s]) => ({ task, status: s.status, owner: s.owner }));
  const folded = projectAt(ev).board.map((b) => ({ task: b.id, status: b.status, owner: b.owner }));
  return { real, folded };
}

const STRUCTURES: Structure[] = ['preassign', 'leader', 'decentralized'];

describe('recovery moves tasks through the board, and the trace says so', { timeout: 120_000 }, () => {
  for (const structure of STRUCTURES) {
    for (const mode of ['sync', 'async'] as const) {
      it(`${structure}, ${mode}: a crash detected and its tasks reassigned; the projection equals the board`, async () => {
        const { ev, board } = await runKeepingBoard(structure, sched('crash:dev2@step=2', 'heartbeats,reassign,timeout=10s'), mode);
        const moved = ev.filter((e) => e.type === 'reassign');
        expect(moved.length, 'the crash took work away from dev2').toBeGreaterThan(0);
        // Each reassignment is followed, at the same time, by the task's new status on the trace.
        for (const r of moved) {
          if (r.type !== 'reassign') continue;
          const status = ev.find((e) => e.type === 'task_status' && e.task === r.task && e.t === r.t);
          expect(status, `task_status for ${r.task} at ${r.t}`).toMatchObject(r.to ? { owner: r.to, status: 'assigned' } : { status: 'pending' });
        }
        const { real, folded } = bothBoards(ev, board);
        expect(folded).toEqual(real);
      });
    }

    it(`${structure}: a lease run out; the projection equals the board`, async () => {
      const { ev, board } = await runKeepingBoard(structure, sched('crash:dev2@step=2', 'leases,lease=20s'));
      if (structure !== 'preassign') expect(ev.some((e) => e.type === 'lease_expired')).toBe(true);
      const { real, folded } = bothBoards(ev, board);
      expect(folded).toEqual(real);
    });
  }

  it('mid-run too: at every reassignment the projection shows the task where the board put it', async () => {
    const { ev } = await runKeepingBoard('decentralized', sched('crash:dev2@step=2', 'leases,lease=20s'));
    for (const r of ev) {
      if (r.type !== 'reassign') continue;
      const row = projectAt(ev, r.t).board.find((b) => b.id === r.task)!;
      expect(row.owner).toBe(r.to);
      expect(row.status).toBe(r.to ? 'assigned' : 'pending');
    }
  });
});
