// The real-model path in Chromium with its software WebGPU adapter (no GPU on CI): the device probe,
// and a model load from an unreachable host failing with a clear message while the page stays usable.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch } from './helpers.mjs';

const UNREACHABLE = 'http://127.0.0.1:9/models/';
let b;

before(async () => {
  b = await launch({ webgpu: true });
  await b.page.goto(`${b.baseUrl}webgpu-test.html?n=3`);
  await b.page.waitForSelector('body[data-ready="true"]');
  await b.page.waitForSelector('[data-testid="shader-f16"]', { timeout: 20_000 });
});
after(async () => {
  await b?.close();
});

const text = (sel) => b.page.locator(sel).first().innerText();

test('the probe reports a software (fallback) adapter without shader-f16, and q4f32 is preselected', async () => {
  assert.match(await text('[data-testid="adapter"]'), /software fallback/);
  assert.equal((await text('[data-testid="shader-f16"]')).trim(), 'no');
  const codes = await b.page.locator('[data-testid="problems"] li').evaluateAll((lis) => lis.map((li) => li.dataset.code));
  assert.ok(codes.includes('software_adapter'), `problems: ${codes}`);
  assert.ok(codes.includes('no_shader_f16'), `problems: ${codes}`);
  assert.match(await b.page.getByLabel('Variant').inputValue(), /q4f32_1-MLC$/);
  const f16Disabled = await b.page.locator('select[id^="model-variant"] option[value$="q4f16_1-MLC"]').first().isDisabled();
  assert.equal(f16Disabled, true);
});

test('loading from an unreachable base URL shows the download error in plain words; the page stays usable', async () => {
  await b.page.getByLabel(/Model base URL/).fill(UNREACHABLE);
  await b.page.getByRole('button', { name: 'Apply' }).click();
  await b.page.getByRole('button', { name: /Load and test/ }).click();
  const alert = b.page.getByTestId('load-error');
  await alert.waitFor({ timeout: 60_000 });
  assert.equal(await alert.getAttribute('data-code'), 'download_failed');
  const said = await alert.innerText();
  assert.match(said, /The model could not be downloaded/);
  assert.match(said, /Check the base URL/);
  // The model worker really ran WebLLM: the load went through the worker and back.
  assert.ok(b.page.workers().some((w) => w.url().includes('model.worker')), 'model worker was started');

  // Still usable: another model changes the memory line, and its spec can be chosen.
  await b.page.getByLabel('Model', { exact: true }).selectOption('SmolLM2-360M-Instruct');
  assert.match(await text('[data-testid="fit-text"]'), /3 × 580 MB/);
  assert.equal(await b.page.getByRole('button', { name: /Load and test SmolLM2/ }).isEnabled(), true);
  await b.page.getByRole('button', { name: 'Use for the team' }).click();
  const spec = JSON.parse(await text('[data-testid="chosen-spec"]'));
  assert.deepEqual(spec, { kind: 'webllm', model: 'SmolLM2-360M-Instruct-q4f32_1-MLC', baseUrl: UNREACHABLE, contextWindow: 4096 });
  assert.deepEqual(b.errors, []);
});
