/**
 * Test results are a pure function of the files and the tests, so a sweep of simulated runs,
 * which writes the same few solutions again and again, can reuse them. Only wrap runners
 * whose results do not depend on time (timeouts are treated as results too).
 */
import type { TestReport, TestRequest, TestRunner } from './types';

export class CachedTestRunner implements TestRunner {
  private readonly cache = new Map<string, TestReport>();
  hits = 0;
  misses = 0;
  constructor(
    private readonly inner: TestRunner,
    private readonly maxEntries = 5000,
  ) {}

  async run(req: TestRequest): Promise<TestReport> {
    const key = requestKey(req);
    const hit = this.cache.get(key);
    if (hit) {
      this.hits++;
      return hit;
    }
    this.misses++;
    const report = await this.inner.run(req);
    if (this.cache.size >= this.maxEntries) this.cache.delete(this.cache.keys().next().value as string);
    this.cache.set(key, report);
    return report;
  }
}

function requestKey(req: TestRequest): string {
  // Only files reachable from the tested tasks matter, but all files is simpler and still
  // repeats often; hash to keep keys short.
  const files = Object.keys(req.files)
    .sort()
    .map((p) => `${p}\u0001${hash(req.files[p])}`)
    .join('\u0002');
  const suites = req.suites.map((s) => `${s.task}:${s.tests.length}`).join(',');
  return `${req.timeoutMs}|${suites}|${files}`;
}

function hash(s: string): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x5bd1e995);
  }
  return `${(h1 >>> 0).toString(36)}${(h2 >>> 0).toString(36)}${s.length}`;
}
