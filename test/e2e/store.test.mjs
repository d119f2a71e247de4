// The laboratory: finished runs and sweeps are saved in IndexedDB and are still there after a
// reload; bad imports (corrupted, oversized) are refused with a clear error and change nothing;
// good imports (a trace, the paper harness's logs) are saved; the CSV export has a header and one
// row per run; a saved run opens for replay and forks.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launch } from './helpers.mjs';

let browser;
let page;
let tmp;

const HASH = '#family=math&p=0.9&n=3&structure=preassign&mode=sync&engine=sim&seed=2';

before(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'ltp-store-'));
  browser = await launch();
  page = browser.page;
  await page.goto(new URL(HASH, browser.baseUrl).href);
  await page.waitForSelector('body[data-ready="true"]');
});

after(async () => {
  await browser?.close();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

const state = () => page.evaluate(() => window.__ltp.state());
const rows = () => page.locator('.runs-panel tr[data-run]');

async function openLab(tab) {
  if ((await page.locator('.lab').count()) === 0) await page.getByTestId('open-lab').click();
  await page.getByRole('tab', { name: tab }).click();
}

async function closeLab() {
  await page.getByRole('button', { name: /Close the laboratory/ }).click();
  await page.locator('.lab').waitFor({ state: 'detached' });
}

let runEvents;

test('a finished run is saved automatically; a grid sweep runs in the worker and saves every run', { timeout: 120000 }, async () => {
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await page.selectOption('select[name="speed"]', 'instant');
  await page.getByTestId('speedup').waitFor({ timeout: 60000 });
  await page.waitForFunction(() => window.__ltp.state().saved.runs === 1, null, { timeout: 10000 });
  runEvents = await page.evaluate(() => window.__ltp.events());

  await openLab('Sweep');
  for (const s of ['single', 'leader', 'decentralized']) await page.locator(`input[name="structure"][value="${s}"]`).uncheck();
  await page.fill('input[name="nFrom"]', '1');
  await page.fill('input[name="nTo"]', '3');
  await page.fill('input[name="seeds"]', '2');
  assert.match(await page.getByTestId('planned').textContent(), /^6 runs/);
  await page.getByRole('button', { name: 'Run sweep' }).click();
  await page.getByTestId('sweep-summary').waitFor({ timeout: 90000 });
  assert.match(await page.getByTestId('sweep-summary').textContent(), /^6 runs in .* runs\/s\)\.$/);
  assert.equal(await page.getByTestId('sweep-progress').textContent(), '6 of 6 runs');
  assert.equal(await page.locator('.sweep-grid .results tbody tr').count(), 3, 'one table row per team size');
  assert.ok((await page.locator('.sweep-grid figure svg').count()) > 0, 'the speedup chart is drawn');
  await page.waitForFunction(() => window.__ltp.state().saved.runs === 7, null, { timeout: 10000 });
  assert.equal(browser.errors.length, 0, browser.errors.join('\n'));
});

test('a sweep chart saves as SVG and as PNG', { timeout: 60000 }, async () => {
  const figure = page.locator('.sweep-grid figure').first();
  const [svgDownload] = await Promise.all([page.waitForEvent('download'), figure.getByRole('button', { name: 'SVG' }).click()]);
  assert.equal(svgDownload.suggestedFilename(), 'sweep-speedup-math-p0.9.svg');
  const svgPath = join(tmp, 'chart.svg');
  await svgDownload.saveAs(svgPath);
  const svg = readFileSync(svgPath, 'utf8');
  assert.match(svg, /^<\?xml version="1.0" encoding="UTF-8"\?>\n<svg [^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
  assert.match(svg, /<title>Speedup against n, math-p0.9<\/title>/);
  assert.match(svg, /style="[^"]*font-family:/, 'computed styles are inlined');

  const [pngDownload] = await Promise.all([page.waitForEvent('download'), figure.getByRole('button', { name: 'PNG' }).click()]);
  assert.equal(pngDownload.suggestedFilename(), 'sweep-speedup-math-p0.9.png');
  const pngPath = join(tmp, 'chart.png');
  await pngDownload.saveAs(pngPath);
  const png = readFileSync(pngPath);
  assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'a PNG file');
  // Twice the chart's size: width and height sit at bytes 16..23 of the IHDR chunk.
  assert.ok(png.readUInt32BE(16) >= 600 && png.readUInt32BE(20) >= 300, `PNG is ${png.readUInt32BE(16)}x${png.readUInt32BE(20)}`);
  assert.equal(browser.errors.length, 0, browser.errors.join('\n'));
});

test('after a reload the saved runs are still listed', { timeout: 60000 }, async () => {
  await page.reload();
  await page.waitForSelector('body[data-ready="true"]');
  await openLab('Saved runs');
  await rows().first().waitFor();
  assert.equal(await rows().count(), 7);
  assert.equal(await page.getByTestId('counts').textContent(), '7 runs shown, 0 selected');
  assert.equal(await page.locator('.runs-panel tbody.sweep tr[data-run]').count(), 6, 'the sweep is folded into one group');
  assert.match(await page.locator('.runs-panel').textContent(), /preassign, n = 3, sync, math-p0\.9, locks on, error \d+%, seed 2/);
});

test('a corrupted and an oversized import are refused with a clear error, and the list is unchanged', { timeout: 120000 }, async () => {
  await openLab('Import');
  const doc = { version: 1, events: structuredClone(runEvents) };
  doc.events[3].t = 'later';
  await page.setInputFiles('#import-trace', { name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(doc)) });
  const error = page.getByTestId('import-error');
  await error.waitFor();
  assert.equal(await error.textContent(), 'Not imported: broken.json: events[3].t: expected number, got string');

  const big = join(tmp, 'huge.json');
  writeFileSync(big, Buffer.alloc(51 * 1024 * 1024, 0x20));
  await page.setInputFiles('#import-trace', big);
  await page.waitForFunction(() => document.querySelector('[data-testid="import-error"]')?.textContent?.includes('huge.json'));
  assert.equal(await error.textContent(), "Not imported: huge.json is larger than the 50 MB limit; it cannot be a single run's trace");

  const lines = readFileSync('test/fixtures/harness/events.jsonl', 'utf8').split('\n');
  lines[4] = lines[4].replace(/"round": 1/, '"round": "first"');
  await page.setInputFiles('#import-harness', [
    { name: 'events.jsonl', mimeType: 'application/jsonl', buffer: Buffer.from(lines.join('\n')) },
    { name: 'tasks.json', mimeType: 'application/json', buffer: readFileSync('test/fixtures/harness/tasks.json') },
  ]);
  await page.waitForFunction(() => document.querySelector('[data-testid="import-error"]')?.textContent?.includes('events.jsonl'));
  assert.match(await error.textContent(), /^Not imported: events\.jsonl: line 5: field 'round' must be a number$/);

  await openLab('Saved runs');
  await rows().first().waitFor();
  assert.equal(await rows().count(), 7, 'nothing was saved');
  assert.equal((await state()).saved.runs, 7);
});

