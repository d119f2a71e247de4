/** Running a repository's files and a suite's tests. Node (vm) and the browser sandbox worker
 * both implement TestRunner on top of the same harness script (core/harness). */
export interface TestRequest {
  /** Repository files: path -> source. */
  files: Record<string, string>;
  /** Which tests: each entry names the task file/export and its test cases. */
  suites: { task: string; file: string; exportName: string; tests: { name: string; code: string }[] }[];
  timeoutMs: number;
  /**
   * A work budget: how many of the sandbox's interrupt checks (one about every 10,000 bytecode
   * operations, some 1,000-2,000 a second) a run may reach before it is stopped. Unlike the
   * clock, work does not depend on how loaded the machine is, so a simulated run that sets it
   * gets the same results on a busy machine as on a quiet one, and a hang costs a fraction of
   * a second instead of the whole timeout. timeoutMs still applies as well.
   */
  workBudget?: number;
}

export interface TestCaseResult {
  task: string;
  name: string;
  ok: boolean;
  error?: string;
}

export interface TestReport {
  results: TestCaseResult[];
  passed: number;
  failed: number;
  /** Harness-level failure (syntax error in a file, timeout, crash); results may be partial. */
  error?: string;
  timedOut: boolean;
  durationMs: number;
}

export interface TestRunner {
  run(req: TestRequest): Promise<TestReport>;
}
