// Offline for real: the shipped page installs a service worker that precaches the page and every
// chunk it loads on demand. Loaded once, then with the network off AND the server gone, the page
// reloads, runs a simulated team to the end, opens the lab drawer and runs a sweep in its worker
// (drawn with Plot). Without a service worker, a chunk that never arrived gets its own message
// (not "The model could not be downloaded") and loads once the network is back. The manifest
// makes the page installable. A new build is offered, not forced: "A new version is ready", Reload.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launch } from './helpers.mjs';
import { startServer } from '../../scripts/serve.mjs';

const HASH = '#family=math&p=0.9&n=3&structure=preassign&mode=sync&engine=sim&seed=4';

let served;
let browser;
let page;

before(async () => {
  // A server of its own, so this test can take it away.
  served = await startServer({ roots: ['dist', 'dist-pages'] });
  browser = await launch();
  page = browser.page;
});

after(async () => {
  await browser?.close();
  served?.server.closeAllConnections?.();
  served?.server.close();
});

function stopServing() {
  return new Promise((ok) => {
    served.server.close(() => ok());
    served.server.closeAllConnections();
  });
}

/** Width × height from a PNG's IHDR chunk. */
function pngSize(path) {
  const b = readFileSync(path);
  assert.equal(b.toString('ascii', 1, 4), 'PNG', `${path} is a PNG`);
  return `${b.readUInt32BE(16)}x${b.readUInt32BE(20)}`;
}

test('the manifest names the app and its icons, and Chromium finds the page installable', { timeout: 60000 }, async () => {
  await page.goto(new URL(HASH, served.url).href);
  await page.waitForSelector('body[data-ready="true"]');
  const href = await page.locator('link[rel="manifest"]').getAttribute('href');
  assert.ok(href, 'the page links a manifest');
  const manifest = await page.evaluate(async (h) => (await fetch(h)).json(), href);
  assert.equal(manifest.name, 'LLM Team Playground');
  assert.equal(manifest.display, 'standalone');
  const sizes = manifest.icons.filter((i) => i.type === 'image/png').map((i) => `${i.sizes}:${pngSize(`dist/${i.src}`)}`);
  assert.ok(sizes.includes('192x192:192x192'), sizes.join());
  assert.ok(sizes.includes('512x512:512x512'), sizes.join());
  assert.ok(manifest.icons.some((i) => i.purpose === 'maskable'), 'a maskable icon for launchers that crop');

  const cdp = await page.context().newCDPSession(page);
  // Chromium's own installability check wants a controlling service worker with a fetch handler.
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 30000 });
  const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
  assert.deepEqual(installabilityErrors, [], JSON.stringify(installabilityErrors));
  await cdp.detach();
});

test('after one online visit, the page reloads and works with no network and no server', { timeout: 180000 }, async () => {
  // The worker controls the page and has precached everything ("Ready to work offline").
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null && document.documentElement.dataset.offlineReady === 'true', null, {
    timeout: 60000,
  });
  assert.match(await page.getByTestId('offline-ready').textContent(), /Ready to work offline/);
  const cached = await page.evaluate(async () => {
    const urls = [];
    for (const name of await caches.keys()) {
      if (!name.includes('precache')) continue;
      const cache = await caches.open(name);
      for (const req of await cache.keys()) urls.push(new URL(req.url).pathname);
    }
    return urls;
  });
  // Every on-demand chunk is there: run code, workers, the drawer, the WebLLM engine.
  for (const chunk of ['runTools', 'sandbox.worker', 'sweep.worker', 'agent.worker', 'model.worker', 'createWebLLMEngine', 'LabPanel', 'index.html']) {
    assert.ok(
      cached.some((u) => u.includes(chunk)),
      `${chunk} is precached (${cached.length} files cached)`,
    );
  }

  await page.context().setOffline(true);
  await stopServing();
  await page.reload();
  await page.waitForSelector('body[data-ready="true"]', { timeout: 30000 });
  assert.equal(await page.evaluate(() => navigator.onLine), false, 'the browser is offline');

  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await page.selectOption('select[name="speed"]', 'instant');
  await page.getByTestId('speedup').waitFor({ timeout: 90000 });
  const s = await page.evaluate(() => window.__ltp.state());
  assert.equal(s.phase, 'done');
  assert.equal(s.summary.n, 3);
  assert.ok(!s.notices.some((n) => /could not be/.test(n)), s.notices.join('\n'));
  const end = await page.evaluate(() => window.__ltp.events().at(-1));
  assert.equal(end.type, 'run_end');
  assert.equal(end.success, true);
  await page.waitForFunction(() => window.__ltp.state().saved.runs >= 1, null, { timeout: 15000 });

  // The drawer's code, its saved runs (IndexedDB) and a sweep in its worker, still offline.
  await page.getByTestId('open-lab').click();
  await page.locator('.lab').waitFor({ timeout: 15000 });
  assert.ok((await page.locator('.runs-panel tr[data-run]').count()) >= 1, 'the saved run is listed');
  await page.getByRole('tab', { name: 'Sweep' }).click();
  for (const st of ['single', 'leader', 'decentralized']) await page.locator(`input[name="structure"][value="${st}"]`).uncheck();
  await page.fill('input[name="nFrom"]', '1');
  await page.fill('input[name="nTo"]', '2');
  await page.fill('input[name="seeds"]', '1');
  await page.getByRole('button', { name: 'Run sweep' }).click();
  await page.getByTestId('sweep-summary').waitFor({ timeout: 90000 });
  assert.ok((await page.locator('.sweep-grid figure svg').count()) > 0, 'Plot drew the sweep chart offline');
  assert.equal(await page.getByTestId('chunk-load-error').count(), 0);
  assert.equal(browser.errors.length, 0, browser.errors.join('\n'));
});

