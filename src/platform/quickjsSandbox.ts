/**
 * The one code sandbox: agent modules and a suite's tests run in QuickJS compiled to
 * WebAssembly, a separate JavaScript engine with nothing of the host in it. There is no fetch,
 * IndexedDB, Cache Storage, FontFace, Worker, import() of URLs, process or require to block,
 * because QuickJS never had them. The same code runs in-process in Node (CLI, unit tests,
 * simulated teams) and inside the page's sandbox worker (sandbox.worker.ts), so all three see
 * the same results.
 *
 * Limits belong to the engine: a memory limit per run (and a cap on the WebAssembly memory
 * itself, which also bounds typed arrays), a stack limit below the host's own, and an
 * interrupt handler that stops the run at its deadline, even inside a long builtin such as
 * `new Array(1.2e8).fill(0)` or a backtracking regular expression.
 *
 * Results cross by one path: the harness calls a host function (`report`) that only its closure
 * holds, with primitive arguments that the host reads as strings and numbers. The host never
 * asks the realm for JSON or calls a method agent code could have replaced.
 */
import variant from '@jitl/quickjs-wasmfile-release-sync';
import { newQuickJSWASMModuleFromVariant, newVariant, type QuickJSContext, type QuickJSHandle, type QuickJSWASMModule } from 'quickjs-emscripten-core';
import { harnessPayload, HARNESS_PRELUDE } from '../core/harness/script';
import type { HarnessPayload } from '../core/harness/runtime';
import { completedReport, interruptedReport, timeoutMessage, workBudgetMessage, type HarnessSnapshot } from '../core/harness/snapshot';
import type { TestReport, TestRequest, TestRunner } from '../core/harness/types';

export interface SandboxLimits {
  /** QuickJS's own allocation limit per run. */
  memoryBytes: number;
  /** QuickJS's stack limit. It must stay well below what the host thread gives the WebAssembly
   * interpreter loop, or deep recursion overflows the host's stack instead of QuickJS's. */
  stackBytes: number;
}

export const DEFAULT_LIMITS: SandboxLimits = { memoryBytes: 64 * 1024 * 1024, stackBytes: 256 * 1024 };

/** The whole WebAssembly memory of one QuickJS module. Typed arrays are not counted by QuickJS's
 * allocation limit in this build, so this cap is what stops a typed-array memory bomb. */
export const WASM_MEMORY_MAX_BYTES = 256 * 1024 * 1024;
const PAGE = 64 * 1024;

/** Longest string the host takes from the realm for one field. */
const MAX_FIELD = 2000;

/** Loads QuickJS with a capped memory. In a browser worker the variant fetches its .wasm file
 * (the build emits it beside the worker's chunk); Node passes the compiled module itself. */
export async function loadQuickJS(wasmModule?: WebAssembly.Module): Promise<QuickJSWASMModule> {
  const memory = new WebAssembly.Memory({ initial: (16 * 1024 * 1024) / PAGE, maximum: WASM_MEMORY_MAX_BYTES / PAGE });
  const module = await newQuickJSWASMModuleFromVariant(newVariant(variant, wasmModule ? { wasmMemory: memory, wasmModule } : { wasmMemory: memory }));
  memories.set(module, memory);
  return module;
}

/** WebAssembly memory never shrinks: after a memory bomb a worker keeps what it grew to. */
const memories = new WeakMap<QuickJSWASMModule, WebAssembly.Memory>();

/** A worker whose QuickJS memory grew past this is retired after its run, giving the memory back. */
export const RETIRE_AT_BYTES = 96 * 1024 * 1024;

export type QuickJSLoader = () => Promise<QuickJSWASMModule>;

export interface SandboxRun {
  report: TestReport;
  /** The WebAssembly module failed in a way that may have left it broken (the host's own stack
   * overflowed, or QuickJS aborted); the caller should load a fresh one. */
  poisoned: boolean;
}

function describeHostError(e: unknown): string {
  return e instanceof Error ? `${e.name}: ${e.message}` : String(e);
}

/**
 * Runs one TestRequest in a fresh QuickJS runtime and context, synchronously, and disposes them.
 * `now` is a millisecond clock for the deadline (performance.now where it exists).
 */
