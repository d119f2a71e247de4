import * as Comlink from 'comlink';
import { afterEach, describe, expect, it } from 'vitest';
import { CachedTestRunner } from '../../src/core/harness/cachedRunner';
import { expandGrid, type SweepSpec } from '../../src/core/sweep/grid';
import type { SweepResult } from '../../src/core/sweep/runCells';
import { SweepClient } from '../../src/runtime/sweepClient';
import { createSweepApi } from '../../src/workers/sweepApi';
import { NodeTestRunner } from '../../src/platform/nodeTestRunner';

const spec: SweepSpec = {
  families: ['math'],
  ps: [0.9],
  structures: ['preassign', 'decentralized'],
  ns: [2, 4],
  seeds: [1, 2],
  mode: 'sync',
  preset: 'laptop',
  locks: true,
  straggler: false,
};

const clients: SweepClient[] = [];
afterEach(() => {
  for (const c of clients.splice(0)) c.dispose();
});

/** The sweep API exposed on one end of a MessageChannel, as the worker exposes it on its global. */
function connected(): SweepClient {
  const { port1, port2 } = new MessageChannel();
  Comlink.expose(createSweepApi(new CachedTestRunner(new NodeTestRunner())), port1);
  const client = new SweepClient(() =>
    Object.assign(port2 as unknown as Comlink.Endpoint, {
      terminate: () => {
        port1.close();
        port2.close();
      },
    }),
  );
  clients.push(client);
  return client;
}

describe('SweepClient over the worker boundary', () => {
  it('streams every result in order, with progress, and sends traces only when asked', async () => {
    const client = connected();
    const cells = expandGrid(spec);
    const results: SweepResult[] = [];
    const progress: [number, number][] = [];
    const outcome = await client.run(cells, { onResults: (r) => results.push(...r), onProgress: (d, t) => progress.push([d, t]), batchMs: 0 });
    expect(outcome.done).toBe(cells.length);
    expect(outcome.cancelled).toBe(false);
    expect(results.map((r) => r.cell.key)).toEqual(cells.map((c) => c.key));
    expect(results.every((r) => r.events === undefined && r.metrics.suite === 'math-p0.9')).toBe(true);
    expect(progress.at(-1)).toEqual([cells.length, cells.length]);
    expect(progress.map(([d]) => d)).toEqual([...progress.map(([d]) => d)].sort((a, b) => a - b));

    const withTraces: SweepResult[] = [];
    await client.run(cells.slice(0, 2), { keepTraces: true, onResults: (r) => withTraces.push(...r) });
    expect(withTraces.map((r) => r.events?.[0]?.type)).toEqual(['run_start', 'run_start']);
    expect(withTraces[1]?.metrics).toEqual(results[1]?.metrics);
  }, 60_000);

  it('cancel through an AbortSignal stops the sweep and resolves it with the runs finished', async () => {
    const client = connected();
    const cells = expandGrid({ ...spec, seeds: [1, 2, 3, 4, 5] });
    const abort = new AbortController();
    let received = 0;
    const outcome = await client.run(cells, {
      batchMs: 0,
      signal: abort.signal,
      onResults: (r) => {
        received += r.length;
        if (received >= 2) abort.abort();
      },
    });
    expect(outcome.cancelled).toBe(true);
    expect(outcome.done).toBeLessThan(cells.length);
    expect(received).toBe(outcome.done);
  }, 60_000);

  it('keeps the test cache warm across sweeps: the same sweep again runs no test it has run', async () => {
    const client = connected();
    const cells = expandGrid({ ...spec, structures: ['preassign'], seeds: [1] });
    const first = await client.run(cells);
    const second = await client.run(cells);
    expect(first.testCache.misses).toBeGreaterThan(0);
    expect(second.testCache.misses).toBe(first.testCache.misses);
    expect(second.testCache.hits).toBeGreaterThan(first.testCache.hits);
  }, 60_000);
});
