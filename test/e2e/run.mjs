// Runs the end-to-end tests (test/e2e/*.test.mjs, node:test + playwright-core) against the built page.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { startServer } from '../../scripts/serve.mjs';

if (!existsSync('dist/index.html') || !existsSync('dist-pages/team-test.html')) {
  console.error('dist/ or dist-pages/ is missing: run `npm run build && npm run build:pages` first (npm test does this for you).');
  process.exit(1);
}
if (!existsSync(process.env.CHROMIUM_PATH ?? '/usr/bin/chromium')) {
  console.error('Chromium is missing: install it with `apt-get install -y chromium` (.ci/run does this).');
  process.exit(1);
}
const only = process.argv.slice(2);
const files = readdirSync('test/e2e')
  .filter((f) => f.endsWith('.test.mjs'))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .map((f) => `test/e2e/${f}`);
const { server, url } = await startServer({ roots: ['dist', 'dist-pages'] });
const child = spawn(process.execPath, ['--test', '--test-concurrency=1', '--test-reporter=spec', ...files], {
  stdio: 'inherit',
  env: { ...process.env, E2E_BASE_URL: url },
});
child.on('exit', (code) => {
  server.close();
  process.exit(code ?? 1);
});
