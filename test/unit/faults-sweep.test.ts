// Sweeps over a fault parameter: the grid's fault axis, its runs, and the summary the CLI charts.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { countCells, expandGrid, SweepGridError, type SweepSpec } from '../../src/core/sweep/grid';
import { cellConfig, cellFromConfig, cellRunOptions } from '../../src/core/sweep/recipe';

const spec: SweepSpec = {
  families: ['math'],
  ps: [0.9],
  structures: ['preassign'],
  ns: [3],
  seeds: [1, 2],
  mode: 'sync',
  preset: 'laptop',
  locks: true,
  straggler: false,
  recovery: 'heartbeats,reassign',
  faultAxis: { template: 'crash:dev2@{x}s', values: [10, 30] },
};

describe('a sweep over a fault parameter', { timeout: 120_000 }, () => {
  it('runs every configuration once per value, each cell with its own faults and a distinct key', () => {
    const cells = expandGrid(spec);
    expect(cells).toHaveLength(countCells(spec));
    expect(cells).toHaveLength(2 /* n = 1, 3 */ * 2 /* seeds */ * 2 /* values */);
    expect(new Set(cells.map((c) => c.key)).size).toBe(cells.length);
    expect(new Set(cells.map((c) => c.faults))).toEqual(new Set(['crash:dev2@10s', 'crash:dev2@30s']));
    for (const c of cells) {
      expect(c.faults).toBe(`crash:dev2@${c.faultParam}s`);
      const o = cellRunOptions(c);
      expect(o.faults?.faults[0]).toMatchObject({ kind: 'crash', agent: 'dev2', at: { t: c.faultParam! * 1000 } });
      expect(o.faults?.recovery.heartbeats).toBe(true);
      // A saved run's config leads back to a cell with the same faults.
      const back = cellFromConfig(cellConfig(c))!;
      expect(back.faults).toBe(c.faults);
      expect(back.recovery).toBe('heartbeats,reassign');
    }
    // Without a fault axis nothing about the cells changes.
    const { faultAxis: _a, recovery: _r, ...plain } = spec;
    expect(expandGrid(plain).every((c) => c.faults === undefined && !c.key.includes('faults'))).toBe(true);
  });

  it('refuses a template without {x} or a value that makes a bad fault, naming it', () => {
    expect(() => expandGrid({ ...spec, faultAxis: { template: 'crash:dev2@10s', values: [1] } })).toThrow(/no \{x\}/);
    expect(() => expandGrid({ ...spec, faultAxis: { template: 'drop:*,rate={x}', values: [0.5, 2] } })).toThrow(SweepGridError);
    expect(() => expandGrid({ ...spec, faultAxis: { template: 'drop:*,rate={x}', values: [0.5, 2] } })).toThrow(/rate=2/);
  });

  it('the CLI sweeps a loss rate and reports its effect per value', () => {
    const res = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'src/cli/simulate.ts', '--structure', 'decentralized', '--n', '3', '--seeds', '1', '--fault-sweep', 'drop:*,rate={x}', '--values', '0,1', '--json'],
      { encoding: 'utf8', timeout: 120_000 },
    );
    expect(res.status, res.stderr).toBe(0);
    const out = JSON.parse(res.stdout) as { rows: { n: number; x: number; messagesDropped: number; successRate: number }[] };
    const at = (x: number) => out.rows.find((r) => r.n === 3 && r.x === x)!;
    expect(at(0).messagesDropped).toBe(0);
    expect(at(1).messagesDropped).toBeGreaterThan(0);
  });
});
