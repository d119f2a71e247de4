/**
 * The browser's code sandbox: this worker hosts QuickJS (platform/quickjsSandbox.ts) and runs
 * each request in a fresh QuickJS runtime. Agent code runs inside QuickJS, never in this
 * worker's own JavaScript, so nothing of the worker (fetch, IndexedDB, postMessage, ...) is
 * reachable from it. SandboxTestRunner terminates the worker if it ever fails to answer in time.
 */
import { QuickJSTestRunner } from '../platform/quickjsSandbox';
import { serveSandbox } from '../platform/sandboxHost';
import type { SandboxRunMessage, SandboxWorkerMessage } from '../platform/sandboxProtocol';

const scope = self as unknown as {
  postMessage(message: SandboxWorkerMessage): void;
  onmessage: ((event: MessageEvent<SandboxRunMessage>) => void) | null;
};

const handle = serveSandbox(new QuickJSTestRunner(), (message) => scope.postMessage(message));
scope.onmessage = (event) => handle(event.data);
