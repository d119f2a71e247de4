/**
 * The browser's code sandbox: this worker hosts QuickJS (platform/quickjsSandbox.ts) and runs
 * each request in a fresh QuickJS runtime. Agent code runs inside QuickJS, never in this
 * worker's own JavaScript, so nothing of the worker (fetch, IndexedDB, postMessage, ...) is
 * reachable from it. QuickJS stops itself at each run's deadline, so the worker stays usable;
 * SandboxTestRunner still terminates it if it ever fails to answer in time.
 */
import { QuickJSTestRunner } from '../platform/quickjsSandbox';
import type { SandboxRunMessage, SandboxWorkerMessage } from '../platform/sandboxProtocol';

const scope = self as unknown as {
  postMessage(message: SandboxWorkerMessage): void;
  onmessage: ((event: MessageEvent<SandboxRunMessage>) => void) | null;
};

const runner = new QuickJSTestRunner();
// Runs arrive one at a time (the host waits for each report), but a queue keeps order anyway.
let queue: Promise<void> = Promise.resolve();

scope.onmessage = (event) => {
  const message = event.data;
  if (!message || message.type !== 'run' || typeof message.id !== 'number') return;
  queue = queue.then(async () => {
    const report = await runner.run(message.request);
    scope.postMessage({ type: 'report', id: message.id, report });
  });
};

runner.ready().then(
  () => scope.postMessage({ type: 'ready' }),
  (e: unknown) => scope.postMessage({ type: 'crash', message: `the test sandbox (QuickJS) could not be loaded: ${e instanceof Error ? e.message : String(e)}` }),
);
