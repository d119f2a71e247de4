/**
 * Metrics of many runs as CSV (RFC 4180: CRLF line ends, a header row, fields with commas,
 * quotes or line breaks quoted, quotes doubled), one run per row, units in the column names so
 * the numbers mean something once they are in a spreadsheet.
 */
import type { RunMetrics } from '../core/metrics/runMetrics';
import { runSpeedups } from '../core/sweep/surprise';
import type { RunConfig } from '../core/trace/events';

export interface CsvRun {
  metrics: RunMetrics;
  config?: RunConfig;
  id?: string;
  label?: string;
  origin?: string;
  /** Epoch ms. */
  savedAt?: number;
}

type Cell = string | number | boolean | null | undefined;

interface Column {
  header: string;
  value: (run: CsvRun, speedup: number | null) => Cell;
}

const round = (x: number, digits = 3): number => {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
};
const seconds = (ms: number): number => round(ms / 1000);

const COLUMNS: readonly Column[] = [
  { header: 'run id', value: (r) => r.id },
  { header: 'label', value: (r) => r.label },
  { header: 'origin', value: (r) => r.origin },
  { header: 'saved at (UTC)', value: (r) => (r.savedAt === undefined ? undefined : new Date(r.savedAt).toISOString()) },
  { header: 'suite', value: (r) => r.metrics.suite },
  { header: 'structure', value: (r) => r.metrics.structure },
  { header: 'n (agents)', value: (r) => r.metrics.n },
  { header: 'step mode', value: (r) => r.metrics.mode },
  { header: 'seed', value: (r) => r.metrics.seed },
  { header: 'engine', value: (r) => r.metrics.engine },
  { header: 'locks', value: (r) => r.config?.locks },
  { header: 'success', value: (r) => r.metrics.success },
  { header: 'tests pass at end', value: (r) => r.metrics.correct },
  { header: 'stop reason', value: (r) => r.metrics.stopReason },
  { header: 'wall time (s)', value: (r) => seconds(r.metrics.wallMs) },
  { header: 'rounds', value: (r) => r.metrics.rounds },
  { header: 'tasks done', value: (r) => r.metrics.tasksDone },
  { header: 'tasks total', value: (r) => r.metrics.tasksTotal },
  { header: 'tokens in', value: (r) => r.metrics.tokensIn },
  { header: 'tokens out', value: (r) => r.metrics.tokensOut },
  { header: 'tokens', value: (r) => r.metrics.tokens },
  { header: 'replies', value: (r) => r.metrics.replies },
  { header: 'messages', value: (r) => r.metrics.messages },
  { header: 'message bytes (B)', value: (r) => r.metrics.messageBytes },
  { header: 'writes', value: (r) => r.metrics.writes },
  { header: 'concurrent writes', value: (r) => r.metrics.concurrentWrites },
  { header: 'rewrites', value: (r) => r.metrics.rewrites },
  { header: 'blocked claims', value: (r) => r.metrics.blockedClaims },
  { header: 'lost claims', value: (r) => r.metrics.claimConflicts },
  { header: 'test runs', value: (r) => r.metrics.testRuns },
  { header: 'test failures', value: (r) => r.metrics.testFailures },
  { header: 'idle rounds', value: (r) => r.metrics.idleRounds },
  { header: 'lock waits', value: (r) => r.metrics.lockWaits },
  { header: 'lock wait time (s)', value: (r) => seconds(r.metrics.lockWaitMs) },
  { header: 'protocol errors', value: (r) => r.metrics.protocolErrors },
  { header: 'failed agents', value: (r) => r.metrics.failedAgents },
  { header: 'straggler gap (s)', value: (r) => seconds(r.metrics.stragglerGapMs) },
  { header: 'mean idle time (%)', value: (r) => round(r.metrics.meanIdleFraction * 100, 1) },
  { header: 'parallel fraction p', value: (r) => round(r.metrics.p, 4) },
  { header: 'critical path (tasks)', value: (r) => r.metrics.criticalPath },
  { header: 'Amdahl bound (x)', value: (r) => round(r.metrics.amdahlBound) },
  { header: 'speedup vs n = 1 (x)', value: (_r, s) => (s === null ? null : round(s)) },
  { header: 'speedup / Amdahl bound', value: (r, s) => (s === null || r.metrics.amdahlBound <= 0 ? null : round(s / r.metrics.amdahlBound)) },
  // A sweep along a fault axis differs only here (the faults' text form, core/faults/text.ts).
  { header: 'faults', value: (r) => textOf(r.config?.extra?.faults) },
  { header: 'recovery', value: (r) => textOf(r.config?.extra?.recovery) },
];

function textOf(x: unknown): string | undefined {
  return typeof x === 'string' && x !== '' ? x : undefined;
}

export const CSV_HEADERS: readonly string[] = COLUMNS.map((c) => c.header);

/**
 * One field. Text that a spreadsheet would run as a formula (= + - @ first) gets a leading
 * apostrophe: labels and file names come from users and imported files.
 */
export function csvField(value: Cell): string {
  if (value === null || value === undefined) return '';
  let text: string;
  if (typeof value === 'number') text = Number.isFinite(value) ? String(value) : '';
  else if (typeof value === 'boolean') text = value ? 'true' : 'false';
  else text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * The CSV text. Speedup is measured per run against the mean wall time of the same
 * configuration's one-agent runs among those exported; empty when there is none.
 */
export function exportMetricsCsv(runs: readonly CsvRun[]): string {
  const speedups = runSpeedups(runs.map((r) => r.metrics));
  const lines = [CSV_HEADERS.map(csvField).join(',')];
  runs.forEach((run, i) => {
    const speedup = speedups[i]?.speedup ?? null;
    lines.push(COLUMNS.map((c) => csvField(c.value(run, speedup))).join(','));
  });
  return `${lines.join('\r\n')}\r\n`;
}

/** Splits CSV text into rows of fields (RFC 4180), for tests and for reading an export back. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += c;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}