export function runInQuickJS(module: QuickJSWASMModule, req: TestRequest, limits: SandboxLimits = DEFAULT_LIMITS, now: () => number = () => performance.now()): SandboxRun {
  const started = now();
  const elapsed = (): number => now() - started;
  let payload: HarnessPayload;
  try {
    payload = { ...harnessPayload(req), memoryLimitMb: Math.round(limits.memoryBytes / (1024 * 1024)) };
  } catch (e) {
    return { report: interruptedReport(req, undefined, { timedOut: false, message: `the harness could not be built: ${String(e)}` }, elapsed()), poisoned: false };
  }
  const snapshot: HarnessSnapshot = { results: [], done: false };
  if (payload.error) snapshot.error = payload.error;
  const expected = req.suites.reduce((n, s) => n + s.tests.length, 0);

  let deadline = Infinity;
  let interrupted = false;
  let poisoned = false;
  // Interrupt checks while the tests run (the prelude's are not counted): the work budget's unit.
  let checks = 0;
  let outOfWork = false;
  const budget = req.workBudget;
  const runtime = module.newRuntime();
  runtime.setMemoryLimit(limits.memoryBytes);
  runtime.setMaxStackSize(limits.stackBytes);
  runtime.setInterruptHandler(() => {
    if (deadline !== Infinity && budget !== undefined && ++checks > budget) {
      outOfWork = true;
      interrupted = true;
      return true;
    }
    if (now() < deadline) return false;
    interrupted = true;
    return true;
  });
  const context = runtime.newContext();
  const handles: QuickJSHandle[] = [];
  let stop: { timedOut: boolean; message: string } | undefined;

  try {
    const report = context.newFunction('report', (...args: QuickJSHandle[]) => {
      record(context, snapshot, args, expected);
    });
    handles.push(report);
    const prelude = context.evalCode(HARNESS_PRELUDE, 'harness.js');
    if (prelude.error) {
      handles.push(prelude.error);
      stop = { timedOut: false, message: `the harness failed to start: ${readError(context, prelude.error)}` };
    } else {
      const start = prelude.value;
      handles.push(start);
      const json = context.newString(JSON.stringify(payload));
      handles.push(json);
      deadline = now() + Math.max(1, req.timeoutMs);
      const result = context.callFunction(start, context.undefined, report, json);
      // Whatever follows may call into the realm (reading an error); it gets no more time.
      deadline = -Infinity;
      if (result.error) {
        handles.push(result.error);
        if (interrupted) stop = { timedOut: true, message: outOfWork && budget !== undefined ? workBudgetMessage(budget, snapshot) : timeoutMessage(req.timeoutMs, snapshot) };
        else stop = { timedOut: false, message: crashMessage(readError(context, result.error), payload, snapshot) };
      } else {
        handles.push(result.value);
        if (!snapshot.done) stop = { timedOut: false, message: 'the harness stopped without finishing its report' };
      }
    }
  } catch (e) {
    // The host itself threw out of QuickJS: its own stack overflowed inside the interpreter, or
    // the module aborted. The runtime may be inconsistent, so the module is not reused.
    poisoned = true;
    const why = describeHostError(e);
    const stack = /call stack|stack overflow|too much recursion/i.test(why);
    stop = { timedOut: false, message: stack ? 'the code recursed too deeply for the test sandbox (stack overflow)' : `the test sandbox crashed: ${why}` };
  } finally {
    deadline = -Infinity;
    for (const h of handles) {
      try {
        if (h.alive) h.dispose();
      } catch {
        poisoned = true;
      }
    }
    try {
      context.dispose();
      runtime.dispose();
    } catch {
      poisoned = true;
    }
  }
  if (stop) return { report: interruptedReport(req, snapshot, stop, elapsed()), poisoned };
  return { report: completedReport(snapshot, elapsed()), poisoned };
}

/** Reads one report(...) call. Only primitive arguments are read, by type, never by calling
 * into the realm; anything else is ignored. */
