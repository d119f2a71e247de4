/** Building TestRequests from a suite: which files to run and which tests to run against them. */
import type { Suite } from '../workload/types';
import type { TestRequest } from './types';

/**
 * Tests of the given tasks (all tasks when omitted), in suite order, against `files`. Tasks
 * without tests, and ids the suite does not have, are skipped: an agent may name a task that
 * does not exist, and that must not stop a run.
 */
export function testRequestFor(suite: Suite, files: Record<string, string>, taskIds?: string[], timeoutMs = 2000, workBudget?: number): TestRequest {
  const wanted = taskIds ? new Set(taskIds) : undefined;
  const suites = suite.tasks
    .filter((task) => (!wanted || wanted.has(task.id)) && task.tests && task.tests.length > 0)
    .map((task) => ({
      task: task.id,
      file: task.file,
      exportName: task.exportName,
      tests: (task.tests ?? []).map((t) => ({ name: t.name, code: t.code })),
    }));
  return { files: { ...files }, suites, timeoutMs, ...(workBudget !== undefined ? { workBudget } : {}) };
}

/** The repository a team would end with if every agent wrote the reference solution. */
export function referenceFiles(suite: Suite): Record<string, string> {
  const files: Record<string, string> = {};
  for (const task of suite.tasks) if (task.reference !== undefined) files[task.file] = task.reference;
  return files;
}
