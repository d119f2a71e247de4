/**
 * What the main page costs to download: the entry chunk of dist/index.html and every chunk it
 * imports statically, gzipped. Worker chunks and dynamically imported chunks (the WebLLM runtime)
 * are left out because the page does not wait for them.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { atMost, info, type Figure } from './figures';

export interface ChunkSize {
  file: string;
  bytes: number;
  gzip: number;
  /** On the main page's static import graph. */
  main: boolean;
}

export interface ChunkReport {
  entry: string;
  mainGzip: number;
  mainBytes: number;
  chunks: ChunkSize[];
}

const gz = (buf: Buffer): number => gzipSync(buf, { level: 9 }).length;

/** Static imports only: `import ... from "x"`, `export ... from "x"` and bare `import "x"`; `import("x")` is dynamic. */
function staticImports(code: string): string[] {
  const out: string[] = [];
  for (const m of code.matchAll(/\bfrom\s*["']([^"']+\.js)["']/g)) out.push(m[1]);
  for (const m of code.matchAll(/\bimport\s*["']([^"']+\.js)["']/g)) out.push(m[1]);
  return out;
}

export function chunkReport(dist: string): ChunkReport {
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const entry = /<script[^>]*type="module"[^>]*src="([^"]+)"/.exec(html)?.[1];
  if (!entry) throw new Error('dist/index.html has no module script');
  const preloads = [...html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g)].map((m) => m[1]);
  const seen = new Set<string>();
  const stack = [entry, ...preloads].map((p) => resolve(dist, p));
  while (stack.length) {
    const file = stack.pop()!;
    if (seen.has(file) || !existsSync(file)) continue;
    seen.add(file);
    for (const spec of staticImports(readFileSync(file, 'utf8'))) {
      if (spec.startsWith('.')) stack.push(resolve(dirname(file), spec));
    }
  }
  const assets = join(dist, 'assets');
  const chunks: ChunkSize[] = readdirSync(assets)
    .filter((f) => f.endsWith('.js'))
    .map((f) => {
      const path = join(assets, f);
      const buf = readFileSync(path);
      return { file: relative(dist, path), bytes: statSync(path).size, gzip: gz(buf), main: seen.has(path) };
    })
    .sort((a, b) => b.gzip - a.gzip);
  const main = chunks.filter((c) => c.main);
  return {
    entry: relative(dist, resolve(dist, entry)),
    mainGzip: main.reduce((s, c) => s + c.gzip, 0),
    mainBytes: main.reduce((s, c) => s + c.bytes, 0),
    chunks,
  };
}

// kB of 1000 bytes, as Vite's build report prints them.
const kb = (b: number): number => b / 1000;

export function chunkFigures(r: ChunkReport): Figure[] {
  const group = '4. Main page JS size (entry chunk + its static imports; workers and lazy WebLLM excluded)';
  const mainList = r.chunks.filter((c) => c.main);
  const figures: Figure[] = [
    atMost(group, 'main page JS, gzip', kb(r.mainGzip), 'kB', 200, `${mainList.length} chunks, ${kb(r.mainBytes).toFixed(0)} kB before gzip: ${mainList.map((c) => `${c.file.replace(/^assets\//, '')} ${kb(c.gzip).toFixed(0)}`).join(', ')}`),
  ];
  for (const c of r.chunks.slice(0, 8)) {
    figures.push(info(group, `${c.main ? '[main] ' : ''}${c.file.replace(/^assets\//, '')}`, kb(c.gzip), 'kB gzip', `${kb(c.bytes).toFixed(0)} kB raw`));
  }
  return figures;
}
