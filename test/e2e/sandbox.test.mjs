// The browser sandbox (sandbox-test.html -> SandboxTestRunner -> sandbox.worker.ts -> QuickJS):
// hanging, throwing, broken and network-hungry agent code each come back as a readable report,
// and the page keeps working afterwards. Attacks proper are in sandbox-attacks.test.mjs.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { launch } from './helpers.mjs';

let browser;
let page;

const files = {
  'src/add.js': 'export function add(a, b) { return a + b; }\n',
  'src/double.js': "import { add } from './add.js';\nexport function double(x) { return add(x, x); }\n",
  'src/spin.js': 'export function spin() { while (true) {} }\n',
  'src/boom.js': "throw new Error('boom at load');\nexport function boom() {}\n",
  'src/broken.js': 'export function broken( {\n',
  'src/grab.js': "export function grab() { return fetch('https://example.com/'); }\n",
};

function request(suites, timeoutMs = 1500) {
  return { files, suites, timeoutMs };
}

async function run(req) {
  return page.evaluate((r) => window.runSandbox(r), req);
}

before(async () => {
  browser = await launch();
  page = browser.page;
  await page.goto(new URL('sandbox-test.html', browser.baseUrl).href);
  await page.waitForSelector('body[data-ready="true"]');
});

after(async () => {
  await browser?.close();
});

test('passing and failing tests across imported files', async () => {
  const report = await run(
    request([
      {
        task: 't01',
        file: 'src/double.js',
        exportName: 'double',
        tests: [
          { name: 'doubles', code: 'assert.equal(double(3), 6);' },
          { name: 'wrong expectation', code: 'assert.equal(double(3), 7);' },
        ],
      },
    ]),
  );
  assert.equal(report.timedOut, false);
  assert.equal(report.passed, 1);
  assert.equal(report.failed, 1);
  assert.equal(report.results[1].error, 'expected 7, got 6');
});

test('an infinite loop is killed and reported as timed out', { timeout: 30000 }, async () => {
  const clicksBefore = Number(await page.textContent('#clicks'));
  // Start the run without waiting for it, and use the page while the sandbox spins.
  await page.evaluate((r) => {
    window.pendingRun = window.runSandbox(r);
  }, (
    request(
      [
        {
          task: 't02',
          file: 'src/spin.js',
          exportName: 'spin',
          tests: [
            { name: 'spins', code: 'spin();' },
            { name: 'never reached', code: 'assert.ok(true);' },
          ],
        },
      ],
      1000,
    )
  ));
  await page.click('#count');
  assert.equal(await page.textContent('#clicks'), String(clicksBefore + 1));
  const report = await page.evaluate(() => window.pendingRun);
  assert.equal(report.timedOut, true);
  assert.match(report.error, /^timed out after 1000 ms/);
  assert.deepEqual(
    report.results.map((r) => [r.name, r.ok]),
    [
      ['spins', false],
      ['never reached', false],
    ],
  );
  assert.match(report.results[0].error, /timed out after 1000 ms while running test "spins"/);
});

test('a module that throws while loading fails its tests with that message', async () => {
  const report = await run(request([{ task: 't03', file: 'src/boom.js', exportName: 'boom', tests: [{ name: 'loads', code: 'boom();' }] }]));
  assert.equal(report.timedOut, false);
  assert.equal(report.failed, 1);
  assert.equal(report.results[0].error, 'src/boom.js threw while loading: Error: boom at load');
});

test('a syntax error names the file, line and column', async () => {
  const report = await run(request([{ task: 't04', file: 'src/broken.js', exportName: 'broken', tests: [{ name: 'parses', code: 'broken();' }] }]));
  assert.equal(report.failed, 1);
  assert.match(report.error, /SyntaxError in src\/broken\.js at line \d+, column \d+/);
  assert.match(report.results[0].error, /SyntaxError in src\/broken\.js at line/);
});

test('fetch and the other network globals do not exist inside the sandbox', async () => {
  const report = await run(
    request([
      {
        task: 't05',
        file: 'src/grab.js',
        exportName: 'grab',
        tests: [
          { name: 'fetch throws', code: 'grab();' },
          { name: 'XMLHttpRequest is absent', code: "assert.throws(() => new XMLHttpRequest(), /'XMLHttpRequest' is not defined/);" },
          { name: 'WebSocket is absent', code: "assert.throws(() => new WebSocket('wss://example.com/'), ReferenceError);" },
        ],
      },
    ]),
  );
  assert.equal(report.timedOut, false);
  assert.equal(report.results[0].ok, false);
  assert.equal(report.results[0].error, "ReferenceError: 'fetch' is not defined");
  assert.equal(report.results[1].ok, true, report.results[1].error);
  assert.equal(report.results[2].ok, true, report.results[2].error);
});

test('the page still responds after all that', async () => {
  assert.equal(await page.evaluate(() => 6 * 7), 42);
  const clicksBefore = Number(await page.textContent('#clicks'));
  await page.click('#count');
  await page.click('#count');
  assert.equal(await page.textContent('#clicks'), String(clicksBefore + 2));
  const report = await run(request([{ task: 't01', file: 'src/add.js', exportName: 'add', tests: [{ name: 'adds', code: 'assert.equal(add(2, 2), 4);' }] }]));
  assert.equal(report.passed, 1);
  assert.deepEqual(browser.errors, []);
});
