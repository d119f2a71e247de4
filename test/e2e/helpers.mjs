// Shared launch code for the end-to-end tests: Debian's Chromium with a fresh profile.
import { chromium } from 'playwright-core';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const baseUrl = process.env.E2E_BASE_URL ?? 'http://127.0.0.1:5173/';

const FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Launch Chromium headless. `webgpu: true` adds the SwiftShader WebGPU adapter; `contextOptions`
 * go to Playwright's launchPersistentContext (e.g. `{ serviceWorkers: 'block' }`). */
export async function launch({ webgpu = false, viewport = { width: 1280, height: 720 }, contextOptions = {} } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'ltp-e2e-'));
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: webgpu ? [...FLAGS, '--enable-unsafe-webgpu'] : FLAGS,
    viewport,
    ...contextOptions,
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  return {
    context,
    page,
    baseUrl,
    errors,
    async close() {
      await context.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
