import { describe, expect, it } from 'vitest';
import { CachedTestRunner } from '../../src/core/harness/cachedRunner';
import type { TestReport, TestRequest, TestRunner } from '../../src/core/harness/types';

class Counting implements TestRunner {
  calls = 0;
  async run(_req: TestRequest): Promise<TestReport> {
    this.calls++;
    return { results: [], passed: this.calls, failed: 0, timedOut: false, durationMs: 1 };
  }
}

const req = (files: Record<string, string>): TestRequest => ({
  files,
  suites: [{ task: 't02', file: 'src/double.js', exportName: 'double', tests: [{ name: 'x', code: '' }] }],
  timeoutMs: 1000,
});
const double = "import { add } from './add.js';\nexport function double(x) { return add(x, x); }";

describe('CachedTestRunner', () => {
  it('reuses a result when the tested file and what it imports are unchanged, whatever else changed', async () => {
    const inner = new Counting();
    const c = new CachedTestRunner(inner);
    const a = await c.run(req({ 'src/double.js': double, 'src/add.js': 'export function add(a,b){return a+b}' }));
    const b = await c.run(req({ 'src/double.js': double, 'src/add.js': 'export function add(a,b){return a+b}', 'src/other.js': 'x' }));
    expect(inner.calls).toBe(1);
    expect(b).toBe(a);
    expect([c.hits, c.misses]).toEqual([1, 1]);
  });

  it('runs again when an imported file changed', async () => {
    const inner = new Counting();
    const c = new CachedTestRunner(inner);
    await c.run(req({ 'src/double.js': double, 'src/add.js': 'export function add(a,b){return a+b}' }));
    await c.run(req({ 'src/double.js': double, 'src/add.js': 'export function add(a,b){return a-b}' }));
    expect(inner.calls).toBe(2);
  });

  it('keys on every file when an import is not the plain form, so no stale hit is possible', async () => {
    const inner = new Counting();
    const c = new CachedTestRunner(inner);
    const odd = "import * as m from './add.js';\nexport function double(x) { return m.add(x, x); }";
    await c.run(req({ 'src/double.js': odd, 'src/add.js': 'a', 'src/other.js': '1' }));
    await c.run(req({ 'src/double.js': odd, 'src/add.js': 'a', 'src/other.js': '2' }));
    expect(inner.calls).toBe(2);
  });
});
