/**
 * Main-thread handle on model.worker: spawns it, forwards progress callbacks over Comlink and
 * turns the worker's plain {code, message} failures back into EngineErrors.
 */
import * as Comlink from 'comlink';
import type { GenerateResult } from '../core/engine';
import { EngineError } from '../core/engine';
import { engineErrorFromUnknown } from '../engines/errors';
import type { EngineSpec, LoadProgress } from '../engines/spec';
import type { ModelWorkerApi } from '../workers/model.worker';
import { WorkerLostError, WorkerWatch, type HeartbeatTiming } from './workerLiveness';

/** A model download or load can keep the worker busy between answers; two minutes of silence
 * while a call waits means it is gone. */
export const MODEL_HEARTBEAT: HeartbeatTiming = { everyMs: 5000, silenceMs: 120_000 };

export type WebLLMSpec = Extract<EngineSpec, { kind: 'webllm' }>;

/** What the model panel needs; tests pass a fake. */
export interface ModelWorkerClient {
  probeCache(modelIds: string[], baseUrl: string): Promise<Record<string, boolean | null>>;
  deleteCache(modelId: string, baseUrl: string): Promise<void>;
  load(spec: WebLLMSpec, onProgress: (p: LoadProgress) => void): Promise<{ model: string }>;
  test(): Promise<GenerateResult>;
  unload(): Promise<void>;
  /** Terminate the worker: the only sure way to stop a download or free the GPU at once. */
  dispose(): void;
}

interface Connection {
  worker: Worker;
  remote: Comlink.Remote<ModelWorkerApi>;
  watch: WorkerWatch;
  /** Calls in flight: the heartbeat runs while there is one. */
  busy: number;
}

/**
 * The model worker behind the panel. A worker that dies (error, unreadable message, or silence
 * while a call waits on it) fails that call with a readable engine error and is replaced by a
 * fresh one at the next call, so the panel never waits forever.
 */
export function connectModelWorker(timing: HeartbeatTiming = MODEL_HEARTBEAT): ModelWorkerClient {
  let current: Connection | null = null;
  const connect = (): Connection => {
    if (current && !current.watch.failure) return current;
    const worker = new Worker(new URL('../workers/model.worker.ts', import.meta.url), { type: 'module', name: 'model' });
    const conn: Connection = {
      worker,
      remote: Comlink.wrap<ModelWorkerApi>(worker),
      // A failed worker is ended at once: stuck, it would hold a core and its GPU memory.
      watch: new WorkerWatch(worker, () => worker.terminate(), timing),
      busy: 0,
    };
    current = conn;
    return conn;
  };
  async function call<T>(work: (remote: Comlink.Remote<ModelWorkerApi>) => Promise<T>): Promise<T> {
    const conn = connect();
    if (conn.busy++ === 0) conn.watch.startHeartbeat(() => conn.remote.ping());
    try {
      return await conn.watch.race(work(conn.remote));
    } catch (err) {
      if (err instanceof WorkerLostError) throw new EngineError('engine_failed', `the model worker ${err.message}`);
      throw engineErrorFromUnknown(err);
    } finally {
      if (--conn.busy === 0) conn.watch.stopHeartbeat();
    }
  }
  return {
    probeCache: (ids, baseUrl) => call((r) => r.probeCache(ids, baseUrl)),
    deleteCache: (id, baseUrl) => call((r) => r.deleteCache(id, baseUrl)),
    load: (spec, onProgress) => call((r) => r.load(spec, Comlink.proxy(onProgress))),
    test: () => call((r) => r.test()),
    unload: () => call((r) => r.unload()),
    dispose: () => {
      const conn = current;
      current = null;
      if (!conn) return;
      conn.watch.dispose();
      conn.remote[Comlink.releaseProxy]();
      conn.worker.terminate();
    },
  };
}
