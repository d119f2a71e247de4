import { afterAll, describe, expect, it } from 'vitest';
import { CachedTestRunner } from '../../src/core/harness/cachedRunner';
import { gridFaultAxis } from '../../src/core/sweep/faultAxis';
import { expandGrid } from '../../src/core/sweep/grid';
import { runSweepCells, type SweepResult } from '../../src/core/sweep/runCells';
import { NodeSweepPool } from '../../src/platform/nodeSweepPool';
import { NodeTestRunner } from '../../src/platform/nodeTestRunner';

const cells = expandGrid({ families: ['svg'], ps: [0.5], structures: ['decentralized'], ns: [2], seeds: [4, 5], mode: 'sync', preset: 'laptop', locks: true, straggler: false });
const pool = new NodeSweepPool(2);
afterAll(() => pool.close());

describe('sweeps on Node worker threads', () => {
  it('two real threads give the very results one thread (runSweepCells here) gives, in order', async () => {
    const here: SweepResult[] = [];
    await runSweepCells(cells, { testRunner: new CachedTestRunner(new NodeTestRunner()), onResult: (r) => here.push(r) });
    const there: SweepResult[] = [];
    const summary = await pool.run(cells, { chunk: 1, onResults: (r) => there.push(...r) });
    expect(summary).toMatchObject({ total: cells.length, done: cells.length, lanes: 2, cancelled: false });
    expect(there.map((r) => r.cell.key)).toEqual(cells.map((c) => c.key));
    expect(there.map((r) => r.metrics)).toEqual(here.map((r) => r.metrics));
  }, 120_000);

  it('with a fault axis (message loss rate) too: the same results in two threads as in one, and the loss changes them', async () => {
    const lossy = expandGrid({
      families: ['svg'],
      ps: [0.5],
      structures: ['decentralized'],
      ns: [3],
      seeds: [4],
      mode: 'sync',
      preset: 'laptop',
      locks: true,
      straggler: false,
      recovery: 'heartbeats,reassign',
      faultAxis: gridFaultAxis({ kind: 'loss-rate', agent: 'dev1', values: [0, 0.6] }),
    });
    const here: SweepResult[] = [];
    await runSweepCells(lossy, { testRunner: new CachedTestRunner(new NodeTestRunner()), onResult: (r) => here.push(r) });
    const there: SweepResult[] = [];
    await pool.run(lossy, { chunk: 1, onResults: (r) => there.push(...r) });
    expect(there.map((r) => r.cell.key)).toEqual(lossy.map((c) => c.key));
    expect(there.map((r) => r.metrics)).toEqual(here.map((r) => r.metrics));
    const team = (x: number) => here.find((r) => r.cell.n === 3 && r.cell.faultParam === x)!.metrics;
    expect(team(0.6)).not.toEqual(team(0));
  }, 120_000);
});
