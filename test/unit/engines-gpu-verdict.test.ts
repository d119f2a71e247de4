import { describe, expect, it } from 'vitest';
import { gpuVerdict, probeDevice, type ProbeAdapter, type ProbeNavigator } from '../../src/engines/probe';

const adapter = (info: ProbeAdapter['info']): ProbeAdapter => ({
  features: { has: () => false },
  limits: { maxBufferSize: 2 ** 31, maxStorageBufferBindingSize: 2 ** 30 },
  info,
});
const nav = (a: ProbeAdapter | null, deviceMemory = 8): ProbeNavigator => ({ gpu: { requestAdapter: async () => a }, deviceMemory });

describe('gpuVerdict', () => {
  it('no adapter, or no WebGPU: no usable GPU, Run with WebLLM blocked, simulated offered', async () => {
    for (const n of [nav(null), {} as ProbeNavigator]) {
      const v = gpuVerdict(await probeDevice(n, true), 0);
      expect(v.kind).toBe('none');
      expect(v.runBlocked).toMatch(/no usable GPU/);
      expect(v.offerSimulated).toBe(true);
    }
  });

  it('a software adapter: may run, warns about minutes per step and over 10 minutes of shader compiling', async () => {
    const v = gpuVerdict(await probeDevice(nav(adapter({ vendor: 'google', architecture: 'swiftshader', isFallbackAdapter: true })), true), 2);
    expect(v.kind).toBe('software');
    expect(v.runBlocked).toBeNull();
    expect(v.detail).toMatch(/minutes per step/);
    expect(v.detail).toMatch(/more than 10 minutes/);
    expect(v.offerSimulated).toBe(true);
  });

  it('a hardware adapter runs and offers nothing else; too little memory warns but does not block (the estimate is coarse)', async () => {
    const probe = await probeDevice(nav(adapter({ vendor: 'nvidia', architecture: 'ampere' })), true);
    const ok = gpuVerdict(probe, 3);
    expect(ok).toMatchObject({ kind: 'hardware', runBlocked: null, offerSimulated: false });
    expect(ok.detail).toMatch(/up to 3 copies/);
    expect(gpuVerdict(probe, 0)).toMatchObject({ kind: 'hardware', runBlocked: null });
    expect(gpuVerdict(probe, 0).headline).toMatch(/may not fit/);
  });

  it('an insecure page is no usable GPU either', async () => {
    const v = gpuVerdict(await probeDevice(nav(adapter({ vendor: 'nvidia' })), false), 3);
    expect(v.kind).toBe('none');
  });
});
