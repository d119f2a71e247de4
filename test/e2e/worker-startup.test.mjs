// Every worker answers the first message it is sent, even one posted the instant it is created:
// its handler is attached while its module is first evaluated, not after an await.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch } from './helpers.mjs';

let b;
before(async () => {
  b = await launch();
  await b.page.goto(`${b.baseUrl}workers-test.html`);
  await b.page.waitForSelector('body[data-ready="true"]');
});
after(async () => {
  await b?.close();
});

test('agent, model, board, sweep and sandbox workers each answer their first message', async () => {
  const answers = await b.page.evaluate(() => window.workersTest.firstAnswers());
  for (const [name, a] of Object.entries(answers)) assert.equal(a.ok, true, `${name}: ${a.error}`);
  assert.equal(answers.agent.value, 'pong');
  assert.deepEqual(answers.model.value, {});
  assert.equal(answers.board.value, 'undefined');
  assert.equal(answers.sweep.value, 'undefined');
  assert.equal(answers.sandbox.value, 1, `the sandbox ran the one test: ${answers.sandbox.value}`);
  assert.deepEqual(b.errors, []);
});
