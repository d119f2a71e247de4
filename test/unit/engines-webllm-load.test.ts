import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { EngineError } from '../../src/core/engine';
import type { LoadProgress } from '../../src/engines/spec';
import { progressFromReport } from '../../src/engines/webllm/loadProgress';
import type { MLCChatRequest } from '../../src/engines/webllm/webllmEngine';
import { ACTION_JSON_SCHEMA } from '../../src/core/protocol/schema';

// The real runtime needs WebGPU; the loader's own logic is tested against a stand-in.
const webllm = vi.hoisted(() => ({
  CreateMLCEngine: vi.fn(),
  hasModelInCache: vi.fn(),
  deleteModelAllInfoInCache: vi.fn(),
}));
vi.mock('@mlc-ai/web-llm', () => webllm);

const { createWebLLMEngine, deleteCachedModel, isModelCached } = await import('../../src/engines/webllm/createWebLLMEngine');

const PAGE = 'https://school.example/playground/';

describe('progressFromReport', () => {
  it('reads WebLLM download reports as fetching with megabytes and an estimated total', () => {
    const p = progressFromReport(
      {
        progress: 0.25,
        timeElapsed: 5,
        text: 'Fetching param cache[5/20]: 70MB fetched. 25% completed, 5 secs elapsed. It can take a while when we first visit this page to populate the cache. Later refreshes will become faster.',
      },
      'Dev2',
    );
    expect(p).toMatchObject({ agent: 'Dev2', phase: 'fetching', fraction: 0.25, loadedMB: 70, totalMB: 280 });
  });
  it('reads cache loads, shader compilation, the start and the finish', () => {
    expect(progressFromReport({ progress: 0.5, timeElapsed: 1, text: 'Loading model from cache[10/20]: 140MB loaded. 50% completed, 1 secs elapsed.' }, 'a')).toMatchObject(
      { phase: 'loading', loadedMB: 140, totalMB: 280 },
    );
    const shader = progressFromReport({ progress: 0.3, timeElapsed: 1, text: 'Loading GPU shader modules[12/40]: 30% completed, 1 secs elapsed.' }, 'a');
    expect(shader).toMatchObject({ phase: 'compiling', fraction: 0.3 });
    expect(shader.loadedMB).toBeUndefined();
    const start = progressFromReport({ progress: 0, timeElapsed: 0, text: 'Start to fetch params' }, 'a');
    expect(start).toMatchObject({ phase: 'fetching', fraction: 0 });
    expect(start.totalMB).toBeUndefined();
    expect(progressFromReport({ progress: 0.99, timeElapsed: 9, text: 'Finish loading on WebGPU - google' }, 'a')).toMatchObject({ phase: 'ready', fraction: 1 });
  });
  it('clamps nonsense fractions', () => {
    expect(progressFromReport({ progress: Number.NaN, timeElapsed: 0, text: '' }, 'a').fraction).toBe(0);
    expect(progressFromReport({ progress: 7, timeElapsed: 0, text: 'Fetching param cache' }, 'a').fraction).toBe(1);
  });
});

const HARDWARE_ADAPTER = {
  features: { has: (f: string) => f === 'shader-f16' },
  limits: { maxBufferSize: 2 ** 31, maxStorageBufferBindingSize: 2 ** 30 },
  info: { vendor: 'nvidia', architecture: 'ampere', isFallbackAdapter: false },
};

/** Answers the one-token grammar warm-up the way WebLLM streams it. */
function fakeMlcEngine(createImpl?: () => Promise<unknown>) {
  return {
    chat: {
      completions: {
        create: vi.fn(
          createImpl ??
            (async () =>
              (async function* () {
                yield { choices: [{ delta: { content: '{' }, finish_reason: 'length' }] };
              })()),
        ),
      },
    },
    interruptGenerate: vi.fn(),
    unload: vi.fn(async () => undefined),
    resetChat: vi.fn(async () => undefined),
  };
}

