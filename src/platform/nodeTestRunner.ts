/**
 * TestRunner for Node (unit tests, the CLI, simulated teams): the same QuickJS sandbox the page
 * uses, hosted the same way, in a worker (here a worker thread) that SandboxTestRunner reuses
 * across runs and terminates if it stays silent past a run's deadline. QuickJS stops almost
 * every run itself; the thread is there for the rest, such as a loop of huge builtin calls
 * (`JSON.stringify` of a million-element array) between two of QuickJS's interrupt checks,
 * which no same-thread handler could cut short.
 */
import { Worker } from 'node:worker_threads';
import type { TestReport, TestRequest, TestRunner } from '../core/harness/types';
import type { SandboxRunMessage } from './sandboxProtocol';
import { SandboxTestRunner, type SandboxWorker } from './sandboxRunner';

/** A worker thread behind the Web Worker surface SandboxTestRunner drives. It keeps the process
 * alive only while a request is in flight, so a CLI exits when its work is done. */
class NodeSandboxWorker implements SandboxWorker {
  onmessage: ((event: MessageEvent) => void) | null = null;
  onerror: ((event: ErrorEvent) => void) | null = null;
  onmessageerror: ((event: MessageEvent) => void) | null = null;
  private readonly worker: Worker;
  private terminated = false;

  constructor() {
    this.worker = new Worker(new URL('./nodeSandbox.worker.mjs', import.meta.url), { name: 'sandbox' });
    this.worker.on('message', (data: { type?: string }) => {
      if (data?.type === 'ready' || data?.type === 'report') this.worker.unref();
      this.onmessage?.({ data } as MessageEvent);
    });
    this.worker.on('error', (e: Error) => this.onerror?.({ message: `${e.name}: ${e.message}`, preventDefault() {} } as ErrorEvent));
    this.worker.on('messageerror', () => this.onmessageerror?.({} as MessageEvent));
    this.worker.on('exit', (code) => {
      if (!this.terminated) this.onerror?.({ message: `the sandbox thread exited (code ${code})`, preventDefault() {} } as ErrorEvent);
    });
  }

  postMessage(message: SandboxRunMessage): void {
    this.worker.ref();
    this.worker.postMessage(message);
  }

  terminate(): void {
    this.terminated = true;
    void this.worker.terminate();
  }
}

// One pool per process: tests and CLIs make many runners, and each thread loads QuickJS once.
let shared: SandboxTestRunner | undefined;

export class NodeTestRunner implements TestRunner {
  run(req: TestRequest): Promise<TestReport> {
    shared ??= new SandboxTestRunner({ createWorker: () => new NodeSandboxWorker(), startupLimitMs: 60000 });
    return shared.run(req);
  }
}
