// Workers that die without a word (issue 11): an agent or board worker ended from outside fires
// no `error` event, so only the heartbeat can tell. The run must not stay "running" forever.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch } from './helpers.mjs';

let b;
before(async () => {
  b = await launch();
  await b.page.goto(`${b.baseUrl}liveness-test.html`);
  await b.page.waitForSelector('body[data-ready="true"]');
});
after(async () => {
  await b?.close();
});

test('an agent worker that goes silent mid-run is declared failed; a decentralized team finishes without it', { timeout: 120000 }, async () => {
  const res = await b.page.evaluate(() => window.livenessTest.teamRun({ n: 3, structure: 'decentralized', kill: 'agent dev2', afterEvents: 40 }));
  const failed = res.events.filter((e) => e.type === 'agent_failed');
  assert.equal(failed.length, 1, `one agent failed: ${JSON.stringify(failed)}`);
  assert.equal(failed[0].agent, 'dev2');
  assert.match(failed[0].error, /stopped answering \(no heartbeat/);
  assert.equal(res.crashes.length, 1);
  assert.match(res.crashes[0], /^dev2: stopped answering/);
  const end = res.events.at(-1);
  assert.equal(end.type, 'run_end');
  assert.equal(end.reason, 'done', `the others finished: ${end.reason} ${end.detail ?? ''}`);
  // dev2 took no step after it was declared failed.
  const failedAt = failed[0].t;
  assert.ok(!res.events.some((e) => e.type === 'step_start' && e.agent === 'dev2' && e.t > failedAt));
});

test('under pre-assignment the lost agent stops the run cleanly, with the reason', { timeout: 120000 }, async () => {
  const res = await b.page.evaluate(() => window.livenessTest.teamRun({ n: 2, structure: 'preassign', kill: 'agent dev1', afterEvents: 30 }));
  const end = res.events.at(-1);
  assert.equal(end.type, 'run_end');
  assert.equal(end.reason, 'error');
  assert.match(end.detail, /dev1 failed: .*stopped answering/);
});

test('a board worker that dies mid-run ends the run with a notice and a run_end saying why', { timeout: 120000 }, async () => {
  const res = await b.page.evaluate(() => window.livenessTest.teamRun({ n: 3, structure: 'decentralized', kill: 'board', afterEvents: 40 }));
  const end = res.events.at(-1);
  assert.equal(end.type, 'run_end');
  assert.equal(end.reason, 'error');
  assert.match(end.detail, /the board worker stopped answering \(no heartbeat/);
  assert.ok(res.events.some((e) => e.type === 'notice' && /The run was ended/.test(e.text)));
  assert.equal(res.boardLost.length, 1);
  // Times stay in order: the closing events are stamped at the last event's time.
  for (let i = 1; i < res.events.length; i++) assert.ok(res.events[i].t >= res.events[i - 1].t, `event ${i} in time order`);
});

test("the page's run controller shows a readable message and leaves the running phase when the board dies", { timeout: 180000 }, async () => {
  const res = await b.page.evaluate(() => window.livenessTest.controllerRun(30));
  assert.equal(res.phase, 'done', `phase ${res.phase}`);
  assert.equal(res.end?.type, 'run_end');
  assert.equal(res.end?.reason, 'error');
  assert.ok(res.notices.some((n) => /The run was ended: the board worker/.test(n)), res.notices.join(' | '));
  // The page still answers.
  await b.page.click('#count');
  assert.equal(await b.page.textContent('#clicks'), '1');
});
