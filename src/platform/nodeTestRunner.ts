/**
 * TestRunner for Node (unit tests, the CLI, simulated teams): the harness script runs in a fresh
 * node:vm context per run, which has only JavaScript built-ins (no require, process or fetch).
 * vm's `timeout` interrupts synchronous code, so an agent's `while (true) {}` ends the run as
 * timedOut instead of hanging the process. node:vm is a fence against accidents, not a security
 * boundary; hostile code belongs in the browser's sandbox worker.
 */
import { performance } from 'node:perf_hooks';
import vm from 'node:vm';
import { buildHarnessScript } from '../core/harness/script';
import { completedReport, interruptedReport, parseSnapshot, REPORT_GLOBAL, timeoutMessage, type HarnessSnapshot } from '../core/harness/snapshot';
import type { TestReport, TestRequest, TestRunner } from '../core/harness/types';

function isTimeout(e: unknown): boolean {
  return typeof e === 'object' && e !== null && (e as { code?: unknown }).code === 'ERR_SCRIPT_EXECUTION_TIMEOUT';
}

export class NodeTestRunner implements TestRunner {
  async run(req: TestRequest): Promise<TestReport> {
    const started = performance.now();
    const elapsed = (): number => performance.now() - started;
    let script: string;
    try {
      script = buildHarnessScript(req);
    } catch (e) {
      return interruptedReport(req, undefined, { timedOut: false, message: `the harness could not be built: ${String(e)}` }, elapsed());
    }

    let last: HarnessSnapshot | undefined;
    // A null-prototype sandbox keeps `this.constructor` from leading back to this realm's Function.
    const sandbox: Record<string, unknown> = Object.create(null);
    sandbox[REPORT_GLOBAL] = (json: unknown): void => {
      last = parseSnapshot(json) ?? last;
    };
    const context = vm.createContext(sandbox, {
      name: 'agent sandbox',
      codeGeneration: { strings: true, wasm: false },
      // Promise callbacks then run inside the timeout too.
      microtaskMode: 'afterEvaluate',
    });
    try {
      new vm.Script(script, { filename: 'harness.js' }).runInContext(context, { timeout: Math.max(1, Math.floor(req.timeoutMs)) });
    } catch (e) {
      if (isTimeout(e)) {
        return interruptedReport(req, last, { timedOut: true, message: timeoutMessage(req.timeoutMs, last) }, elapsed());
      }
      const why = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
      return interruptedReport(req, last, { timedOut: false, message: `the harness crashed: ${why}` }, elapsed());
    }
    if (!last?.done) {
      return interruptedReport(req, last, { timedOut: false, message: 'the harness stopped without finishing its report' }, elapsed());
    }
    return completedReport(last, elapsed());
  }
}
