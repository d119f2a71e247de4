// Every knob lives in the URL hash: a setup made with the controls survives a reload, and a
// corrupt link falls back to defaults field by field with a notice naming each bad field.
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

const value = (name) => page.locator(`[name="${name}"]`).inputValue();

test('knobs set through the controls come back after a reload', { timeout: 60000 }, async () => {
  await page.goto(browser.baseUrl);
  await page.waitForSelector('body[data-ready="true"]');
  await page.selectOption('select[name="family"]', 'data');
  await page.selectOption('select[name="p"]', '0.5');
  await page.fill('input[name="n"]', '3');
  await page.press('input[name="n"]', 'Tab');
  await page.selectOption('select[name="structure"]', 'preassign');
  await page.selectOption('select[name="mode"]', 'async');
  await page.fill('input[name="seed"]', '77');
  await page.press('input[name="seed"]', 'Tab');
  await page.uncheck('input[name="locks"]');
  await page.check('input[name="straggler"]');
  await page.selectOption('select[name="preset"]', 'gpt-5.2');
  await page.check('input[name="engine"][value="workers"]');

  const hash = new URL(page.url()).hash;
  for (const part of ['family=data', 'p=0.5', 'n=3', 'structure=preassign', 'mode=async', 'seed=77', 'locks=0', 'straggler=1', 'preset=gpt-5.2', 'engine=workers', 'err=0.12']) {
    assert.ok(hash.includes(part), `${part} in ${hash}`);
  }

  await page.reload();
  await page.waitForSelector('body[data-ready="true"]');
  assert.equal(new URL(page.url()).hash, hash, 'the reload keeps the link');
  assert.equal(await value('family'), 'data');
  assert.equal(await value('p'), '0.5');
  assert.equal(await value('n'), '3');
  assert.equal(await value('structure'), 'preassign');
  assert.equal(await value('mode'), 'async');
  assert.equal(await value('seed'), '77');
  assert.equal(await page.isChecked('input[name="locks"]'), false);
  assert.equal(await page.isChecked('input[name="straggler"]'), true);
  assert.equal(await page.isChecked('input[name="engine"][value="workers"]'), true);
  assert.equal(await value('preset'), 'gpt-5.2');
  assert.equal(await page.locator('.notices').count(), 0, 'a valid link gives no notice');
  const s = await page.evaluate(() => window.__ltp.state());
  assert.equal(s.page.n, 3);
  assert.equal(s.page.errorRate, 0.12);
});

test('a corrupt link shows a notice per bad field and uses the defaults', { timeout: 60000 }, async () => {
  // A fresh load: on the same document a new hash would arrive as a hashchange instead.
  await page.goto('about:blank');
  await page.goto(new URL('#n=12&family=chem&p=0.3&seed=5&structure=mesh&err=2&bogus=1', browser.baseUrl).href);
  await page.waitForSelector('body[data-ready="true"]');
  const notices = page.locator('.notices li');
  const text = await page.locator('.notices').textContent();
  assert.ok(text.includes('n=12 is out of range 1-8; using 4'), text);
  assert.ok(text.includes('family=chem is not one of math, data, svg; using math'), text);
  assert.ok(text.includes('p=0.3'), text);
  assert.ok(text.includes('structure=mesh'), text);
  assert.ok(text.includes('err=2 is out of range 0-1'), text);
  assert.ok(text.includes('bogus'), text);
  assert.equal(await notices.count(), 6);

  assert.equal(await value('n'), '4');
  assert.equal(await value('family'), 'math');
  assert.equal(await value('p'), '0.9');
  assert.equal(await value('structure'), 'decentralized');
  assert.equal(await value('seed'), '5', 'the good field is kept');
  // The address bar is rewritten to the setup in use.
  const hash = new URL(page.url()).hash;
  assert.ok(hash.includes('n=4') && hash.includes('seed=5') && !hash.includes('bogus'), hash);

  // A notice can be dismissed.
  await notices.first().getByRole('button', { name: 'Dismiss notice' }).click();
  assert.equal(await notices.count(), 5);
});

test('editing the hash by hand applies it without a reload, with notices for bad fields', async () => {
  await page.evaluate(() => (location.hash = '#n=7&structure=leader&mode=fast'));
  await page.waitForFunction(() => window.__ltp.state().page.n === 7);
  assert.equal(await value('n'), '7');
  assert.equal(await value('structure'), 'leader');
  const text = await page.locator('.notices').textContent();
  assert.ok(text.includes('mode=fast is not one of sync, async; using sync'), text);
  assert.ok(!text.includes('n=12'), 'notices of the old link are gone');
});

test('Copy link puts the address with the setup on the clipboard', async () => {
  await browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(browser.baseUrl).origin });
  await page.getByRole('button', { name: 'Copy link' }).click();
  await page.getByText('Link copied').waitFor();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  assert.equal(copied, page.url());
  assert.ok(copied.includes('n=7'));
});
