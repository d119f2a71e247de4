/**
 * The browser benchmarks need the built page. Build it when dist/ is missing, lacks the bench
 * page, or is older than any input of the build.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const INPUT_FILES = ['vite.config.ts', 'svelte.config.js', 'package.json', 'package-lock.json', 'tsconfig.json'];
const INPUT_DIRS = ['src', 'public'];

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

/** Why dist/ needs a build, or null when it is current. */
export function staleReason(root: string): string | null {
  const stamp = join(root, 'dist', 'index.html');
  if (!existsSync(stamp)) return 'dist/ is missing';
  if (!existsSync(join(root, 'dist', 'bench-test.html'))) return 'dist/ has no bench-test.html';
  const built = statSync(stamp).mtimeMs;
  const pages = readdirSync(root).filter((f) => f.endsWith('.html'));
  for (const p of [...INPUT_FILES, ...INPUT_DIRS, ...pages]) {
    if (newestMtime(join(root, p)) > built) return `${p} changed since the last build`;
  }
  return null;
}

/** Builds when needed; returns an error text when the build failed, otherwise null. */
export function ensureBuild(root: string, log: (s: string) => void): string | null {
  const why = staleReason(root);
  if (!why) {
    log('dist/ is current; not rebuilding.');
    return null;
  }
  log(`Building the page (${why}): npx vite build ...`);
  const res = spawnSync('npx', ['vite', 'build'], { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (res.status !== 0) {
    const out = `${res.stdout ?? ''}\n${res.stderr ?? ''}`.trim().split('\n').slice(-15).join('\n');
    return `vite build failed (exit ${res.status ?? res.signal}):\n${out}`;
  }
  return null;
}
