import { testRequestFor } from '../../harness/request';
import { setState } from '../context';
import type { Rule } from './types';

/** Run one task's tests (or all). A virtual clock models the time; a wall clock measures it.
 * The agent sees the results at its next step. */
export const runTests: Rule<'run_tests'> = async (ctx, step, a) => {
  const r = step.agent;
  const { board, suite, clock, costs } = ctx;
  const taskIds = a.task ? [a.task] : suite.tasks.map((t) => t.id);
  const label = a.task;
  setState(ctx, r, 'testing', step.cursor, a.task);
  const req = testRequestFor(suite, board.fileMap(), taskIds, ctx.testTimeoutMs);
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
  for (const id of taskIds) {
    const mine = report.results.filter((x) => x.task === id);
    const file = board.files.get(board.tasks.get(id)?.file ?? '');
    r.lastTest.set(id, {
      passed: mine.filter((x) => x.ok).length,
      failed: mine.filter((x) => !x.ok).length,
      failures: mine.filter((x) => !x.ok).map((x) => `${x.name}: ${x.error ?? 'failed'}`).slice(0, 4),
      error: report.error,
      fileVersion: file?.version ?? 0,
    });
  }
  r.feedback.push(`tests of ${label ?? 'all tasks'}: ${report.passed} passed, ${report.failed} failed${report.error ? ` (${report.error})` : ''}`);
  step.cursor += duration;
};
