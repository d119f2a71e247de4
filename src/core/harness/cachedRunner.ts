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
  const suites = req.suites.map((s) => `${s.task}:${s.file}:${s.tests.length}`).join(',');
  const files = reachableFiles(req) ?? Object.keys(req.files).sort();
  let key = `${req.timeoutMs}/${req.workBudget ?? '-'}|${suites}|`;
  for (const p of files) key += `${p}\u0001${contentId(req.files[p] ?? '')}\u0002`;
  return key;
}

const IMPORT = /\bimport\b|\bexport\b[^;]*\bfrom\b/g;
const SIMPLE_IMPORT = /(?:^|\n)\s*import\s*\{[^}]*\}\s*from\s*'\.\/([\w.-]+?)(?:\.js)?'\s*;?/g;

/**
 * The harness links a test's file and what it imports, and nothing else, so only those files
 * decide the result. Returns null (key on every file) unless every import is the plain
 * `import { a } from './x.js'` form, so an unusual import can never make a stale hit.
 */
function reachableFiles(req: TestRequest): string[] | null {
  const seen = new Set<string>();
  const stack = req.suites.map((s) => s.file);
  while (stack.length) {
    const path = stack.pop()!;
    if (seen.has(path)) continue;
    seen.add(path);
    const src = req.files[path];
    if (src === undefined) continue;
    const imports = remember(importMemo, src, () => simpleImports(src));
    if (imports === null) return null;
    const dir = path.includes('/') ? path.slice(0, path.lastIndexOf('/') + 1) : '';
    for (const name of imports) stack.push(`${dir}${name}.js`);
  }
  return [...seen].sort();
}

// Sweeps test the same few file contents thousands of times; V8 keeps a string's own hash, so
// looking a content up here is cheap while hashing or scanning it again is not.
const MEMO_LIMIT = 20000;
const idMemo = new Map<string, number>();
const importMemo = new Map<string, string[] | null>();
/** Never reused, even after the memo is cleared: two contents never share an id. */
let nextContentId = 0;

function remember<V>(memo: Map<string, V>, key: string, make: () => V): V {
  const hit = memo.get(key);
  if (hit !== undefined) return hit;
  const value = make();
  if (memo.size >= MEMO_LIMIT) memo.clear();
  memo.set(key, value);
  return value;
}

/** The files a source imports, or null when any import is not the plain form. */
function simpleImports(src: string): string[] | null {
  const all = src.match(IMPORT)?.filter((m) => m.startsWith('import')).length ?? 0;
  const simple = [...src.matchAll(SIMPLE_IMPORT)];
  if (all !== simple.length || /\bexport\b[^;]*\bfrom\b/.test(src)) return null;
  return simple.map((m) => m[1]);
}

/** A number standing for a file's content in keys: equal contents, equal ids (while memoised). */
function contentId(s: string): number {
  return remember(idMemo, s, () => nextContentId++);
}
