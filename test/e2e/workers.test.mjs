// A team placed in real workers: fake and simulated engines behind the AgentEngine interface,
// agents and the board talking over Comlink channels.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch } from './helpers.mjs';

let b;
before(async () => {
  b = await launch();
  await b.page.goto(`${b.baseUrl}team-test.html`);
  await b.page.waitForSelector('body[data-ready="true"]');
});
after(async () => {
  await b?.close();
});

const agentWorkers = () => b.page.workers().filter((w) => w.url().includes('agent.worker')).length;

async function waitFor(fn, want, what) {
  for (let i = 0; i < 100; i++) {
    if ((await fn()) === want) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  assert.equal(await fn(), want, what);
}

test('a 3-agent team of fake engines in workers finishes the suite', async () => {
  const res = await b.page.evaluate(() => window.teamTest.run({ n: 3, structure: 'decentralized', engine: 'fake' }));
  assert.equal(res.metrics.success, true, `run ended: ${res.metrics.stopReason}`);
  assert.equal(res.metrics.tasksDone, 20);
  assert.equal(res.metrics.n, 3);
  const types = new Set(res.events.map((e) => e.type));
  for (const t of ['step_start', 'step_end', 'claim', 'write', 'test_run', 'complete', 'run_end']) assert.ok(types.has(t), `trace has ${t}`);
  // Messages crossed peer channels and came back as deliveries.
  const sends = res.events.filter((e) => e.type === 'message_send');
  const delivered = new Set(res.events.filter((e) => e.type === 'message_deliver').map((e) => e.id));
  assert.ok(sends.length > 0, 'agents sent messages');
  assert.ok(sends.filter((s) => delivered.has(s.id)).length >= sends.length - 3, 'almost every message was delivered');
  assert.ok(sends.every((s) => /^dev\d~dev\d$/.test(s.channel)), 'decentralized messages use peer channels');
  assert.ok(res.streamed > 0, 'token deltas streamed to the page');
  assert.ok(res.liveEvents >= res.events.length, 'the trace was forwarded while the run went on');
});

test('after resizes 5 -> 2 -> 4 exactly 4 agent workers are alive', async () => {
  await b.page.evaluate(() => window.teamTest.resize(5));
  await waitFor(agentWorkers, 5, 'five agent workers');
  await b.page.evaluate(() => window.teamTest.resize(2));
  await waitFor(agentWorkers, 2, 'two agent workers');
  const live = await b.page.evaluate(() => window.teamTest.resize(4));
  assert.equal(live, 4);
  await waitFor(agentWorkers, 4, 'four agent workers');
});

test('a lost GPU device fails that agent; a decentralized team carries on', async () => {
  const res = await b.page.evaluate(() => window.teamTest.run({ n: 3, structure: 'decentralized', engine: 'fake', script: 'device-lost:2' }));
  const failed = res.events.filter((e) => e.type === 'agent_failed');
  assert.equal(failed.length, 1);
  assert.match(failed[0].error, /device/i);
  assert.equal(res.metrics.success, true);
});

test('a lost device under pre-assignment stops the run cleanly with the reason', async () => {
  const res = await b.page.evaluate(() => window.teamTest.run({ n: 3, structure: 'preassign', engine: 'fake', script: 'device-lost:2' }));
  const end = res.events.at(-1);
  assert.equal(end.type, 'run_end');
  assert.equal(end.reason, 'error');
  assert.match(end.detail, /dev1 failed/);
});

test('Stop interrupts a hanging agent and ends the run as stopped', async () => {
  const result = b.page.evaluate(() => window.teamTest.run({ n: 2, structure: 'decentralized', engine: 'fake', script: 'hang' }));
  await new Promise((r) => setTimeout(r, 1500));
  await b.page.evaluate(() => window.teamTest.stop());
  const res = await result;
  assert.equal(res.events.at(-1).reason, 'stopped');
  // The page still answers.
  await b.page.click('#count');
  assert.equal(await b.page.textContent('#clicks'), '1');
});

test('the same simulated team in workers agrees with the in-thread virtual run', async () => {
  const [worker, virtual] = await b.page.evaluate(async () => {
    const w = await window.teamTest.run({ n: 3, structure: 'preassign', engine: 'sim', seed: 4, timeScale: 20 });
    const v = await window.teamTest.virtual({ n: 3, structure: 'preassign', seed: 4 });
    return [w.metrics, v];
  });
  assert.equal(worker.success, true);
  assert.equal(virtual.success, true);
  assert.equal(worker.tasksDone, virtual.tasksDone);
  // Each agent's engine draws the same seeded numbers in both placements and pre-assignment
  // fixes who does what, so the runs differ only by reordering jitter within a round.
  assert.ok(Math.abs(worker.rounds - virtual.rounds) <= 1, `rounds ${worker.rounds} vs ${virtual.rounds}`);
  assert.ok(Math.abs(worker.replies - virtual.replies) <= 3, `replies ${worker.replies} vs ${virtual.replies}`);
  assert.ok(Math.abs(worker.testFailures - virtual.testFailures) <= 2, `test failures ${worker.testFailures} vs ${virtual.testFailures}`);
});