test('without a service worker, code that never arrived gets its own message and loads once back online', { timeout: 120000 }, async () => {
  const other = await launch({ contextOptions: { serviceWorkers: 'block' } });
  const again = await startServer({ roots: ['dist', 'dist-pages'] });
  try {
    const p = other.page;
    await p.goto(new URL(HASH, again.url).href);
    await p.waitForSelector('body[data-ready="true"]');
    assert.equal(await p.evaluate(() => navigator.serviceWorker.controller), null);
    await p.context().setOffline(true);

    await p.getByRole('button', { name: 'Run', exact: true }).click();
    await p.waitForFunction(() => window.__ltp.state().phase === 'failed', null, { timeout: 30000 });
    const notices = (await p.evaluate(() => window.__ltp.state())).notices.join('\n');
    assert.match(notices, /This part of the page could not be loaded/);
    assert.match(notices, /offline/);
    assert.doesNotMatch(notices, /model could not be downloaded/i);

    await p.getByTestId('open-lab').click();
    const drawerError = p.getByTestId('chunk-load-error');
    await drawerError.waitFor({ timeout: 15000 });
    assert.match(await drawerError.textContent(), /could not be loaded: the saved runs and sweeps drawer/);
    await drawerError.getByRole('button', { name: 'Close' }).click();

    // Back online: the same page loads the code it failed to load before (no stuck failure).
    await p.context().setOffline(false);
    await p.getByRole('button', { name: 'Run', exact: true }).click();
    await p.selectOption('select[name="speed"]', 'instant');
    await p.getByTestId('speedup').waitFor({ timeout: 90000 });
    await p.getByTestId('open-lab').click();
    await p.locator('.lab').waitFor({ timeout: 15000 });
  } finally {
    await other.close();
    again.server.closeAllConnections();
    again.server.close();
  }
});

test('a new build waits for the learner: "A new version is ready", and Reload switches to it', { timeout: 120000 }, async () => {
  // A copy of the build that this test can change, as a deploy would.
  const root = mkdtempSync(join(tmpdir(), 'ltp-deploy-'));
  cpSync('dist', root, { recursive: true });
  const deployed = await startServer({ root });
  const other = await launch();
  try {
    const p = other.page;
    await p.goto(new URL(HASH, deployed.url).href);
    await p.waitForSelector('body[data-ready="true"]');
    await p.waitForFunction(() => navigator.serviceWorker.controller !== null && document.documentElement.dataset.offlineReady === 'true', null, {
      timeout: 60000,
    });

    // Version 2: a changed page, and the service worker that lists it with a new revision.
    const html = readFileSync(join(root, 'index.html'), 'utf8');
    writeFileSync(join(root, 'index.html'), html.replace('<title>', '<meta name="ltp-build" content="2" /><title>'));
    const sw = readFileSync(join(root, 'sw.js'), 'utf8');
    const bumped = sw.replace(/\{url:"index\.html",revision:"[^"]*"\}/, '{url:"index.html",revision:"version-2"}');
    assert.notEqual(bumped, sw, 'sw.js lists index.html with a revision');
    writeFileSync(join(root, 'sw.js'), bumped);

    // The browser finds the new worker on the next visit; the page on screen stays version 1.
    await p.reload();
    await p.waitForSelector('body[data-ready="true"]');
    const prompt = p.getByTestId('update-prompt');
    await prompt.waitFor({ timeout: 60000 });
    assert.match(await prompt.textContent(), /A new version is ready/);
    assert.equal(await p.locator('meta[name="ltp-build"]').count(), 0, 'nothing changed before Reload');

    await Promise.all([p.waitForEvent('load', { timeout: 30000 }), prompt.getByRole('button', { name: 'Reload' }).click()]);
    await p.waitForSelector('body[data-ready="true"]');
    assert.equal(await p.locator('meta[name="ltp-build"]').getAttribute('content'), '2', 'Reload brought version 2');
    assert.equal(await p.getByTestId('update-prompt').count(), 0);
  } finally {
    await other.close();
    deployed.server.closeAllConnections();
    deployed.server.close();
    rmSync(root, { recursive: true, force: true });
  }
});
