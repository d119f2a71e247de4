/**
 * What the sweep worker does, apart from being a worker: run a sweep's cells, send results back
 * in batches (a message per run would cost more than the run), and honour cancel() between
 * runs, yielding to the event loop often enough for the cancel message to arrive. Kept apart
 * from sweep.worker.ts so tests can drive it over a MessageChannel with a Node test runner.
 */
import type { TestRunner } from '../core/harness/types';
import type { SweepCell } from '../core/sweep/grid';
import { runSweepCells, type SweepFailure, type SweepResult } from '../core/sweep/runCells';

export interface SweepWorkerRequest {
  cells: SweepCell[];
  /** Send each run's trace along with its metrics (to save it). */
  keepTraces: boolean;
  /** Longest wait between batches, ms. */
  batchMs?: number;
}

export interface SweepBatch {
  results: SweepResult[];
  failures: SweepFailure[];
  done: number;
  total: number;
}

export interface SweepWorkerCallbacks {
  /** Awaited: over Comlink the callback travels on its own channel, so only its answer says the
   * page has the batch (and the last batch must arrive before the sweep's result does). */
  onBatch(batch: SweepBatch): void | Promise<void>;
}

export interface SweepOutcome {
  total: number;
  done: number;
  cancelled: boolean;
  failures: SweepFailure[];
  /** Measured inside the worker, from the first run to the last batch. */
  elapsedMs: number;
  runsPerSecond: number;
  /** Test-cache counters since the worker started. */
  testCache: { hits: number; misses: number };
}

/** How long the loop may run before it yields for a cancel message. */
const YIELD_EVERY_MS = 15;
const DEFAULT_BATCH_MS = 100;

/** A macrotask without setTimeout's 4 ms clamp. */
function macrotask(): Promise<void> {
  return new Promise((resolve) => {
    const ch = new MessageChannel();
    ch.port1.onmessage = () => {
      ch.port1.close();
      resolve();
    };
    ch.port2.postMessage(null);
  });
}

/** A test runner that counts its cache hits (CachedTestRunner does). */
export type CountingTestRunner = TestRunner & { hits?: number; misses?: number };

export interface SweepApi {
  run(req: SweepWorkerRequest, cb: SweepWorkerCallbacks): Promise<SweepOutcome>;
  /** Stops the sweep in flight; it resolves with the runs finished so far. */
  cancel(): void;
  /** The page's heartbeat; answered between runs, when the loop yields. */
  ping(): string;
}

export function createSweepApi(runner: CountingTestRunner): SweepApi {
  let current: AbortController | null = null;

  async function run(req: SweepWorkerRequest, cb: SweepWorkerCallbacks): Promise<SweepOutcome> {
    current?.abort();
    const abort = new AbortController();
    current = abort;
    const batchMs = req.batchMs ?? DEFAULT_BATCH_MS;
    const started = performance.now();
    let lastYield = started;
    let lastFlush = started;
    let pending: SweepBatch = { results: [], failures: [], done: 0, total: req.cells.length };
    const flush = async (): Promise<void> => {
      if (pending.results.length === 0 && pending.failures.length === 0) return;
      const batch = pending;
      pending = { results: [], failures: [], done: batch.done, total: batch.total };
      await cb.onBatch(batch);
      lastFlush = performance.now();
    };
    const summary = await runSweepCells(req.cells, {
      testRunner: runner,
      signal: abort.signal,
      keepEvents: req.keepTraces,
      onResult: (r, done) => {
        pending.results.push(r);
        pending.done = done;
      },
      onFailure: (f, done) => {
        pending.failures.push(f);
        pending.done = done;
      },
      between: async () => {
        const now = performance.now();
        if (now - lastFlush >= batchMs) await flush();
        if (now - lastYield >= YIELD_EVERY_MS) {
          await macrotask();
          lastYield = performance.now();
        }
      },
    });
    // What finished before a cancel is still a result.
    await flush();
    if (current === abort) current = null;
    const elapsedMs = performance.now() - started;
    return {
      ...summary,
      elapsedMs,
      runsPerSecond: elapsedMs > 0 ? (summary.done / elapsedMs) * 1000 : 0,
      testCache: { hits: runner.hits ?? 0, misses: runner.misses ?? 0 },
    };
  }

  return {
    run,
    cancel(): void {
      current?.abort();
    },
    ping: () => 'pong',
  };
}

export type SweepWorkerApi = SweepApi;
