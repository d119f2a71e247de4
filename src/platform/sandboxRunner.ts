/**
 * TestRunner for the browser: every run gets a fresh sandbox worker, which is terminated when
 * the run ends. Termination is the hard limit that a same-thread timer cannot give: an agent's
 * infinite loop is killed after timeoutMs and the page (or the worker hosting this runner,
 * e.g. the board worker) never blocks. Works wherever `Worker` exists, including inside a worker.
 */
import { buildHarnessScript } from '../core/harness/script';
import { completedReport, interruptedReport, parseSnapshot, timeoutMessage, type HarnessSnapshot } from '../core/harness/snapshot';
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
  /** How long a worker may take to load before the run is reported as failed (not as a timeout:
   * a slow page load is not the agent's fault). */
  startupLimitMs?: number;
}

function defaultWorker(): SandboxWorker {
  return new Worker(new URL('../workers/sandbox.worker.ts', import.meta.url), { type: 'module', name: 'sandbox' });
}

function describeWorkerError(event: ErrorEvent): string {
  // A worker whose module fails to load fires a bare Event without a message.
  if (event.message) return `the sandbox worker crashed: ${event.message}`;
  return 'the sandbox worker crashed (it may have failed to load)';
}

export class SandboxTestRunner implements TestRunner {
  private readonly createWorker: () => SandboxWorker;
  private readonly startupLimitMs: number;

  constructor(options: SandboxRunnerOptions = {}) {
    this.createWorker = options.createWorker ?? defaultWorker;
    this.startupLimitMs = options.startupLimitMs ?? 15000;
  }

  run(req: TestRequest): Promise<TestReport> {
    const started = performance.now();
    const elapsed = (): number => performance.now() - started;
    let script: string;
    try {
      script = buildHarnessScript(req);
    } catch (e) {
      return Promise.resolve(interruptedReport(req, undefined, { timedOut: false, message: `the harness could not be built: ${String(e)}` }, elapsed()));
    }

    return new Promise<TestReport>((resolve) => {
      let last: HarnessSnapshot | undefined;
      let timer: ReturnType<typeof setTimeout> | undefined;
      let settled = false;
      let worker: SandboxWorker | undefined;

      const finish = (report: TestReport): void => {
        if (settled) return;
        settled = true;
        if (timer !== undefined) clearTimeout(timer);
        worker?.terminate();
        resolve(report);
      };
      const stop = (timedOut: boolean, message: string): void => finish(interruptedReport(req, last, { timedOut, message }, elapsed()));

      try {
        worker = this.createWorker();
      } catch (e) {
        stop(false, `the sandbox worker could not be started: ${String(e)}`);
        return;
      }
      timer = setTimeout(() => stop(false, `the sandbox worker did not start within ${this.startupLimitMs} ms`), this.startupLimitMs);

      worker.onmessage = (event: MessageEvent) => {
        const message = event.data as SandboxWorkerMessage;
        switch (message?.type) {
          case 'ready':
            clearTimeout(timer);
            timer = setTimeout(() => stop(true, timeoutMessage(req.timeoutMs, last)), req.timeoutMs);
            worker?.postMessage({ type: 'run', script });
            break;
          case 'report': {
            last = parseSnapshot(message.json) ?? last;
            if (last?.done) finish(completedReport(last, elapsed()));
            break;
          }
          case 'crash':
            stop(false, String(message.message));
            break;
          case 'finished':
            if (last?.done) finish(completedReport(last, elapsed()));
            else stop(false, 'the harness stopped without finishing its report');
            break;
          default:
            break;
        }
      };
      worker.onerror = (event) => {
        // Keep the error from also surfacing as an uncaught error on the page.
        event.preventDefault?.();
        stop(false, describeWorkerError(event));
      };
      worker.onmessageerror = () => stop(false, 'the sandbox worker sent a message that could not be read');
    });
  }
}
