/**
 * The page's one test runner: every simulated run, baseline and sweep shares it, so a solution
 * tested once (in a fresh sandbox worker) is not tested again.
 */
import { CachedTestRunner } from '../../core/harness/cachedRunner';
import type { TestRunner } from '../../core/harness/types';
import { SandboxTestRunner } from '../../platform/sandboxRunner';

let shared: TestRunner | undefined;

export function pageTestRunner(): TestRunner {
  shared ??= new CachedTestRunner(new SandboxTestRunner());
  return shared;
}
