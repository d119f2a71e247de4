/**
 * Opening a saved run in the page: its trace becomes the run the views show, with the playhead
 * at the start, so replay is the page's own playback (slider, steps, keyboard) over a saved
 * trace. A simulated run also gets its one-agent baseline again (simulated, deterministic) so
 * the speedup sentence appears as it did after the live run.
 */
import type { SweepCell } from '../../core/sweep/grid';
import { cellFromConfig } from '../../core/sweep/recipe';
import type { Resimulator } from './resimulate';
import type { RunConfig, TraceEvent } from '../../core/trace/events';
import type { SavedRun } from '../../store/recordSchema';
import type { RunController } from '../run/runController.svelte';
import type { EngineChoice } from '../state/hashState';

/** Traces that came from the store: the auto-save must not save them again. */
const fromStore = new WeakSet<readonly TraceEvent[]>();

export function cameFromStore(events: readonly TraceEvent[]): boolean {
  return fromStore.has(events);
}

export function markFromStore(events: readonly TraceEvent[]): void {
  fromStore.add(events);
}

export function placementOf(config: RunConfig, origin: SavedRun['origin']): EngineChoice {
  if (origin === 'webllm' || config.engine.startsWith('webllm')) return 'webllm';
  if (origin === 'workers') return 'workers';
  return 'sim';
}

/** A run's recipe: kept with it, or read from its config (simulated runs of built-in suites). */
export function recipeOf(run: Pick<SavedRun, 'cell' | 'config'>): SweepCell | null {
  return run.cell ?? cellFromConfig(run.config);
}

/**
 * The same configuration with one agent (speeds from the seed, no straggler), as the page
 * measures speedup; simulated off the main thread and within the page's limits.
 */
export async function simulatedBaseline(run: SavedRun, events: TraceEvent[], resim: Resimulator): Promise<TraceEvent[] | null> {
  if (run.config.n === 1) return events;
  const cell = recipeOf(run);
  if (!cell) return null;
  const { speeds: _speeds, ...rest } = cell;
  try {
    return await resim.run({ ...rest, n: 1, straggler: false });
  } catch {
    return null;
  }
}

/** Shows `events` in the page. Refuses (false) while a run is computing or live: stop it first. */
export function showInPage(controller: RunController, events: TraceEvent[], baseline: TraceEvent[] | null, placement: EngineChoice): boolean {
  if (controller.busy) return false;
  markFromStore(events);
  controller.playhead.reset();
  controller.events = events;
  controller.baseline = baseline;
  controller.baselineNote = baseline ? '' : 'This saved run has no one-agent baseline to measure its speedup against.';
  controller.placement = placement;
  controller.notices = [];
  controller.progress = {};
  controller.streams = {};
  controller.phase = 'done';
  return true;
}
