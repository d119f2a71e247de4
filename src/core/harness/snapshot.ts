/**
 * What a host knows about a harness run as it goes (a HarnessSnapshot built from the harness's
 * `report` calls), and how it turns that into a TestReport. When a host has to stop a run
 * (deadline, out of memory, crash) it still knows the finished results and what was running.
 */
import type { TestCaseResult, TestReport, TestRequest } from './types';

export interface HarnessSnapshot {
  /** Finished tests, in request order. */
  results: TestCaseResult[];
  /** What the script was doing last, e.g. 'running test "x" of task t01'. */
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

/** A TestReport received from another thread, checked field by field; null when it is not one. */
export function checkReport(value: unknown): TestReport | null {
  if (typeof value !== 'object' || value === null) return null;
  const r = value as Record<string, unknown>;
  if (!Array.isArray(r.results) || !r.results.every(isResult)) return null;
  if (typeof r.timedOut !== 'boolean' || typeof r.durationMs !== 'number' || (r.error !== undefined && typeof r.error !== 'string')) return null;
  const results = r.results.map((x: TestCaseResult) => {
    const copy: TestCaseResult = { task: x.task, name: x.name, ok: x.ok };
    if (x.error !== undefined) copy.error = x.error;
    return copy;
  });
  const report: TestReport = { results, ...tally(results), timedOut: r.timedOut, durationMs: r.durationMs };
  if (typeof r.error === 'string') report.error = r.error;
  return report;
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

export function workBudgetMessage(budget: number, snapshot: HarnessSnapshot | undefined): string {
  const where = snapshot?.done ? ' after the tests finished (in a Promise callback?)' : snapshot?.running ? ` while ${snapshot.running}` : '';
  return `stopped after its work budget (${budget} interrupt checks)${where} (an infinite loop, or code far too slow?)`;
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
