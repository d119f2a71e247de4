/**
 * The curated list of small instruct models a team can run in the browser, and how to turn a
 * catalog model id into the WebLLM ModelRecord that loads it. Main-thread safe: `import type` only,
 * so the WebLLM runtime stays in the worker chunk.
 *
 * Model ids, model libraries and VRAM figures come from WebLLM 0.2.86's prebuiltAppConfig (a unit
 * test checks they still match). Download sizes are approximate (weights + tokenizer).
 *
 * Self-hosting (a teacher serving models from the page's own host, e.g. under public/models/):
 *   <base>/<model_id>/resolve/main/   the files of the Hugging Face repo mlc-ai/<model_id>
 *                                     (mlc-chat-config.json, tensor-cache.json, params_shard_*.bin,
 *                                     tokenizer files). The resolve/main/ segment mirrors Hugging
 *                                     Face's URL layout because WebLLM appends it to any model URL
 *                                     that lacks a /resolve/<branch>/ segment.
 *   <base>/libs/<model lib file>     the model library (.wasm) from mlc-ai/binary-mlc-llm-libs,
 *                                     web-llm-models/v0_2_86/base/. One folder for all libraries
 *                                     because several models share one (both Qwen2.5 0.5B models).
 * With an empty base the default hosts (huggingface.co and raw.githubusercontent.com) are used.
 */
import type { AppConfig, ModelRecord } from '@mlc-ai/web-llm';
import { EngineError } from '../core/engine';

export type Quantization = 'q4f16_1' | 'q4f32_1';

export interface CatalogVariant {
  modelId: string;
  quantization: Quantization;
  /** q4f16 variants need the WebGPU shader-f16 feature. */
  needsShaderF16: boolean;
  /** GPU memory one loaded copy needs (WebLLM's estimate, at the catalog context window). */
  vramMB: number;
  /** Approximate first download. */
  downloadMB: number;
  /** File name of the compiled model library (.wasm). */
  modelLibFile: string;
}

export interface CatalogEntry {
  family: string;
  label: string;
  params: string;
  /** Tokens of context the prebuilt library is configured for. */
  contextWindow: number;
  note: string;
  lowResource: boolean;
  /** Qwen3-style thinking blocks; the engine switches them off to keep replies short and parseable. */
  thinkingMode: boolean;
  variants: readonly CatalogVariant[];
}

export const WEBLLM_MODEL_VERSION = 'v0_2_86';
export const DEFAULT_MODEL_HOST = 'https://huggingface.co/mlc-ai/';
export const DEFAULT_MODEL_LIB_PREFIX =
  'https://raw.githubusercontent.com/mlc-ai/binary-mlc-llm-libs/main/web-llm-models/v0_2_86/base/';
/** Sub-folder of a self-hosted base URL that holds the model libraries. */
export const SELF_HOSTED_LIB_FOLDER = 'libs/';

function variant(
  modelId: string,
  quantization: Quantization,
  vramMB: number,
  downloadMB: number,
  modelLibFile: string,
): CatalogVariant {
  return { modelId, quantization, needsShaderF16: quantization === 'q4f16_1', vramMB, downloadMB, modelLibFile };
}

