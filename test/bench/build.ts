/**
 * The browser benchmarks need the built page. Build it when dist/ is missing, lacks the bench
 * page, or is older than any input of the build.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const INPUT_FILES = ['vite.config.ts', 'svelte.config.js', 'package.json', 'package-lock.json', 'tsconfig.json'];
const INPUT_DIRS = ['src', 'public', 'test/pages'];

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
  if (!existsSync(join(root, 'dist-pages', 'bench-test.html'))) return 'dist-pages/ has no bench-test.html';
  const built = Math.min(statSync(stamp).mtimeMs, statSync(join(root, 'dist-pages', 'bench-test.html')).mtimeMs);
  for (const p of [...INPUT_FILES, ...INPUT_DIRS, 'index.html']) {
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
  for (const args of [['vite', 'build'], ['vite', 'build', '--mode', 'pages']]) {
    log(`Building (${why}): npx ${args.join(' ')} ...`);
    const res = spawnSync('npx', args, { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    if (res.status !== 0) {
      const out = `${res.stdout ?? ''}\n${res.stderr ?? ''}`.trim().split('\n').slice(-15).join('\n');
      return `${args.join(' ')} failed (exit ${res.status ?? res.signal}):\n${out}`;
    }
  }
  return null;
}
