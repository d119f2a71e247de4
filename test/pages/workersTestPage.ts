// Entry of workers-test.html: every worker of the page, each sent its first message right after
// `new Worker(...)` (before its script has even loaded), as the page's own clients do. A worker
// whose handler is attached late (after a top-level await) never answers; the e2e test sees that.
import * as Comlink from 'comlink';
import type { AgentWorkerApi } from '../../src/workers/agent.worker';
import type { ModelWorkerApi } from '../../src/workers/model.worker';
import type { SandboxWorkerMessage } from '../../src/platform/sandboxProtocol';

type Answer = { ok: true; value: unknown } | { ok: false; error: string };

const TIMEOUT_MS = 20_000;

function within<T>(p: Promise<T>): Promise<Answer> {
  return Promise.race([
    p.then(
      (value): Answer => ({ ok: true, value: value === undefined ? 'undefined' : value }),
      // A rejection is still an answer: the handler received the message and replied.
      (e: unknown): Answer => ({ ok: true, value: `rejected: ${e instanceof Error ? e.message : String(e)}` }),
    ),
    new Promise<Answer>((resolve) => setTimeout(() => resolve({ ok: false, error: `no answer within ${TIMEOUT_MS} ms` }), TIMEOUT_MS)),
  ]);
}

async function firstAnswers(): Promise<Record<string, Answer>> {
  // Vite bundles a worker only where it sees `new Worker(new URL('…', import.meta.url))` literally.
  const workers: Worker[] = [
    new Worker(new URL('../../src/workers/agent.worker.ts', import.meta.url), { type: 'module', name: 'agent' }),
    new Worker(new URL('../../src/workers/model.worker.ts', import.meta.url), { type: 'module', name: 'model' }),
    new Worker(new URL('../../src/workers/board.worker.ts', import.meta.url), { type: 'module', name: 'board' }),
    new Worker(new URL('../../src/workers/sweep.worker.ts', import.meta.url), { type: 'module', name: 'sweep' }),
    new Worker(new URL('../../src/workers/sandbox.worker.ts', import.meta.url), { type: 'module', name: 'sandbox' }),
  ];
  const [agentWorker, modelWorker, boardWorker, sweepWorker, sandboxWorker] = workers as [Worker, Worker, Worker, Worker, Worker];
  const agent = Comlink.wrap<AgentWorkerApi>(agentWorker);
  const model = Comlink.wrap<ModelWorkerApi>(modelWorker);
  const board = Comlink.wrap<{ stop(): void }>(boardWorker);
  const sweep = Comlink.wrap<{ cancel(): void }>(sweepWorker);
  const sandboxReport = new Promise<unknown>((resolve) => {
    sandboxWorker.addEventListener('message', (e: MessageEvent<SandboxWorkerMessage>) => {
      if (e.data.type === 'report' && e.data.id === 1) resolve((e.data.report as { passed: number }).passed);
      if (e.data.type === 'crash') resolve(`crash: ${e.data.message}`);
    });
  });
  sandboxWorker.postMessage({
    type: 'run',
    id: 1,
    request: {
      files: { 'src/one.js': 'export const one = () => 1;' },
      suites: [{ task: 't01', file: 'src/one.js', exportName: 'one', tests: [{ name: 'one', code: 'assert.equal(one(), 1);' }] }],
      timeoutMs: 10_000,
    },
  });
  const entries: [string, Promise<unknown>][] = [
    ['agent', agent.ping()],
    ['model', model.probeCache([], '')],
    ['board', board.stop()],
    ['sweep', sweep.cancel()],
    ['sandbox', sandboxReport],
  ];
  const answers = await Promise.all(entries.map(async ([k, p]) => [k, await within(p)] as const));
  for (const w of workers) w.terminate();
  return Object.fromEntries(answers);
}

declare global {
  interface Window {
    workersTest: { firstAnswers: typeof firstAnswers };
  }
}
window.workersTest = { firstAnswers };
document.body.dataset.ready = 'true';
