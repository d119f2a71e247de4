// The classroom: projector mode at 1280x720 (the whole team graph on screen, diagram text >= 16 px,
// one view large at a time, cycled by keyboard), a guided lesson run start to end with predictions
// recorded, a teacher link that fixes settings and hides controls, the stale-run marker, stepping
// back, and a run that did not finish saying so instead of showing a speedup. Screenshots go to
// test-results/ for a human to look at.
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
  mkdirSync('test-results', { recursive: true });
});

after(async () => {
  await browser?.close();
});

const state = () => page.evaluate(() => window.__ltp.state());

/** Opens a link as a fresh page load, as a learner following a teacher's link would. */
async function open(hash) {
  await page.goto('about:blank');
  await page.goto(new URL(hash, browser.baseUrl).href);
  await page.waitForSelector('body[data-ready="true"]');
}

/** Smallest rendered size, in CSS px, of any text drawn in the SVGs inside `selector`. */
function minSvgTextPx(selector) {
  return page.evaluate((sel) => {
    const texts = [...document.querySelectorAll(`${sel} svg text`)].filter((t) => t.getBoundingClientRect().width > 0);
    const sizes = texts.map((t) => t.getScreenCTM().a * parseFloat(getComputedStyle(t).fontSize));
    return { min: Math.min(...sizes), count: texts.length };
  }, selector);
}

function inside(box, what, bounds = { x: 0, y: 0, width: W, height: H }) {
  assert.ok(box, `${what} has a box`);
  assert.ok(box.x >= bounds.x - 0.5 && box.y >= bounds.y - 0.5, `${what} starts inside ${JSON.stringify(bounds)}: ${JSON.stringify(box)}`);
  assert.ok(box.x + box.width <= bounds.x + bounds.width + 0.5 && box.y + box.height <= bounds.y + bounds.height + 0.5, `${what} ends inside ${JSON.stringify(bounds)}: ${JSON.stringify(box)}`);
}

test('projector mode: one view large, the whole team graph on screen, diagram text at least 16 px', { timeout: 120000 }, async () => {
  await open('#family=math&p=0.9&n=5&structure=decentralized&mode=sync&engine=sim&seed=1&speed=20&projector=1&settings=0');
  // The intro is folded away; the settings column is not shown.
  assert.equal(await page.locator('[data-testid="intro"]').getAttribute('open'), null);
  assert.equal(await page.locator('#settings').isVisible(), false);
  await page.locator('body').press('r');
  await page.waitForFunction(() => window.__ltp.state().t > 20000, null, { timeout: 60000 });
  await page.locator('body').press(' ');
  assert.equal((await state()).playing, false);

  // Team is the view shown; the others are hidden.
  assert.ok(await page.locator('section.panel.team').isVisible());
  for (const v of ['tasks', 'metrics', 'timeline', 'files']) assert.equal(await page.locator(`section.panel.${v}`).isVisible(), false, `${v} hidden`);
  const size = await page.evaluate(() => ({ w: document.documentElement.scrollWidth, h: document.documentElement.scrollHeight }));
  assert.ok(size.w <= W && size.h <= H, `no page scrolling (${size.w}x${size.h})`);

  const panel = await page.locator('section.panel.team').boundingBox();
  inside(panel, 'team panel');
  const svg = await page.locator('.team .graph svg').boundingBox();
  inside(svg, 'the team graph', panel);
  assert.equal(await page.locator('.team g.agent').count(), 5);
  for (let i = 0; i < 5; i++) inside(await page.locator('.team g.agent').nth(i).boundingBox(), `agent ${i + 1} with its labels`, panel);
  inside(await page.locator('.team g.board').boundingBox(), 'the board', panel);
  const team = await minSvgTextPx('.team .graph');
  assert.ok(team.count >= 12, `team graph draws its labels (${team.count})`);
  assert.ok(team.min >= 16, `team graph text is at least 16 px (${team.min.toFixed(1)})`);
  await page.screenshot({ path: 'test-results/projector-team-1280x720.png' });

  // v cycles to the next view: the task graph, all twenty tasks on screen.
  await page.locator('body').press('v');
  assert.ok(await page.locator('section.panel.tasks').isVisible());
  assert.equal(await page.locator('section.panel.team').isVisible(), false);
  assert.match(page.url(), /view=tasks/);
  const tasksPanel = await page.locator('section.panel.tasks').boundingBox();
  assert.equal(await page.locator('.tasks g.task').count(), 20);
  for (let i = 0; i < 20; i++) inside(await page.locator('.tasks g.task').nth(i).boundingBox(), `task ${i + 1}`, tasksPanel);
  const tasks = await minSvgTextPx('.tasks');
  assert.ok(tasks.min >= 16, `task graph text is at least 16 px (${tasks.min.toFixed(1)})`);
  await page.screenshot({ path: 'test-results/projector-tasks-1280x720.png' });

  // 3 jumps to the metrics: "where did the speedup go" is on the first screen, not eight screens down.
  await page.locator('body').press('3');
  const where = await page.getByRole('heading', { name: 'Where did the speedup go?' }).boundingBox();
  inside(where, '"Where did the speedup go?"');
  const chart = await page.locator('.metrics .plot-figure svg').first().boundingBox();
  assert.ok(chart.y < H - 60, `the breakdown chart starts on screen (y = ${chart.y})`);
  await page.screenshot({ path: 'test-results/projector-metrics-1280x720.png' });

  await page.locator('body').press('4');
  const timeline = await minSvgTextPx('.timeline');
  assert.ok(timeline.min >= 16, `timeline text is at least 16 px (${timeline.min.toFixed(1)})`);
  inside(await page.locator('.timeline svg').first().boundingBox(), 'the timeline');
  await page.screenshot({ path: 'test-results/projector-timeline-1280x720.png' });

  // 0 shows every view again and leaves projector mode.
  await page.locator('body').press('0');
  for (const v of ['team', 'tasks', 'metrics', 'timeline', 'files']) assert.ok(await page.locator(`section.panel.${v}`).isVisible(), `${v} shown`);
  assert.doesNotMatch(page.url(), /projector=1/);
  assert.equal(browser.errors.length, 0, browser.errors.join('\n'));
});

