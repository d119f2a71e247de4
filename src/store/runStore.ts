/**
 * Saved runs in IndexedDB (through `idb`). Two object stores: `runs` holds each run's
 * configuration and metrics (small, listed often) and `traces` holds its serialized trace
 * (large, read when a run is opened). A save writes both in one transaction, so a failure,
 * a full quota included, leaves nothing half-saved. Records are validated when read back: a
 * corrupted one is skipped and reported, never thrown, so one bad record cannot hide the rest.
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import { computeRunMetrics, type RunMetrics } from '../core/metrics/runMetrics';
import type { RunConfig, TraceEvent } from '../core/trace/events';
import { describeIssue } from '../core/trace/schema';
import { parseTrace, serializeTrace } from '../core/trace/serialize';
import { findPrototypeKey, validateTraceMeaning } from '../core/trace/validateMeaning';
import { checkSavedRun } from './recordMeaning';
import { savedRunSchema, type RunOrigin, type SavedRun, type SavedTrace } from './recordSchema';

export const DEFAULT_DB_NAME = 'llm-team-playground';
const DB_VERSION = 1;

export const QUOTA_MESSAGE = "The browser's storage for this page is full: delete some saved runs or export them first";

export type StoreErrorCode = 'quota' | 'unavailable' | 'not_found' | 'failed';

export class StoreError extends Error {
  constructor(
    readonly code: StoreErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'StoreError';
  }
}

interface RunsDb extends DBSchema {
  runs: { key: string; value: SavedRun; indexes: { savedAt: number } };
  traces: { key: string; value: SavedTrace };
}

/** What a caller hands to save: the trace as events (or text already serialized). */
export interface NewRun extends Pick<SavedRun, 'label' | 'origin' | 'cell' | 'parent' | 'forkAt' | 'forkNote' | 'sweep' | 'warnings' | 'source' | 'baselineWallMs'> {
  /** The trace. Leave it out only for a simulated run whose `cell` can run it again. */
  events?: readonly TraceEvent[];
  /** Default: the trace's run_start config. */
  config?: RunConfig;
  /** Default: computed from the events. */
  metrics?: RunMetrics;
}

export interface RunFilter {
  suite?: string;
  structure?: string;
  n?: number;
  /** "sim" matches every "sim:..." engine; "sim:laptop" matches exactly. */
  engine?: string;
  origin?: RunOrigin;
  sweep?: string;
}

export interface SkippedRecord {
  /** The record's key in the store (its id, when the id itself is readable). */
  key: string;
  reason: string;
}

export interface RunList {
  runs: SavedRun[];
  /** Records that failed validation: left in place, reported, not shown. */
  skipped: SkippedRecord[];
}

export type TraceResult = { ok: true; events: TraceEvent[] } | { ok: false; error: string };

function isQuotaError(err: unknown): boolean {
  if (typeof err !== 'object' || err === null) return false;
  const name = (err as { name?: unknown }).name;
  // Firefox used NS_ERROR_DOM_QUOTA_REACHED; the standard name is QuotaExceededError.
  return name === 'QuotaExceededError' || name === 'NS_ERROR_DOM_QUOTA_REACHED';
}

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

function storeError(err: unknown, doing: string): StoreError {
  if (err instanceof StoreError) return err;
  if (isQuotaError(err)) return new StoreError('quota', QUOTA_MESSAGE);
  return new StoreError('failed', `${doing} failed: ${message(err)}`);
}

/** Sortable, unique without a secure context (crypto.randomUUID needs one; getRandomValues does not). */
export function newRunId(now: number): string {
  const bytes = new Uint8Array(6);
  crypto.getRandomValues(bytes);
  const rand = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `run-${now.toString(36)}-${rand}`;
}

function describeRecordIssue(issue: Parameters<typeof describeIssue>[1] | undefined): string {
  if (!issue) return 'record: invalid';
  return describeIssue('record', issue).replace(/: expected (.+), got undefined$/, ': missing (expected $1)');
}

/** Prototype keys are looked for in the record as stored: the schema's copy drops or obeys them. */
function rawProblem(raw: unknown): string | null {
  const key = findPrototypeKey(raw, 'record');
  return key ? `${key}: not allowed as a key` : null;
}

function abortQuietly(tx: { abort(): void } | undefined): void {
  try {
    tx?.abort();
  } catch {
    // Already finished or aborted: nothing was left to undo.
  }
}