test('a good trace and the paper harness logs import and are saved', { timeout: 60000 }, async () => {
  await openLab('Import');
  const text = JSON.stringify({ version: 1, events: runEvents });
  await page.setInputFiles('#import-trace', { name: 'mine.json', mimeType: 'application/json', buffer: Buffer.from(text) });
  await page.getByTestId('import-ok').waitFor();
  assert.match(await page.getByTestId('import-ok').textContent(), /Imported and saved: preassign, n = 3, math-p0\.9 \(imported from mine\.json\)/);
  await page.setInputFiles('#import-harness', ['test/fixtures/harness/events.jsonl', 'test/fixtures/harness/tasks.json']);
  await page.waitForFunction(() => document.querySelector('[data-testid="import-ok"]')?.textContent?.includes('paper harness run'));
  await openLab('Saved runs');
  await rows().first().waitFor();
  assert.equal(await rows().count(), 9);
});

test('the CSV export has a header with units and one row per run', { timeout: 60000 }, async () => {
  await openLab('Saved runs');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: /^Export CSV \(9 shown\)$/ }).click()]);
  assert.match(download.suggestedFilename(), /^runs-\d{12}\.csv$/);
  const path = join(tmp, 'runs.csv');
  await download.saveAs(path);
  const text = readFileSync(path, 'utf8');
  const lines = text.split('\r\n').filter((l) => l !== '');
  assert.equal(lines.length, 10, 'a header and nine runs');
  const header = lines[0].split(',');
  assert.equal(header[0], 'run id');
  for (const h of ['wall time (s)', 'tokens', 'concurrent writes', 'straggler gap (s)', 'Amdahl bound (x)', 'speedup vs n = 1 (x)']) assert.ok(header.includes(h), h);
  assert.ok(lines.slice(1).every((l) => l.startsWith('run-')), 'each row starts with its run id');
});