test('a lesson runs start to end: predictions recorded, measured answers revealed beside them and the paper', { timeout: 240000 }, async () => {
  await open('#speed=instant');
  await page.evaluate(() => localStorage.removeItem('ltp.lessons.v1'));
  await page.getByTestId('open-lessons').click();
  await page.locator('[data-lesson="adding-agents"]').click();
  assert.match(page.url(), /lesson=adding-agents/);
  const lesson = page.getByTestId('lesson');
  assert.match(await lesson.getByTestId('lesson-step').textContent(), /Step 1 of 4/);
  // Step 1 set the page: one agent, Single; the controls show it.
  assert.equal(await page.locator('[name="n"]').inputValue(), '1');
  assert.equal(await page.locator('[name="structure"]').inputValue(), 'single');

  // Step 1 runs without a prediction and reveals the wall time.
  await lesson.getByTestId('lesson-run').click();
  await lesson.getByTestId('lesson-reveal').waitFor({ timeout: 60000 });
  assert.match(await lesson.getByTestId('reveal-measured').textContent(), /^\d+(\.\d)? s$/);

  // Step 2: Run is refused until a prediction is recorded.
  await lesson.getByTestId('lesson-next').click();
  assert.match(await lesson.getByTestId('lesson-step').textContent(), /Step 2 of 4/);
  assert.equal(await page.locator('[name="n"]').inputValue(), '4');
  assert.equal(await lesson.getByTestId('lesson-run').isDisabled(), true);
  await lesson.locator('input[name="prediction"]').fill('3.5');
  await lesson.getByRole('button', { name: 'Record my prediction' }).click();
  assert.match(await lesson.getByTestId('prediction-recorded').textContent(), /3\.5×/);
  await lesson.getByTestId('lesson-run').click();
  await lesson.getByTestId('lesson-reveal').waitFor({ timeout: 60000 });
  assert.equal((await lesson.getByTestId('reveal-prediction').textContent()).trim(), '3.5×');
  const measured = (await lesson.getByTestId('reveal-measured').textContent()).trim();
  assert.match(measured, /^\d+\.\d\d×$/);
  const s = await state();
  assert.equal(s.page.n, 4);
  assert.equal(Number(measured.replace('×', '')).toFixed(2), s.summary.speedup.toFixed(2), 'the reveal shows the run\'s speedup');
  assert.match(await lesson.getByTestId('lesson-reveal').textContent(), /1\.17×/, 'the paper\'s figure is beside it');

  // Step 3: predict and run with eight agents.
  await lesson.getByTestId('lesson-next').click();
  await lesson.locator('input[name="prediction"]').fill('4');
  await lesson.getByRole('button', { name: 'Record my prediction' }).click();
  await lesson.getByTestId('lesson-run').click();
  await lesson.getByTestId('lesson-reveal').waitFor({ timeout: 90000 });
  assert.equal((await state()).page.n, 8);

  // Step 4 ends the lesson with the predictions beside what was measured.
  await lesson.getByTestId('lesson-next').click();
  assert.match(await lesson.getByTestId('lesson-step').textContent(), /Step 4 of 4/);
  const recap = await lesson.locator('.recap').textContent();
  assert.match(recap, /Four agents\s*3\.5/);
  assert.match(recap, /Eight agents\s*4/);
  const stored = await page.evaluate(() => JSON.parse(localStorage.getItem('ltp.lessons.v1') ?? '{}'));
  assert.deepEqual(stored['adding-agents']['2'].prediction, { kind: 'number', value: 3.5 });
  assert.equal(typeof stored['adding-agents']['2'].measured, 'number');
  await page.screenshot({ path: 'test-results/lesson-1280x720.png' });

  // A link to a lesson step opens it there, with the page set up as that step does.
  await open('#lesson=locks&step=2&speed=instant');
  assert.match(await page.getByTestId('lesson-step').textContent(), /Step 2 of 3/);
  assert.equal(await page.locator('[name="locks"]').isChecked(), false);
  assert.equal(await page.locator('[name="n"]').inputValue(), '5');
  assert.equal(browser.errors.length, 0, browser.errors.join('\n'));
});

