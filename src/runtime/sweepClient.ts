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

  constructor(private readonly createWorker: () => SweepWorkerLike = defaultWorker) {}

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
    try {
      return await Promise.race([
        remote.run({ cells: [...cells], keepTraces: options.keepTraces ?? false, ...(options.batchMs !== undefined ? { batchMs: options.batchMs } : {}) }, callbacks),
        crashed,
      ]);
    } finally {
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
