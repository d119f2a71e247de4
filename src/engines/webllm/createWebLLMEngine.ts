/**
 * Worker-side only: this file value-imports the WebLLM runtime (megabytes). Import it from a
 * worker, never from the main thread.
 */
import { CreateMLCEngine, deleteModelAllInfoInCache, hasModelInCache, type ChatOptions } from '@mlc-ai/web-llm';
import { EngineError, type AgentEngine } from '../../core/engine';
import { ACTION_JSON_SCHEMA } from '../../core/protocol/schema';
import { appConfigFor, requireModel } from '../catalog';
import { engineErrorFromUnknown } from '../errors';
import { probeDevice } from '../probe';
import type { EngineSpec, LoadProgress } from '../spec';
import { progressFromReport } from './loadProgress';
import { WebLLMAgentEngine } from './webllmEngine';

export type WebLLMSpec = Extract<EngineSpec, { kind: 'webllm' }>;

function safeReport(onProgress: (p: LoadProgress) => void, p: LoadProgress): void {
  try {
    // Across Comlink this returns a promise; a page that went away must not break the load.
    const r: unknown = onProgress(p);
    if (r instanceof Promise) r.catch(() => undefined);
  } catch {
    // Progress is for watching only.
  }
}

/**
 * Load a catalog model into a fresh MLCEngine and wrap it as an AgentEngine. Every failure
 * (unknown model, download, quota, out of memory, device lost) is thrown as an EngineError and
 * reported as a 'failed' LoadProgress first.
 *
 * `pageHref` resolves a page-relative spec.baseUrl; without it a relative base resolves against
 * the origin root (a worker cannot see the page's folder). Pages should pass an absolute base.
 */
export async function createWebLLMEngine(
  spec: WebLLMSpec,
  onProgress: (p: LoadProgress) => void,
  agentId: string,
  pageHref?: string,
): Promise<AgentEngine> {
  safeReport(onProgress, { agent: agentId, phase: 'queued', fraction: 0, text: `Preparing ${spec.model}` });
  let loaded: { unload(): Promise<void> } | undefined;
  try {
    const { entry } = requireModel(spec.model);
    const appConfig = appConfigFor(spec.model, spec.baseUrl, pageHref);
    const chatOpts: ChatOptions | undefined = spec.contextWindow ? { context_window_size: spec.contextWindow } : undefined;
    // WebLLM fetches the model's config before it looks for a GPU, so without one the learner
    // would be told the download failed. Ask first, in this worker, and say what is missing.
    const device = await probeDevice();
    const blocking = device.problems.find((p) => p.severity === 'error');
    if (blocking) throw new EngineError(blocking.code, `No usable GPU: ${blocking.detail}`);
    const mlc = await CreateMLCEngine(
      spec.model,
      {
        appConfig,
        logLevel: 'WARN',
        initProgressCallback: (report) => {
          const p = progressFromReport(report, agentId);
          // WebLLM's "Finish loading" is not the end here: the grammar phase follows.
          if (p.phase !== 'ready') safeReport(onProgress, p);
        },
      },
      chatOpts,
    );
    loaded = mlc;
    const engine = new WebLLMAgentEngine(mlc, { model: spec.model, disableThinking: entry.thinkingMode });
    safeReport(onProgress, { agent: agentId, phase: 'grammar', fraction: 0, text: 'Compiling the reply grammar (one-token warm-up)' });
    const ms = await engine.prepareGrammar(ACTION_JSON_SCHEMA);
    const took = `reply grammar ready in ${(ms / 1000).toFixed(1)} s`;
    safeReport(onProgress, { agent: agentId, phase: 'grammar', fraction: 1, text: took });
    safeReport(onProgress, { agent: agentId, phase: 'ready', fraction: 1, text: `${spec.model} is ready (${took})` });
    return engine;
  } catch (err) {
    // DeviceLostError (WebLLM's report of a lost GPU during load) maps to 'device_lost' here.
    const e = engineErrorFromUnknown(err);
    // A model that loaded but could not compile its grammar must not keep its GPU memory.
    await loaded?.unload().catch(() => undefined);
    safeReport(onProgress, { agent: agentId, phase: 'failed', fraction: 0, text: e.message });
    throw e;
  }
}

export async function isModelCached(modelId: string, baseUrl?: string, pageHref?: string): Promise<boolean> {
  try {
    return await hasModelInCache(modelId, appConfigFor(modelId, baseUrl, pageHref));
  } catch (err) {
    throw engineErrorFromUnknown(err);
  }
}

export async function deleteCachedModel(modelId: string, baseUrl?: string, pageHref?: string): Promise<void> {
  try {
    await deleteModelAllInfoInCache(modelId, appConfigFor(modelId, baseUrl, pageHref));
  } catch (err) {
    throw engineErrorFromUnknown(err);
  }
}
