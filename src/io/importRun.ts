/**
 * Importing a run from files: a saved trace (JSON), or the paper harness's events.jsonl with
 * its tasks JSON. Files are untrusted. Each is size-checked before it is read, told apart by
 * content (not by name), and checked in full by the existing parsers, which name the line or
 * field at fault. Only a run that passed every check is handed to the store, whose save is one
 * transaction: a bad file leaves the store exactly as it was.
 */
import type { TraceEvent } from '../core/trace/events';
import { detectTraceFormat } from '../core/trace/detect';
import { importHarnessLog } from '../core/trace/harnessLog';
import { MAX_TRACE_BYTES, parseTrace, tooLargeMessage } from '../core/trace/serialize';
import type { SavedRun } from '../store/recordSchema';
import type { NewRun } from '../store/runStore';

/** What the importer needs of a File (a File satisfies it; tests pass plain objects). */
export interface ImportFile {
  name: string;
  size: number;
  text(): Promise<string>;
}

export interface ImportedRun {
  events: TraceEvent[];
  warnings: string[];
  format: 'trace' | 'harness';
  /** The file names, for the record. */
  source: string;
  label: string;
}

export type ImportResult = { ok: true; run: ImportedRun } | { ok: false; error: string };

type Kind = 'trace' | 'log' | 'tasks';

/** Warnings kept with an imported run; a long log can warn once per line. */
const MAX_WARNINGS = 20;

function capWarnings(warnings: readonly string[]): string[] {
  if (warnings.length <= MAX_WARNINGS) return warnings.map((w) => w.slice(0, 500));
  const kept = warnings.slice(0, MAX_WARNINGS - 1).map((w) => w.slice(0, 500));
  return [...kept, `and ${warnings.length - kept.length} more warnings like these`];
}

const CHOOSE_ONE = 'choose one run at a time: a saved trace (.json), or a paper harness events.jsonl with its tasks .json';

function classify(name: string, text: string): Kind {
  if (detectTraceFormat(text) === 'harness') return 'log';
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    // Not one JSON document: a log whose first line is broken, or a broken trace. The parser
    // that matches the name reports where it breaks.
    return /\.jsonl$/i.test(name) ? 'log' : 'trace';
  }
  if (data !== null && typeof data === 'object' && !Array.isArray(data)) {
    const rec = data as Record<string, unknown>;
    if ('tasks' in rec && !('events' in rec)) return 'tasks';
  }
  return 'trace';
}

function labelFor(events: readonly TraceEvent[], format: 'trace' | 'harness', source: string): string {
  const start = events[0];
  if (start?.type !== 'run_start') return `imported from ${source}`;
  const c = start.config;
  const what = format === 'harness' ? `paper harness run, ${start.suite.name || c.suite}` : `${c.structure}, n = ${c.n}, ${c.suite}`;
  return `${what} (imported from ${source})`;
}

/** Reads and checks the files; never throws. */
export async function readImport(files: readonly ImportFile[]): Promise<ImportResult> {
  if (files.length === 0) return { ok: false, error: 'no file was chosen' };
  for (const f of files) {
    if (f.size > MAX_TRACE_BYTES) return { ok: false, error: tooLargeMessage(f.name) };
  }
  const read: { name: string; text: string; kind: Kind }[] = [];
  for (const f of files) {
    let text: string;
    try {
      text = await f.text();
    } catch (err) {
      return { ok: false, error: `${f.name}: the file could not be read (${err instanceof Error ? err.message : String(err)})` };
    }
    read.push({ name: f.name, text, kind: classify(f.name, text) });
  }
  const of = (k: Kind) => read.filter((r) => r.kind === k);
  const traces = of('trace');
  const logs = of('log');
  const tasks = of('tasks');
  const source = read.map((r) => r.name.slice(0, 200)).join(' + ').slice(0, 1000);

  if (traces.length === 1 && read.length === 1) {
    const t = traces[0] as (typeof read)[number];
    const parsed = parseTrace(t.text);
    if (!parsed.ok) return { ok: false, error: `${t.name}: ${parsed.error}` };
    return { ok: true, run: { events: parsed.events, warnings: [], format: 'trace', source, label: labelFor(parsed.events, 'trace', source) } };
  }
  if (logs.length === 1 && traces.length === 0 && tasks.length <= 1) {
    const log = logs[0] as (typeof read)[number];
    const taskFile = tasks[0];
    const result = importHarnessLog(log.text, taskFile?.text);
    if (!result.ok) {
      // The importer prefixes tasks-file problems with "tasks file:"; name the file instead.
      const inTasks = taskFile && result.error.startsWith('tasks file: ');
      return { ok: false, error: inTasks ? `${taskFile.name}: ${result.error.slice('tasks file: '.length)}` : `${log.name}: ${result.error}` };
    }
    return { ok: true, run: { events: result.events, warnings: capWarnings(result.warnings), format: 'harness', source, label: labelFor(result.events, 'harness', source) } };
  }
  if (logs.length === 0 && traces.length === 0 && tasks.length > 0) {
    return { ok: false, error: `${tasks.map((t) => t.name).join(', ')}: a tasks file holds no run; add the harness's events.jsonl` };
  }
  return { ok: false, error: CHOOSE_ONE };
}

export type ImportAndSaveResult = { ok: true; saved: SavedRun; warnings: string[] } | { ok: false; error: string };

/** Reads, checks, and only then saves. A store error (a full quota, say) comes back as an error. */
export async function importAndSave(files: readonly ImportFile[], store: { save(run: NewRun): Promise<SavedRun> }): Promise<ImportAndSaveResult> {
  const result = await readImport(files);
  if (!result.ok) return result;
  const { run } = result;
  try {
    const saved = await store.save({
      label: run.label,
      origin: 'imported',
      events: run.events,
      source: run.source,
      ...(run.warnings.length > 0 ? { warnings: run.warnings } : {}),
    });
    return { ok: true, saved, warnings: run.warnings };
  } catch (err) {
    return { ok: false, error: err instanceof Error ? err.message : String(err) };
  }
}
