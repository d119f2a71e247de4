import * as Comlink from 'comlink';
import { afterEach, describe, expect, it } from 'vitest';
import { CachedTestRunner } from '../../src/core/harness/cachedRunner';
import { gridFaultAxis } from '../../src/core/sweep/faultAxis';
import { expandGrid, type SweepCell, type SweepSpec } from '../../src/core/sweep/grid';
import { runSweepCells } from '../../src/core/sweep/runCells';
import { runOnLanes, type SweepLane } from '../../src/core/sweep/pool';
import type { SweepResult } from '../../src/core/sweep/runCells';
import { NodeTestRunner } from '../../src/platform/nodeTestRunner';
import { SweepClient } from '../../src/runtime/sweepClient';
import { poolSizeFor, SweepPool } from '../../src/runtime/sweepPool';
import { createSweepApi } from '../../src/workers/sweepApi';

const spec: SweepSpec = {
  families: ['data'],
  ps: [0.5],
  structures: ['preassign', 'decentralized'],
  ns: [3],
  seeds: [1, 2],
  mode: 'async',
  preset: 'laptop',
  locks: true,
  straggler: true,
};

const pools: SweepPool[] = [];
afterEach(() => {
  for (const p of pools.splice(0)) p.dispose();
});

/** A pool whose workers are the sweep API on the far end of MessageChannels, as in the page. */
function pool(size: number): SweepPool {
  const p = new SweepPool(size, () => {
    const { port1, port2 } = new MessageChannel();
    Comlink.expose(createSweepApi(new CachedTestRunner(new NodeTestRunner())), port1);
    return new SweepClient(() => Object.assign(port2 as unknown as Comlink.Endpoint, { terminate: () => (port1.close(), port2.close()) }));
  });
  pools.push(p);
  return p;
}

describe('a sweep on a pool of workers', () => {
  it('gives the very results one worker gives, in the same order', async () => {
    const cells = expandGrid(spec);
    const run = async (size: number) => {
      const results: SweepResult[] = [];
      const progress: number[] = [];
      const outcome = await pool(size).run(cells, { onResults: (r) => results.push(...r), onProgress: (d) => progress.push(d) });
      return { results, progress, outcome };
    };
    const one = await run(1);
    const three = await run(3);
    expect(one.results.map((r) => r.cell.key)).toEqual(cells.map((c) => c.key));
    expect(three.results.map((r) => r.cell.key)).toEqual(cells.map((c) => c.key));
    expect(three.results.map((r) => r.metrics)).toEqual(one.results.map((r) => r.metrics));
    expect(three.outcome).toMatchObject({ total: cells.length, done: cells.length, cancelled: false });
    expect(three.progress.at(-1)).toBe(cells.length);
  }, 120_000);

  it('along a fault axis gives the very results one thread gives, each cell with its own crash', async () => {
    const cells = expandGrid({ ...spec, structures: ['preassign'], seeds: [1], recovery: 'heartbeats,reassign', faultAxis: gridFaultAxis({ kind: 'crash-time', agent: 'dev2', values: [5, 30] }) });
    const here: SweepResult[] = [];
    await runSweepCells(cells, { testRunner: new CachedTestRunner(new NodeTestRunner()), onResult: (r) => here.push(r) });
    const there: SweepResult[] = [];
    await pool(2).run(cells, { onResults: (r) => there.push(...r) });
    expect(there.map((r) => r.cell.key)).toEqual(cells.map((c) => c.key));
    expect(there.map((r) => r.metrics)).toEqual(here.map((r) => r.metrics));
    expect(there.filter((r) => r.cell.n === 3).map((r) => r.cell.faults)).toEqual(['crash:dev2@5s', 'crash:dev2@30s']);
    const team = (x: number) => there.find((r) => r.cell.n === 3 && r.cell.faultParam === x)!.metrics;
    expect(team(5).wallMs).not.toBe(team(30).wallMs);
  }, 120_000);

  it('hands results on in cell order however the lanes finish, and keeps what finished on cancel', async () => {
    const cells = Array.from({ length: 23 }, (_, i) => ({ key: `c${i}`, seed: i }) as unknown as SweepCell);
    const lane = (delay: (i: number) => number): SweepLane => ({
      async run(chunk, o) {
        for (const cell of chunk) {
          if (o.signal?.aborted) return;
          await new Promise((r) => setTimeout(r, delay(cell.seed)));
          o.onResult({ cell, metrics: { seed: cell.seed } as unknown as SweepResult['metrics'] });
        }
      },
    });
    const seen: string[] = [];
    const summary = await runOnLanes(cells, [lane((i) => (i * 7) % 5), lane(() => 0), lane((i) => i % 3)], { chunk: 2, onResults: (r) => seen.push(...r.map((x) => x.cell.key)) });
    expect(seen).toEqual(cells.map((c) => c.key));
    expect(summary).toMatchObject({ done: 23, lanes: 3, cancelled: false });

    const abort = new AbortController();
    const kept: string[] = [];
    const cut = await runOnLanes(cells, [lane(() => 1), lane(() => 1)], {
      chunk: 3,
      signal: abort.signal,
      onResults: (r, _f, done) => {
        kept.push(...r.map((x) => x.cell.key));
        if (done >= 5) abort.abort();
      },
    });
    expect(cut.cancelled).toBe(true);
    expect(cut.done).toBe(kept.length);
    expect(kept.length).toBeLessThan(23);
    expect([...kept].sort()).toEqual([...new Set(kept)].sort());
  });

  it('is sized to the machine: one worker per spare core, at least one, at most eight', () => {
    expect([1, 2, 4, 16].map(poolSizeFor)).toEqual([1, 1, 3, 8]);
    expect(poolSizeFor(undefined)).toBe(1);
  });
});
