/**
 * TestRunner for the browser: runs requests in sandbox workers, each hosting QuickJS
 * (sandbox.worker.ts over platform/quickjsSandbox.ts). QuickJS stops a run at its deadline by
 * itself, so a worker that answered is kept and reused; loading QuickJS once per worker instead
 * of once per run is most of the cost saved. A worker that does not answer by the deadline plus
 * a grace period, crashes, sends something malformed, or whose memory grew (WebAssembly memory
 * never shrinks) is terminated and never reused. Works
 * wherever `Worker` exists, including inside another worker (the board and sweep workers).
 */
import { checkReport, interruptedReport } from '../core/harness/snapshot';
import type { TestReport, TestRequest, TestRunner } from '../core/harness/types';
import type { SandboxRunMessage, SandboxWorkerMessage } from './sandboxProtocol';

/** The part of Worker this runner uses, so tests can stand in a fake. */
export interface SandboxWorker {
  onmessage: ((event: MessageEvent) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
  onmessageerror: ((event: MessageEvent) => void) | null;
  postMessage(message: SandboxRunMessage): void;
  terminate(): void;
}

export interface SandboxRunnerOptions {
  /** Starts one sandbox worker; the default loads sandbox.worker.ts as a module worker. */
  createWorker?: () => SandboxWorker;
  /** How long a worker may take to load QuickJS before the run is reported as failed (not as a
   * timeout: a slow page load is not the agent's fault). */
  startupLimitMs?: number;
  /** Time past a request's timeoutMs before a silent worker is presumed stuck and terminated. */
  graceMs?: number;
  /** Workers kept for later runs. */
  maxIdle?: number;
  /** Start one worker now, so the first run does not wait for QuickJS to load. Default: true
   * with the default worker factory. */
  prestart?: boolean;
}

function defaultWorker(): SandboxWorker {
  return new Worker(new URL('../workers/sandbox.worker.ts', import.meta.url), { type: 'module', name: 'sandbox' });
}

function describeWorkerError(event: ErrorEvent): string {
  // A worker whose module fails to load fires a bare Event without a message.
  if (event.message) return `the sandbox worker crashed: ${event.message}`;
  return 'the sandbox worker crashed (it may have failed to load)';
}

type SlotEvent = { kind: 'report'; id: number; report: unknown; retire: boolean } | { kind: 'failed'; message: string };

interface Slot {
  worker: SandboxWorker;
  /** null once QuickJS has loaded in it, or why it never will. */
  ready: Promise<string | null>;
  dead: boolean;
  listener?: (event: SlotEvent) => void;
}

export class SandboxTestRunner implements TestRunner {
  private readonly createWorker: () => SandboxWorker;
  private readonly startupLimitMs: number;
  private readonly graceMs: number;
  private readonly maxIdle: number;
  private readonly idle: Slot[] = [];
  private nextId = 1;

  constructor(options: SandboxRunnerOptions = {}) {
    this.createWorker = options.createWorker ?? defaultWorker;
    this.startupLimitMs = options.startupLimitMs ?? 15000;
    this.graceMs = options.graceMs ?? 3000;
    this.maxIdle = options.maxIdle ?? 2;
    if (options.prestart ?? !options.createWorker) this.prestart();
  }

  private prestart(): void {
    let slot: Slot;
    try {
      slot = this.start();
    } catch {
      return; // The first run will try again and report why.
    }
    this.idle.push(slot);
    void slot.ready.then((failure) => {
      if (failure !== null) slot.dead = true;
    });
  }

  /** Terminates the idle workers (a run in flight keeps its own until it ends). */
  close(): void {
    for (const slot of this.idle.splice(0)) slot.worker.terminate();
  }

  private start(): Slot {
    const worker = this.createWorker();
    let settle: (failure: string | null) => void = () => {};
    const slot: Slot = {
      worker,
      dead: false,
      ready: new Promise<string | null>((resolve) => {
        const timer = setTimeout(() => resolve(`the sandbox worker did not start within ${this.startupLimitMs} ms`), this.startupLimitMs);
        settle = (failure) => {
          clearTimeout(timer);
          resolve(failure);
        };
      }),
    };
    const fail = (message: string): void => {
      slot.dead = true;
      settle(message);
      slot.listener?.({ kind: 'failed', message });
    };
    worker.onmessage = (event: MessageEvent) => {
      const message = event.data as SandboxWorkerMessage;
      if (message?.type === 'ready') settle(null);
      else if (message?.type === 'crash') fail(String(message.message));
      else if (message?.type === 'report') slot.listener?.({ kind: 'report', id: message.id, report: message.report, retire: message.retire === true });
    };
    worker.onerror = (event) => {
      // Keep the error from also surfacing as an uncaught error on the page.
      event.preventDefault?.();
      fail(describeWorkerError(event));
    };
    worker.onmessageerror = () => fail('the sandbox worker sent a message that could not be read');
    return slot;
  }

  async run(req: TestRequest): Promise<TestReport> {
    const started = performance.now();
    const elapsed = (): number => performance.now() - started;
    const stopped = (timedOut: boolean, message: string): TestReport => interruptedReport(req, undefined, { timedOut, message }, elapsed());

    let slot: Slot | undefined;
    while (!slot && this.idle.length > 0) {
      const candidate = this.idle.pop()!;
      if (candidate.dead) candidate.worker.terminate();
      else slot = candidate;
    }
    if (!slot) {
      try {
        slot = this.start();
      } catch (e) {
        return stopped(false, `the sandbox worker could not be started: ${String(e)}`);
      }
    }
    const failure = await slot.ready;
    if (failure !== null) {
      slot.worker.terminate();
      return stopped(false, failure);
    }
    const id = this.nextId++;
    const current = slot;
    return new Promise<TestReport>((resolve) => {
      let settled = false;
      const finish = (report: TestReport, reuse: boolean): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        current.listener = undefined;
        if (reuse && !current.dead && this.idle.length < this.maxIdle) this.idle.push(current);
        else {
          current.dead = true;
          current.worker.terminate();
        }
        resolve(report);
      };
      const timer = setTimeout(
        () => finish(stopped(true, `timed out after ${req.timeoutMs} ms (the sandbox did not stop by itself and was terminated)`), false),
        req.timeoutMs + this.graceMs,
      );
      current.listener = (event) => {
        if (event.kind === 'failed') finish(stopped(false, event.message), false);
        else if (event.id === id) {
          const report = checkReport(event.report);
          finish(report ?? stopped(false, 'the sandbox worker sent a malformed report'), report !== null && !event.retire);
        }
      };
      try {
        current.worker.postMessage({ type: 'run', id, request: req });
      } catch (e) {
        finish(stopped(false, `the request could not be sent to the sandbox worker: ${String(e)}`), false);
      }
    });
  }
}
