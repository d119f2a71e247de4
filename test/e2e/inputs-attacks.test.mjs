// Hostile inputs in the real page (issue 11): saved records and traces that are well-formed but
// mean nonsense (a team of ten million, a recipe of a billion rounds, t = 1e308, a step twice,
// prototype keys), hostile imports, and a 1 MB link. The page refuses each with a message that
// names the field, keeps the good runs, shows one notice for the link, and keeps answering.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { launch } from './helpers.mjs';

let browser;
let page;

before(async () => {
  browser = await launch();
  page = browser.page;
  await page.goto(browser.baseUrl);
  await page.waitForSelector('body[data-ready="true"]');
});

after(async () => {
  await browser?.close();
});

const rows = () => page.locator('.runs-panel tr[data-run]');

async function openLab(tab) {
  if ((await page.locator('.lab').count()) === 0) await page.getByTestId('open-lab').click();
  await page.getByRole('tab', { name: tab }).click();
}

test('hostile saved records are skipped with the field named; hostile saved traces refuse to open; the good run stays', { timeout: 120000 }, async () => {
  // One good run, saved the page's own way.
  await openLab('Import');
  await page.setInputFiles('#import-harness', ['test/fixtures/harness/events.jsonl', 'test/fixtures/harness/tasks.json']);
  await page.getByTestId('import-ok').waitFor();

  // Copies of it, made hostile, written straight into the page's IndexedDB.
  await page.evaluate(async () => {
    const db = await new Promise((resolve, reject) => {
      const req = indexedDB.open('llm-team-playground', 1);
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    const all = (store) => new Promise((resolve) => (db.transaction(store).objectStore(store).getAll().onsuccess = (e) => resolve(e.target.result)));
    const [good] = await all('runs');
    const [trace] = await all('traces');
    const doc = JSON.parse(trace.text);
    const withTime = structuredClone(doc);
    withTime.events[3].t = 1e308;
    const withDup = structuredClone(doc);
    const s = withDup.events.findIndex((e) => e.type === 'step_start');
    withDup.events.splice(s + 1, 0, withDup.events[s]);
    const cell = { key: 'k', suite: 'math-p0.9', family: 'math', p: 0.9, structure: 'decentralized', n: 2, seed: 1, mode: 'sync', preset: 'laptop', locks: true, straggler: false, errorRate: 1, maxRounds: 1e9 };
    const runs = [
      { ...good, id: 'run-hostile-n', label: 'hostile n', config: { ...good.config, n: 1e7 } },
      { ...good, id: 'run-hostile-forever', label: 'hostile forever', origin: 'simulated', hasTrace: false, traceChars: 0, config: { ...good.config, engine: 'sim:laptop', suite: 'math-p0.9' }, cell },
      { ...good, id: 'run-hostile-proto', label: 'hostile proto', config: { ...good.config, extra: { constructor: { prototype: 1 } } } },
      { ...good, id: 'run-hostile-time', label: 'hostile time' },
      { ...good, id: 'run-hostile-dup', label: 'hostile dup' },
    ];
    const tx = db.transaction(['runs', 'traces'], 'readwrite');
    for (const r of runs) tx.objectStore('runs').put(r);
    tx.objectStore('traces').put({ id: 'run-hostile-time', text: JSON.stringify(withTime) });
    tx.objectStore('traces').put({ id: 'run-hostile-dup', text: JSON.stringify(withDup) });
    await new Promise((resolve) => (tx.oncomplete = resolve));
    db.close();
  });

  // Opened afresh, as a learner would find them.
  await page.reload();
  await page.waitForSelector('body[data-ready="true"]');
  await openLab('Saved runs');
  await rows().first().waitFor();
  assert.equal(await rows().count(), 3, 'the good run and the two whose records are fine');
  const skipped = await page.getByTestId('skipped').textContent();
  assert.match(skipped, /run-hostile-n: record\.config\.n: must be between 1 and 8, got 10000000/);
  assert.match(skipped, /run-hostile-forever: record\.cell\.maxRounds: must be between 0 and 1000/);
  assert.match(skipped, /run-hostile-proto: record\.config\.extra\.constructor: not allowed as a key/);

  await page.locator('tr[data-run="run-hostile-time"]').getByRole('button', { name: /^Open / }).click();
  await page.waitForFunction(() => /cannot be opened/.test(document.querySelector('.runs-panel')?.textContent ?? ''));
  assert.match(await page.locator('.runs-panel').textContent(), /cannot be opened: the saved trace of run run-hostile-time is corrupted \(events\[3\]\.t: must be between 0 and \d+, got 1e\+308\)/);

  await page.locator('tr[data-run="run-hostile-dup"]').getByRole('button', { name: /^Open / }).click();
  await page.waitForFunction(() => /appears twice/.test(document.querySelector('.runs-panel')?.textContent ?? ''));

  // Still answering, nothing thrown, and no prototype was touched.
  assert.ok(await page.evaluate(() => window.__ltp.state() !== null && ({}).prototype === undefined && ({}).polluted === undefined));
  assert.equal(browser.errors.length, 0, browser.errors.join('\n'));
});

test('hostile imports are refused naming the field, and nothing is saved', { timeout: 60000 }, async () => {
  await openLab('Saved runs');
  await rows().first().waitFor();
  const before = await rows().count();
  await openLab('Import');
  const error = page.getByTestId('import-error');

  const log = readFileSync('test/fixtures/harness/events.jsonl', 'utf8').trim();
  await page.setInputFiles('#import-harness', [
    { name: 'events.jsonl', mimeType: 'application/jsonl', buffer: Buffer.from(`${log}\n{"type":"constructor","ts":1001}\n`) },
    { name: 'tasks.json', mimeType: 'application/json', buffer: readFileSync('test/fixtures/harness/tasks.json') },
  ]);
  await error.waitFor();
  assert.match(await error.textContent(), /^Not imported: events\.jsonl: line \d+: field 'type': 'constructor' is not an event type$/);

  const far = log.replace('"ts": 1002.5', '"ts": 1e308');
  await page.setInputFiles('#import-harness', [
    { name: 'far.jsonl', mimeType: 'application/jsonl', buffer: Buffer.from(far) },
    { name: 'tasks.json', mimeType: 'application/json', buffer: readFileSync('test/fixtures/harness/tasks.json') },
  ]);
  await page.waitForFunction(() => document.querySelector('[data-testid="import-error"]')?.textContent?.includes('far.jsonl'));
  assert.match(await error.textContent(), /far\.jsonl: .*\.t: must be a finite number/);

  await openLab('Saved runs');
  await rows().first().waitFor();
  assert.equal(await rows().count(), before, 'nothing was saved');
  assert.equal(browser.errors.length, 0, browser.errors.join('\n'));
});

test('a 1 MB link raises one notice, and the page answers', { timeout: 120000 }, async () => {
  const hash = `#${'x=1&'.repeat(262_144)}`;
  await page.goto(`${browser.baseUrl}${hash}`);
  await page.waitForSelector('body[data-ready="true"]');
  const notices = page.locator('ul.notices > li');
  assert.equal(await notices.count(), 1);
  assert.match(await notices.first().textContent(), /The link is 1,048,576 characters long, more than the 4,000 a setup needs/);
  // The address bar holds the page's own short link again.
  assert.ok((await page.evaluate(() => location.hash.length)) < 4000);
  assert.ok(await page.evaluate(() => window.__ltp.state() !== null));
  assert.equal(browser.errors.length, 0, browser.errors.join('\n'));
});
