import { describe, expect, it } from 'vitest';
import { probeDevice, type ProbeAdapter, type ProbeNavigator } from '../../src/engines/probe';

function adapter(opts: {
  f16?: boolean;
  fallback?: boolean;
  legacyFallback?: boolean;
  vendor?: string;
  architecture?: string;
  maxBufferSize?: number;
  maxStorageBufferBindingSize?: number;
}): ProbeAdapter {
  const features = new Set(opts.f16 ? ['shader-f16', 'timestamp-query'] : ['timestamp-query']);
  return {
    features,
    limits: { maxBufferSize: opts.maxBufferSize ?? 2 ** 31, maxStorageBufferBindingSize: opts.maxStorageBufferBindingSize ?? 2 ** 30 },
    info: { vendor: opts.vendor ?? 'apple', architecture: opts.architecture ?? 'metal-3', description: '', device: '', isFallbackAdapter: opts.fallback },
    isFallbackAdapter: opts.legacyFallback,
  };
}

function nav(a: ProbeAdapter | null | Error, deviceMemory?: number): ProbeNavigator & { calls: unknown[] } {
  const calls: unknown[] = [];
  return {
    calls,
    deviceMemory,
    gpu: {
      requestAdapter: async (options) => {
        calls.push(options);
        if (a instanceof Error) throw a;
        return a;
      },
    },
  };
}

const codes = (p: { problems: { code: string }[] }) => p.problems.map((x) => x.code);

describe('probeDevice', () => {
  it('reports a good GPU with no problems and half of device memory as budget', async () => {
    const n = nav(adapter({ f16: true }), 8);
    const p = await probeDevice(n, true);
    expect(p.canRun).toBe(true);
    expect(p.problems).toEqual([]);
    expect(p.shaderF16).toBe(true);
    expect(p.isFallbackAdapter).toBe(false);
    expect(p.adapter).toEqual({ vendor: 'apple', architecture: 'metal-3', description: '' });
    expect(p.maxBufferSize).toBe(2 ** 31);
    expect(p.maxStorageBufferBindingSize).toBe(2 ** 30);
    expect(p.memoryBudgetMB).toBe(4096);
    // Same adapter WebLLM will get.
    expect(n.calls).toEqual([{ powerPreference: 'high-performance' }]);
  });

  it('flags a software adapter (SwiftShader, as headless Chromium offers) and missing shader-f16 as warnings', async () => {
    const p = await probeDevice(nav(adapter({ fallback: true, vendor: 'google', architecture: 'swiftshader' }), 16), true);
    expect(codes(p)).toEqual(['software_adapter', 'no_shader_f16']);
    expect(p.problems.every((x) => x.severity === 'warning')).toBe(true);
    expect(p.canRun).toBe(true);
    expect(p.isFallbackAdapter).toBe(true);
    expect(p.memoryBudgetMB).toBe(4096); // a quarter of 16 GB
  });

  it('recognises software renderers by name when the fallback flag is absent', async () => {
    const p = await probeDevice(nav(adapter({ f16: true, vendor: 'mesa', architecture: 'llvmpipe' })), true);
    expect(p.isFallbackAdapter).toBe(true);
    const legacy = await probeDevice(nav(adapter({ f16: true, legacyFallback: true })), true);
    expect(legacy.isFallbackAdapter).toBe(true);
  });

  it('reports no_webgpu when navigator.gpu is missing', async () => {
    const p = await probeDevice({ deviceMemory: 8 }, true);
    expect(p.webgpu).toBe(false);
    expect(codes(p)).toEqual(['no_webgpu']);
    expect(p.canRun).toBe(false);
    expect(p.memoryBudgetMB).toBe(0);
  });

  it('reports insecure_context (and the missing WebGPU it causes) on http pages', async () => {
    const p = await probeDevice({}, false);
    expect(codes(p)).toEqual(['insecure_context', 'no_webgpu']);
    expect(p.secureContext).toBe(false);
  });

  it('reports no_webgpu when no adapter is offered or asking throws', async () => {
    expect(codes(await probeDevice(nav(null), true))).toEqual(['no_webgpu']);
    const thrown = await probeDevice(nav(new Error('GPU process crashed')), true);
    expect(codes(thrown)).toEqual(['no_webgpu']);
    expect(thrown.problems[0]?.detail).toMatch(/GPU process crashed/);
  });

  it('refuses adapters whose buffer limits are below what the runtime needs', async () => {
    const p = await probeDevice(nav(adapter({ f16: true, maxStorageBufferBindingSize: 64 * 2 ** 20 })), true);
    expect(p.canRun).toBe(false);
    expect(p.problems[0]).toMatchObject({ code: 'no_webgpu', severity: 'error' });
  });

  it('assumes 4 GB when the browser does not report memory, and says so', async () => {
    const p = await probeDevice(nav(adapter({ f16: true })), true);
    expect(p.memoryBudgetMB).toBe(2048);
    expect(p.memoryBudgetBasis).toMatch(/assumed/);
  });
});
