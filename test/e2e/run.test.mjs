// A simulated run in the page: a decentralized team of 4 on the math suite at p = 0.9, replayed at
// instant speed, ends with the speedup shown next to the Amdahl bound; keyboard shortcuts drive it.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { launch } from './helpers.mjs';

let browser;
let page;

const HASH = '#family=math&p=0.9&n=4&structure=decentralized&mode=sync&engine=sim&seed=3';

before(async () => {
  browser = await launch();
  page = browser.page;
  await page.goto(new URL(HASH, browser.baseUrl).href);
  await page.waitForSelector('body[data-ready="true"]');
});

after(async () => {
  await browser?.close();
});

const state = () => page.evaluate(() => window.__ltp.state());

test('Run, then instant replay, shows the speedup and the Amdahl bound', { timeout: 90000 }, async () => {
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await page.selectOption('select[name="speed"]', 'instant');
  const speedup = page.getByTestId('speedup');
  await speedup.waitFor({ timeout: 60000 });
  // Amdahl bound at p = 0.9, n = 4: 1 / (0.1 + 0.9 / 4) = 3.08.
  assert.match(await speedup.textContent(), /^speedup \d+\.\d×, Amdahl bound 3\.1× for p = 0\.9 at n = 4$/);

  const s = await state();
  assert.equal(s.phase, 'done');
  assert.equal(s.t, s.endT, 'the playhead is at the end of the run');
  assert.equal(s.summary.n, 4);
  assert.ok(s.summary.speedup > 0.3 && s.summary.speedup < s.summary.amdahlBound, `speedup ${s.summary.speedup} is below the bound`);
  assert.match(page.url(), /speed=instant/, 'the chosen speed went into the link');

  const events = await page.evaluate(() => window.__ltp.events());
  assert.equal(events[0].type, 'run_start');
  assert.equal(events[0].config.n, 4);
  assert.equal(events[0].config.structure, 'decentralized');
  const end = events.at(-1);
  assert.equal(end.type, 'run_end');
  assert.equal(end.success, true);

  // Every view draws the run: four agents in the team graph, twenty tasks, one lane per agent.
  assert.equal(await page.locator('.team g.agent').count(), 4);
  assert.equal(await page.locator('.tasks g.task').count(), 20);
  assert.ok((await page.locator('.files button.file').count()) > 0);
  assert.ok((await page.locator('.metrics').textContent()).includes('Amdahl'));
  assert.equal(browser.errors.length, 0, browser.errors.join('\n'));
});

test('the playhead steps and scrubs from the keyboard', async () => {
  await page.keyboard.press('n');
  let s = await state();
  // At the end, stepping a round stays at the end.
  assert.equal(s.t, s.endT);
  await page.keyboard.press('ArrowLeft');
  const back = (await state()).t;
  assert.ok(back < s.endT, 'left arrow scrubs back');
  await page.keyboard.press('.');
  const next = (await state()).t;
  assert.ok(next > back, 'period steps to the next event');
  await page.keyboard.press('-');
  s = await state();
  assert.equal(s.speed, 50, 'minus slows down from instant to 50×');
});

test('help opens with ? and closes with Esc; shortcuts do not fire while typing', async () => {
  await page.keyboard.press('?');
  const dialog = page.getByRole('dialog', { name: 'Help' });
  await dialog.waitFor();
  assert.ok((await dialog.textContent()).includes('Step to the next round'));
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'detached' });

  const before = (await page.evaluate(() => window.__ltp.events())).length;
  await page.locator('input[name="seed"]').focus();
  await page.keyboard.type('r');
  await page.keyboard.press(' ');
  const s = await state();
  assert.equal(s.phase, 'done', 'typing r in a field did not start a run');
  assert.equal((await page.evaluate(() => window.__ltp.events())).length, before);
});

test('r runs again from the keyboard and s stops the replay', { timeout: 90000 }, async () => {
  await page.locator('h1').click();
  await page.selectOption('select[name="speed"]', '0.5');
  await page.locator('h1').click();
  await page.keyboard.press('r');
  await page.waitForFunction(() => window.__ltp.state().t > 0 && window.__ltp.events().length > 10, null, { timeout: 30000 });
  await page.keyboard.press('s');
  const a = await state();
  assert.equal(a.playing, false);
  await new Promise((r) => setTimeout(r, 300));
  const b = await state();
  assert.equal(b.t, a.t, 'the playhead stays where it was stopped');
  assert.ok(b.t < b.endT || b.phase !== 'done', 'stopped before the end');
});

test('a simulated team in workers is followed live, and leaving the page ends its workers', { timeout: 90000 }, async () => {
  await page.goto('about:blank');
  await page.goto(new URL('#family=math&p=0.9&n=2&structure=preassign&engine=workers&seed=2', browser.baseUrl).href);
  await page.waitForSelector('body[data-ready="true"]');
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  // One load bar per agent worker; simulated engines are ready at once.
  await page.locator('.loads li[data-phase="ready"]').nth(1).waitFor({ timeout: 30000 });
  assert.equal(await page.locator('.loads li').count(), 2);
  await page.waitForFunction(() => window.__ltp.state().phase === 'running' && window.__ltp.events().length > 5, null, { timeout: 30000 });
  const live = await state();
  assert.equal(live.placement, 'workers');
  assert.equal(live.playing, true, 'the playhead follows the live run');
  assert.equal(await page.evaluate(() => window.__ltp.liveAgentWorkers()), 2);
  assert.ok((await page.locator('.playback').textContent()).includes('following the live run'));

  await page.getByTestId('speedup').waitFor({ timeout: 60000 });
  const done = await state();
  assert.equal(done.phase, 'done');
  assert.equal(done.t, done.endT);
  assert.match(done.summary.text, /for p = 0\.9 at n = 2$/);
  const events = await page.evaluate(() => window.__ltp.events());
  assert.equal(events.at(-1).type, 'run_end');
  assert.equal(new Set(events.filter((e) => e.type === 'step_end').map((e) => e.agent)).size, 2);

  await page.evaluate(() => window.dispatchEvent(new PageTransitionEvent('pagehide')));
  assert.equal(await page.evaluate(() => window.__ltp.liveAgentWorkers()), 0, 'leaving disposes the worker team');
  assert.equal(browser.errors.length, 0, browser.errors.join('\n'));
});

test('a WebLLM run without a usable GPU is refused before it starts, with the reason and a way out', { timeout: 60000 }, async () => {
  await page.goto('about:blank');
  await page.goto(new URL('#n=1&structure=single&engine=webllm', browser.baseUrl).href);
  await page.waitForSelector('body[data-ready="true"]');
  // This Chromium offers no GPU adapter: Run with WebLLM is disabled and the verdict says why.
  const blocked = page.getByTestId('run-blocked');
  await blocked.waitFor({ timeout: 20000 });
  assert.match(await blocked.textContent(), /no usable GPU/);
  assert.equal(await page.getByRole('button', { name: 'Run', exact: true }).isDisabled(), true);
  assert.equal((await state()).phase, 'idle');
  // The page still answers.
  await page.selectOption('select[name="family"]', 'svg');
  assert.match(page.url(), /family=svg/);
});
