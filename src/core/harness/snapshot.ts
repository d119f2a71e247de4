/**
 * What the harness script tells its host, and how a host turns that into a TestReport.
 *
 * The script calls the global `__report(json)` with a cumulative HarnessSnapshot before each
 * module load and each test, and once more with done=true. A host keeps only the last one, so
 * when it has to kill a run (timeout, crash) it still knows the finished results and what was
 * running. Both hosts (node:vm and the sandbox worker) share the functions below.
 */
import type { TestCaseResult, TestReport, TestRequest } from './types';

export const REPORT_GLOBAL = '__report';

export interface HarnessSnapshot {
  /** Finished tests, in request order. */
  results: TestCaseResult[];
  /** What the script was doing when this snapshot was sent, e.g. 'running test "x" of t01'. */
  running?: string;
  /** Problems found before running (syntax errors, bad imports in needed files). */
  error?: string;
  done: boolean;
}

function isResult(value: unknown): value is TestCaseResult {
  if (typeof value !== 'object' || value === null) return false;
  const r = value as Record<string, unknown>;
  return typeof r.task === 'string' && typeof r.name === 'string' && typeof r.ok === 'boolean' && (r.error === undefined || typeof r.error === 'string');
}

/** The snapshot in a `__report` argument, or null when it is not one (never trust the sandbox). */
export function parseSnapshot(json: unknown): HarnessSnapshot | null {
  if (typeof json !== 'string') return null;
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const s = value as Record<string, unknown>;
  if (!Array.isArray(s.results) || !s.results.every(isResult) || typeof s.done !== 'boolean') return null;
  if (s.running !== undefined && typeof s.running !== 'string') return null;
  if (s.error !== undefined && typeof s.error !== 'string') return null;
  const snapshot: HarnessSnapshot = { results: s.results.map((r) => ({ ...r })), done: s.done };
  if (typeof s.running === 'string') snapshot.running = s.running;
  if (typeof s.error === 'string') snapshot.error = s.error;
  return snapshot;
}

function tally(results: TestCaseResult[]): { passed: number; failed: number } {
  const passed = results.filter((r) => r.ok).length;
  return { passed, failed: results.length - passed };
}

/** The script ran to the end. */
export function completedReport(snapshot: HarnessSnapshot, durationMs: number): TestReport {
  const report: TestReport = { results: snapshot.results, ...tally(snapshot.results), timedOut: false, durationMs };
  if (snapshot.error) report.error = snapshot.error;
  return report;
}

export function timeoutMessage(timeoutMs: number, snapshot: HarnessSnapshot | undefined): string {
  const where = snapshot?.done ? ' after the tests finished (in a Promise callback?)' : snapshot?.running ? ` while ${snapshot.running}` : '';
  return `timed out after ${timeoutMs} ms${where} (an infinite loop, or code far too slow?)`;
}

/**
 * The host stopped the run (timeout or crash). Tests the script never finished are failed, so
 * a report always accounts for every requested test: the first unfinished one carries the
 * reason, the rest say they did not run.
 */
export function interruptedReport(
  req: TestRequest,
  snapshot: HarnessSnapshot | undefined,
  stop: { timedOut: boolean; message: string },
  durationMs: number,
): TestReport {
  const done = snapshot?.results ?? [];
  const pending = req.suites.flatMap((s) => s.tests.map((t) => ({ task: s.task, name: t.name })));
  const results: TestCaseResult[] = [...done];
  pending.slice(done.length).forEach((t, i) => {
    results.push({ ...t, ok: false, error: i === 0 ? stop.message : 'not run: the run was stopped at an earlier test' });
  });
  const error = snapshot?.error ? `${stop.message}\n${snapshot.error}` : stop.message;
  return { results, ...tally(results), error, timedOut: stop.timedOut, durationMs };
}
