/**
 * A saved run's record checked for meaning, after recordSchema.ts has checked its shape: the
 * configuration and the recipe (a cell) within the page's limits, no prototype keys, sizes
 * bounded. A record that fails is refused when saved and skipped (named) when read, so a bad
 * record cannot crash the drawer each time it is opened.
 */
import type { SweepCell } from '../core/sweep/grid';
import { checkRunConfig, findPrototypeKey, TRACE_LIMITS } from '../core/trace/validateMeaning';
import type { SavedRun } from './recordSchema';

/** Rounds a saved recipe may ask to re-simulate: the page's runs use 100. */
export const RESIM_MAX_ROUNDS = 1000;
/** Longest label, source or warning kept with a run, in characters. */
export const MAX_RECORD_TEXT = 2000;
export const MAX_RECORD_WARNINGS = 100;

function range(where: string, x: number, min: number, max: number, integer = false): string | null {
  if (!Number.isFinite(x)) return `${where}: must be a finite number, got ${String(x)}`;
  if (integer && !Number.isInteger(x)) return `${where}: must be a whole number, got ${x}`;
  if (x < min || x > max) return `${where}: must be between ${min} and ${max}, got ${x}`;
  return null;
}

/** A recipe the page can run again in bounded time, or the first field that is not. */
export function checkSweepCell(cell: SweepCell, where = 'cell'): string | null {
  const L = TRACE_LIMITS;
  const first =
    range(`${where}.n`, cell.n, L.nMin, L.nMax, true) ??
    range(`${where}.seed`, cell.seed, 0, L.maxSeed, true) ??
    range(`${where}.p`, cell.p, 0, 1) ??
    (cell.errorRate !== undefined ? range(`${where}.errorRate`, cell.errorRate, 0, 1) : null) ??
    (cell.prefillTps !== undefined ? range(`${where}.prefillTps`, cell.prefillTps, 0, 1e7) : null) ??
    (cell.decodeTps !== undefined ? range(`${where}.decodeTps`, cell.decodeTps, 0, 1e7) : null) ??
    (cell.maxRounds !== undefined ? range(`${where}.maxRounds`, cell.maxRounds, 0, RESIM_MAX_ROUNDS, true) : null) ??
    (cell.maxTimeMs !== undefined ? range(`${where}.maxTimeMs`, cell.maxTimeMs, 0, L.maxRunMs) : null);
  if (first) return first;
  for (const [k, v] of [
    ['suite', cell.suite],
    ['family', cell.family],
    ['preset', cell.preset],
  ] as const) {
    if (v.length > L.maxIdChars) return `${where}.${k}: longer than ${L.maxIdChars} characters`;
  }
  // A key names the whole configuration, faults included; a fault schedule is a short text.
  for (const [k, v] of [
    ['key', cell.key],
    ['faults', cell.faults],
    ['recovery', cell.recovery],
  ] as const) {
    if (v !== undefined && v.length > MAX_RECORD_TEXT) return `${where}.${k}: longer than ${MAX_RECORD_TEXT} characters`;
  }
  if (cell.speeds) {
    if (cell.speeds.length > cell.n + 1) return `${where}.speeds: ${cell.speeds.length} speeds for a team of ${cell.n}`;
    for (let i = 0; i < cell.speeds.length; i++) {
      const bad = range(`${where}.speeds[${i}]`, cell.speeds[i] as number, 0.001, 1000);
      if (bad) return bad;
    }
  }
  return null;
}

function text(where: string, s: string | undefined): string | null {
  return s !== undefined && s.length > MAX_RECORD_TEXT ? `${where}: longer than ${MAX_RECORD_TEXT} characters` : null;
}

/** The first problem with a schema-valid record's values, as "record.field: problem", or null. */
export function checkSavedRun(run: SavedRun, where = 'record'): string | null {
  const proto = findPrototypeKey(run, where);
  if (proto) return `${proto}: not allowed as a key`;
  const configProblem = checkRunConfig(run.config, `${where}.config`);
  if (configProblem) return configProblem;
  if (run.cell) {
    const cellProblem = checkSweepCell(run.cell, `${where}.cell`);
    if (cellProblem) return cellProblem;
  }
  const m = run.metrics;
  const metricsProblem =
    range(`${where}.savedAt`, run.savedAt, 0, 8.64e15) ??
    range(`${where}.traceChars`, run.traceChars, 0, 1e9, true) ??
    (run.forkAt !== undefined ? range(`${where}.forkAt`, run.forkAt, 0, TRACE_LIMITS.maxRunMs) : null) ??
    range(`${where}.metrics.n`, m.n, 0, TRACE_LIMITS.maxAgents, true) ??
    range(`${where}.metrics.teamSize`, m.teamSize, 0, TRACE_LIMITS.maxAgents, true) ??
    range(`${where}.metrics.rounds`, m.rounds, 0, TRACE_LIMITS.maxCount, true) ??
    range(`${where}.metrics.wallMs`, m.wallMs, 0, TRACE_LIMITS.maxRunMs) ??
    range(`${where}.metrics.tasksTotal`, m.tasksTotal, 0, TRACE_LIMITS.maxTasks, true) ??
    range(`${where}.metrics.tasksDone`, m.tasksDone, 0, TRACE_LIMITS.maxTasks, true) ??
    (m.stragglerGaps.length > TRACE_LIMITS.maxCount ? `${where}.metrics.stragglerGaps: too many rounds` : null) ??
    (Object.keys(m.idleFraction).length > TRACE_LIMITS.maxAgents ? `${where}.metrics.idleFraction: more agents than a team has` : null);
  if (metricsProblem) return metricsProblem;
  // Every other number the drawer shows must at least be finite.
  for (const [k, v] of Object.entries(m)) {
    if (typeof v === 'number' && !Number.isFinite(v)) return `${where}.metrics.${k}: must be a finite number`;
  }
  const long =
    text(`${where}.label`, run.label) ??
    text(`${where}.source`, run.source) ??
    text(`${where}.forkNote`, run.forkNote) ??
    (run.id.length > TRACE_LIMITS.maxIdChars ? `${where}.id: longer than ${TRACE_LIMITS.maxIdChars} characters` : null);
  if (long) return long;
  if (run.warnings) {
    if (run.warnings.length > MAX_RECORD_WARNINGS) return `${where}.warnings: more than ${MAX_RECORD_WARNINGS}`;
    for (let i = 0; i < run.warnings.length; i++) {
      const bad = text(`${where}.warnings[${i}]`, run.warnings[i]);
      if (bad) return bad;
    }
  }
  return null;
}
