// @vitest-environment jsdom
import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import { EngineError, type GenerateResult } from '../../src/core/engine';
import type { DeviceProbe } from '../../src/engines/probe';
import type { LoadProgress } from '../../src/engines/spec';
import type { ModelWorkerClient, WebLLMSpec } from '../../src/runtime/modelWorkerClient';
import ModelPanel from '../../src/ui/ModelPanel.svelte';

const PAGE = 'https://school.example/playground/';

function device(over: Partial<DeviceProbe> = {}): DeviceProbe {
  return {
    secureContext: true,
    webgpu: true,
    adapter: { vendor: 'nvidia', architecture: 'ampere', description: 'RTX 3060' },
    isFallbackAdapter: false,
    shaderF16: true,
    maxBufferSize: 2 ** 31,
    maxStorageBufferBindingSize: 2 ** 30,
    memoryBudgetMB: 4096,
    memoryBudgetBasis: 'Half of system memory.',
    problems: [],
    canRun: true,
    ...over,
  };
}

const SOFTWARE = device({
  adapter: { vendor: 'google', architecture: 'swiftshader', description: '' },
  isFallbackAdapter: true,
  shaderF16: false,
  problems: [
    { code: 'software_adapter', severity: 'warning', detail: 'The adapter is a software (fallback) renderer.' },
    { code: 'no_shader_f16', severity: 'warning', detail: 'No shader-f16.' },
  ],
});

interface FakeClient extends ModelWorkerClient {
  cached: Set<string>;
  loadImpl: (spec: WebLLMSpec, onProgress: (p: LoadProgress) => void) => Promise<{ model: string }>;
}

function fakeClient(): FakeClient {
  const c: FakeClient = {
    cached: new Set(['SmolLM2-360M-Instruct-q4f32_1-MLC']),
    loadImpl: async (spec) => ({ model: spec.model }),
    probeCache: vi.fn(async (ids: string[]) => Object.fromEntries(ids.map((id) => [id, c.cached.has(id)]))),
    deleteCache: vi.fn(async (id: string) => {
      c.cached.delete(id);
    }),
    load: vi.fn((spec: WebLLMSpec, onProgress: (p: LoadProgress) => void) => c.loadImpl(spec, onProgress)),
    test: vi.fn(
      async (): Promise<GenerateResult> => ({
        text: '{"ok": true}',
        usage: { promptTokens: 20, completionTokens: 6 },
        timings: { totalMs: 800, decodeTokensPerSec: 12.5 },
      }),
    ),
    unload: vi.fn(async () => {}),
    dispose: vi.fn(),
  };
  return c;
}

function setup(probe: DeviceProbe, n = 3, client = fakeClient()) {
  const onChoose = vi.fn();
  const r = render(ModelPanel, { props: { n, onChoose, probe: async () => probe, connect: () => client, pageHref: PAGE } });
  return { ...r, onChoose, client };
}

const variantSelect = () => screen.getByLabelText('Variant') as HTMLSelectElement;