describe('createWebLLMEngine', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  beforeEach(() => {
    // A worker with a hardware adapter; the no-GPU case replaces it.
    vi.stubGlobal('navigator', { gpu: { requestAdapter: async () => HARDWARE_ADAPTER } });
    vi.stubGlobal('isSecureContext', true);
    webllm.CreateMLCEngine.mockReset();
    webllm.hasModelInCache.mockReset();
    webllm.deleteModelAllInfoInCache.mockReset();
  });

  it('loads with the catalog app config, forwards progress, and returns a webllm AgentEngine', async () => {
    const fakeMlc = fakeMlcEngine();
    webllm.CreateMLCEngine.mockImplementation(async (_id: string, cfg: { initProgressCallback: (r: unknown) => void }) => {
      cfg.initProgressCallback({ progress: 0.5, timeElapsed: 1, text: 'Fetching param cache[1/2]: 100MB fetched. 50% completed' });
      cfg.initProgressCallback({ progress: 1, timeElapsed: 2, text: 'Finish loading on WebGPU - swiftshader' });
      return fakeMlc;
    });
    const seen: LoadProgress[] = [];
    const engine = await createWebLLMEngine(
      { kind: 'webllm', model: 'Qwen3-0.6B-q4f32_1-MLC', baseUrl: 'models/', contextWindow: 2048 },
      (p) => seen.push(p),
      'Dev1',
      PAGE,
    );
    expect(engine.kind).toBe('webllm');
    expect(engine.model).toBe('Qwen3-0.6B-q4f32_1-MLC');
    const [id, cfg, chatOpts] = webllm.CreateMLCEngine.mock.calls[0] as [string, { appConfig: { model_list: Array<{ model: string; model_lib: string }> } }, unknown];
    expect(id).toBe('Qwen3-0.6B-q4f32_1-MLC');
    expect(cfg.appConfig.model_list[0]?.model).toBe('https://school.example/playground/models/Qwen3-0.6B-q4f32_1-MLC/resolve/main/');
    expect(cfg.appConfig.model_list[0]?.model_lib).toBe('https://school.example/playground/models/libs/Qwen3-0.6B-q4f32_1_cs1k-webgpu.wasm');
    expect(chatOpts).toEqual({ context_window_size: 2048 });
    // The reply grammar is compiled while loading, before 'ready', with the step schema itself.
    expect(seen.map((p) => p.phase)).toEqual(['queued', 'fetching', 'grammar', 'grammar', 'ready']);
    expect(seen.at(-1)?.text).toMatch(/reply grammar ready in \d+\.\d s/);
    const warm = (fakeMlc.chat.completions.create.mock.calls as unknown as MLCChatRequest[][])[0]?.[0] as MLCChatRequest;
    expect(warm.response_format).toEqual({ type: 'json_object', schema: ACTION_JSON_SCHEMA });
    expect(warm.max_tokens).toBe(1);
    expect(fakeMlc.resetChat).toHaveBeenCalledTimes(1);
    expect(seen.every((p) => p.agent === 'Dev1')).toBe(true);
  });

  it('turns WebLLM DeviceLostError into EngineError device_lost and reports the failure', async () => {
    const lost = new Error('The WebGPU device was lost while loading the model. This issue often occurs due to running out of memory (OOM).');
    lost.name = 'DeviceLostError';
    webllm.CreateMLCEngine.mockRejectedValue(lost);
    const seen: LoadProgress[] = [];
    const err = await createWebLLMEngine({ kind: 'webllm', model: 'Qwen3-0.6B-q4f16_1-MLC' }, (p) => seen.push(p), 'Dev1', PAGE).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(EngineError);
    expect((err as EngineError).code).toBe('device_lost');
    expect(seen.at(-1)).toMatchObject({ phase: 'failed', agent: 'Dev1' });
  });

  it('maps a failed download and refuses unknown models before touching WebLLM', async () => {
    webllm.CreateMLCEngine.mockRejectedValue(new TypeError('Failed to fetch'));
    const download = await createWebLLMEngine({ kind: 'webllm', model: 'SmolLM2-360M-Instruct-q4f32_1-MLC', baseUrl: 'http://127.0.0.1:9/models/' }, () => {}, 'a').catch(
      (e: unknown) => e,
    );
    expect((download as EngineError).code).toBe('download_failed');
    webllm.CreateMLCEngine.mockClear();
    const unknown = await createWebLLMEngine({ kind: 'webllm', model: 'Nope-1B' }, () => {}, 'a').catch((e: unknown) => e);
    expect((unknown as EngineError).code).toBe('unknown_model');
    expect(webllm.CreateMLCEngine).not.toHaveBeenCalled();
  });

  it('without a usable GPU the load fails as no_webgpu ("No usable GPU"), before any download is tried', async () => {
    for (const nav of [{}, { gpu: { requestAdapter: async () => null } }]) {
      vi.stubGlobal('navigator', nav);
      const seen: LoadProgress[] = [];
      const err = await createWebLLMEngine({ kind: 'webllm', model: 'SmolLM2-360M-Instruct-q4f32_1-MLC', baseUrl: 'http://127.0.0.1:9/models/' }, (p) => seen.push(p), 'a').catch(
        (e: unknown) => e,
      );
      expect((err as EngineError).code).toBe('no_webgpu');
      expect((err as EngineError).message).toMatch(/^No usable GPU: /);
      expect(seen.at(-1)).toMatchObject({ phase: 'failed' });
    }
    expect(webllm.CreateMLCEngine).not.toHaveBeenCalled();
  });

  it('a grammar that fails to compile fails the load with its reason, and the model is unloaded', async () => {
    const fakeMlc = fakeMlcEngine(async () => {
      throw new Error('GrammarMatcherInitError: invalid JSON schema');
    });
    webllm.CreateMLCEngine.mockResolvedValue(fakeMlc);
    const seen: LoadProgress[] = [];
    const err = await createWebLLMEngine({ kind: 'webllm', model: 'SmolLM2-360M-Instruct-q4f32_1-MLC' }, (p) => seen.push(p), 'a').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(EngineError);
    expect((err as EngineError).message).toMatch(/invalid JSON schema/);
    expect(fakeMlc.unload).toHaveBeenCalledTimes(1);
    expect(seen.map((p) => p.phase)).toEqual(['queued', 'grammar', 'failed']);
  });

  it('a progress callback that throws does not break loading', async () => {
    webllm.CreateMLCEngine.mockResolvedValue(fakeMlcEngine());
    const engine = await createWebLLMEngine({ kind: 'webllm', model: 'SmolLM2-360M-Instruct-q4f32_1-MLC' }, () => {
      throw new Error('page gone');
    }, 'a');
    expect(engine.model).toBe('SmolLM2-360M-Instruct-q4f32_1-MLC');
  });

  it('cache helpers ask WebLLM about the same record the loader would use', async () => {
    webllm.hasModelInCache.mockResolvedValue(true);
    expect(await isModelCached('Llama-3.2-1B-Instruct-q4f16_1-MLC', 'https://cdn.example/m/')).toBe(true);
    const [id, cfg] = webllm.hasModelInCache.mock.calls[0] as [string, { model_list: Array<{ model_id: string; model: string }> }];
    expect(id).toBe('Llama-3.2-1B-Instruct-q4f16_1-MLC');
    expect(cfg.model_list).toHaveLength(1);
    expect(cfg.model_list[0]?.model).toBe('https://cdn.example/m/Llama-3.2-1B-Instruct-q4f16_1-MLC/resolve/main/');

    await deleteCachedModel('Llama-3.2-1B-Instruct-q4f16_1-MLC', '');
    expect(webllm.deleteModelAllInfoInCache).toHaveBeenCalledWith('Llama-3.2-1B-Instruct-q4f16_1-MLC', expect.objectContaining({ model_list: expect.any(Array) }));

    webllm.hasModelInCache.mockRejectedValue(new ReferenceError('caches is not defined'));
    const err = await isModelCached('Llama-3.2-1B-Instruct-q4f16_1-MLC', '').catch((e: unknown) => e);
    expect((err as EngineError).code).toBe('insecure_context');
  });
});
