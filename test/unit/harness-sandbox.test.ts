import { describe, expect, it } from 'vitest';
import type { TestRequest } from '../../src/core/harness/types';
import { NodeTestRunner } from '../../src/platform/nodeTestRunner';
import type { SandboxRunMessage } from '../../src/platform/sandboxProtocol';
import { SandboxTestRunner, type SandboxWorker } from '../../src/platform/sandboxRunner';

const request: TestRequest = {
  files: { 'src/add.js': 'export function add(a, b) { return a + b; }\n' },
  suites: [
    {
      task: 't01',
      file: 'src/add.js',
      exportName: 'add',
      tests: [
        { name: 'adds', code: 'assert.equal(add(1, 2), 3);' },
        { name: 'wrong', code: 'assert.equal(add(1, 2), 4);' },
      ],
    },
  ],
  timeoutMs: 50,
};

type Behaviour = 'run' | 'hang' | 'crash' | 'never-ready' | 'load-fails' | 'malformed' | 'retire';

/** A stand-in for sandbox.worker.ts: the same QuickJS runner, in this thread. */
class FakeWorker implements SandboxWorker {
  onmessage: ((event: MessageEvent) => void) | null = null;
  onerror: ((event: ErrorEvent) => void) | null = null;
  onmessageerror: ((event: MessageEvent) => void) | null = null;
  terminated = false;
  runs = 0;
  private readonly runner = new NodeTestRunner();
  constructor(private readonly behaviour: Behaviour) {
    if (behaviour === 'load-fails') setTimeout(() => this.emit({ type: 'crash', message: 'the test sandbox (QuickJS) could not be loaded: no wasm' }), 0);
    else if (behaviour !== 'never-ready') setTimeout(() => this.emit({ type: 'ready' }), 0);
  }
  emit(data: unknown): void {
    if (!this.terminated) this.onmessage?.({ data } as MessageEvent);
  }
  postMessage(message: SandboxRunMessage): void {
    this.runs++;
    setTimeout(async () => {
      if (this.behaviour === 'crash') this.onerror?.({ message: 'Uncaught RuntimeError: unreachable', preventDefault() {} } as ErrorEvent);
      if (this.behaviour === 'malformed') this.emit({ type: 'report', id: message.id, report: { results: 'all passed' } });
      if (this.behaviour !== 'run' && this.behaviour !== 'retire') return;
      this.emit({ type: 'report', id: message.id, report: await this.runner.run(message.request), retire: this.behaviour === 'retire' });
    }, 0);
  }
  terminate(): void {
    this.terminated = true;
  }
}

function runnerWith(behaviour: Behaviour): { runner: SandboxTestRunner; workers: FakeWorker[] } {
  const workers: FakeWorker[] = [];
  const runner = new SandboxTestRunner({
    createWorker: () => {
      const w = new FakeWorker(behaviour);
      workers.push(w);
      return w;
    },
    startupLimitMs: 50,
    graceMs: 20,
  });
  return { runner, workers };
}

describe('SandboxTestRunner', () => {
  it('reports what the sandbox reports', async () => {
    const { runner } = runnerWith('run');
    const report = await runner.run({ ...request, timeoutMs: 2000 });
    expect(report.results.map((r) => [r.name, r.ok, r.error])).toEqual([
      ['adds', true, undefined],
      ['wrong', false, 'expected 4, got 3'],
    ]);
    expect([report.passed, report.failed, report.timedOut]).toEqual([1, 1, false]);
  });

  it('keeps a worker that answered and reuses it', async () => {
    const { runner, workers } = runnerWith('run');
    await runner.run({ ...request, timeoutMs: 2000 });
    await runner.run({ ...request, timeoutMs: 2000 });
    expect(workers).toHaveLength(1);
    expect(workers[0].runs).toBe(2);
    expect(workers[0].terminated).toBe(false);
    runner.close();
    expect(workers[0].terminated).toBe(true);
  });

  it('retires a worker whose memory grew: its report counts, the worker is not reused', async () => {
    const { runner, workers } = runnerWith('retire');
    const report = await runner.run({ ...request, timeoutMs: 2000 });
    expect([report.passed, report.failed]).toEqual([1, 1]);
    expect(workers[0].terminated).toBe(true);
    await runner.run({ ...request, timeoutMs: 2000 });
    expect(workers).toHaveLength(2);
  });

  it('terminates a worker that stays silent past the deadline and grace, reports a timeout for every test, and never reuses it', async () => {
    const { runner, workers } = runnerWith('hang');
    const report = await runner.run(request);
    expect(report.timedOut).toBe(true);
    expect(report.error).toBe('timed out after 50 ms (the sandbox did not stop by itself and was terminated)');
    expect(report.failed).toBe(2);
    expect(workers[0].terminated).toBe(true);
    await runner.run(request);
    expect(workers).toHaveLength(2);
  });

  it('reports a crashed worker as an error, not a timeout', async () => {
    const { runner, workers } = runnerWith('crash');
    const report = await runner.run(request);
    expect(report.timedOut).toBe(false);
    expect(report.error).toBe('the sandbox worker crashed: Uncaught RuntimeError: unreachable');
    expect(report.failed).toBe(2);
    expect(workers[0].terminated).toBe(true);
  });

  it('refuses a malformed report and drops that worker', async () => {
    const { runner, workers } = runnerWith('malformed');
    const report = await runner.run(request);
    expect(report.error).toBe('the sandbox worker sent a malformed report');
    expect(report.passed).toBe(0);
    expect(workers[0].terminated).toBe(true);
  });

  it('reports a worker that never starts or cannot load QuickJS, without blaming the agent code', async () => {
    const never = await runnerWith('never-ready').runner.run(request);
    expect([never.timedOut, never.error]).toEqual([false, 'the sandbox worker did not start within 50 ms']);
    const noWasm = await runnerWith('load-fails').runner.run(request);
    expect([noWasm.timedOut, noWasm.error]).toEqual([false, 'the test sandbox (QuickJS) could not be loaded: no wasm']);
  });
});
