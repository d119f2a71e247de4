import { beforeEach, describe, expect, it, vi } from 'vitest';
import { EngineError } from '../../src/core/engine';
import type { LoadProgress } from '../../src/engines/spec';
import { progressFromReport } from '../../src/engines/webllm/loadProgress';

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

describe('createWebLLMEngine', () => {
  beforeEach(() => {
    webllm.CreateMLCEngine.mockReset();
    webllm.hasModelInCache.mockReset();
    webllm.deleteModelAllInfoInCache.mockReset();
  });

  it('loads with the catalog app config, forwards progress, and returns a webllm AgentEngine', async () => {
    const fakeMlc = { chat: { completions: { create: vi.fn() } }, interruptGenerate: vi.fn(), unload: vi.fn() };
    webllm.CreateMLCEngine.mockImplementation(async (_id: string, cfg: { initProgressCallback: (r: unknown) => void }) => {
      cfg.initProgressCallback({ progress: 0.5, timeElapsed: 1, text: 'Fetching param cache[1/2]: 100MB fetched. 50% completed' });
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
    expect(seen.map((p) => p.phase)).toEqual(['queued', 'fetching', 'ready']);
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

  it('a progress callback that throws does not break loading', async () => {
    webllm.CreateMLCEngine.mockResolvedValue({ chat: { completions: { create: vi.fn() } }, interruptGenerate: vi.fn(), unload: vi.fn() });
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
