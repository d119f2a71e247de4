// Faults in a team placed in real workers (issue 13): a crash fault terminates the agent's worker,
// a partition cuts an agent off, a Byzantine agent is caught by the board's verification, and the
// same schedule gives the same faults and detections in workers as on the virtual clock.
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
const ofType = (events, type) => events.filter((e) => e.type === type);

async function waitFor(fn, want, what) {
  for (let i = 0; i < 100; i++) {
    if ((await fn()) === want) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  assert.equal(await fn(), want, what);
}

test('a crash fault really terminates the agent worker; heartbeats detect it and its tasks move on', async () => {
  await b.page.evaluate(() => window.teamTest.resize(3));
  await waitFor(agentWorkers, 3, 'three agent workers before the run');
  const res = await b.page.evaluate(() =>
    window.teamTest.run({ n: 3, structure: 'preassign', engine: 'sim', timeScale: 20, faults: 'crash:dev2@6s', recovery: 'heartbeats,reassign,timeout=10s' }),
  );
  const crash = ofType(res.events, 'fault').find((f) => f.fault === 'crash');
  assert.ok(crash, 'the trace has the crash');
  assert.deepEqual(crash.agents, ['dev2']);
  assert.deepEqual(await b.page.evaluate(() => window.teamTest.terminated()), ['dev2']);
  // The worker is gone from the browser, not just ignored.
  await waitFor(agentWorkers, 2, 'two agent workers after the crash');
  assert.ok(!ofType(res.events, 'step_start').some((s) => s.agent === 'dev2' && s.t > crash.t), 'dev2 never steps again');
  const suspect = ofType(res.events, 'suspect').find((s) => s.agent === 'dev2');
  assert.ok(suspect && suspect.t > crash.t, 'the board suspected dev2 after the crash');
  const moved = ofType(res.events, 'reassign');
  assert.ok(moved.length > 0 && moved.every((r) => r.from === 'dev2' && r.to && r.to !== 'dev2'), 'its tasks went to live workers');
  assert.equal(res.metrics.success, true, `run ended: ${res.metrics.stopReason}`);
});

test('a partition cuts an agent off from its peers and the board, then heals', async () => {
  const res = await b.page.evaluate(() =>
    window.teamTest.run({ n: 3, structure: 'decentralized', engine: 'sim', timeScale: 20, faults: 'partition:dev1@2s,for=20s,from=all', recovery: 'heartbeats,reassign,timeout=10s' }),
  );
  const [start, end] = ofType(res.events, 'fault');
  assert.equal(start.fault, 'partition');
  assert.equal(end.phase, 'end');
  // Nothing dev1 said during the partition reached the board; no message crossed the cut.
  const lost = ofType(res.events, 'reply_lost');
  assert.ok(lost.every((l) => l.agent === 'dev1' && l.t >= start.t && l.t < end.t));
  const delivered = new Set(ofType(res.events, 'message_deliver').map((d) => d.id));
  for (const m of ofType(res.events, 'message_send')) {
    const crosses = (m.from === 'dev1') !== (m.to === 'dev1');
    if (crosses && m.t >= start.t && m.t < end.t) assert.ok(!delivered.has(m.id), `message ${m.id} crossed the partition`);
  }
  assert.ok(ofType(res.events, 'suspect').some((s) => s.agent === 'dev1'), 'dev1 was suspected');
  assert.ok(ofType(res.events, 'unsuspect').some((s) => s.agent === 'dev1' && s.t >= end.t), 'and heard again after the partition healed');
  assert.equal(res.metrics.success, true, `run ended: ${res.metrics.stopReason}`);
});

test('a Byzantine agent marking tasks done untested is caught by verification', async () => {
  const res = await b.page.evaluate(() =>
    window.teamTest.run({ n: 3, structure: 'decentralized', engine: 'sim', timeScale: 20, faults: 'byzantine:dev2,mode=done', recovery: 'verify' }),
  );
  const refused = ofType(res.events, 'verify').filter((v) => !v.ok);
  assert.ok(refused.filter((v) => v.agent === 'dev2').length >= 3, 'the board refused the liar\'s completions');
  assert.ok(ofType(res.events, 'suspect').some((s) => s.agent === 'dev2' && s.reason === 'verification'), 'and stopped trusting it');
  assert.ok(ofType(res.events, 'complete').every((c) => !c.ok || c.agent !== 'dev2'), 'dev2 completed nothing');
  const audit = ofType(res.events, 'audit').at(-1);
  assert.ok(audit.completions.length > 0 && audit.completions.every((c) => c.ok), 'no wrong completion was accepted');
});

test('the same schedule gives the same faults and detections in workers as on the virtual clock', async () => {
  const o = { n: 3, structure: 'preassign', faults: 'crash:dev3@7s;stall:dev1@3s,for=15s', recovery: 'heartbeats,reassign,timeout=10s' };
  const virtual = await b.page.evaluate((x) => window.teamTest.virtualEvents(x), o);
  const real = await b.page.evaluate((x) => window.teamTest.run({ ...x, engine: 'sim', timeScale: 20 }), o);
  const shape = (events) =>
    events.filter((e) => ['fault', 'suspect', 'unsuspect'].includes(e.type)).map((e) => `${e.type}:${e.fault ?? ''}:${e.phase ?? ''}:${e.agents?.join('+') ?? e.agent}@${e.t}`);
  // Faults and detections are scheduled by the fault seed, so they match to the millisecond;
  // the steps between them follow real workers' timing (jitter) and are not compared.
  assert.deepEqual(shape(real.events), shape(virtual));
  assert.equal(real.metrics.success, virtual.at(-1).success);
  console.log(`# wall time: virtual ${virtual.at(-1).t} ms, workers ${real.events.at(-1).t} ms (clock ms)`);
});

test('a shared scenario link sets up the Faults panel, and the run on the page carries the faults', { timeout: 120000 }, async () => {
  const page = await b.context.newPage();
  try {
    const hash = `#family=math&p=0.9&n=4&structure=preassign&mode=sync&engine=sim&seed=1&faults=${encodeURIComponent('crash:dev2@15s')}&recovery=${encodeURIComponent('heartbeats,reassign')}`;
    await page.goto(new URL(hash, b.baseUrl).href);
    await page.waitForSelector('body[data-ready="true"]');
    const panel = page.getByTestId('faults-panel');
    assert.equal(await panel.locator('input[name="faults"]').inputValue(), 'crash:dev2@15s');
    assert.equal(await panel.locator('select[name="faultScenario"]').inputValue(), 'crash-detected');
    assert.match(await page.getByTestId('fault-lesson').textContent(), /suspects dev2/);
    assert.equal(await panel.locator('input[name="recovery-heartbeats"]').isChecked(), true);
    assert.equal(await panel.locator('input[name="recovery-verify"]').isChecked(), false);
    // A bad schedule typed in is refused with the reason, and the link keeps the good one.
    await panel.locator('input[name="faults"]').fill('crash:dev2');
    await panel.locator('input[name="faults"]').press('Enter');
    await panel.getByRole('alert').waitFor();
    assert.match(await panel.getByRole('alert').textContent(), /needs a moment/);
    assert.match(decodeURIComponent(page.url()), /faults=crash:dev2@15s/);
    await panel.locator('input[name="faults"]').fill('crash:dev2@15s');
    await panel.locator('input[name="faults"]').press('Enter');

    await page.getByRole('button', { name: 'Run', exact: true }).click();
    await page.selectOption('select[name="speed"]', 'instant');
    await page.waitForFunction(() => window.__ltp.state().phase === 'done', null, { timeout: 90000 });
    const events = await page.evaluate(() => window.__ltp.events());
    assert.equal(events[0].config.extra.faults, 'crash:dev2@15s');
    assert.ok(events.some((e) => e.type === 'fault' && e.fault === 'crash'), 'the crash is in the trace');
    assert.ok(events.some((e) => e.type === 'suspect' && e.agent === 'dev2'), 'and its detection');
    assert.equal(events.at(-1).success, true);
    // Drawn where it happened: dev2 struck through on the team graph, the crash on the timeline.
    await page.locator('[data-struck="dev2"]').first().waitFor({ timeout: 10000 });
    assert.ok((await page.locator('.fault-mark[data-kind="fault"]').count()) >= 1, 'the timeline marks the crash');
    assert.ok((await page.locator('.fault-mark[data-kind="suspect"]').count()) >= 1, 'and its detection');
    // The metrics say what it cost: the detection delay is the 20 s timeout (in the run's units).
    const summary = page.getByTestId('fault-summary').first();
    await summary.waitFor({ timeout: 10000 });
    assert.match(await summary.locator('[data-key="detect"] .value').textContent(), /^20(\.0)? ?s$/);
  } finally {
    await page.close();
  }
});

test('sweeping a fault parameter on the page charts its effect', { timeout: 180000 }, async () => {
  const page = await b.context.newPage();
  try {
    await page.goto(new URL('#family=math&p=0.9&n=3&structure=preassign&mode=sync&engine=sim&seed=1&seeds=1&recovery=heartbeats%2Creassign', b.baseUrl).href);
    await page.waitForSelector('body[data-ready="true"]');
    const sweep = page.getByTestId('fault-sweep');
    await sweep.locator('summary').click();
    await sweep.locator('input[name="faultSweepTemplate"]').fill('crash:dev2@{x}s');
    await sweep.locator('input[name="faultSweepValues"]').fill('5,600');
    await sweep.getByRole('button', { name: 'Sweep', exact: true }).click();
    const table = page.getByTestId('fault-sweep-table');
    await table.waitFor({ timeout: 150000 });
    assert.equal(await table.locator('tbody tr').count(), 2);
    // A crash at 5 s is detected; one at 10 minutes comes after the run is over.
    assert.notEqual(await table.locator('tr[data-x="5"] td').nth(3).textContent(), '–');
    assert.equal(await table.locator('tr[data-x="600"] td').nth(3).textContent(), '–');
    await sweep.locator('svg').first().waitFor({ timeout: 20000 });
    // A bad template is refused with the reason, not run.
    await sweep.locator('input[name="faultSweepTemplate"]').fill('crash:dev2@10s');
    await sweep.getByRole('button', { name: 'Sweep', exact: true }).click();
    assert.match(await sweep.getByRole('alert').textContent(), /no \{x\}/);
  } finally {
    await page.close();
  }
});

test('a crash-and-restart in workers: the worker is terminated, a fresh one starts at the restart, and the agent goes on with its memory lost', async () => {
  const o = { n: 3, structure: 'decentralized', faults: 'crash:dev3@4s,restart=5s', recovery: 'heartbeats,reassign,heartbeat=1s,timeout=3s' };
  // Workers for this team and engine before the run, so the run itself creates none but the restart's.
  await b.page.evaluate(() => window.teamTest.resize(3));
  await waitFor(agentWorkers, 3, 'three agent workers before the run');
  const named = async (name) => {
    for (const w of b.page.workers()) if (w.url().includes('agent.worker') && (await w.evaluate(() => self.name).catch(() => '')) === name) return w;
    return undefined;
  };
  const oldDev3 = await named('agent dev3');
  assert.ok(oldDev3, "dev3's worker before the run");
  let oldClosed = false;
  oldDev3.on('close', () => (oldClosed = true));
  const created = [];
  const onWorker = (w) => {
    if (w.url().includes('agent.worker')) created.push(w);
  };
  b.page.on('worker', onWorker);
  const serialsBefore = await b.page.evaluate(() => window.teamTest.serials());
  const spawnedBefore = await b.page.evaluate(() => window.teamTest.spawned());
  const restartedBefore = (await b.page.evaluate(() => window.teamTest.restarted())).length;
  let res;
  try {
    res = await b.page.evaluate((x) => window.teamTest.run({ ...x, engine: 'sim', timeScale: 20 }), o);
  } finally {
    b.page.off('worker', onWorker);
  }
  // The browser saw dev3's worker close and exactly one new agent worker created: dev3's.
  await waitFor(async () => oldClosed, true, "dev3's old worker was terminated");
  assert.equal(created.length, 1, 'one agent worker created during the run');
  assert.equal(await created[0].evaluate(() => self.name), 'agent dev3');
  assert.equal((await b.page.evaluate(() => window.teamTest.spawned())) - spawnedBefore, 1);
  const serialsAfter = await b.page.evaluate(() => window.teamTest.serials());
  assert.equal(serialsAfter.dev1, serialsBefore.dev1, 'dev1 kept its worker');
  assert.equal(serialsAfter.dev2, serialsBefore.dev2, 'dev2 kept its worker');
  assert.ok(serialsAfter.dev3 > serialsBefore.dev3, 'dev3 runs in a new worker');
  assert.deepEqual((await b.page.evaluate(() => window.teamTest.restarted())).slice(restartedBefore), ['dev3']);
  assert.ok(!ofType(res.events, 'notice').some((n) => /cannot restart/.test(n.text)), 'no "cannot restart" notice');

  // The trace records the crash and the restart where the schedule puts them.
  const [crash, restart] = ofType(res.events, 'fault').filter((f) => f.fault === 'crash');
  assert.deepEqual([crash.phase, crash.t, restart.phase, restart.t], ['start', 4000, 'end', 9000]);
  assert.match(restart.text, /dev3 restarted, its memory lost/);
  assert.ok(ofType(res.events, 'agent_state').some((e) => e.agent === 'dev3' && e.t === 9000 && e.state !== 'failed'), 'dev3 is up again at the restart');
  // It goes on acting, and its first prompt after the restart remembers none of its earlier steps.
  const dev3Steps = ofType(res.events, 'step_start').filter((s) => s.agent === 'dev3');
  const before = dev3Steps.filter((s) => s.t < crash.t);
  const after = dev3Steps.filter((s) => s.t >= restart.t);
  assert.ok(before.some((s) => s.prompt.includes('## Your recent steps')), 'before the crash dev3 remembered its steps');
  assert.ok(after.length > 0, 'dev3 steps again after the restart');
  assert.ok(!after[0].prompt.includes('## Your recent steps'), 'and its first prompt after the restart has no memory of earlier steps');
  assert.ok(ofType(res.events, 'step_end').some((s) => s.agent === 'dev3' && s.t > restart.t && s.actions.length > 0), 'dev3 acts after the restart');
  assert.notEqual(res.events.at(-1).reason, 'error', `run ended: ${res.events.at(-1).detail}`);

  // The same schedule on the virtual clock: the same faults, suspicion and recovery, to the ms.
  const virtual = await b.page.evaluate((x) => window.teamTest.virtualEvents(x), o);
  const shape = (events) =>
    events.filter((e) => ['fault', 'suspect', 'unsuspect'].includes(e.type)).map((e) => `${e.type}:${e.fault ?? ''}:${e.phase ?? ''}:${e.agents?.join('+') ?? e.agent}@${e.t}`);
  assert.deepEqual(shape(res.events), shape(virtual));
  assert.ok(shape(virtual).some((x) => x.startsWith('suspect:') && x.includes('dev3')) && shape(virtual).some((x) => x.startsWith('unsuspect:') && x.includes('dev3')), 'dev3 suspected while down and heard again after the restart');
  const firstAfter = (events) => events.find((e) => e.type === 'step_start' && e.agent === 'dev3' && e.t >= restart.t)?.t;
  assert.ok(firstAfter(virtual) !== undefined, 'on the virtual clock dev3 steps again too');
  console.log(`# dev3's first step after the restart: virtual ${firstAfter(virtual)} ms, workers ${firstAfter(res.events)} ms (clock ms)`);
});

test('a crash-and-restart with one shared engine: no worker is terminated, the persona forgets and steps again', async () => {
  const res = await b.page.evaluate(() =>
    window.teamTest.run({ n: 3, structure: 'decentralized', engine: 'sim', timeScale: 50, shared: true, faults: 'crash:dev3@4s,restart=5s', recovery: 'leases' }),
  );
  const restart = ofType(res.events, 'fault').find((f) => f.fault === 'crash' && f.phase === 'end');
  assert.equal(restart?.t, 9000);
  await waitFor(agentWorkers, 1, 'the one shared worker is still there');
  const after = ofType(res.events, 'step_start').filter((s) => s.agent === 'dev3' && s.t >= restart.t);
  assert.ok(after.length > 0, 'dev3 steps again');
  assert.ok(!after[0].prompt.includes('## Your recent steps'), 'with no memory of its earlier steps');
  assert.ok(!ofType(res.events, 'notice').some((n) => /cannot restart/.test(n.text)));
  assert.notEqual(res.events.at(-1).reason, 'error', `run ended: ${res.events.at(-1).detail}`);
});

test('a crashed leader in workers: with failover the first live worker takes over and the team finishes, as on the virtual clock', async () => {
  const opts = { n: 3, structure: 'leader', faults: 'crash:lead@6s', recovery: 'heartbeats,reassign,failover,timeout=10s' };
  const res = await b.page.evaluate((o) => window.teamTest.run({ ...o, engine: 'sim', timeScale: 20 }), opts);
  const crash = ofType(res.events, 'fault').find((f) => f.fault === 'crash');
  assert.deepEqual(crash?.agents, ['lead']);
  assert.ok((await b.page.evaluate(() => window.teamTest.terminated())).includes('lead'), "the leader's worker was terminated");
  assert.ok(!ofType(res.events, 'step_start').some((s) => s.agent === 'lead' && s.t > crash.t), 'the old leader never steps again');
  const elected = ofType(res.events, 'leader_elected');
  assert.equal(elected.length, 1, 'one election');
  assert.equal(elected[0].leader, 'dev1');
  assert.equal(elected[0].previous, 'lead');
  assert.ok(elected[0].t > crash.t);
  assert.equal(res.metrics.success, true, `run ended: ${res.metrics.stopReason}`);
  // The same schedule on the virtual clock elects the same leader at the same moment.
  const virtual = await b.page.evaluate((o) => window.teamTest.virtualEvents(o), opts);
  const vElected = ofType(virtual, 'leader_elected');
  assert.deepEqual(
    vElected.map((e) => [e.leader, e.previous, e.t]),
    elected.map((e) => [e.leader, e.previous, e.t]),
  );
});