function record(context: QuickJSContext, snapshot: HarnessSnapshot, args: QuickJSHandle[], expected: number): void {
  const str = (i: number): string | undefined => {
    const h = args[i];
    if (!h || context.typeof(h) !== 'string') return undefined;
    const s = context.getString(h);
    return s.length > MAX_FIELD ? `${s.slice(0, MAX_FIELD - 3)}...` : s;
  };
  const num = (i: number): number | undefined => {
    const h = args[i];
    return h && context.typeof(h) === 'number' ? context.getNumber(h) : undefined;
  };
  const kind = str(0);
  if (snapshot.done) return;
  if (kind === 'running') {
    const text = str(1);
    if (text !== undefined) snapshot.running = text;
  } else if (kind === 'result') {
    const task = str(1);
    const name = str(2);
    const ok = num(3);
    const error = str(4);
    if (task === undefined || name === undefined || (ok !== 0 && ok !== 1) || snapshot.results.length >= expected) return;
    snapshot.results.push(ok === 1 ? { task, name, ok: true } : { task, name, ok: false, error: error || 'failed' });
  } else if (kind === 'done') {
    snapshot.done = snapshot.results.length === expected;
  }
}

/** "Name: message" of an error value, read as plain data; the interrupt handler stops any
 * realm code this might run, since the deadline has passed. */
function readError(context: QuickJSContext, error: QuickJSHandle): string {
  try {
    if (context.typeof(error) !== 'object') return context.typeof(error) === 'string' ? context.getString(error) : 'a non-Error value';
    const field = (key: string): string => {
      const h = context.getProp(error, key);
      try {
        return context.typeof(h) === 'string' ? context.getString(h).slice(0, MAX_FIELD) : '';
      } finally {
        h.dispose();
      }
    };
    const name = field('name');
    const message = field('message');
    return name ? `${name}: ${message}` : message || 'an error without a message';
  } catch {
    return 'an error that cannot be read';
  }
}

function crashMessage(error: string, payload: HarnessPayload, snapshot: HarnessSnapshot): string {
  const where = snapshot.running ? ` while ${snapshot.running}` : '';
  if (/out of memory/.test(error)) return `ran out of memory${where} (the test sandbox allows ${payload.memoryLimitMb} MB)`;
  if (/stack overflow/.test(error)) return `the code recursed too deeply${where} (stack overflow)`;
  return `the harness crashed${where}: ${error}`;
}

/** One QuickJS module per thread and loader, loaded on first use (a fresh runtime is made per
 * run); dropped when a run reports it poisoned, so the next run loads a new one. */
const shared = new Map<QuickJSLoader, Promise<QuickJSWASMModule>>();

function sharedModule(load: QuickJSLoader): Promise<QuickJSWASMModule> {
  let module = shared.get(load);
  if (!module) {
    module = load();
    shared.set(load, module);
  }
  return module;
}

const defaultLoader: QuickJSLoader = () => loadQuickJS();

export interface QuickJSRunnerOptions {
  limits?: Partial<SandboxLimits>;
  /** How this thread loads QuickJS; runners with the same loader share one module. */
  load?: QuickJSLoader;
}

/** TestRunner over the QuickJS sandbox, for whichever thread it lives in (Node or a worker). */
export class QuickJSTestRunner implements TestRunner {
  private readonly limits: SandboxLimits;
  private readonly load: QuickJSLoader;
  constructor(options: QuickJSRunnerOptions = {}) {
    this.limits = { ...DEFAULT_LIMITS, ...options.limits };
    this.load = options.load ?? defaultLoader;
  }

  /** Bytes of WebAssembly memory QuickJS holds in this thread (0 before it has loaded). */
  async heapBytes(): Promise<number> {
    const loading = shared.get(this.load);
    const module = loading ? await loading.catch(() => undefined) : undefined;
    return module ? (memories.get(module)?.buffer.byteLength ?? 0) : 0;
  }

  /** Loads QuickJS ahead of the first run; rejects when it cannot be loaded. */
  ready(): Promise<unknown> {
    const loading = sharedModule(this.load);
    loading.catch(() => {
      if (shared.get(this.load) === loading) shared.delete(this.load);
    });
    return loading;
  }

  async run(req: TestRequest): Promise<TestReport> {
    let module: QuickJSWASMModule;
    const loading = sharedModule(this.load);
    try {
      module = await loading;
    } catch (e) {
      if (shared.get(this.load) === loading) shared.delete(this.load);
      return interruptedReport(req, undefined, { timedOut: false, message: `the test sandbox (QuickJS) could not be loaded: ${describeHostError(e)}` }, 0);
    }
    const { report, poisoned } = runInQuickJS(module, req, this.limits);
    if (poisoned && shared.get(this.load) === loading) shared.delete(this.load);
    return report;
  }
}
