import { setState } from '../context';
import type { Rule } from './types';

/**
 * Run one task's tests, or the whole suite (no task named, as the paper's harness always did).
 * A virtual clock models the time; a wall clock measures it. A whole-suite run blocks: there is
 * one test harness, so a run that finds it busy waits for it (the agent is shown waiting for the
 * test suite), and in synchronous rounds the round cannot end before the last run is done.
 * The agent sees the results at its next step, with the tasks whose tests failed named.
 */
export const runTests: Rule<'run_tests'> = async (ctx, step, a) => {
  const r = step.agent;
  const { board, suite, clock, costs } = ctx;
  const whole = !a.task;
  const taskIds = a.task ? [a.task] : suite.tasks.map((t) => t.id);
  const label = a.task;
  if (whole && ctx.suiteBusyUntil > step.cursor) {
    setState(ctx, r, 'waiting_lock', step.cursor, 'the test suite: another agent is running it');
    step.cursor = ctx.suiteBusyUntil;
  }
  setState(ctx, r, 'testing', step.cursor, a.task);
  const req = ctx.testRequest(taskIds);
  const cases = req.suites.reduce((s, x) => s + x.tests.length, 0);
  if (cases === 0) {
    // Imported suites may come without tests: success is then every task marked done, as in
    // the paper, and the agent is told there is nothing to run.
    for (const id of taskIds) {
      r.lastTest.set(id, { passed: 0, failed: 0, failures: [], error: 'this task has no tests', fileVersion: board.files.get(board.tasks.get(id)?.file ?? '')?.version ?? 0 });
    }
    r.feedback.push(`run_tests: ${label ?? 'these tasks'} have no tests`);
    return;
  }
  const before = clock.now();
  const report = await ctx.testRunner.run(req);
  const duration = clock.virtual ? costs.testBaseMs + costs.testPerCaseMs * cases : clock.now() - before;
  ctx.record({
    type: 'test_run',
    t: step.cursor,
    round: step.round,
    agent: r.handle.id,
    task: label,
    passed: report.passed,
    failed: report.failed,
    durationMs: duration,
    results: report.results,
    error: report.error,
  });
  // Each task's results, in one pass over the report (a whole-suite run has every task's).
  const byTask = new Map<string, { passed: number; failed: number; failures: string[] }>();
  for (const x of report.results) {
    let t = byTask.get(x.task);
    if (!t) byTask.set(x.task, (t = { passed: 0, failed: 0, failures: [] }));
    if (x.ok) t.passed++;
    else {
      t.failed++;
      if (t.failures.length < 4) t.failures.push(`${x.name}: ${x.error ?? 'failed'}`);
    }
  }
  const failing: string[] = [];
  for (const id of taskIds) {
    const mine = byTask.get(id);
    const file = board.files.get(board.tasks.get(id)?.file ?? '');
    r.lastTest.set(id, { passed: mine?.passed ?? 0, failed: mine?.failed ?? 0, failures: mine?.failures ?? [], error: report.error, fileVersion: file?.version ?? 0 });
  }
  // Tasks with failing tests, in the report's order (the suite's).
  if (whole) for (const [task, t] of byTask) if (t.failed > 0) failing.push(task);
  r.feedback.push(
    `tests of ${label ?? 'all tasks'}: ${report.passed} passed, ${report.failed} failed${report.error ? ` (${report.error})` : ''}${failing.length ? `; failing: ${failing.join(', ')}` : ''}`,
  );
  step.cursor += duration;
  if (whole) ctx.suiteBusyUntil = Math.max(ctx.suiteBusyUntil, step.cursor);
};