export const MODEL_CATALOG: readonly CatalogEntry[] = [
  {
    family: 'Qwen2.5-Coder-0.5B-Instruct',
    label: 'Qwen2.5 Coder 0.5B',
    params: '0.5B',
    contextWindow: 4096,
    note: 'Default coding agent: small, quick, trained on code.',
    lowResource: true,
    thinkingMode: false,
    variants: [
      variant('Qwen2.5-Coder-0.5B-Instruct-q4f16_1-MLC', 'q4f16_1', 944.62, 280, 'Qwen2-0.5B-Instruct-q4f16_1_cs1k-webgpu.wasm'),
      variant('Qwen2.5-Coder-0.5B-Instruct-q4f32_1-MLC', 'q4f32_1', 1060.2, 290, 'Qwen2-0.5B-Instruct-q4f32_1_cs1k-webgpu.wasm'),
    ],
  },
  {
    family: 'Qwen2.5-Coder-1.5B-Instruct',
    label: 'Qwen2.5 Coder 1.5B',
    params: '1.5B',
    contextWindow: 4096,
    note: 'Better code, three times the size: for strong GPUs and small teams.',
    lowResource: false,
    thinkingMode: false,
    variants: [
      variant('Qwen2.5-Coder-1.5B-Instruct-q4f16_1-MLC', 'q4f16_1', 1629.75, 870, 'Qwen2-1.5B-Instruct-q4f16_1_cs1k-webgpu.wasm'),
      variant('Qwen2.5-Coder-1.5B-Instruct-q4f32_1-MLC', 'q4f32_1', 1888.97, 880, 'Qwen2-1.5B-Instruct-q4f32_1_cs1k-webgpu.wasm'),
    ],
  },
  {
    family: 'Qwen2.5-0.5B-Instruct',
    label: 'Qwen2.5 0.5B',
    params: '0.5B',
    contextWindow: 4096,
    note: 'General chat model of the same size as the default, for comparison.',
    lowResource: true,
    thinkingMode: false,
    variants: [
      variant('Qwen2.5-0.5B-Instruct-q4f16_1-MLC', 'q4f16_1', 944.62, 280, 'Qwen2-0.5B-Instruct-q4f16_1_cs1k-webgpu.wasm'),
      variant('Qwen2.5-0.5B-Instruct-q4f32_1-MLC', 'q4f32_1', 1060.2, 290, 'Qwen2-0.5B-Instruct-q4f32_1_cs1k-webgpu.wasm'),
    ],
  },
  {
    family: 'SmolLM2-360M-Instruct',
    label: 'SmolLM2 360M',
    params: '360M',
    contextWindow: 4096,
    note: 'Smallest and fastest; expect many malformed replies.',
    lowResource: true,
    thinkingMode: false,
    variants: [
      variant('SmolLM2-360M-Instruct-q4f16_1-MLC', 'q4f16_1', 376.06, 200, 'SmolLM2-360M-Instruct-q4f16_1_cs1k-webgpu.wasm'),
      variant('SmolLM2-360M-Instruct-q4f32_1-MLC', 'q4f32_1', 579.61, 210, 'SmolLM2-360M-Instruct-q4f32_1_cs1k-webgpu.wasm'),
    ],
  },
  {
    family: 'Llama-3.2-1B-Instruct',
    label: 'Llama 3.2 1B',
    params: '1B',
    contextWindow: 4096,
    note: 'A different model family, to see whether the team effects hold across models.',
    lowResource: true,
    thinkingMode: false,
    variants: [
      variant('Llama-3.2-1B-Instruct-q4f16_1-MLC', 'q4f16_1', 879.04, 700, 'Llama-3.2-1B-Instruct-q4f16_1_cs1k-webgpu.wasm'),
      variant('Llama-3.2-1B-Instruct-q4f32_1-MLC', 'q4f32_1', 1128.82, 710, 'Llama-3.2-1B-Instruct-q4f32_1_cs1k-webgpu.wasm'),
    ],
  },
  {
    family: 'Qwen3-0.6B',
    label: 'Qwen3 0.6B',
    params: '0.6B',
    contextWindow: 4096,
    note: 'Newest small Qwen; its thinking mode is switched off so replies stay short.',
    lowResource: true,
    thinkingMode: true,
    variants: [
      variant('Qwen3-0.6B-q4f16_1-MLC', 'q4f16_1', 1403.34, 340, 'Qwen3-0.6B-q4f16_1_cs1k-webgpu.wasm'),
      variant('Qwen3-0.6B-q4f32_1-MLC', 'q4f32_1', 1924.98, 350, 'Qwen3-0.6B-q4f32_1_cs1k-webgpu.wasm'),
    ],
  },
];

export const DEFAULT_FAMILY = 'Qwen2.5-Coder-0.5B-Instruct';

export interface CatalogHit {
  entry: CatalogEntry;
  variant: CatalogVariant;
}

export function findModel(modelId: string): CatalogHit | undefined {
  for (const entry of MODEL_CATALOG) {
    const v = entry.variants.find((x) => x.modelId === modelId);
    if (v) return { entry, variant: v };
  }
  return undefined;
}

/** Like findModel, but an id outside the catalog is an EngineError('unknown_model'). */
export function requireModel(modelId: string): CatalogHit {
  const hit = findModel(modelId);
  if (!hit) throw new EngineError('unknown_model', `Model "${modelId}" is not in the catalog.`);
  return hit;
}

/** The variant to run on a device: q4f16 when shader-f16 exists (less memory), else q4f32. */
export function pickVariant(entry: CatalogEntry, hasF16: boolean): CatalogVariant {
  const wanted: Quantization = hasF16 ? 'q4f16_1' : 'q4f32_1';
  const exact = entry.variants.find((v) => v.quantization === wanted);
  if (exact) return exact;
  const runnable = entry.variants.find((v) => hasF16 || !v.needsShaderF16);
  // Every catalog entry has a q4f32 variant, so this only triggers on a malformed entry.
  if (!runnable) throw new EngineError('no_shader_f16', `${entry.label} has no variant that runs without shader-f16.`);
  return runnable;
}

