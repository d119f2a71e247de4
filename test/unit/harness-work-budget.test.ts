// A work budget stops agent code by the work it does (interrupt checks), not by the clock, so a
// simulated run's results do not depend on how loaded the machine is.
import { describe, expect, it } from 'vitest';
import { CachedTestRunner } from '../../src/core/harness/cachedRunner';
import type { TestReport, TestRequest } from '../../src/core/harness/types';
import { SIM_WORK_BUDGET, simulateRun } from '../../src/core/sim/simulate';
import { findSuite } from '../../src/core/workload/suites';
import { loadQuickJSInNode } from '../../src/platform/nodeQuickJS';
import { runInQuickJS } from '../../src/platform/quickjsSandbox';

const suite = (code: string, tests: { name: string; code: string }[]): TestRequest => ({
  files: { 'src/f.js': code },
  suites: [{ task: 't01', file: 'src/f.js', exportName: 'f', tests }],
  timeoutMs: 30000,
});

describe('the sandbox work budget', () => {
  it('stops an endless loop long before a generous timeout, names the budget and fails the rest', async () => {
    const module = await loadQuickJSInNode();
    const req = { ...suite('export function f() { for (;;) {} }\n', [{ name: 'hangs', code: 'f();' }, { name: 'after', code: 'assert.ok(true);' }]), workBudget: 40 };
    const { report } = runInQuickJS(module, req);
    expect(report.timedOut).toBe(true);
    expect(report.results[0]).toMatchObject({ name: 'hangs', ok: false });
    expect(report.results[0].error).toMatch(/work budget \(40 interrupt checks\).*running test "hangs"/);
    expect(report.results[1]).toMatchObject({ name: 'after', ok: false });
    expect(report.passed).toBe(0);
  });

  it('lets ordinary code finish within the same budget', async () => {
    const module = await loadQuickJSInNode();
    const req = { ...suite('export function f(n) { let s = 0; for (let i = 0; i < n; i++) s += i; return s; }\n', [{ name: 'sums', code: 'assert.equal(f(1000), 499500);' }]), workBudget: 40 };
    const { report } = runInQuickJS(module, req);
    expect(report).toMatchObject({ passed: 1, failed: 0, timedOut: false });
  });

  it('is part of the test cache key: the same files under another budget are run again', async () => {
    const seen: TestRequest[] = [];
    const answer: TestReport = { results: [], passed: 0, failed: 0, timedOut: false, durationMs: 1 };
    const cache = new CachedTestRunner({ run: async (r) => (seen.push(r), answer) });
    const req = suite('export function f() {}\n', [{ name: 'x', code: 'f();' }]);
    await cache.run({ ...req, workBudget: 10 });
    await cache.run({ ...req, workBudget: 10 });
    await cache.run({ ...req, workBudget: 20 });
    await cache.run(req);
    expect(seen.map((r) => r.workBudget)).toEqual([10, 20, undefined]);
  });

  it('simulated runs send every test request with the simulation budget', async () => {
    const budgets = new Set<number | undefined>();
    const answer: TestReport = { results: [], passed: 0, failed: 0, timedOut: false, durationMs: 1 };
    await simulateRun({
      suite: findSuite('math', 0.9)!,
      structure: 'decentralized',
      n: 2,
      seed: 1,
      maxRounds: 6,
      testRunner: { run: async (r) => (budgets.add(r.workBudget), answer) },
    });
    expect([...budgets]).toEqual([SIM_WORK_BUDGET]);
  });
});
