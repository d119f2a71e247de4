/**
 * Worker-side only: this file value-imports the WebLLM runtime (megabytes). Import it from a
 * worker, never from the main thread.
 */
import { CreateMLCEngine, deleteModelAllInfoInCache, hasModelInCache, type ChatOptions } from '@mlc-ai/web-llm';
import type { AgentEngine } from '../../core/engine';
import { appConfigFor, requireModel } from '../catalog';
import { engineErrorFromUnknown } from '../errors';
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
  try {
    const { entry } = requireModel(spec.model);
    const appConfig = appConfigFor(spec.model, spec.baseUrl, pageHref);
    const chatOpts: ChatOptions | undefined = spec.contextWindow ? { context_window_size: spec.contextWindow } : undefined;
    const mlc = await CreateMLCEngine(
      spec.model,
      {
        appConfig,
        logLevel: 'WARN',
        initProgressCallback: (report) => safeReport(onProgress, progressFromReport(report, agentId)),
      },
      chatOpts,
    );
    safeReport(onProgress, { agent: agentId, phase: 'ready', fraction: 1, text: `${spec.model} is ready` });
    return new WebLLMAgentEngine(mlc, { model: spec.model, disableThinking: entry.thinkingMode });
  } catch (err) {
    // DeviceLostError (WebLLM's report of a lost GPU during load) maps to 'device_lost' here.
    const e = engineErrorFromUnknown(err);
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
