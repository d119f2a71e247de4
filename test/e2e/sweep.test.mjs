// Sweep n = 1..N in the page: a progress bar while it runs, then speedup against n drawn next to
// the Amdahl curve; Cancel stops a sweep and keeps the runs already done.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { launch } from './helpers.mjs';

let browser;
let page;

before(async () => {
  browser = await launch();
  page = browser.page;
});

after(async () => {
  await browser?.close();
});

const state = () => page.evaluate(() => window.__ltp.state());

test('a sweep plots a speedup point for every team size beside the Amdahl curve', { timeout: 120000 }, async () => {
  await page.goto(new URL('#family=math&p=0.9&structure=preassign&sweep=3&seeds=2&seed=1', browser.baseUrl).href);
  await page.waitForSelector('body[data-ready="true"]');
  await page.getByRole('button', { name: 'Sweep n = 1..3' }).click();
  // The chart tab comes forward with a progress bar.
  await page.getByRole('progressbar', { name: 'Sweep runs done' }).waitFor({ timeout: 10000 });
  await page.waitForFunction(() => {
    const s = window.__ltp.state().sweep;
    return !s.running && s.runs === 6;
  }, null, { timeout: 100000 });
  const s = await state();
  assert.equal(s.sweep.total, 6);
  assert.equal(s.sweep.done, 6);

  const chart = page.locator('.speedup-chart');
  await chart.waitFor();
  const svg = chart.locator('svg[aria-label]').first();
  assert.ok(await svg.isVisible(), 'the chart is drawn');
  // One mean point per team size n = 1, 2, 3 (n = 1 is its own baseline: speedup 1).
  // Charts redraw a moment after their data change (PlotFigure throttles drawing), so wait for
  // the drawing of the last result rather than reading the chart the instant the sweep ends.
  const points = chart.locator('g[aria-description="run speedup"] > *');
  await page
    .waitForFunction(() => document.querySelectorAll('.speedup-chart g[aria-description="run speedup"] > *').length === 3, null, { timeout: 10000 })
    .catch(() => undefined);
  assert.equal(await points.count(), 3);
  const curve = chart.locator('g[aria-description="Amdahl bound"] path');
  assert.equal(await curve.count(), 1);
  assert.ok((await chart.textContent()).includes('Amdahl bound, p = 0.90'));
  // The paper's pre-assign points are overlaid by default.
  assert.ok((await chart.locator('g[aria-description="paper speedup"] > *').count()) > 0);
  assert.match(await page.locator('.sweep-panel .what').textContent(), /preassign, n = 1\.\.3, 2 seeds each/);
  assert.equal(browser.errors.length, 0, browser.errors.join('\n'));
});

test('Cancel stops a sweep and keeps the runs already done', { timeout: 120000 }, async () => {
  await page.goto('about:blank');
  await page.goto(new URL('#family=math&p=0.5&structure=decentralized&sweep=8&seeds=5', browser.baseUrl).href);
  await page.waitForSelector('body[data-ready="true"]');
  await page.getByRole('button', { name: 'Sweep n = 1..8' }).click();
  await page.waitForFunction(() => window.__ltp.state().sweep.done >= 2, null, { timeout: 60000 });
  await page.getByRole('button', { name: 'Cancel' }).click();
  const a = await state();
  assert.equal(a.sweep.running, false);
  assert.ok(a.sweep.runs < 40, `cancelled with ${a.sweep.runs} of 40 runs`);
  await new Promise((r) => setTimeout(r, 500));
  const b = await state();
  assert.equal(b.sweep.runs, a.sweep.runs, 'no run lands after Cancel');
  assert.equal(await page.getByRole('progressbar', { name: 'Sweep runs done' }).count(), 0);
});
