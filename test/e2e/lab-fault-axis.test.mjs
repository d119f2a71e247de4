// The laboratory's grid sweep along a fault axis, in Chromium with the real sweep workers and
// sandbox: a crash time varied from the keyboard, the runs charted and tabled per value, and each
// run saved with the fault it had.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { launch } from './helpers.mjs';

let browser;
let page;

before(async () => {
  browser = await launch();
  page = browser.page;
  await page.goto(new URL('#family=math&p=0.9&n=3&structure=preassign&mode=sync&engine=sim&seed=1&recovery=heartbeats%2Creassign', browser.baseUrl).href);
  await page.waitForSelector('body[data-ready="true"]');
});

after(async () => {
  await browser?.close();
});

test('a grid sweep varies the crash time: one row and one chart point per value, the runs saved with their fault', { timeout: 150000 }, async () => {
  await page.getByTestId('open-lab').click();
  await page.getByRole('tab', { name: 'Sweep' }).click();
  for (const s of ['single', 'leader', 'decentralized']) await page.locator(`input[name="structure"][value="${s}"]`).uncheck();
  await page.fill('input[name="nFrom"]', '3');
  await page.fill('input[name="nTo"]', '3');
  await page.fill('input[name="seeds"]', '1');
  assert.match(await page.getByTestId('planned').textContent(), /^2 runs/);

  // Keyboard only: focus the fault select, pick "crash time", tab on to the values and type them.
  const axis = page.locator('select[name="faultAxis"]');
  await axis.focus();
  await page.keyboard.press('ArrowDown');
  assert.equal(await axis.inputValue(), 'crash-time');
  const values = page.locator('input[name="faultValues"]');
  await values.waitFor();
  assert.equal(await values.inputValue(), '5, 20, 40, 80');
  await values.focus();
  await page.keyboard.press('Control+A');
  await page.keyboard.type('5, 600');
  // The Faults panel's recovery protocols come along.
  assert.equal(await page.locator('input[name="faultRecovery-heartbeats"]').isChecked(), true);
  assert.equal(await page.locator('input[name="faultRecovery-reassign"]').isChecked(), true);
  assert.match(await page.getByTestId('planned').textContent(), /^4 runs/);
  await page.getByRole('button', { name: 'Run sweep' }).click();
  await page.getByTestId('sweep-summary').waitFor({ timeout: 120000 });
  assert.match(await page.getByTestId('sweep-summary').textContent(), /^4 runs in /);

  const table = page.getByTestId('fault-axis-table');
  assert.equal(await table.locator('tbody tr').count(), 4);
  const rows = await Promise.all([0, 1, 2, 3].map((i) => table.locator('tbody tr').nth(i).locator('td').allTextContents()));
  // n = 1 at each value first (dev2 does not exist there), then the team of three.
  const [teamEarly, teamLate] = rows.slice(2);
  assert.deepEqual(teamEarly.slice(1, 4), ['preassign', '3', '5 s']);
  assert.deepEqual(teamLate.slice(1, 4), ['preassign', '3', '600 s']);
  // With heartbeats and reassignment both finish; the early crash costs time.
  assert.equal(teamEarly[5], '100%');
  assert.equal(teamLate[5], '100%');
  assert.notEqual(teamEarly[6], teamLate[6]);
  await page.locator('[data-testid="fault-axis-charts"] svg').first().waitFor({ timeout: 20000 });
  assert.match(await page.getByTestId('fault-axis-charts').textContent(), /crash time \(s\)/);

  await page.waitForFunction(() => window.__ltp.state().saved.runs >= 4, null, { timeout: 20000 });
  await page.getByRole('tab', { name: 'Saved runs' }).click();
  const labels = await page.locator('.runs-panel tr[data-run]').allTextContents();
  assert.equal(labels.filter((l) => l.includes('crash:dev2@5s')).length, 2);
  assert.equal(labels.filter((l) => l.includes('crash:dev2@10m')).length, 2);
  assert.equal(browser.errors.length, 0, browser.errors.join('\n'));
});
