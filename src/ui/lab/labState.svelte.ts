/**
 * The laboratory's state on the page: which saved run the page shows (so it can be forked),
 * which runs are picked for comparison, and the wiring that saves every finished run.
 *
 * A fork is honest about what it is: simulated runs are deterministic, so "fork at t with locks
 * off" runs the changed configuration again from the start with the same seed. Up to the first
 * event where the change mattered its trace is the parent's; that point (divergenceTime) is
 * shown next to the time the learner forked at. Both runs are saved, the fork with `parent`
 * and `forkAt`, and opened side by side.
 */
import type { TestRunner } from '../../core/harness/types';
import { describeFork, forkCell, type ForkChanges } from '../../core/sweep/recipe';
import { divergenceTime } from '../../core/trace/divergence';
import type { TraceEvent } from '../../core/trace/events';
import type { RunOrigin, SavedRun } from '../../store/recordSchema';
import type { RunController } from '../run/runController.svelte';
import { cameFromStore, markFromStore, placementOf, recipeOf, showInPage, simulatedBaseline } from './openRun';
import { inThreadResimulator, pageResimulator, resimulationProblem, type Resimulator } from './resimulate';
import type { RunsLibrary } from './runsLibrary.svelte';

export type LabTab = 'runs' | 'sweep' | 'import';

export interface ShownRun {
  run: SavedRun;
  events: TraceEvent[];
}

export function runLabel(events: readonly TraceEvent[]): string {
  const start = events[0];
  const end = events.at(-1);
  if (start?.type !== 'run_start') return 'run';
  const c = start.config;
  const stopped = end?.type === 'run_end' && end.reason !== 'done' ? ` (${end.reason.replace('_', ' ')})` : '';
  // Every knob a learner varies is named, so two saved runs that differ in any of them read differently.
  const speeds = Array.isArray(c.extra?.speeds) ? (c.extra.speeds as unknown[]).filter((x): x is number => typeof x === 'number') : [];
  const straggler = speeds.some((x) => x >= 2) ? ', straggler' : '';
  const err = typeof c.extra?.errorRate === 'number' ? `, error ${Math.round(c.extra.errorRate * 100)}%` : '';
  return `${c.structure}, n = ${c.n}, ${c.mode}, ${c.suite}, locks ${c.locks ? 'on' : 'off'}${straggler}${err}, seed ${c.seed}, ${c.engine}${stopped}`;
}

const ORIGIN_OF: Record<string, RunOrigin> = { sim: 'simulated', workers: 'workers', webllm: 'webllm' };

export class LabState {
  open = $state(false);
  tab = $state<LabTab>('runs');
  /** The saved run the page shows now; null when the page shows something else. */
  shown = $state.raw<ShownRun | null>(null);
  /** Run ids picked for comparison, in the order picked. */
  selected = $state.raw<string[]>([]);
  /** A fork's parent and child, to replay side by side. */
  forkPair = $state.raw<{ parent: ShownRun; child: ShownRun; divergedAt: number | null } | null>(null);
  status = $state('');
  busy = $state(false);
  private readonly resim: () => Resimulator;

  constructor(
    readonly library: RunsLibrary,
    readonly controller: RunController,
    options: { testRunner?: () => TestRunner; resim?: Resimulator } = {},
  ) {
    const testRunner = options.testRunner;
    // Tests in Node pass a runner and simulate in their thread; the page uses its worker.
    this.resim = options.resim ? () => options.resim as Resimulator : testRunner ? () => inThreadResimulator(testRunner) : pageResimulator;
  }

  /** The shown run, if the page still shows it. */
  get current(): ShownRun | null {
    return this.shown && this.shown.events === this.controller.events ? this.shown : null;
  }

  toggleSelected(id: string, on: boolean): void {
    const rest = this.selected.filter((x) => x !== id);
    this.selected = on ? [...rest, id] : rest;
  }