describe('ModelPanel', () => {
  it('shows the probe and its warnings, and preselects q4f32 with q4f16 disabled when shader-f16 is missing', async () => {
    setup(SOFTWARE);
    await screen.findByTestId('problems');
    expect(screen.getByTestId('adapter').textContent).toMatch(/swiftshader.*software fallback/);
    expect(screen.getByTestId('shader-f16').textContent).toBe('no');
    const problems = within(screen.getByTestId('problems'));
    expect(problems.getByText(/Only a software GPU was found/)).toBeInTheDocument();
    expect(problems.getByText(/No 16-bit float shaders/)).toBeInTheDocument();
    await waitFor(() => expect(variantSelect().value).toBe('Qwen2.5-Coder-0.5B-Instruct-q4f32_1-MLC'));
    const f16 = Array.from(variantSelect().options).find((o) => o.value.includes('q4f16'));
    expect(f16?.disabled).toBe(true);
    expect(f16?.textContent).toMatch(/needs shader-f16/);
  });

  it('preselects q4f16 on a GPU with shader-f16 and keeps the choice when the family changes', async () => {
    setup(device());
    await waitFor(() => expect(variantSelect().value).toBe('Qwen2.5-Coder-0.5B-Instruct-q4f16_1-MLC'));
    await fireEvent.change(screen.getByLabelText('Model'), { target: { value: 'Llama-3.2-1B-Instruct' } });
    expect(variantSelect().value).toBe('Llama-3.2-1B-Instruct-q4f16_1-MLC');
  });

  it('states how much memory the team needs and the largest team that fits', async () => {
    setup(device({ shaderF16: false, memoryBudgetMB: 4096 }), 5);
    await waitFor(() => expect(variantSelect().value).toMatch(/q4f32/));
    const text = screen.getByTestId('fit-text').textContent?.replace(/\s+/g, ' ') ?? '';
    // 5 x 1060 MB = 5.2 GB against 4.0 GB: three copies fit.
    expect(text).toContain('A team of 5 needs 5 × 1060 MB = 5.2 GB');
    expect(text).toContain('about 4.0 GB');
    expect(text).toContain('largest team that fits: 3');
    // A larger budget entered by the learner changes the answer.
    await fireEvent.input(screen.getByLabelText('Override the memory estimate (GB)'), { target: { value: '8' } });
    expect(screen.getByTestId('fit-text').textContent).toMatch(/largest team that fits: 7/);
  });

  it('lists cached models with a Delete button that deletes and refreshes', async () => {
    const { client } = setup(device());
    const del = await screen.findByRole('button', { name: 'Delete SmolLM2-360M-Instruct-q4f32_1-MLC from the cache' });
    const row = del.closest('tr') as HTMLElement;
    expect(within(row).getByText('cached')).toBeInTheDocument();
    await fireEvent.click(del);
    await waitFor(() => expect(within(row).getByText('not cached')).toBeInTheDocument());
    expect(client.deleteCache).toHaveBeenCalledWith('SmolLM2-360M-Instruct-q4f32_1-MLC', '');
    expect(screen.queryAllByRole('button', { name: /^Delete / })).toHaveLength(0);
  });

  it('loads and tests a model, showing progress and the test reply', async () => {
    const client = fakeClient();
    let report!: (p: LoadProgress) => void;
    let finish!: () => void;
    client.loadImpl = (spec, onProgress) => {
      report = onProgress;
      return new Promise((ok) => (finish = () => ok({ model: spec.model })));
    };
    setup(device(), 2, client);
    await waitFor(() => expect(variantSelect().value).toMatch(/q4f16/));
    await fireEvent.click(screen.getByRole('button', { name: /Load and test/ }));
    report({ agent: 'model-panel', phase: 'fetching', fraction: 0.4, loadedMB: 112, totalMB: 280, text: '' });
    const bar = await screen.findByRole('progressbar', { name: 'Model loading progress' });
    expect((bar as HTMLProgressElement).value).toBeCloseTo(0.4);
    expect(screen.getByTestId('progress').textContent?.replace(/\s+/g, ' ')).toContain('Downloading: 40%, 112 MB of about 280 MB');
    // The load button waits while busy; cancel is offered.
    expect(screen.getByRole('button', { name: /Load and test/ })).toBeDisabled();
    expect(screen.getByRole('button', { name: 'Cancel' })).toBeEnabled();
    finish();
    await waitFor(() => expect(screen.getByTestId('load-status').textContent).toMatch(/Works: replied/));
    expect(screen.getByTestId('load-status').textContent).toMatch(/12\.5 tokens\/s/);
    expect(client.load).toHaveBeenCalledWith(
      { kind: 'webllm', model: 'Qwen2.5-Coder-0.5B-Instruct-q4f16_1-MLC', baseUrl: '', contextWindow: 4096 },
      expect.any(Function),
    );
  });

  it('shows a failed download in plain words with the fix, and the panel keeps working', async () => {
    const client = fakeClient();
    client.loadImpl = async () => {
      throw new EngineError('download_failed', 'Failed to fetch');
    };
    setup(SOFTWARE, 3, client);
    await screen.findByTestId('problems');
    await fireEvent.input(screen.getByLabelText(/Model base URL/), { target: { value: 'http://127.0.0.1:9/models/' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Apply' }));
    await fireEvent.click(screen.getByRole('button', { name: /Load and test/ }));
    const alert = await screen.findByTestId('load-error');
    expect(alert.dataset.code).toBe('download_failed');
    expect(alert.textContent).toMatch(/The model could not be downloaded/);
    expect(alert.textContent).toMatch(/Check the base URL/);
    expect(alert.textContent).toMatch(/Failed to fetch/);
    expect(client.load).toHaveBeenCalledWith(expect.objectContaining({ baseUrl: 'http://127.0.0.1:9/models/' }), expect.any(Function));
    // Still usable: picking another model updates the memory line, loading can be retried.
    await fireEvent.change(screen.getByLabelText('Model'), { target: { value: 'SmolLM2-360M-Instruct' } });
    expect(screen.getByTestId('fit-text').textContent).toMatch(/3 × 580 MB/);
    expect(screen.getByRole('button', { name: /Load and test SmolLM2/ })).toBeEnabled();
  });

  it('rejects a bad base URL without loading, and hands the chosen spec (with an absolute base) to onChoose', async () => {
    const { onChoose, client } = setup(device());
    await waitFor(() => expect(variantSelect().value).toMatch(/q4f16/));
    const base = screen.getByLabelText(/Model base URL/);
    await fireEvent.input(base, { target: { value: 'ftp://old.example/models' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Apply' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/http or https/);
    expect(client.probeCache).toHaveBeenCalledTimes(1);

    await fireEvent.input(base, { target: { value: 'models/' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Apply' }));
    await waitFor(() => expect(client.probeCache).toHaveBeenCalledTimes(2));
    expect(client.probeCache).toHaveBeenLastCalledWith(expect.any(Array), 'https://school.example/playground/models/');
    expect(screen.getByText(/resolve\/main\//)).toBeInTheDocument();

    await fireEvent.click(screen.getByRole('button', { name: 'Use for the team' }));
    expect(onChoose).toHaveBeenCalledWith({
      kind: 'webllm',
      model: 'Qwen2.5-Coder-0.5B-Instruct-q4f16_1-MLC',
      baseUrl: 'https://school.example/playground/models/',
      contextWindow: 4096,
    });
    expect(screen.getByTestId('chosen').textContent).toMatch(/Qwen2.5-Coder-0.5B-Instruct-q4f16_1-MLC/);
  });

  it('renders model and error text as text, never as HTML', async () => {
    const client = fakeClient();
    client.loadImpl = async () => {
      throw new EngineError('engine_failed', '<img src=x onerror="window.pwned=1">');
    };
    setup(device(), 1, client);
    await waitFor(() => expect(variantSelect().value).toMatch(/q4f16/));
    await fireEvent.click(screen.getByRole('button', { name: /Load and test/ }));
    const alert = await screen.findByTestId('load-error');
    expect(alert.querySelector('img')).toBeNull();
    expect(alert.textContent).toContain('<img src=x');
  });

  it('disposes the worker when the panel goes away', async () => {
    const { client, unmount } = setup(device());
    await waitFor(() => expect(client.probeCache).toHaveBeenCalled());
    unmount();
    expect(client.dispose).toHaveBeenCalled();
  });
});
