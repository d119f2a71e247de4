/**
 * What this browser and GPU can do for in-browser models, found before anything is downloaded:
 * WebGPU presence, the adapter, shader-f16 (q4f16 vs q4f32), buffer limits and a memory budget.
 * The navigator is injected so tests can probe fake devices.
 */
import type { EngineErrorCode } from '../core/engine';

/** The parts of GPUAdapter we read; optional where older browsers lack them. */
export interface ProbeAdapter {
  readonly features: { has(feature: string): boolean };
  readonly limits: { readonly maxBufferSize?: number; readonly maxStorageBufferBindingSize?: number };
  readonly info?: {
    readonly vendor?: string;
    readonly architecture?: string;
    readonly description?: string;
    readonly device?: string;
    readonly isFallbackAdapter?: boolean;
  };
  /** Deprecated in the spec (moved to info), still set by some browsers. */
  readonly isFallbackAdapter?: boolean;
}

export interface ProbeNavigator {
  readonly gpu?: { requestAdapter(options?: { powerPreference?: 'low-power' | 'high-performance' }): Promise<ProbeAdapter | null> };
  /** GB of device memory, coarse and capped by the browser (Chrome: at most 8). */
  readonly deviceMemory?: number;
}

export interface AdapterSummary {
  vendor: string;
  architecture: string;
  description: string;
}

export interface DeviceProblem {
  code: EngineErrorCode;
  /** 'error': models cannot run here; 'warning': they can, with a cost the learner should know. */
  severity: 'error' | 'warning';
  detail: string;
}

export interface DeviceProbe {
  secureContext: boolean;
  /** navigator.gpu exists. */
  webgpu: boolean;
  adapter: AdapterSummary | null;
  isFallbackAdapter: boolean;
  shaderF16: boolean;
  maxBufferSize: number | null;
  maxStorageBufferBindingSize: number | null;
  /** Rough memory the page can use for models; WebGPU does not report GPU memory. */
  memoryBudgetMB: number;
  memoryBudgetBasis: string;
  problems: DeviceProblem[];
  /** No problem of severity 'error'. */
  canRun: boolean;
}

// WebLLM's runtime refuses adapters below these limits (see its detectGPUDevice).
const MIN_BUFFER_BYTES = 256 * 1024 * 1024;
const MIN_STORAGE_BINDING_BYTES = 128 * 1024 * 1024;
const ASSUMED_MEMORY_GB = 4;
const SOFTWARE_PATTERN = /swiftshader|llvmpipe|lavapipe|softpipe|software|microsoft basic render/i;

function isSoftware(adapter: ProbeAdapter): boolean {
  if (adapter.info?.isFallbackAdapter === true || adapter.isFallbackAdapter === true) return true;
  const i = adapter.info;
  return SOFTWARE_PATTERN.test(`${i?.vendor ?? ''} ${i?.architecture ?? ''} ${i?.description ?? ''} ${i?.device ?? ''}`);
}

function estimateBudget(nav: ProbeNavigator, software: boolean): { mb: number; basis: string } {
  const known = typeof nav.deviceMemory === 'number' && nav.deviceMemory > 0;
  const gb = known ? (nav.deviceMemory as number) : ASSUMED_MEMORY_GB;
  // Integrated GPUs share system memory with the OS and the browser, so claim about half; a
  // software adapter keeps models in CPU memory next to everything else, so claim a quarter.
  const share = software ? 0.25 : 0.5;
  const mb = Math.round(gb * 1024 * share);
  const source = known ? `the browser reports about ${gb} GB of memory` : `the browser does not report memory, ${ASSUMED_MEMORY_GB} GB assumed`;
  return { mb, basis: `${software ? 'A quarter' : 'Half'} of system memory: ${source}. A discrete GPU may offer more.` };
}

function finish(partial: Omit<DeviceProbe, 'canRun'>): DeviceProbe {
  return { ...partial, canRun: !partial.problems.some((p) => p.severity === 'error') };
}

