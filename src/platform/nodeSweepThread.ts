/**
 * One sweep lane in a Node worker thread: runs the cells it is sent with its own cached Node
 * test runner and posts each result back. The command line's sweeps and the benchmark run a
 * pool of these (nodeSweepPool.ts); the page's sweep worker does the same in a browser.
 */
import { parentPort } from 'node:worker_threads';
import { CachedTestRunner } from '../core/harness/cachedRunner';
import type { SweepCell } from '../core/sweep/grid';
import { runSweepCells } from '../core/sweep/runCells';
import { NodeTestRunner } from './nodeTestRunner';

export type ThreadRequest = { type: 'run'; id: number; cells: SweepCell[]; keepTraces: boolean } | { type: 'cancel' };

const port = parentPort;
if (!port) throw new Error('nodeSweepThread.ts runs only as a worker thread');
const runner = new CachedTestRunner(new NodeTestRunner());
let current: AbortController | null = null;

port.on('message', (msg: ThreadRequest) => {
  if (msg.type === 'cancel') {
    current?.abort();
    return;
  }
  const abort = new AbortController();
  current = abort;
  void runSweepCells(msg.cells, {
    testRunner: runner,
    signal: abort.signal,
    keepEvents: msg.keepTraces,
    onResult: (result) => port.postMessage({ type: 'result', id: msg.id, result }),
    onFailure: (failure) => port.postMessage({ type: 'failure', id: msg.id, failure }),
    // Lets a cancel message in between runs.
    between: () => new Promise<void>((resolve) => setImmediate(resolve)),
  }).then(
    () => port.postMessage({ type: 'done', id: msg.id }),
    (err: unknown) => port.postMessage({ type: 'error', id: msg.id, error: err instanceof Error ? err.message : String(err) }),
  );
});
