// Endpoint agents against a real inference engine: llama.cpp (node-llama-cpp's prebuilt build)
// serving a tiny random-weight model written at test time, behind an OpenAI-compatible HTTP
// layer on 127.0.0.1. A team of two endpoint agents runs in real agent workers in Chromium, and
// the command-line `npm run team` runs against the same server.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launch } from './helpers.mjs';
import { writeTinyModel } from '../fixtures/llama/tinyModel.mjs';
import { startLlamaServer } from '../fixtures/llama/openaiServer.mjs';

const KEY = 'sk-test-key-never-stored';
const ACTION_TYPES = ['claim', 'write', 'run_tests', 'complete', 'message', 'assign', 'wait'];
let b;
let server;
let dir;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ltp-llama-'));
  server = await startLlamaServer({ modelPath: writeTinyModel(join(dir, 'tiny.gguf')), modelName: 'tiny', contextSize: 16384, apiKey: KEY });
  b = await launch();
  await b.page.goto(`${b.baseUrl}team-test.html`);
  await b.page.waitForSelector('body[data-ready="true"]');
});
after(async () => {
  await b?.close();
  await server?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function until(what, fn, tries = 600) {
  for (let i = 0; i < tries; i++) {
    const v = await fn();
    if (v) return v;
    await new Promise((r) => setTimeout(r, 100));
  }
  assert.fail(`timed out waiting for ${what}`);
}

test('two endpoint agents in workers each complete a step with schema-valid actions and usage; Stop ends the run and the generation', async () => {
  await b.page.evaluate(({ baseUrl, key }) => {
    window.__endpointRun = window.teamTest.run({ n: 2, structure: 'decentralized', engine: 'endpoint', endpoint: { baseUrl, model: 'tiny', apiKey: key }, maxRounds: 50 });
    window.__endpointRun.catch((e) => (window.__endpointError = String(e)));
  }, { baseUrl: server.baseUrl, key: KEY });

  const stepsOf = async () => (await b.page.evaluate(() => window.teamTest.liveTrace())).filter((e) => e.type === 'step_end');
  const steps = await until('a step from each agent', async () => {
    const s = await stepsOf();
    return ['dev1', 'dev2'].every((a) => s.some((e) => e.agent === a)) ? s : null;
  });
  const trace = await b.page.evaluate(() => window.teamTest.liveTrace());
  const start = trace.find((e) => e.type === 'run_start');
  assert.deepEqual(start.agents.map((a) => a.model), ['tiny', 'tiny'], 'the trace names the endpoint model per agent');
  for (const agent of ['dev1', 'dev2']) {
    const first = steps.find((e) => e.agent === agent);
    const reply = JSON.parse(first.text);
    assert.ok(Array.isArray(reply.actions) && reply.actions.length > 0, `${agent} replied with an action list: ${first.text}`);
    for (const a of reply.actions) assert.ok(ACTION_TYPES.includes(a.type), `${agent}: known action type ${a.type}`);
    assert.ok(first.actions.length > 0, `${agent}: the agent's validator accepted the actions`);
    assert.ok(!trace.some((e) => e.type === 'protocol_error' && e.agent === agent && e.step === first.step), `${agent}: no protocol error`);
    assert.ok(first.usage.promptTokens > 100 && first.usage.completionTokens > 0, `${agent}: usage recorded ${JSON.stringify(first.usage)}`);
    assert.ok(first.timings.totalMs > 0, `${agent}: timing recorded`);
  }
  assert.ok(server.stats.schemas >= 2, 'requests carried the JSON schema as response_format');

  // Stop while a generation is in flight: the connection is closed and the server stops decoding.
  await until('a generation in flight', () => server.stats.inFlight > 0);
  const abortedBefore = server.stats.aborted;
  await b.page.evaluate(() => window.teamTest.stop());
  const res = await b.page.evaluate(() => window.__endpointRun);
  assert.equal(res.metrics.stopReason, 'stopped');
  await until('the server to see the request aborted', () => server.stats.aborted > abortedBefore || server.stats.inFlight === 0);
  assert.ok(server.stats.aborted > abortedBefore, 'the in-flight request was aborted by Stop');
  const requests = server.stats.requests;
  await new Promise((r) => setTimeout(r, 1000));
  assert.equal(server.stats.requests, requests, 'no request after Stop');
  assert.equal(await b.page.evaluate(() => window.__endpointError ?? null), null);
});

test('npm run team runs the paper experiment against the endpoint and prints the metrics as JSON', async () => {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/team.ts', '--base-url', server.baseUrl, '--model', 'tiny', '--n', '1-2', '--max-rounds', '2', '--max-tokens', '256', '--json', '--runs', '--quiet'], {
    env: { ...process.env, LLM_TEAM_API_KEY: KEY },
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (err += d));
  const code = await new Promise((ok) => child.on('exit', ok));
  assert.equal(code, 0, err);
  assert.ok(!out.includes(KEY) && !err.includes(KEY), 'the key is never printed');
  const { table, runs } = JSON.parse(out);
  assert.deepEqual(table.map((r) => r.n), [1, 2]);
  assert.equal(runs.length, 2);
  for (const r of runs) {
    assert.equal(r.engine, 'endpoint:tiny');
    assert.equal(r.rounds, 2);
    assert.ok(r.replies >= r.n * 2 && r.tokensOut > 0, `replies ${r.replies}, tokens out ${r.tokensOut}`);
  }
});

test('the page: a mixed team (dev1 on the endpoint, dev2 simulated) from a link, the key typed in the panel and kept out of the link, the trace and the saved runs', { timeout: 180000 }, async () => {
  const page = await b.context.newPage();
  const link = `${b.baseUrl}#engine=endpoint&api=${encodeURIComponent(server.baseUrl)}&apimodel=tiny&apin=1&n=2&structure=decentralized`;
  await page.goto(link);
  const panel = page.locator('.endpoint-panel');
  await panel.waitFor();
  await panel.locator('input[name="endpointKey"]').fill(KEY);
  await panel.getByRole('button', { name: 'Use key' }).click();
  await panel.getByRole('button', { name: 'Check connection' }).click();
  await panel.getByText('The server answered: 1 model.').waitFor();
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  const events = await until('a step from the endpoint agent and the simulated one', async () => {
    const ev = await page.evaluate(() => window.__ltp.events());
    const agents = new Set(ev.filter((e) => e.type === 'step_end').map((e) => e.agent));
    return agents.has('dev1') && agents.has('dev2') ? ev : null;
  });
  const start = events.find((e) => e.type === 'run_start');
  assert.equal(start.agents.find((a) => a.id === 'dev1').model, 'tiny');
  assert.match(start.agents.find((a) => a.id === 'dev2').model, /^sim:/);
  assert.match(start.config.engine, /^mixed:1xtiny\+sim:/);
  const dev1 = events.find((e) => e.type === 'step_end' && e.agent === 'dev1');
  assert.ok(dev1.actions.length > 0 && dev1.usage.completionTokens > 0, 'the endpoint agent answered with accepted actions (the server checked the key)');
  await page.locator('.team-graph .agent[data-agent="dev1"] .model').filter({ hasText: 'tiny' }).waitFor();
  await page.getByRole('button', { name: 'Stop', exact: true }).click();
  await until('the run to stop', async () => (await page.evaluate(() => window.__ltp.events())).some((e) => e.type === 'run_end'));
  await until('the run to be saved', async () => (await page.evaluate(() => window.__ltp.state().saved?.runs ?? 0)) >= 1);
  const leaks = await page.evaluate(async (key) => {
    const found = [];
    if (location.href.includes(key)) found.push('the URL');
    for (let i = 0; i < localStorage.length; i++) if ((localStorage.getItem(localStorage.key(i)) ?? '').includes(key)) found.push('localStorage');
    if (JSON.stringify(window.__ltp.events()).includes(key)) found.push('the trace');
    for (const { name } of await indexedDB.databases()) {
      const db = await new Promise((ok, fail) => {
        const r = indexedDB.open(name);
        r.onsuccess = () => ok(r.result);
        r.onerror = () => fail(r.error);
      });
      for (const store of db.objectStoreNames) {
        const all = await new Promise((ok) => {
          const r = db.transaction(store).objectStore(store).getAll();
          r.onsuccess = () => ok(r.result);
        });
        if (JSON.stringify(all).includes(key)) found.push(`IndexedDB ${name}/${store}`);
      }
      db.close();
    }
    return found;
  }, KEY);
  assert.deepEqual(leaks, [], 'the key is nowhere but in memory');
  await page.close();
});