/** Whether a run passes a filter (the same rule list() applies). */
export function matchesFilter(run: SavedRun, f: RunFilter): boolean {
  const c = run.config;
  if (f.suite !== undefined && c.suite !== f.suite) return false;
  if (f.structure !== undefined && c.structure !== f.structure) return false;
  if (f.n !== undefined && c.n !== f.n) return false;
  if (f.engine !== undefined && c.engine !== f.engine && !c.engine.startsWith(`${f.engine}:`)) return false;
  if (f.origin !== undefined && run.origin !== f.origin) return false;
  if (f.sweep !== undefined && run.sweep !== f.sweep) return false;
  return true;
}

function record(run: NewRun, id: string, savedAt: number, traceText: string | null): SavedRun {
  const start = run.events?.[0];
  const config = run.config ?? (start?.type === 'run_start' ? start.config : undefined);
  if (!config) throw new StoreError('failed', 'Saving failed: the run has no configuration (its trace does not begin with run_start)');
  if (!run.events && !run.cell) throw new StoreError('failed', 'Saving failed: a run needs its trace, or a recipe to run it again');
  // A run the page could not open again is refused now, not found broken later.
  if (run.events) {
    const key = findPrototypeKey(run.events, 'events');
    const problem = key ? `${key}: not allowed as a key` : validateTraceMeaning(run.events);
    if (problem) throw new StoreError('failed', `Saving failed: the trace does not make sense (${problem})`);
  }
  const metrics = run.metrics ?? computeRunMetrics(run.events ?? []);
  const rec: SavedRun = {
    id,
    savedAt,
    label: run.label,
    origin: run.origin,
    config,
    metrics,
    hasTrace: traceText !== null,
    traceChars: traceText?.length ?? 0,
  };
  for (const k of ['cell', 'parent', 'forkAt', 'forkNote', 'sweep', 'warnings', 'source', 'baselineWallMs'] as const) {
    if (run[k] !== undefined) (rec as unknown as Record<string, unknown>)[k] = run[k];
  }
  const problem = checkSavedRun(rec);
  if (problem) throw new StoreError('failed', `Saving failed: ${problem}`);
  return rec;
}

export class RunStore {
  private lastStamp = 0;

  private constructor(
    private readonly db: IDBPDatabase<RunsDb>,
    private readonly now: () => number,
  ) {}

  /** Opens (and on first use creates) the database. `now` is injectable for tests. */
  static async open(name = DEFAULT_DB_NAME, now: () => number = Date.now): Promise<RunStore> {
    if (typeof indexedDB === 'undefined') {
      throw new StoreError('unavailable', 'This browser offers no IndexedDB here (a private window may turn it off), so runs cannot be saved');
    }
    try {
      const db = await openDB<RunsDb>(name, DB_VERSION, {
        upgrade(database) {
          const runs = database.createObjectStore('runs', { keyPath: 'id' });
          runs.createIndex('savedAt', 'savedAt');
          database.createObjectStore('traces', { keyPath: 'id' });
        },
      });
      return new RunStore(db, now);
    } catch (err) {
      throw new StoreError(isQuotaError(err) ? 'quota' : 'unavailable', isQuotaError(err) ? QUOTA_MESSAGE : `The saved-runs database could not be opened: ${message(err)}`);
    }
  }

  /** Saves one run, trace and all, or nothing. */
  async save(run: NewRun): Promise<SavedRun> {
    const [saved] = await this.saveMany([run]);
    return saved as SavedRun;
  }

  /** Saves several runs in one transaction (a sweep's batch): all of them, or none. */
  async saveMany(runs: readonly NewRun[]): Promise<SavedRun[]> {
    if (runs.length === 0) return [];
    // Everything that can fail on bad input happens before the transaction opens. Stamps only
    // go up, so the list keeps the order runs were saved in even within one millisecond.
    let stamp = Math.max(this.now(), this.lastStamp + 1);
    const prepared = runs.map((run) => {
      const savedAt = stamp++;
      const text = run.events ? serializeTrace(run.events) : null;
      return { rec: record(run, newRunId(savedAt), savedAt, text), text };
    });
    const last = stamp - 1;
    // Every request promise is collected before anything is awaited, so a failure part-way
    // leaves none of them rejecting unobserved once the transaction is aborted.
    const pending: Promise<unknown>[] = [];
    let tx: { abort(): void } | undefined;
    try {
      const t = this.db.transaction(['runs', 'traces'], 'readwrite');
      tx = t;
      pending.push(t.done);
      const runsStore = t.objectStore('runs');
      const tracesStore = t.objectStore('traces');
      for (const { rec, text } of prepared) {
        pending.push(runsStore.add(rec));
        if (text !== null) pending.push(tracesStore.put({ id: rec.id, text }));
      }
      await Promise.all(pending);
    } catch (err) {
      for (const p of pending) p.catch(() => undefined);
      // A request that threw synchronously does not abort the transaction by itself; the
      // writes already queued would commit without the rest.
      abortQuietly(tx);
      throw storeError(err, 'Saving the run');
    }
    this.lastStamp = last;
    return prepared.map((p) => p.rec);
  }

