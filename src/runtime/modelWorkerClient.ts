/**
 * Main-thread handle on model.worker: spawns it, forwards progress callbacks over Comlink and
 * turns the worker's plain {code, message} failures back into EngineErrors.
 */
import * as Comlink from 'comlink';
import type { GenerateResult } from '../core/engine';
import { engineErrorFromUnknown } from '../engines/errors';
import type { EngineSpec, LoadProgress } from '../engines/spec';
import type { ModelWorkerApi } from '../workers/model.worker';

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

async function rethrown<T>(p: Promise<T>): Promise<T> {
  try {
    return await p;
  } catch (err) {
    throw engineErrorFromUnknown(err);
  }
}

export function connectModelWorker(): ModelWorkerClient {
  const worker = new Worker(new URL('../workers/model.worker.ts', import.meta.url), { type: 'module', name: 'model' });
  const remote = Comlink.wrap<ModelWorkerApi>(worker);
  return {
    probeCache: (ids, baseUrl) => rethrown(remote.probeCache(ids, baseUrl)),
    deleteCache: (id, baseUrl) => rethrown(remote.deleteCache(id, baseUrl)),
    load: (spec, onProgress) => rethrown(remote.load(spec, Comlink.proxy(onProgress))),
    test: () => rethrown(remote.test()),
    unload: () => rethrown(remote.unload()),
    dispose: () => {
      remote[Comlink.releaseProxy]();
      worker.terminate();
    },
  };
}
