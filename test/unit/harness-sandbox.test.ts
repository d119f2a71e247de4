import vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import type { TestRequest } from '../../src/core/harness/types';
import { SandboxTestRunner, type SandboxWorker } from '../../src/platform/sandboxRunner';
import { lockDownNetwork, NETWORK_DISABLED } from '../../src/workers/sandboxLockdown';
import type { SandboxRunMessage } from '../../src/platform/sandboxProtocol';

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

/** A stand-in for the sandbox worker; `behaviour` decides what it does with the script. */
class FakeWorker implements SandboxWorker {
  onmessage: ((event: MessageEvent) => void) | null = null;
  onerror: ((event: ErrorEvent) => void) | null = null;
  onmessageerror: ((event: MessageEvent) => void) | null = null;
  terminated = false;
  constructor(private readonly behaviour: 'run' | 'hang' | 'crash' | 'never-ready' | 'stop-early') {
    if (behaviour !== 'never-ready') setTimeout(() => this.emit({ type: 'ready' }), 0);
  }
  emit(data: unknown): void {
    if (!this.terminated) this.onmessage?.({ data } as MessageEvent);
  }
  postMessage(message: SandboxRunMessage): void {
    setTimeout(() => {
      if (this.behaviour === 'crash') this.onerror?.({ message: 'Uncaught InternalError: too much recursion', preventDefault() {} } as ErrorEvent);
      if (this.behaviour === 'stop-early') this.emit({ type: 'finished' });
      if (this.behaviour !== 'run') return;
      // Evaluate the real harness script the way sandbox.worker.ts does, in a fresh realm.
      const context = vm.createContext(Object.create(null));
      context.__report = (json: string) => this.emit({ type: 'report', json });
      vm.runInContext(message.script, context);
      this.emit({ type: 'finished' });
    }, 0);
  }
  terminate(): void {
    this.terminated = true;
  }
}

function runnerWith(behaviour: ConstructorParameters<typeof FakeWorker>[0]): { runner: SandboxTestRunner; workers: FakeWorker[] } {
  const workers: FakeWorker[] = [];
  const runner = new SandboxTestRunner({
    createWorker: () => {
      const w = new FakeWorker(behaviour);
      workers.push(w);
      return w;
    },
    startupLimitMs: 50,
  });
  return { runner, workers };
}

describe('SandboxTestRunner', () => {
  it('reports what the harness script reports, and terminates the worker', async () => {
    const { runner, workers } = runnerWith('run');
    const report = await runner.run(request);
    expect(report.results.map((r) => [r.name, r.ok, r.error])).toEqual([
      ['adds', true, undefined],
      ['wrong', false, 'expected 4, got 3'],
    ]);
    expect([report.passed, report.failed, report.timedOut]).toEqual([1, 1, false]);
    expect(workers).toHaveLength(1);
    expect(workers[0].terminated).toBe(true);
  });

  it('uses a fresh worker for every run', async () => {
    const { runner, workers } = runnerWith('run');
    await runner.run(request);
    await runner.run(request);
    expect(workers).toHaveLength(2);
  });

  it('kills a worker that never answers and reports a timeout for every test', async () => {
    const { runner, workers } = runnerWith('hang');
    const report = await runner.run(request);
    expect(report.timedOut).toBe(true);
    expect(report.error).toMatch(/^timed out after 50 ms/);
    expect(report.results.every((r) => !r.ok)).toBe(true);
    expect(report.failed).toBe(2);
    expect(workers[0].terminated).toBe(true);
  });

  it('reports a crashed worker as an error, not a timeout', async () => {
    const report = await runnerWith('crash').runner.run(request);
    expect(report.timedOut).toBe(false);
    expect(report.error).toBe('the sandbox worker crashed: Uncaught InternalError: too much recursion');
    expect(report.failed).toBe(2);
  });

  it('reports a worker that never starts, without blaming the agent code', async () => {
    const report = await runnerWith('never-ready').runner.run(request);
    expect(report.timedOut).toBe(false);
    expect(report.error).toBe('the sandbox worker did not start within 50 ms');
  });

  it('reports a script that finished without a final report', async () => {
    const report = await runnerWith('stop-early').runner.run(request);
    expect(report.error).toBe('the harness stopped without finishing its report');
    expect(report.results).toHaveLength(2);
  });
});

describe('lockDownNetwork', () => {
  it('replaces network globals with ones that throw a clear error', () => {
    const beacon = () => true;
    const scope: Record<string, unknown> = { fetch: () => 'sent', navigator: { sendBeacon: beacon }, indexedDB: { open: () => 'db' } };
    expect(lockDownNetwork(scope)).toEqual([]);
    expect(() => (scope.fetch as () => unknown)()).toThrow(NETWORK_DISABLED);
    const XHR = scope.XMLHttpRequest as new () => unknown;
    expect(() => new XHR()).toThrow(`${NETWORK_DISABLED} (XMLHttpRequest is not available)`);
    for (const name of ['WebSocket', 'EventSource', 'importScripts', 'Worker', 'SharedWorker']) {
      expect(() => (scope[name] as () => unknown)(), name).toThrow(NETWORK_DISABLED);
    }
    expect(() => (scope.indexedDB as { open(): unknown }).open()).toThrow(NETWORK_DISABLED);
    expect(() => (scope.caches as { match(): unknown }).match()).toThrow(NETWORK_DISABLED);
    expect(() => (scope.navigator as { sendBeacon(): unknown }).sendBeacon()).toThrow(NETWORK_DISABLED);
  });

  it('cannot be undone by assignment', () => {
    const scope: Record<string, unknown> = {};
    lockDownNetwork(scope);
    // Test modules are strict, so writing a read-only property throws.
    expect(() => {
      scope.fetch = () => 'sent';
    }).toThrow(TypeError);
  });

  it('names the globals it could not replace', () => {
    const scope = {};
    Object.defineProperty(scope, 'fetch', { value: () => 'sent', writable: false, configurable: false });
    expect(lockDownNetwork(scope)).toEqual(['fetch']);
  });
});
