/**
 * The inside of a sandbox worker, shared by the browser's Web Worker (workers/sandbox.worker.ts)
 * and Node's worker thread (platform/nodeSandbox.worker.mjs): load QuickJS, say ready, then run
 * each request in a fresh QuickJS runtime and post its report.
 */
import { RETIRE_AT_BYTES, type QuickJSTestRunner } from './quickjsSandbox';
import type { SandboxRunMessage, SandboxWorkerMessage } from './sandboxProtocol';

/** Starts serving; returns the handler for messages from the host. */
export function serveSandbox(runner: QuickJSTestRunner, post: (message: SandboxWorkerMessage) => void): (message: unknown) => void {
  runner.ready().then(
    () => post({ type: 'ready' }),
    (e: unknown) => post({ type: 'crash', message: `the test sandbox (QuickJS) could not be loaded: ${e instanceof Error ? e.message : String(e)}` }),
  );
  // The host sends one request at a time and waits for its report; the queue keeps order anyway.
  let queue: Promise<void> = Promise.resolve();
  return (data) => {
    const message = data as SandboxRunMessage | null;
    if (!message || message.type !== 'run' || typeof message.id !== 'number') return;
    queue = queue.then(async () => {
      const report = await runner.run(message.request);
      post({ type: 'report', id: message.id, report, retire: (await runner.heapBytes()) > RETIRE_AT_BYTES });
    });
  };
}
