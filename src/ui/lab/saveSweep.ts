/**
 * Every run of a sweep is kept, as its recipe and metrics rather than its trace: a sweep may
 * be thousands of runs, and a simulated run is the same trace when its cell is run again.
 */
import { cellConfig } from '../../core/sweep/recipe';
import type { SweepResult } from '../../core/sweep/runCells';
import type { NewRun } from '../../store/runStore';
import { pageLibrary } from './runsLibrary.svelte';

export function sweepRunLabel(r: Pick<SweepResult, 'cell'>, what: string): string {
  const c = r.cell;
  // Runs along a fault axis differ only in their faults: the label says which.
  return `sweep ${what}: ${c.structure}, n = ${c.n}, seed ${c.seed}, ${c.suite}${c.faults ? `, ${c.faults}` : ''}`;
}

export function sweepRecord(r: SweepResult, sweepId: string, what: string): NewRun {
  return {
    label: sweepRunLabel(r, what),
    origin: 'simulated',
    cell: r.cell,
    sweep: sweepId,
    metrics: r.metrics,
    config: cellConfig(r.cell),
    ...(r.events ? { events: r.events } : {}),
  };
}

/** Saves one batch of a sweep's results (one transaction); store errors land on the library. */
export async function saveSweepResults(results: readonly SweepResult[], sweepId: string, what: string): Promise<void> {
  if (results.length === 0) return;
  await pageLibrary().saveMany(results.map((r) => sweepRecord(r, sweepId, what)));
}
