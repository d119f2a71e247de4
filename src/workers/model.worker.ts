/**
 * A one-model worker for the model panel and the end-to-end test: cache status, delete, load with
 * progress, a short test reply, unload. Errors leave as plain {code, message} objects because
 * Comlink keeps only message/name/stack of a thrown Error; the page rebuilds the EngineError.
 *
 * Start-up: Comlink.expose runs while this module is first evaluated, before any await, so the
 * page's first message always finds the handler (one attached after an await can miss it, and
 * the page then waits forever). The WebLLM runtime (megabytes) is imported on first use, not
 * before the handler exists; if that code cannot be fetched the call fails as code_load_failed.
 */
import * as Comlink from 'comlink';
import type { AgentEngine, GenerateResult } from '../core/engine';
import { toPlainEngineError } from '../engines/errors';
import type { LoadProgress } from '../engines/spec';
import type { WebLLMSpec } from '../engines/webllm/createWebLLMEngine';

const webllm = () => import('../engines/webllm/createWebLLMEngine');

let engine: AgentEngine | undefined;
let loadedModel: string | undefined;

async function guarded<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    // A plain object is structured-cloned whole, so the code survives the trip.
    throw toPlainEngineError(err);
  }
}

async function dropEngine(): Promise<void> {
  const e = engine;
  engine = undefined;
  loadedModel = undefined;
  await e?.unload?.().catch(() => undefined);
}

const api = {
  /** The page's heartbeat while a call is in flight: an answer means this worker is alive. */
  ping(): string {
    return 'pong';
  },

  /** Cached or not, per model id; null where the cache could not be read. */
  async probeCache(modelIds: string[], baseUrl: string): Promise<Record<string, boolean | null>> {
    const out: Record<string, boolean | null> = {};
    if (modelIds.length === 0) return out;
    const { isModelCached } = await webllm().catch(() => ({ isModelCached: null }));
    for (const id of modelIds) {
      if (!isModelCached) {
        out[id] = null;
        continue;
      }
      out[id] = await isModelCached(id, baseUrl).catch(() => null);
    }
    return out;
  },

  deleteCache(modelId: string, baseUrl: string): Promise<void> {
    return guarded(async () => {
      if (loadedModel === modelId) await dropEngine();
      const { deleteCachedModel } = await webllm();
      await deleteCachedModel(modelId, baseUrl);
    });
  },

  load(spec: WebLLMSpec, onProgress: (p: LoadProgress) => void): Promise<{ model: string }> {
    return guarded(async () => {
      await dropEngine();
      const { createWebLLMEngine } = await webllm();
      engine = await createWebLLMEngine(spec, onProgress, 'model-panel');
      loadedModel = spec.model;
      return { model: spec.model };
    });
  },

  /** A tiny reply, to show the model runs and how fast this device decodes. */
  test(): Promise<GenerateResult> {
    return guarded(async () => {
      if (!engine) throw { code: 'engine_failed', message: 'No model is loaded.' };
      return engine.generate({
        agentId: 'model-panel',
        system: 'You are a terse assistant. Reply with JSON only.',
        prompt: 'Reply with {"ok": true} and nothing else.',
        maxTokens: 24,
        temperature: 0,
        seed: 1,
      });
    });
  },

  unload(): Promise<void> {
    return guarded(dropEngine);
  },
};

export type ModelWorkerApi = typeof api;

Comlink.expose(api);