test('a teacher link fixes settings and hides the chosen controls; Single means one agent', { timeout: 60000 }, async () => {
  await open('#n=3&structure=preassign&locks=0&hide=n,structure,locks,lab');
  for (const name of ['n', 'structure', 'locks']) assert.equal(await page.locator(`[name="${name}"]`).count(), 0, `${name} is hidden`);
  for (const name of ['family', 'p', 'mode', 'seed', 'straggler']) assert.equal(await page.locator(`[name="${name}"]`).count(), 1, `${name} is still there`);
  assert.equal(await page.getByTestId('open-lab').count(), 0, 'the drawer button is hidden');
  assert.match(await page.getByTestId('fixed-by-link').textContent(), /n = 3, Pre-assigned tasks, locks off/);
  const s = await state();
  assert.deepEqual([s.page.n, s.page.structure, s.page.locks], [3, 'preassign', false]);
  assert.equal(await page.locator('.notices').count(), 0);
  await page.screenshot({ path: 'test-results/teacher-link-1280x720.png' });

  // The link maker in the Lessons panel builds such a link from the page as it is.
  await open('#n=2&structure=preassign&p=0.5');
  await page.getByTestId('open-lessons').click();
  await page.getByTestId('teacher-link').locator('summary').click();
  await page.check('input[name="hide-n"]');
  await page.check('input[name="hide-lab"]');
  await page.check('input[name="link-projector"]');
  const made = await page.getByTestId('teacher-link-url').inputValue();
  assert.match(made, /n=2&/);
  assert.match(made, /p=0\.5&/);
  assert.match(made, /hide=n,lab/);
  assert.match(made, /projector=1/);
  await page.goto('about:blank');
  await page.goto(made);
  await page.waitForSelector('body[data-ready="true"]');
  assert.equal(await page.getByTestId('open-lab').count(), 0);
  assert.equal((await state()).page.n, 2);
  assert.equal((await state()).page.projector, true);
  await page.getByRole('button', { name: 'Show settings' }).click();
  assert.equal(await page.locator('[name="n"]').count(), 0, 'n is hidden by the made link');
  assert.equal(await page.locator('[name="p"]').count(), 1);

  // A hide flag that names no control is refused with a notice, like any bad field.
  await open('#hide=n,everything');
  assert.match(await page.locator('.notices').textContent(), /hide=n,everything names "everything"/);
  assert.equal(await page.locator('[name="n"]').count(), 1);

  // Single means n = 1 in links and in the controls.
  await open('#structure=single&n=6');
  assert.equal(await page.locator('[name="n"]').inputValue(), '1');
  assert.equal(await page.locator('[name="n"]').isDisabled(), true);
  assert.match(await page.locator('.notices').textContent(), /single means one agent/);
  await page.selectOption('select[name="structure"]', 'decentralized');
  assert.equal(await page.locator('[name="n"]').isDisabled(), false);
  await page.selectOption('select[name="structure"]', 'single');
  assert.equal(await page.locator('[name="n"]').inputValue(), '1');
  assert.match(page.url(), /n=1&/);
});

