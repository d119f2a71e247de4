import { describe, expect, it } from 'vitest';
import { countCells, expandGrid, MAX_SWEEP_CELLS, SweepGridError, sweepCellSchema, type SweepSpec } from '../../src/core/sweep/grid';

const base: SweepSpec = {
  families: ['math'],
  ps: [0.9],
  structures: ['single', 'preassign', 'leader', 'decentralized'],
  ns: [2, 3],
  seeds: [1, 2],
  mode: 'sync',
  preset: 'laptop',
  locks: true,
  straggler: false,
};

function errorOf(spec: SweepSpec): string {
  try {
    expandGrid(spec);
  } catch (err) {
    expect(err).toBeInstanceOf(SweepGridError);
    return (err as Error).message;
  }
  throw new Error('expandGrid accepted the spec');
}

describe('expandGrid', () => {
  it('adds every structure its n = 1 baseline, gives single only n = 1, and counts as countCells says', () => {
    const cells = expandGrid(base);
    const shape = (s: string) => cells.filter((c) => c.structure === s).map((c) => `${c.n}/${c.seed}`);
    expect(shape('single')).toEqual(['1/1', '1/2']);
    for (const s of ['preassign', 'leader', 'decentralized']) expect(shape(s)).toEqual(['1/1', '1/2', '2/1', '2/2', '3/1', '3/2']);
    expect(cells).toHaveLength(20);
    expect(countCells(base)).toBe(20);
    expect(new Set(cells.map((c) => c.key)).size).toBe(cells.length);
    expect(cells.every((c) => c.suite === 'math-p0.9' && c.family === 'math' && c.p === 0.9)).toBe(true);
  });

  it('"all structures x n = 1..8 x 5 seeds" on one suite is 3 x 8 x 5 + 5 runs; duplicates collapse', () => {
    const spec = { ...base, ns: [1, 2, 3, 4, 5, 6, 7, 8, 8], seeds: [1, 2, 3, 4, 5, 5] };
    expect(expandGrid(spec)).toHaveLength(125);
    expect(countCells(spec)).toBe(125);
  });

  it('crosses suites: families x p levels', () => {
    const cells = expandGrid({ ...base, families: ['math', 'data'], ps: [0.2, 0.9], structures: ['preassign'], ns: [4], seeds: [7] });
    expect(cells.map((c) => `${c.suite}:${c.n}`)).toEqual([
      'math-p0.2:1',
      'math-p0.2:4',
      'math-p0.9:1',
      'math-p0.9:4',
      'data-p0.2:1',
      'data-p0.2:4',
      'data-p0.9:1',
      'data-p0.9:4',
    ]);
  });

  it('carries the shared knobs into every cell and into its key', () => {
    const cells = expandGrid({ ...base, locks: false, errorRate: 0.5, straggler: true, structures: ['decentralized'], ns: [3], seeds: [4] });
    expect(cells.every((c) => c.locks === false && c.errorRate === 0.5 && c.straggler)).toBe(true);
    const other = expandGrid({ ...base, locks: true, errorRate: 0.5, straggler: true, structures: ['decentralized'], ns: [3], seeds: [4] });
    expect(other[1]?.key).not.toBe(cells[1]?.key);
  });

  it('refuses empty axes, out-of-range n, bad seeds and unknown suites with a readable error', () => {
    expect(errorOf({ ...base, structures: [], seeds: [] })).toBe('the sweep has nothing to run: choose at least one value for structures, seeds');
    expect(errorOf({ ...base, ns: [9] })).toMatch(/n = 9 is out of range.*1 to 8/);
    expect(errorOf({ ...base, ns: [2.5] })).toMatch(/n = 2.5 is out of range/);
    expect(errorOf({ ...base, seeds: [-1] })).toMatch(/seed -1/);
    expect(errorOf({ ...base, ps: [0.7] })).toBe('there is no built-in math suite with p = 0.7');
    expect(errorOf({ ...base, errorRate: 2 })).toMatch(/error rate 2/);
  });

  it('refuses a grid larger than the cap, naming its size, before building it', () => {
    const seeds = Array.from({ length: 200 }, (_, i) => i);
    const spec = { ...base, families: ['math', 'data', 'svg'], ps: [0.2, 0.5, 0.9], ns: [1, 2, 3, 4, 5, 6, 7, 8], seeds };
    expect(countCells(spec)).toBeGreaterThan(MAX_SWEEP_CELLS);
    expect(errorOf(spec)).toBe(
      `this sweep would be ${countCells(spec).toLocaleString('en-US')} runs, more than the 5,000 one sweep may hold; use fewer seeds, team sizes, structures or suites`,
    );
  });
});

describe('a cell read back from storage', () => {
  it('keeps every knob, faults and recovery included (one schema for the type and the check)', () => {
    const cell = expandGrid({ ...base, families: ['math'], ps: [0.9], structures: ['decentralized'], ns: [2], seeds: [1] }).at(-1)!;
    const faulty = { ...cell, faults: 'crash:dev2@30s', recovery: 'heartbeats', faultParam: 30, speeds: [1, 0.5] };
    expect(sweepCellSchema.parse(JSON.parse(JSON.stringify(faulty)))).toEqual(faulty);
    expect(sweepCellSchema.safeParse({ ...cell, n: 'two' }).success).toBe(false);
  });
});