  /** Every valid run, newest first; corrupted records are reported in `skipped`. */
  async list(filter: RunFilter = {}): Promise<RunList> {
    const runs: SavedRun[] = [];
    const skipped: SkippedRecord[] = [];
    try {
      let cursor = await this.db.transaction('runs').store.openCursor();
      while (cursor) {
        const parsed = savedRunSchema.safeParse(cursor.value);
        const problem = rawProblem(cursor.value) ?? (parsed.success ? checkSavedRun(parsed.data) : describeRecordIssue(parsed.error.issues[0]));
        if (parsed.success && problem === null) {
          if (matchesFilter(parsed.data, filter)) runs.push(parsed.data);
        } else {
          skipped.push({ key: String(cursor.key).slice(0, 100), reason: problem ?? 'record: invalid' });
        }
        cursor = await cursor.continue();
      }
    } catch (err) {
      throw storeError(err, 'Reading the saved runs');
    }
    runs.sort((a, b) => b.savedAt - a.savedAt || (a.id < b.id ? 1 : -1));
    return { runs, skipped };
  }

  /** One run's record, validated; null if there is no such run; a StoreError if it is corrupted. */
  async get(id: string): Promise<SavedRun | null> {
    let raw: unknown;
    try {
      raw = await this.db.get('runs', id);
    } catch (err) {
      throw storeError(err, 'Reading the run');
    }
    if (raw === undefined) return null;
    const parsed = savedRunSchema.safeParse(raw);
    const problem = rawProblem(raw) ?? (parsed.success ? checkSavedRun(parsed.data) : describeRecordIssue(parsed.error.issues[0]));
    if (!parsed.success || problem !== null) {
      throw new StoreError('failed', `The saved run ${id.slice(0, 100)} is corrupted (${problem ?? 'record: invalid'})`);
    }
    return parsed.data;
  }

  /** A run's trace, checked by the trace schema; an error result (not a throw) if it is missing or corrupted. */
  async trace(id: string): Promise<TraceResult> {
    let raw: unknown;
    try {
      raw = await this.db.get('traces', id);
    } catch (err) {
      return { ok: false, error: storeError(err, 'Reading the trace').message };
    }
    if (raw === undefined) return { ok: false, error: `no trace is saved for run ${id}` };
    const text = (raw as { text?: unknown }).text;
    if (typeof text !== 'string') return { ok: false, error: `the saved trace of run ${id} is corrupted (text: expected string)` };
    // Runs saved by an earlier version may hold a trace out of time order; they are repaired, not lost.
    const parsed = parseTrace(text, { savedBefore: true });
    return parsed.ok ? parsed : { ok: false, error: `the saved trace of run ${id} is corrupted (${parsed.error})` };
  }

  /** Deletes runs and their traces in one transaction. Unknown ids are ignored. */
  async delete(ids: string | readonly string[]): Promise<void> {
    const list = typeof ids === 'string' ? [ids] : ids;
    try {
      const tx = this.db.transaction(['runs', 'traces'], 'readwrite');
      await Promise.all([...list.flatMap((id) => [tx.objectStore('runs').delete(id), tx.objectStore('traces').delete(id)]), tx.done]);
    } catch (err) {
      throw storeError(err, 'Deleting');
    }
  }

  async clear(): Promise<void> {
    try {
      const tx = this.db.transaction(['runs', 'traces'], 'readwrite');
      await Promise.all([tx.objectStore('runs').clear(), tx.objectStore('traces').clear(), tx.done]);
    } catch (err) {
      throw storeError(err, 'Clearing the saved runs');
    }
  }

  close(): void {
    this.db.close();
  }
}
