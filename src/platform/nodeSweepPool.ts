/**
 * Sweeps on every core in Node: a pool of worker threads (nodeSweepThread.ts), each running
 * cells with its own test cache. Results come back in the cells' order, exactly as one thread
 * or the page's sweep worker gives them (core/sweep/pool.ts).
 */
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { SweepCell } from '../core/sweep/grid';
import { runOnLanes, type LaneRun, type PoolRun, type PoolSummary, type SweepLane } from '../core/sweep/pool';
import type { SweepFailure, SweepResult } from '../core/sweep/runCells';
import type { ThreadRequest } from './nodeSweepThread';

type ThreadReply =
  | { type: 'result'; id: number; result: SweepResult }
  | { type: 'failure'; id: number; failure: SweepFailure }
  | { type: 'done'; id: number }
  | { type: 'error'; id: number; error: string };

/**
 * The thread's module is TypeScript. Node does not hand a parent's loader to a worker thread, so
 * the thread registers tsx's loader itself before importing it.
 */
function startThread(): Worker {
  // tsx's require hook: ESM loader hooks do not reach a worker thread's entry in Node 20
  // (privatenumber/tsx#354), a CommonJS require hook does.
  const require = createRequire(import.meta.url);
  const api = require.resolve('tsx/cjs/api');
  const entry = fileURLToPath(new URL('./nodeSweepThread.ts', import.meta.url));
  const boot = `require(${JSON.stringify(api)}).register(); require(${JSON.stringify(entry)});`;
  return new Worker(boot, { eval: true });
}

class ThreadLane implements SweepLane {
  private worker: Worker | null = null;
  private seq = 0;

  private thread(): Worker {
    this.worker ??= startThread();
    return this.worker;
  }

  run(cells: readonly SweepCell[], o: LaneRun): Promise<void> {
    const worker = this.thread();
    const id = ++this.seq;
    return new Promise<void>((resolve, reject) => {
      const onAbort = (): void => worker.postMessage({ type: 'cancel' } satisfies ThreadRequest);
      const finish = (err?: Error): void => {
        worker.off('message', onMessage);
        worker.off('error', onError);
        o.signal?.removeEventListener('abort', onAbort);
        if (err) reject(err);
        else resolve();
      };
      const onMessage = (m: ThreadReply): void => {
        if (m.id !== id) return;
        if (m.type === 'result') o.onResult(m.result);
        else if (m.type === 'failure') o.onFailure(m.failure);
        else if (m.type === 'done') finish();
        else finish(new Error(`a sweep thread failed: ${m.error}`));
      };
      const onError = (e: Error): void => {
        this.worker = null;
        finish(new Error(`a sweep thread stopped: ${e.message}`));
      };
      worker.on('message', onMessage);
      worker.on('error', onError);
      o.signal?.addEventListener('abort', onAbort, { once: true });
      worker.postMessage({ type: 'run', id, cells: [...cells], keepTraces: o.keepTraces } satisfies ThreadRequest);
    });
  }

  async close(): Promise<void> {
    const w = this.worker;
    this.worker = null;
    if (w) await w.terminate();
  }
}

export class NodeSweepPool {
  private readonly lanes: ThreadLane[];

  /** One thread per core by default. */
  constructor(readonly size: number = availableParallelism()) {
    this.lanes = Array.from({ length: Math.max(1, Math.floor(size)) }, () => new ThreadLane());
  }

  run(cells: readonly SweepCell[], o: PoolRun = {}): Promise<PoolSummary> {
    return runOnLanes(cells, this.lanes, o);
  }

  /** Ends every thread (a pool keeps them, and their test caches, between sweeps until then). */
  async close(): Promise<void> {
    await Promise.all(this.lanes.map((l) => l.close()));
  }
}
