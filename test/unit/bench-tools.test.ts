// The bench's own arithmetic and bookkeeping: which chunks count as the main page, when dist/
// is stale, and the quantiles behind every median and p95 it prints.
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { staleReason } from '../bench/build';
import { chunkReport } from '../bench/chunks';
import { formatTable, median, quantile, atLeast, atMost } from '../bench/figures';

const dirs: string[] = [];
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'ltp-bench-'));
  dirs.push(d);
  return d;
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('chunkReport', () => {
  it('counts the entry and its static imports, not dynamic imports or worker chunks', () => {
    const dist = tempDir();
    mkdirSync(join(dist, 'assets'));
    writeFileSync(
      join(dist, 'index.html'),
      '<script type="module" crossorigin src="./assets/main-a.js"></script><link rel="modulepreload" crossorigin href="./assets/pre-b.js">',
    );
    const w = (name: string, code: string) => writeFileSync(join(dist, 'assets', name), code);
    // Text gzip cannot squeeze much, so these chunks stay the largest after compression.
    const bulky = (seed: number) => Array.from({ length: 1500 }, (_, i) => ((i * 7919 + seed) % 10007).toString(36)).join(';');
    w('main-a.js', 'import{x}from"./shared-c.js";import"./side-d.js";const l=()=>import("./lazy-e.js");new Worker(new URL("./agent.worker-f.js",import.meta.url));');
    w('pre-b.js', 'export const b=1;');
    w('shared-c.js', 'export*from"./deep-g.js";export const x=1;');
    w('side-d.js', 'console.log(1);');
    w('lazy-e.js', bulky(1));
    w('agent.worker-f.js', bulky(2));
    w('deep-g.js', 'export const g=2;');
    const r = chunkReport(dist);
    const main = r.chunks.filter((c) => c.main).map((c) => c.file).sort();
    expect(main).toEqual(['assets/deep-g.js', 'assets/main-a.js', 'assets/pre-b.js', 'assets/shared-c.js', 'assets/side-d.js']);
    expect(r.entry).toBe('assets/main-a.js');
    expect(r.mainGzip).toBe(r.chunks.filter((c) => c.main).reduce((s, c) => s + c.gzip, 0));
    // Largest first: the two bulky chunks lead even though they are not on the main page.
    expect(r.chunks.slice(0, 2).map((c) => c.main)).toEqual([false, false]);
  });
});

describe('staleReason', () => {
  it('asks for a build when dist/ is missing, lacks the bench page, or is older than a source', () => {
    const root = tempDir();
    mkdirSync(join(root, 'src'));
    writeFileSync(join(root, 'src', 'a.ts'), 'export {}');
    expect(staleReason(root)).toMatch(/missing/);
    mkdirSync(join(root, 'dist'));
    writeFileSync(join(root, 'dist', 'index.html'), '');
    expect(staleReason(root)).toMatch(/bench-test/);
    mkdirSync(join(root, 'dist-pages'));
    writeFileSync(join(root, 'dist-pages', 'bench-test.html'), '');
    const past = new Date(Date.UTC(2020, 0, 1));
    utimesSync(join(root, 'src', 'a.ts'), past, past);
    utimesSync(join(root, 'src'), past, past);
    expect(staleReason(root)).toBeNull();
    const later = new Date(Date.UTC(2030, 0, 1));
    utimesSync(join(root, 'src', 'a.ts'), later, later);
    expect(staleReason(root)).toMatch(/src changed/);
  });
});

describe('figures', () => {
  it('interpolates quantiles and takes the middle as the median', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(quantile([0, 10, 20, 30, 40], 0.95)).toBeCloseTo(38);
    expect(Number.isNaN(median([]))).toBe(true);
  });

  it('judges each figure against its target and prints the target beside the value', () => {
    const fast = atLeast('g', 'runs', 1200, 'runs/s', 1000);
    const slow = atMost('g', 'step', 1.5, 'ms', 1);
    expect(fast.ok).toBe(true);
    expect(slow.ok).toBe(false);
    const text = formatTable([fast, slow, atLeast('g', 'missing', null, 'runs/s', 1)]);
    expect(text).toMatch(/runs\s+1,200 runs\/s\s+>= 1,000 runs\/s\s+ok/);
    expect(text).toMatch(/step\s+1\.50 ms\s+<= 1 ms\s+SHORT/);
    expect(text).toMatch(/missing\s+n\/a/);
  });
});
