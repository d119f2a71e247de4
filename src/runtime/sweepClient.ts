/**
 * A handle on one sweep worker. One worker (started on first use) runs one sweep at a time;
 * starting another cancels the one before. Cancelling resolves the sweep with what it had. The
 * page's sweeps use a pool of these (sweepPool.ts).
 *
 *   const client = new SweepClient();
 *   const outcome = await client.run(expandGrid(spec), { onResults, onProgress, signal });
 *   outcome.runsPerSecond  // measured in the worker: what a bench page reads
 */
import * as Comlink from 'comlink';
import type { SweepCell } from '../core/sweep/grid';
import type { SweepFailure, SweepResult } from '../core/sweep/runCells';
import type { SweepBatch, SweepOutcome, SweepWorkerApi } from '../workers/sweepApi';
import { WorkerLostError, WorkerWatch, type HeartbeatTiming } from './workerLiveness';

/** The sweep worker answers between runs only, and one long run on a busy machine can take
 * minutes; silence past this while a sweep waits means the worker is gone. */
export const SWEEP_HEARTBEAT: HeartbeatTiming = { everyMs: 5000, silenceMs: 300_000 };

export type { SweepOutcome };

export interface SweepRunOptions {
  /** Ask the worker for every run's trace too (to save it); metrics only otherwise. */
  keepTraces?: boolean;
  onResults?: (results: SweepResult[], failures: SweepFailure[]) => void;
  onProgress?: (done: number, total: number) => void;
  signal?: AbortSignal;
  batchMs?: number;
}

/** A Worker, or in tests one end of a MessageChannel with a terminate(). */
export type SweepWorkerLike = Comlink.Endpoint & { terminate(): void };

function defaultWorker(): SweepWorkerLike {
  return new Worker(new URL('../workers/sweep.worker.ts', import.meta.url), { type: 'module', name: 'sweep' });
}

export class SweepClient {
  private worker: SweepWorkerLike | null = null;
  private remote: Comlink.Remote<SweepWorkerApi> | null = null;

  constructor(
    private readonly createWorker: () => SweepWorkerLike = defaultWorker,
    private readonly heartbeat: HeartbeatTiming = SWEEP_HEARTBEAT,
  ) {}

  private ensure(): { worker: SweepWorkerLike; remote: Comlink.Remote<SweepWorkerApi> } {
    if (!this.worker || !this.remote) {
      this.worker = this.createWorker();
      this.remote = Comlink.wrap<SweepWorkerApi>(this.worker);
    }
    return { worker: this.worker, remote: this.remote };
  }

  async run(cells: readonly SweepCell[], options: SweepRunOptions = {}): Promise<SweepOutcome> {
    const { worker, remote } = this.ensure();
    const onAbort = (): void => void remote.cancel();
    if (options.signal?.aborted) {
      return { total: cells.length, done: 0, cancelled: true, failures: [], elapsedMs: 0, runsPerSecond: 0, testCache: { hits: 0, misses: 0 } };
    }
    options.signal?.addEventListener('abort', onAbort, { once: true });
    // A worker that dies (fails to load, runs out of memory) never answers; turn that into an error.
    let onError: (e: Event) => void = () => undefined;
    const crashed = new Promise<never>((_, reject) => {
      onError = (e: Event) => {
        e.preventDefault();
        this.dispose();
        const message = (e as Partial<ErrorEvent>).message;
        reject(new Error(`the sweep worker stopped: ${message || 'it may have failed to load'}`));
      };
      worker.addEventListener('error', onError);
      worker.addEventListener('messageerror', onError);
    });
    const callbacks = Comlink.proxy({
      onBatch: (batch: SweepBatch) => {
        options.onResults?.(batch.results, batch.failures);
        options.onProgress?.(batch.done, batch.total);
      },
    });
    // A worker that dies without an error event (closed, frozen) is found by its silence.
    const watch = new WorkerWatch(worker, () => undefined, this.heartbeat);
    watch.startHeartbeat(() => remote.ping());
    try {
      return await Promise.race([
        remote.run({ cells: [...cells], keepTraces: options.keepTraces ?? false, ...(options.batchMs !== undefined ? { batchMs: options.batchMs } : {}) }, callbacks),
        crashed,
        watch.lost,
      ]);
    } catch (err) {
      if (!(err instanceof WorkerLostError)) throw err;
      this.dispose();
      throw new Error(`the sweep worker ${err.message}`, { cause: err });
    } finally {
      watch.dispose();
      options.signal?.removeEventListener('abort', onAbort);
      worker.removeEventListener('error', onError);
      worker.removeEventListener('messageerror', onError);
    }
  }

  async cancel(): Promise<void> {
    await this.remote?.cancel();
  }

  dispose(): void {
    this.remote?.[Comlink.releaseProxy]();
    this.worker?.terminate();
    this.worker = null;
    this.remote = null;
  }
}
