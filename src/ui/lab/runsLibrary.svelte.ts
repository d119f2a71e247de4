/**
 * The page's view of the saved runs: the list (reactive), what went wrong with the store (a full
 * quota, a corrupted record), and the trace of any run, read back from IndexedDB or, for a sweep
 * run kept as a recipe, simulated again (deterministic, so it is the same trace).
 */
import { computeRunMetrics } from '../../core/metrics/runMetrics';
import type { TestRunner } from '../../core/harness/types';
import type { TraceEvent } from '../../core/trace/events';
import type { SavedRun } from '../../store/recordSchema';
import { RunStore, type NewRun, type SkippedRecord, type TraceResult } from '../../store/runStore';
import { inThreadResimulator, pageResimulator, type Resimulator } from './resimulate';

export interface LibraryOptions {
  open?: () => Promise<RunStore>;
  testRunner?: () => TestRunner;
  resim?: Resimulator;
}

export class RunsLibrary {
  runs = $state.raw<SavedRun[]>([]);
  skipped = $state.raw<SkippedRecord[]>([]);
  /** The last store problem, in words; '' when all is well. */
  error = $state('');
  ready = $state(false);
  private store: RunStore | null = null;
  private opening: Promise<RunStore | null> | null = null;
  private readonly open: () => Promise<RunStore>;
  private readonly resim: () => Resimulator;

  constructor(options: LibraryOptions = {}) {
    this.open = options.open ?? (() => RunStore.open());
    const testRunner = options.testRunner;
    // Tests in Node pass a runner and simulate in their thread; the page uses its worker.
    this.resim = options.resim ? () => options.resim as Resimulator : testRunner ? () => inThreadResimulator(testRunner) : pageResimulator;
  }

  private async db(): Promise<RunStore | null> {
    if (this.store) return this.store;
    this.opening ??= this.open().then(
      (s) => {
        this.store = s;
        return s;
      },
      (err: unknown) => {
        this.error = err instanceof Error ? err.message : String(err);
        this.opening = null;
        return null;
      },
    );
    return this.opening;
  }

  private fail(err: unknown): null {
    this.error = err instanceof Error ? err.message : String(err);
    return null;
  }

  dismissError(): void {
    this.error = '';
  }

  async refresh(): Promise<void> {
    const db = await this.db();
    if (!db) return;
    try {
      const { runs, skipped } = await db.list();
      this.runs = runs;
      this.skipped = skipped;
    } catch (err) {
      this.fail(err);
    } finally {
      this.ready = true;
    }
  }

  /** Saves and refreshes the list; null (and `error` set) if the store refused. */
  async save(run: NewRun): Promise<SavedRun | null> {
    const [saved] = (await this.saveMany([run])) ?? [];
    return saved ?? null;
  }

  async saveMany(runs: readonly NewRun[]): Promise<SavedRun[] | null> {
    const db = await this.db();
    if (!db) return null;
    try {
      const saved = await db.saveMany(runs);
      this.error = '';
      // Newest first, as list() gives them; no need to read everything back.
      this.runs = [...[...saved].reverse(), ...this.runs];
      return saved;
    } catch (err) {
      return this.fail(err);
    }
  }

  async remove(ids: readonly string[]): Promise<void> {
    const db = await this.db();
    if (!db) return;
    try {
      await db.delete(ids);
      const gone = new Set(ids);
      this.runs = this.runs.filter((r) => !gone.has(r.id));
    } catch (err) {
      this.fail(err);
    }
  }

  /** The run's trace: saved, or simulated again from its recipe and checked against its metrics. */
  async events(run: SavedRun): Promise<TraceResult> {
    if (run.hasTrace) {
      const db = await this.db();
      if (!db) return { ok: false, error: this.error || 'the saved runs are not available' };
      return db.trace(run.id);
    }
    if (!run.cell) return { ok: false, error: 'this run has neither a saved trace nor a recipe to run it again' };
    let events: TraceEvent[];
    try {
      events = await this.resim().run(run.cell);
    } catch (err) {
      return { ok: false, error: `the run could not be simulated again: ${err instanceof Error ? err.message : String(err)}` };
    }
    // Deterministic runs give the same numbers; if not, say so rather than show a different run.
    const again = computeRunMetrics(events);
    if (again.wallMs !== run.metrics.wallMs || again.tokens !== run.metrics.tokens || again.rounds !== run.metrics.rounds) {
      return { ok: false, error: 'simulating this run again gave a different result (the simulator changed since it was saved); run the sweep again' };
    }
    return { ok: true, events };
  }
}

let shared: RunsLibrary | null = null;

export function pageLibrary(): RunsLibrary {
  shared ??= new RunsLibrary();
  return shared;
}