test('changed settings mark the shown run as stale; step back and click-to-seek move the playhead', { timeout: 90000 }, async () => {
  await open('#n=3&structure=preassign&speed=instant&seed=2');
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await page.getByTestId('speedup').waitFor({ timeout: 60000 });
  assert.equal(await page.getByTestId('stale').count(), 0);
  // The run is saved with a label naming its knobs and the speedup the page measured.
  const speedup = (await state()).summary.speedup;
  await page.waitForFunction(() => window.__ltp.state().saved.runs >= 1, null, { timeout: 10000 });
  await page.getByTestId('open-lab').click();
  const row = page.locator('.runs-panel tr[data-run]', { hasText: /preassign, n = 3, sync, math-p0\.9, locks on, error \d+%, seed 2/ }).first();
  await row.waitFor({ timeout: 10000 });
  assert.match(await row.textContent(), new RegExp(`${speedup.toFixed(2).replace('.', '\\.')}×`), 'the saved run shows its speedup');
  await page.keyboard.press('Escape');
  await page.fill('input[name="n"]', '4');
  await page.press('input[name="n"]', 'Tab');
  assert.match(await page.getByTestId('stale').textContent(), /Settings changed.*agents n/s);
  await page.uncheck('input[name="locks"]');
  assert.match(await page.getByTestId('stale').textContent(), /agents n, locks/);

  // Step back one event, then one round, from the end.
  const end = (await state()).endT;
  await page.getByRole('button', { name: 'Previous event' }).click();
  const t1 = (await state()).t;
  assert.ok(t1 < end, `one event back (${t1} < ${end})`);
  await page.locator('body').press('b');
  const t2 = (await state()).t;
  assert.ok(t2 < t1, `one round back (${t2} < ${t1})`);
  // A click in the middle of the timeline's lanes seeks to about the middle of the run.
  await page.locator('body').press('0');
  const box = await page.locator('.timeline svg').first().boundingBox();
  await page.mouse.click(box.x + box.width * (104 + (1000 - 104 - 18) / 2) / 1000, box.y + box.height / 2);
  const t3 = (await state()).t;
  assert.ok(Math.abs(t3 - end / 2) < end * 0.05, `clicked half way: t = ${t3} of ${end}`);

  // Running again with the new settings clears the mark.
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await page.getByTestId('speedup').waitFor({ timeout: 60000 });
  assert.equal(await page.getByTestId('stale').count(), 0);
});

test('a run that did not finish says so with its stuck task and failing test, and shows no speedup', { timeout: 180000 }, async () => {
  await open('#family=math&p=0.5&n=4&structure=decentralized&mode=sync&engine=sim&seed=1&err=0.95&speed=instant');
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  const headline = page.getByTestId('unfinished');
  await headline.waitFor({ timeout: 150000 });
  const text = await headline.textContent();
  assert.match(text, /^Did not finish: the team ran out of rounds after 100 rounds with \d+ of 20 tasks done; stuck on t\d\d \(.+\)/);
  assert.match(text, /failing test “[^”]+”/);
  assert.match(text, /No speedup/);
  assert.equal(await page.getByTestId('speedup').count(), 0, 'no speedup headline');
  assert.equal(await page.locator('[data-metric="speedup"]').count(), 0, 'no speedup in the metrics');
  await page.screenshot({ path: 'test-results/unfinished-1280x720.png' });
});

test('help reaches the glossary; every knob has its explanation one click away; Esc closes the drawer from anywhere', { timeout: 60000 }, async () => {
  await open('#');
  await page.locator('body').press('?');
  const dialog = page.getByRole('dialog');
  assert.ok(await dialog.getByRole('heading', { name: 'Glossary' }).isVisible());
  for (const term of ['Parallel part p', 'Sync rounds', 'Async steps', 'Pre-assigned tasks', 'Decentralized (self-claim)', 'Leader assigns', 'Single agent', 'File locks', 'Lost races', 'Blocked claims', 'Rewrites', 'Straggler gap', 'Idle', 'Concurrent writes', 'Amdahl bound', 'Speedup', 'Token multiplier', 'Efficiency']) {
    assert.equal(await dialog.locator('dt', { hasText: term }).count() >= 1, true, `glossary has ${term}`);
  }
  await page.keyboard.press('Escape');
  assert.equal(await page.getByRole('dialog').count(), 0);

  await page.locator('[data-explain="p"]').click();
  assert.match(await page.locator('.side [role="note"]').first().textContent(), /share of the work that can be done at the same time.*Paper:/s);

  await page.getByTestId('open-lab').click();
  await page.waitForFunction(() => document.querySelector('[data-testid="open-lab"]')?.getAttribute('aria-expanded') === 'true');
  // Focus back in the page, outside the drawer (as after "Fork from here"): Esc still closes it.
  await page.getByRole('button', { name: 'Copy link' }).focus();
  await page.keyboard.press('Escape');
  assert.equal(await page.getByTestId('open-lab').getAttribute('aria-expanded'), 'false');
  assert.equal(browser.errors.length, 0, browser.errors.join('\n'));
});
