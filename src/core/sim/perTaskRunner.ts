/**
 * A whole-suite test run, answered task by task. Each task's tests depend only on its file and
 * what that file imports, so the results are the same as one big run; split up, a cache
 * (CachedTestRunner) can reuse each task's result across the many file combinations a team's
 * repository goes through, which is what keeps simulated sweeps fast when every run_tests runs
 * the whole suite. The merged report's error is the first task's harness error, in suite order.
 */
import type { TestReport, TestRequest, TestRunner } from '../harness/types';

export class PerTaskTestRunner implements TestRunner {
  constructor(private readonly inner: TestRunner) {}

  async run(req: TestRequest): Promise<TestReport> {
    if (req.suites.length <= 1) return this.inner.run(req);
    const reports: TestReport[] = [];
    for (const suite of req.suites) reports.push(await this.inner.run({ ...req, suites: [suite] }));
    const error = reports.find((r) => r.error !== undefined)?.error;
    return {
      results: reports.flatMap((r) => r.results),
      passed: reports.reduce((s, r) => s + r.passed, 0),
      failed: reports.reduce((s, r) => s + r.failed, 0),
      ...(error !== undefined ? { error } : {}),
      timedOut: reports.some((r) => r.timedOut),
      durationMs: reports.reduce((s, r) => s + r.durationMs, 0),
    };
  }
}
