/**
 * Running a saved recipe again (a sweep run kept without its trace, the one-agent baseline of
 * an opened run, a fork) happens off the main thread, in a sweep worker of its own, and within
 * bounds: the recipe is checked against the page's limits first (a saved `maxRounds: 1e9` is
 * refused, not run), and a run still going after RESIM_DEADLINE_MS is ended by terminating its
 * worker. The page stays responsive whatever the saved file asked for.
 */
import type { TestRunner } from '../../core/harness/types';
import type { SweepCell } from '../../core/sweep/grid';
import type { TraceEvent } from '../../core/trace/events';
import { SweepClient } from '../../runtime/sweepClient';
import { checkSweepCell } from '../../store/recordMeaning';
import { loadSimTools } from './loadSimTools';

/** Longest a re-simulation may run, in ms of real time. A page run of 100 rounds takes seconds. */
export const RESIM_DEADLINE_MS = 60_000;

export interface Resimulator {
  /** The cell's trace; throws an Error with a readable message. */
  run(cell: SweepCell): Promise<TraceEvent[]>;
}

/** Why this recipe will not be run again, or null. */
export function resimulationProblem(cell: SweepCell): string | null {
  const problem = checkSweepCell(cell);
  return problem ? `its recipe is outside the page's limits (${problem})` : null;
}

/** The page's re-simulator: one sweep worker, started on first use, replaced after a deadline. */
export function workerResimulator(createClient: () => SweepClient = () => new SweepClient(), deadlineMs = RESIM_DEADLINE_MS): Resimulator {
  let client: SweepClient | null = null;
  return {
    async run(cell) {
      const problem = resimulationProblem(cell);
      if (problem) throw new Error(problem);
      client ??= createClient();
      const mine = client;
      let events: TraceEvent[] | undefined;
      let failure: string | undefined;
      let timer: ReturnType<typeof setTimeout> | undefined;
      const deadline = new Promise<'late'>((resolve) => {
        timer = setTimeout(() => resolve('late'), deadlineMs);
      });
      try {
        const outcome = await Promise.race([
          mine.run([cell], {
            keepTraces: true,
            onResults: (results, failures) => {
              events ??= results[0]?.events;
              failure ??= failures[0]?.error;
            },
          }),
          deadline,
        ]);
        if (outcome === 'late') {
          // Terminating the worker is the only sure stop for a run inside it.
          mine.dispose();
          if (client === mine) client = null;
          throw new Error(`simulating it again took longer than ${Math.round(deadlineMs / 1000)} s, so it was stopped`);
        }
      } finally {
        clearTimeout(timer);
      }
      if (failure !== undefined) throw new Error(failure);
      if (!events) throw new Error('the simulation worker returned no trace');
      return events;
    },
  };
}

/** In this thread, for tests in Node (no workers there); the same limits apply. */
export function inThreadResimulator(testRunner: () => TestRunner): Resimulator {
  return {
    async run(cell) {
      const problem = resimulationProblem(cell);
      if (problem) throw new Error(problem);
      const sim = await loadSimTools();
      return sim.simulateRun(sim.cellOptions(cell, testRunner()));
    },
  };
}

let shared: Resimulator | null = null;

/** The page's one re-simulator. */
export function pageResimulator(): Resimulator {
  shared ??= workerResimulator();
  return shared;
}