  /** Saves every run the page finishes (not the saved runs it replays). Returns the stopper. */
  startAutoSave(): () => void {
    let last: readonly TraceEvent[] | null = null;
    return $effect.root(() => {
      $effect(() => {
        const events = this.controller.events;
        const phase = this.controller.phase;
        const placement = this.controller.placement;
        if ((phase !== 'done' && phase !== 'stopped') || events === last || events.length === 0) return;
        if (cameFromStore(events) || events.at(-1)?.type !== 'run_end') return;
        // Wait for the one-agent baseline (or word that there is none), so the saved run keeps its speedup.
        const baseline = this.controller.baseline;
        // Simulated runs (in the tab or in workers) get a baseline computed beside them; others never wait.
        if (baseline === null && this.controller.baselineNote === '' && phase === 'done' && (placement === 'sim' || placement === 'workers')) return;
        last = events;
        const end = baseline?.at(-1);
        const start = baseline?.[0];
        const baselineWallMs = baseline && baseline !== events && end?.type === 'run_end' && end.success && start ? end.t - start.t : undefined;
        void this.saveFinished(events, ORIGIN_OF[placement] ?? 'simulated', baselineWallMs);
      });
    });
  }

  private async saveFinished(events: TraceEvent[], origin: RunOrigin, baselineWallMs?: number): Promise<void> {
    const start = events[0];
    const cell = start?.type === 'run_start' && origin === 'simulated' ? recipeOf({ config: start.config }) : null;
    const saved = await this.library.save({
      label: runLabel(events),
      origin,
      events,
      ...(cell ? { cell } : {}),
      ...(baselineWallMs && baselineWallMs > 0 ? { baselineWallMs } : {}),
    });
    // The page still shows this run: it is now a saved run that can be forked.
    if (saved && this.controller.events === events) {
      markFromStore(events);
      this.shown = { run: saved, events };
    }
  }

  /** Opens a saved run in the page's views. Returns an error message, or '' on success. */
  async openRun(run: SavedRun): Promise<string> {
    if (this.controller.busy) return 'A run is in progress: stop it (s) before opening a saved run.';
    this.busy = true;
    this.status = `Opening “${run.label}”…`;
    try {
      const result = await this.library.events(run);
      if (!result.ok) return `This run cannot be opened: ${result.error}`;
      const baseline = placementOf(run.config, run.origin) === 'sim' ? await simulatedBaseline(run, result.events, this.resim()) : null;
      if (!showInPage(this.controller, result.events, baseline, placementOf(run.config, run.origin))) {
        return 'A run is in progress: stop it (s) before opening a saved run.';
      }
      this.shown = { run, events: result.events };
      return '';
    } finally {
      this.busy = false;
      this.status = '';
    }
  }

  /**
   * Forks the shown run at `at` (ms of run time) with `changes`, saves the fork, and returns
   * an error message or ''. Only simulated runs of built-in suites have a recipe to fork.
   */
  async fork(at: number, changes: ForkChanges): Promise<string> {
    const parent = this.current;
    if (!parent) return 'Open a saved simulated run (or finish one) first.';
    const cell = recipeOf(parent.run);
    if (!cell) return 'Only simulated runs of the built-in suites can be forked: this run has no recipe to run again.';
    let child: ReturnType<typeof forkCell>;
    try {
      child = forkCell(cell, changes);
    } catch (err) {
      return err instanceof Error ? err.message : String(err);
    }
    const refused = resimulationProblem(child);
    if (refused) return `This run cannot be forked: ${refused}.`;
    this.busy = true;
    this.status = 'Simulating the fork…';
    try {
      const events = await this.resim().run(child);
      const note = describeFork(cell, child);
      const saved = await this.library.save({
        label: `fork at ${(at / 1000).toFixed(1)} s (${note}) of ${parent.run.label}`,
        origin: 'fork',
        events,
        cell: child,
        parent: parent.run.id,
        forkAt: at,
        forkNote: note,
      });
      if (!saved) return this.library.error || 'The fork could not be saved.';
      this.forkPair = { parent, child: { run: saved, events }, divergedAt: divergenceTime(parent.events, events) };
      this.selected = [parent.run.id, saved.id];
      return '';
    } catch (err) {
      return `The fork could not be simulated: ${err instanceof Error ? err.message : String(err)}`;
    } finally {
      this.busy = false;
      this.status = '';
    }
  }
}
