import type { TestReport, TestRequest, TestRunner } from '../core/harness/types';

/**
 * Runs a repository's files and a suite's tests in a fresh node:vm context.
 * API is final; the implementation lands in the next commit (harness under construction).
 */
export class NodeTestRunner implements TestRunner {
  async run(req: TestRequest): Promise<TestReport> {
    void req;
    throw new Error('NodeTestRunner: the harness is still being built; this placeholder only fixes the API');
  }
}
