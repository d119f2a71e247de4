/** Running a repository's files and a suite's tests. Node (vm) and the browser sandbox worker
 * both implement TestRunner on top of the same harness script (core/harness). */
export interface TestRequest {
  /** Repository files: path -> source. */
  files: Record<string, string>;
  /** Which tests: each entry names the task file/export and its test cases. */
  suites: { task: string; file: string; exportName: string; tests: { name: string; code: string }[] }[];
  timeoutMs: number;
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