export async function probeDevice(
  nav: ProbeNavigator = globalThis.navigator as ProbeNavigator,
  isSecure: boolean = globalThis.isSecureContext ?? false,
): Promise<DeviceProbe> {
  const problems: DeviceProblem[] = [];
  const base = {
    secureContext: isSecure,
    webgpu: Boolean(nav?.gpu),
    adapter: null,
    isFallbackAdapter: false,
    shaderF16: false,
    maxBufferSize: null,
    maxStorageBufferBindingSize: null,
    memoryBudgetMB: 0,
    memoryBudgetBasis: 'No GPU adapter, so no memory for models.',
    problems,
  };
  if (!isSecure) {
    problems.push({ code: 'insecure_context', severity: 'error', detail: 'This page is not served over https:// or localhost.' });
  }
  if (!nav?.gpu) {
    problems.push({
      code: 'no_webgpu',
      severity: 'error',
      detail: isSecure ? 'navigator.gpu is missing: this browser has no WebGPU, or it is turned off.' : 'navigator.gpu is hidden on insecure pages.',
    });
    return finish(base);
  }
  let adapter: ProbeAdapter | null;
  try {
    // Same preference WebLLM uses, so we describe the adapter the model will actually get.
    adapter = await nav.gpu.requestAdapter({ powerPreference: 'high-performance' });
  } catch (err) {
    problems.push({ code: 'no_webgpu', severity: 'error', detail: `Asking for a GPU adapter failed: ${err instanceof Error ? err.message : String(err)}` });
    return finish(base);
  }
  if (!adapter) {
    problems.push({ code: 'no_webgpu', severity: 'error', detail: 'WebGPU exists but offered no adapter (no usable GPU, or it is blocklisted).' });
    return finish(base);
  }

  const software = isSoftware(adapter);
  const shaderF16 = adapter.features.has('shader-f16');
  const maxBufferSize = adapter.limits.maxBufferSize ?? null;
  const maxStorageBufferBindingSize = adapter.limits.maxStorageBufferBindingSize ?? null;
  const budget = estimateBudget(nav, software);

  if (software) {
    problems.push({
      code: 'software_adapter',
      severity: 'warning',
      detail: 'The adapter is a software (fallback) renderer: models will be very slow or fail to load.',
    });
  }
  if (!shaderF16) {
    problems.push({ code: 'no_shader_f16', severity: 'warning', detail: 'No shader-f16: q4f32 model variants will be used (more memory).' });
  }
  if (
    (maxBufferSize !== null && maxBufferSize < MIN_BUFFER_BYTES) ||
    (maxStorageBufferBindingSize !== null && maxStorageBufferBindingSize < MIN_STORAGE_BINDING_BYTES)
  ) {
    problems.push({
      code: 'no_webgpu',
      severity: 'error',
      detail: 'The adapter\'s buffer limits are below what the model runtime needs (256 MB buffers, 128 MB storage bindings).',
    });
  }

  return finish({
    ...base,
    adapter: {
      vendor: adapter.info?.vendor ?? '',
      architecture: adapter.info?.architecture ?? '',
      description: adapter.info?.description ?? '',
    },
    isFallbackAdapter: software,
    shaderF16,
    maxBufferSize,
    maxStorageBufferBindingSize,
    memoryBudgetMB: budget.mb,
    memoryBudgetBasis: budget.basis,
  });
}

let pageProbe: Promise<DeviceProbe> | undefined;

/** One probe per page: the verdict above the views and the model panel describe the same device. */
export function sharedProbe(): Promise<DeviceProbe> {
  pageProbe ??= probeDevice();
  return pageProbe;
}

/**
 * The answer a teacher needs before pressing Run with WebLLM:
 * - 'hardware': a GPU adapter that can hold at least one model;
 * - 'software': only a CPU fallback renderer (SwiftShader, llvmpipe): it loads, but a real model
 *   takes minutes per step and over ten minutes to compile its shaders;
 * - 'none': no usable GPU (WebGPU off or missing, no adapter, insecure page, limits too small);
 *   no team fits, so Run with WebLLM is refused.
 */
export interface GpuVerdict {
  kind: 'hardware' | 'software' | 'none';
  headline: string;
  detail: string;
  /** Why Run with WebLLM is disabled, or null when it may run. */
  runBlocked: string | null;
  /** True where no hardware adapter exists: the page offers the simulated engine. */
  offerSimulated: boolean;
}

/** Measured here: one WebLLM sampling kernel alone took 8 minutes to compile on SwiftShader. */
export const SOFTWARE_GPU_WARNING =
  'A real model on a software GPU takes minutes per step, and compiling its GPU shaders takes more than 10 minutes before the first step (one WebLLM kernel alone took 8 minutes on SwiftShader).';

/** `largestTeam`: copies of the chosen model that fit the memory estimate (catalog's teamMemoryFit). */
export function gpuVerdict(probe: DeviceProbe, largestTeam: number): GpuVerdict {
  const error = probe.problems.find((p) => p.severity === 'error');
  if (error) {
    return {
      kind: 'none',
      headline: 'No usable GPU: WebLLM cannot run here',
      detail: error.detail,
      runBlocked: 'Run with WebLLM is disabled: no usable GPU on this device',
      offerSimulated: true,
    };
  }
  if (probe.isFallbackAdapter) {
    return {
      kind: 'software',
      headline: 'Only a software GPU: real models are very slow here',
      detail: SOFTWARE_GPU_WARNING,
      runBlocked: null,
      offerSimulated: true,
    };
  }
  if (largestTeam < 1) {
    // The memory figure is an estimate (browsers cap what they report), so this warns, not blocks.
    return {
      kind: 'hardware',
      headline: 'A hardware GPU, but the model may not fit',
      detail: `About ${(probe.memoryBudgetMB / 1024).toFixed(1)} GB is estimated for models, less than one copy of the chosen model needs; a smaller model is safer.`,
      runBlocked: null,
      offerSimulated: false,
    };
  }
  return {
    kind: 'hardware',
    headline: 'A hardware GPU is available',
    detail: `${[probe.adapter?.vendor, probe.adapter?.architecture].filter((s) => s).join(' ') || 'Unnamed adapter'}; up to ${largestTeam} ${largestTeam === 1 ? 'copy' : 'copies'} of the model fit its memory (an estimate).`,
    runBlocked: null,
    offerSimulated: false,
  };
}
