// Guidance without a usable GPU, in Chromium: no adapter at all (the default headless launch:
// navigator.gpu exists, requestAdapter gives null), WebGPU turned off (navigator.gpu hidden), and
// only a software adapter (--enable-unsafe-webgpu gives SwiftShader).
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch } from './helpers.mjs';

const open = [];
after(async () => {
  for (const b of open) await b.close();
});

async function start(opts = {}, { hideGpu = false } = {}) {
  const b = await launch(opts);
  open.push(b);
  // WebGPU off: the page and every worker see no navigator.gpu, as with the feature disabled.
  if (hideGpu) await b.context.addInitScript(() => delete Object.getPrototypeOf(navigator).gpu);
  return b;
}

/** The main page with WebLLM chosen, n = 3. */
async function mainPage(b) {
  await b.page.goto(new URL('#n=3&engine=webllm', b.baseUrl).href);
  const verdict = b.page.getByTestId('gpu-verdict');
  await verdict.waitFor({ timeout: 60_000 });
  return verdict;
}

async function checkNoGpu(b, label) {
  const verdict = await mainPage(b);
  assert.equal(await verdict.getAttribute('data-kind'), 'none', label);
  assert.match(await verdict.innerText(), /No usable GPU/, label);
  // Run with WebLLM is disabled and says why.
  assert.match(await b.page.getByTestId('run-blocked').innerText(), /Run with WebLLM is disabled: no usable GPU/, label);
  const run = b.page.getByRole('button', { name: 'Run', exact: true });
  assert.equal(await run.isDisabled(), true, `${label}: Run is disabled`);
  await b.page.keyboard.press('Escape');
  await b.page.locator('body').press('r');
  assert.equal(await b.page.locator('.status').getAttribute('data-phase'), 'idle', `${label}: the r shortcut does not start a run either`);

  // The verdict sits above the views, not down the sidebar.
  const vBox = await verdict.boundingBox();
  const viewsBox = await b.page.locator('.views').boundingBox();
  assert.ok(vBox && viewsBox && vBox.y + vBox.height <= viewsBox.y + 1, `${label}: verdict above the views`);
  assert.ok(vBox.y < 400, `${label}: verdict near the top (y = ${vBox.y})`);

  // The model panel agrees with itself and fits its column.
  const panel = b.page.locator('.model-panel');
  await panel.getByTestId('problems').waitFor({ timeout: 60_000 });
  const webgpu = await panel.getByTestId('webgpu').innerText();
  assert.doesNotMatch(webgpu, /available/, `${label}: WebGPU row says ${webgpu}`);
  assert.match(await panel.getByTestId('problems').innerText(), /Problem: No usable GPU/);
  assert.match(await panel.getByTestId('fit-text').innerText(), /Run with WebLLM stays disabled/);
  const fit = await b.page.locator('aside.side').evaluate((side) => {
    const p = side.querySelector('.model-panel');
    return { side: side.clientWidth, panel: p.scrollWidth, panelBox: p.getBoundingClientRect().width };
  });
  assert.ok(fit.panel <= fit.side, `${label}: model panel content ${fit.panel}px fits the ${fit.side}px column`);

  // Run simulated instead: switches the engine and runs.
  await b.page.getByTestId('run-simulated').click();
  await b.page.waitForFunction(() => ['running', 'done'].includes(document.querySelector('.status')?.dataset.phase ?? ''), null, { timeout: 60_000 });
  assert.match(b.page.url(), /engine=workers/);
  assert.equal(await b.page.getByTestId('gpu-verdict').count(), 0, 'the verdict goes away with WebLLM');
  assert.deepEqual(b.errors, [], `${label}: no page errors`);
}

test('no GPU adapter: verdict above the views, Run with WebLLM disabled with the reason, Run simulated instead works', async () => {
  await checkNoGpu(await start(), 'no adapter');
});

test('WebGPU turned off: the same verdict; Load says "No usable GPU", never "could not be downloaded"', async () => {
  const b = await start({}, { hideGpu: true });
  await checkNoGpu(b, 'WebGPU off');
  // The model worker checks for a GPU before WebLLM fetches anything.
  await b.page.goto(`${b.baseUrl}webgpu-test.html?n=3&base=${encodeURIComponent('http://127.0.0.1:9/models/')}`);
  await b.page.waitForSelector('body[data-ready="true"]');
  await b.page.getByTestId('load-blocked').waitFor({ timeout: 60_000 });
  assert.equal((await b.page.getByTestId('webgpu').innerText()).trim(), 'missing or turned off');
  await b.page.getByRole('button', { name: /Load and test/ }).click();
  const alert = b.page.getByTestId('load-error');
  await alert.waitFor({ timeout: 60_000 });
  assert.equal(await alert.getAttribute('data-code'), 'no_webgpu');
  const said = await alert.innerText();
  assert.match(said, /No usable GPU/);
  assert.doesNotMatch(said, /could not be downloaded|base URL/);
});

test('software adapter only: warned before loading (minutes per step, over 10 minutes of shader compiling); Run stays possible', async () => {
  const b = await start({ webgpu: true });
  const verdict = await mainPage(b);
  assert.equal(await verdict.getAttribute('data-kind'), 'software');
  const said = await verdict.innerText();
  assert.match(said, /software GPU/);
  assert.match(said, /minutes per step/);
  assert.match(said, /more than 10 minutes/);
  assert.equal(await b.page.getByTestId('run-blocked').count(), 0);
  assert.equal(await b.page.getByRole('button', { name: 'Run', exact: true }).isDisabled(), false);
  assert.equal(await b.page.getByTestId('run-simulated').count(), 1, 'no hardware adapter: simulated offered');
  const warning = b.page.locator('.model-panel').getByTestId('software-warning');
  await warning.waitFor({ timeout: 60_000 });
  assert.match(await warning.innerText(), /Before you load.*minutes per step/s);
  assert.equal((await b.page.locator('.model-panel').getByTestId('webgpu').innerText()).trim(), 'software adapter only');
  assert.deepEqual(b.errors, []);
});

test('the engine code failing to arrive (dynamic import) is reported as that, not as a model download failure', async () => {
  const b = await start({ webgpu: true });
  await b.context.route(/createWebLLMEngine-[^/]*\.js$/, (r) => r.abort());
  await b.page.goto(`${b.baseUrl}webgpu-test.html?n=1`);
  await b.page.waitForSelector('body[data-ready="true"]');
  await b.page.getByRole('button', { name: /Load and test/ }).click();
  const alert = b.page.getByTestId('load-error');
  await alert.waitFor({ timeout: 60_000 });
  assert.equal(await alert.getAttribute('data-code'), 'code_load_failed');
  const said = await alert.innerText();
  assert.match(said, /Part of the page could not be loaded/);
  assert.match(said, /Reload the page/);
  assert.doesNotMatch(said, /could not be downloaded|base URL/);
});