test('a saved run opens for replay, steps, and forks with locks off; both branches are kept', { timeout: 120000 }, async () => {
  await openLab('Saved runs');
  const row = page.locator('.runs-panel tr[data-run]', { hasText: /preassign, n = 3, sync, math-p0\.9, locks on, error \d+%, seed 2, sim:laptop/ }).first();
  await row.getByRole('button', { name: /^Open / }).click();
  await page.locator('.lab').waitFor({ state: 'detached' });
  const shown = await page.evaluate(() => window.__ltp.events());
  assert.equal(shown.length, runEvents.length);
  // Through the store undefined fields are dropped, as JSON drops them.
  const plain = (x) => JSON.parse(JSON.stringify(x));
  assert.deepEqual(plain(shown), plain(runEvents));
  let s = await state();
  assert.equal(s.t, 0, 'the replay starts at the beginning');
  await page.keyboard.press('n');
  await page.keyboard.press('n');
  s = await state();
  assert.ok(s.t > 0 && s.t < s.endT, `the playhead stepped to t = ${s.t}`);
  await page.getByTestId('speedup').waitFor({ state: 'detached' }).catch(() => undefined);

  await openLab('Saved runs');
  const fork = page.getByRole('form', { name: 'Fork the run shown' });
  await fork.waitFor();
  await fork.getByLabel('locks off').check();
  await fork.getByRole('button', { name: 'Fork from here' }).click();
  await page.getByRole('region', { name: 'Compare runs' }).waitFor({ timeout: 60000 });
  assert.match(await page.locator('.compare h3').textContent(), /Comparing 2 runs/);
  await page.locator('.compare .side-by-side').waitFor({ timeout: 30000 });
  assert.equal(await page.locator('.compare .side-by-side g.lane').count(), 6, 'two timelines of three agents');
  assert.match(await page.locator('.compare').textContent(), /Forked at /);
  assert.equal(await rows().count(), 10, 'the fork is saved beside its parent');
  assert.match(await page.locator('.runs-panel').textContent(), /fork: locks off/);
  await closeLab();
  assert.equal(browser.errors.length, 0, browser.errors.join('\n'));
});

test('a sweep placed in agent workers runs one configuration at a time and saves each run with its trace', { timeout: 180000 }, async () => {
  await openLab('Sweep');
  await page.locator('input[name="sweep-engine"][value="workers"]').check();
  for (const s of ['single', 'leader', 'decentralized']) await page.locator(`input[name="structure"][value="${s}"]`).uncheck();
  await page.locator('input[name="structure"][value="preassign"]').check();
  await page.fill('input[name="nFrom"]', '1');
  await page.fill('input[name="nTo"]', '2');
  await page.fill('input[name="seeds"]', '1');
  const before = (await state()).saved.runs;
  await page.getByRole('button', { name: 'Run sweep' }).click();
  await page.getByTestId('sweep-summary').waitFor({ timeout: 150000 });
  assert.match(await page.getByTestId('sweep-summary').textContent(), /^2 runs in agent workers in /);
  assert.equal((await state()).saved.runs, before + 2);
  await openLab('Saved runs');
  await page.selectOption('.runs-panel select >> nth=4', 'workers');
  assert.equal(await rows().count(), 2);
  assert.equal(browser.errors.length, 0, browser.errors.join('\n'));
});
