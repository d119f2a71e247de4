import { prebuiltAppConfig } from '@mlc-ai/web-llm';
import { describe, expect, it } from 'vitest';
import { EngineError } from '../../src/core/engine';
import {
  DEFAULT_FAMILY,
  DEFAULT_MODEL_LIB_PREFIX,
  MODEL_CATALOG,
  appConfigFor,
  defaultModelId,
  findModel,
  modelRecordFor,
  pickVariant,
  recommendTeamSize,
  requireModel,
  resolveBaseUrl,
  teamMemoryFit,
} from '../../src/engines/catalog';

const PAGE = 'https://school.example/playground/index.html';

function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    return e instanceof EngineError ? e.code : `not an EngineError: ${String(e)}`;
  }
  return 'did not throw';
}

describe('catalog agrees with WebLLM 0.2.86 prebuiltAppConfig', () => {
  const prebuilt = new Map(prebuiltAppConfig.model_list.map((r) => [r.model_id, r]));
  const variants = MODEL_CATALOG.flatMap((e) => e.variants.map((v) => ({ e, v })));

  it('lists the six families asked for, each with q4f16_1 and q4f32_1', () => {
    expect(MODEL_CATALOG.map((e) => e.family)).toEqual([
      'Qwen2.5-Coder-0.5B-Instruct',
      'Qwen2.5-Coder-1.5B-Instruct',
      'Qwen2.5-0.5B-Instruct',
      'SmolLM2-360M-Instruct',
      'Llama-3.2-1B-Instruct',
      'Qwen3-0.6B',
    ]);
    for (const e of MODEL_CATALOG) expect(e.variants.map((v) => v.quantization).sort()).toEqual(['q4f16_1', 'q4f32_1']);
  });

  it.each(variants.map(({ e, v }) => [v.modelId, e, v] as const))('%s exists with the same library, VRAM and context', (id, e, v) => {
    const r = prebuilt.get(id);
    expect(r, `${id} missing from prebuiltAppConfig`).toBeDefined();
    expect(r?.model_lib).toBe(`${DEFAULT_MODEL_LIB_PREFIX}${v.modelLibFile}`);
    expect(r?.vram_required_MB).toBeCloseTo(v.vramMB, 1);
    expect(r?.overrides?.context_window_size).toBe(e.contextWindow);
    expect(r?.model).toBe(`https://huggingface.co/mlc-ai/${id}`);
  });
});

describe('pickVariant and defaults', () => {
  const coder = MODEL_CATALOG.find((e) => e.family === DEFAULT_FAMILY);
  it('uses q4f16 when the GPU has shader-f16 and q4f32 when it has not', () => {
    expect(coder).toBeDefined();
    if (!coder) return;
    expect(pickVariant(coder, true).quantization).toBe('q4f16_1');
    expect(pickVariant(coder, false).quantization).toBe('q4f32_1');
    expect(pickVariant(coder, false).needsShaderF16).toBe(false);
  });
  it('defaults to the Qwen2.5 Coder 0.5B', () => {
    expect(defaultModelId(true)).toBe('Qwen2.5-Coder-0.5B-Instruct-q4f16_1-MLC');
    expect(defaultModelId(false)).toBe('Qwen2.5-Coder-0.5B-Instruct-q4f32_1-MLC');
  });
  it('marks only Qwen3 as having a thinking mode to switch off', () => {
    expect(MODEL_CATALOG.filter((e) => e.thinkingMode).map((e) => e.family)).toEqual(['Qwen3-0.6B']);
  });
});

describe('modelRecordFor', () => {
  it('uses the default hosts when no base URL is given', () => {
    const r = modelRecordFor('SmolLM2-360M-Instruct-q4f32_1-MLC', '', PAGE);
    expect(r.model).toBe('https://huggingface.co/mlc-ai/SmolLM2-360M-Instruct-q4f32_1-MLC');
    expect(r.model_lib).toBe(`${DEFAULT_MODEL_LIB_PREFIX}SmolLM2-360M-Instruct-q4f32_1_cs1k-webgpu.wasm`);
    expect(r.required_features).toBeUndefined();
    expect(r.overrides?.context_window_size).toBe(4096);
  });

  it('resolves a relative base against the page, not the origin root, into absolute URLs', () => {
    const r = modelRecordFor('Qwen2.5-Coder-0.5B-Instruct-q4f16_1-MLC', 'models/', PAGE);
    expect(r.model).toBe('https://school.example/playground/models/Qwen2.5-Coder-0.5B-Instruct-q4f16_1-MLC/resolve/main/');
    expect(r.model_lib).toBe('https://school.example/playground/models/libs/Qwen2-0.5B-Instruct-q4f16_1_cs1k-webgpu.wasm');
    expect(r.required_features).toEqual(['shader-f16']);
    expect(r.vram_required_MB).toBeCloseTo(944.62, 2);
  });

  it('accepts an absolute base with or without the trailing slash', () => {
    const a = modelRecordFor('Qwen3-0.6B-q4f32_1-MLC', 'http://127.0.0.1:9/models', PAGE);
    const b = modelRecordFor('Qwen3-0.6B-q4f32_1-MLC', 'http://127.0.0.1:9/models/', PAGE);
    expect(a).toEqual(b);
    expect(a.model).toBe('http://127.0.0.1:9/models/Qwen3-0.6B-q4f32_1-MLC/resolve/main/');
  });

  it('throws unknown_model for ids outside the catalog', () => {
    expect(codeOf(() => modelRecordFor('Mystery-7B-q4f16_1-MLC', '', PAGE))).toBe('unknown_model');
    expect(codeOf(() => requireModel('Mystery-7B-q4f16_1-MLC'))).toBe('unknown_model');
    expect(findModel('Mystery-7B-q4f16_1-MLC')).toBeUndefined();
  });

  it('builds an app config listing exactly that model', () => {
    const cfg = appConfigFor('Llama-3.2-1B-Instruct-q4f32_1-MLC', '', PAGE);
    expect(cfg.model_list.map((r) => r.model_id)).toEqual(['Llama-3.2-1B-Instruct-q4f32_1-MLC']);
  });
});

describe('resolveBaseUrl', () => {
  it('keeps empty as empty (default hosts) and rejects non-http schemes', () => {
    expect(resolveBaseUrl('  ', PAGE)).toBe('');
    expect(() => resolveBaseUrl('file:///tmp/models', PAGE)).toThrow(/http/);
    expect(codeOf(() => resolveBaseUrl('javascript:alert(1)', PAGE))).toBe('download_failed');
  });
  it('resolves root-relative bases to the origin', () => {
    expect(resolveBaseUrl('/m', PAGE)).toBe('https://school.example/m/');
  });
});

describe('recommendTeamSize and teamMemoryFit', () => {
  it('counts whole copies of the model that fit, capped at max', () => {
    expect(recommendTeamSize(1000, 4096)).toBe(4);
    expect(recommendTeamSize(1000, 999)).toBe(0);
    expect(recommendTeamSize(376, 100_000)).toBe(8);
    expect(recommendTeamSize(376, 100_000, 5)).toBe(5);
    expect(recommendTeamSize(0, 4096)).toBe(0);
    expect(recommendTeamSize(1000, Number.NaN)).toBe(0);
  });
  it('reports the memory a team needs and whether it fits', () => {
    expect(teamMemoryFit(3, 1060.2, 4096)).toEqual({ neededMB: 3180.6000000000004, budgetMB: 4096, fits: true, largestTeam: 3 });
    expect(teamMemoryFit(5, 1060.2, 4096).fits).toBe(false);
  });
});
