// The projector check: at 1280x720, during a simulated decentralized run of 5 agents, every view is
// on screen at once with no page scrolling. Saves test-results/app-1280x720.png for a human to look at.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { launch } from './helpers.mjs';

const W = 1280;
const H = 720;
let browser;
let page;

before(async () => {
  browser = await launch({ viewport: { width: W, height: H } });
  page = browser.page;
  await page.goto(new URL('#family=math&p=0.9&n=5&structure=decentralized&mode=sync&engine=sim&seed=1&speed=20', browser.baseUrl).href);
  await page.waitForSelector('body[data-ready="true"]');
});

after(async () => {
  await browser?.close();
});

function inside(box, what) {
  assert.ok(box, `${what} has a box`);
  assert.ok(box.x >= 0 && box.y >= 0, `${what} starts inside the viewport: ${JSON.stringify(box)}`);
  assert.ok(box.x + box.width <= W + 0.5 && box.y + box.height <= H + 0.5, `${what} ends inside the viewport: ${JSON.stringify(box)}`);
}

test('all views are visible inside 1280x720 during a run', { timeout: 90000 }, async () => {
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await page.waitForFunction(() => window.__ltp.state().t > 30000, null, { timeout: 60000 });
  await page.keyboard.press(' ');
  const s = await page.evaluate(() => window.__ltp.state());
  assert.equal(s.playing, false, 'space paused the replay');
  assert.ok(s.t < s.endT || s.phase !== 'done', 'paused mid-run');

  mkdirSync('test-results', { recursive: true });
  await page.screenshot({ path: 'test-results/app-1280x720.png' });

  const size = await page.evaluate(() => ({ w: document.documentElement.scrollWidth, h: document.documentElement.scrollHeight }));
  assert.ok(size.w <= W, `no horizontal scrolling (${size.w} px)`);
  assert.ok(size.h <= H, `the page fits the projector without scrolling (${size.h} px)`);

  const panels = { team: 'Team', tasks: 'Tasks', metrics: 'Metrics', timeline: 'Timeline', files: 'Files' };
  for (const [cls, name] of Object.entries(panels)) {
    const panel = page.locator(`section.panel.${cls}`);
    assert.ok(await panel.isVisible(), `${name} is visible`);
    inside(await panel.boundingBox(), name);
  }
  // What each view draws is on screen, not scrolled away inside its panel.
  const drawn = {
    'team graph': page.locator('.team .graph svg').first(),
    'task graph': page.locator('.tasks svg[aria-label="Task dependency graph"]'),
    timeline: page.locator('.timeline svg').first(),
    'first file': page.locator('.files button.file').first(),
  };
  for (const [what, loc] of Object.entries(drawn)) {
    assert.ok(await loc.isVisible(), `${what} is drawn`);
    const box = await loc.boundingBox();
    assert.ok(box.height > 60 || what === 'first file', `${what} is big enough to read (${box.height} px high)`);
    assert.ok(box.y < H && box.y + Math.min(box.height, 60) <= H, `${what} starts on screen`);
  }
  inside(await page.locator('.team .graph svg').first().boundingBox(), 'the whole team graph');
  assert.equal(await page.locator('.team g.agent').count(), 5);
  assert.equal(await page.locator('.timeline svg').first().locator('text', { hasText: /^dev\d$/ }).count(), 5, 'one lane per agent');

  // The settings and the replay bar are on screen too.
  inside(await page.getByRole('button', { name: 'Run', exact: true }).boundingBox(), 'Run button');
  inside(await page.getByRole('button', { name: /Play|Pause/ }).boundingBox(), 'Play button');

  const fontPx = await page.evaluate(() => {
    const sizes = ['.intro', '.controls label', '.status', '.playback'].map((sel) => parseFloat(getComputedStyle(document.querySelector(sel)).fontSize));
    return Math.min(...sizes);
  });
  assert.ok(fontPx >= 14, `page text is at least 14 px (${fontPx})`);
  assert.equal(browser.errors.length, 0, browser.errors.join('\n'));
});

test('hiding the settings gives the views the whole width', async () => {
  const before = (await page.locator('section.panel.team').boundingBox()).width;
  await page.getByRole('button', { name: 'Hide settings' }).click();
  const after = (await page.locator('section.panel.team').boundingBox()).width;
  assert.ok(after > before + 50, `team panel grew from ${before} to ${after}`);
  assert.match(page.url(), /settings=0/);
  await page.screenshot({ path: 'test-results/app-1280x720-no-settings.png' });
  await page.getByRole('button', { name: 'Show settings' }).click();
});