export function defaultModelId(hasF16: boolean): string {
  const entry = MODEL_CATALOG.find((e) => e.family === DEFAULT_FAMILY);
  if (!entry) throw new EngineError('unknown_model', `Default model family ${DEFAULT_FAMILY} is missing from the catalog.`);
  return pickVariant(entry, hasF16).modelId;
}

function defaultPageHref(): string | undefined {
  // On a page, document.baseURI is right even when the app lives in a sub-folder. In a worker,
  // location.href is the worker script (inside assets/), so fall back to the origin root, as
  // WebLLM does; pages should resolve the base URL before sending it to a worker.
  if (typeof document !== 'undefined' && typeof document.baseURI === 'string') return document.baseURI;
  const loc = (globalThis as { location?: { origin?: string } }).location;
  if (loc?.origin && loc.origin !== 'null') return `${loc.origin}/`;
  return undefined;
}

/**
 * An absolute, slash-terminated base URL, or '' for WebLLM's default hosts. A relative base
 * ("models/") is resolved against the page, not the worker script, so it works in any sub-folder.
 */
export function resolveBaseUrl(baseUrl: string | undefined, pageHref: string | undefined = defaultPageHref()): string {
  const trimmed = (baseUrl ?? '').trim();
  if (trimmed === '') return '';
  const withSlash = trimmed.endsWith('/') ? trimmed : `${trimmed}/`;
  let url: URL;
  try {
    url = pageHref === undefined ? new URL(withSlash) : new URL(withSlash, pageHref);
  } catch {
    throw new EngineError('download_failed', `The model base URL "${trimmed}" is not a valid URL.`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new EngineError('download_failed', `The model base URL must use http or https, not ${url.protocol}`);
  }
  return url.href;
}

/** Where the model files and the model library come from, for the given base URL. */
export function modelUrlsFor(modelId: string, baseUrl?: string, pageHref?: string): { model: string; modelLib: string } {
  const { variant: v } = requireModel(modelId);
  const base = resolveBaseUrl(baseUrl, pageHref ?? defaultPageHref());
  if (base === '') return { model: `${DEFAULT_MODEL_HOST}${modelId}`, modelLib: `${DEFAULT_MODEL_LIB_PREFIX}${v.modelLibFile}` };
  return { model: `${base}${modelId}/resolve/main/`, modelLib: `${base}${SELF_HOSTED_LIB_FOLDER}${v.modelLibFile}` };
}

/** The WebLLM ModelRecord for a catalog model; every URL in it is absolute. */
export function modelRecordFor(modelId: string, baseUrl?: string, pageHref?: string): ModelRecord {
  const { entry, variant: v } = requireModel(modelId);
  const urls = modelUrlsFor(modelId, baseUrl, pageHref);
  const record: ModelRecord = {
    model: urls.model,
    model_id: modelId,
    model_lib: urls.modelLib,
    vram_required_MB: v.vramMB,
    low_resource_required: entry.lowResource,
    overrides: { context_window_size: entry.contextWindow },
  };
  // Declared so WebLLM fails early with ShaderF16SupportError instead of a shader compile error.
  if (v.needsShaderF16) record.required_features = ['shader-f16'];
  return record;
}

export function appConfigFor(modelId: string, baseUrl?: string, pageHref?: string): AppConfig {
  return { model_list: [modelRecordFor(modelId, baseUrl, pageHref)] };
}

/** Largest team (0..max) whose copies of the model fit in the device budget: one copy per agent. */
export function recommendTeamSize(vramMB: number, deviceBudgetMB: number, max = 8): number {
  if (!(vramMB > 0) || !(deviceBudgetMB > 0) || !Number.isFinite(deviceBudgetMB)) return 0;
  return Math.max(0, Math.min(Math.floor(max), Math.floor(deviceBudgetMB / vramMB)));
}

export interface TeamMemoryFit {
  neededMB: number;
  budgetMB: number;
  fits: boolean;
  largestTeam: number;
}

export function teamMemoryFit(n: number, vramMB: number, deviceBudgetMB: number, max = 8): TeamMemoryFit {
  const neededMB = n * vramMB;
  return { neededMB, budgetMB: deviceBudgetMB, fits: neededMB <= deviceBudgetMB, largestTeam: recommendTeamSize(vramMB, deviceBudgetMB, max) };
}
