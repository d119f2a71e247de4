// The lab drawer's grid sweep with a fault axis (issue 13): the learner's choice becomes the
// grid's {x} template, values are read with their units, results are grouped per value, and a
// saved run of such a sweep keeps its faults and value through the store and the CSV export.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { CachedTestRunner } from '../../src/core/harness/cachedRunner';
import { computeRunMetrics } from '../../src/core/metrics/runMetrics';
import { simulateRun } from '../../src/core/sim/simulate';
import {
  FAULT_AXES,
  FAULT_AXIS_KINDS,
  axisTitle,
  faultAxisChoiceSchema,
  faultAxisRows,
  formatAxisValue,
  formatAxisValues,
  gridFaultAxis,
  parseAxisValues,
} from '../../src/core/sweep/faultAxis';
import { expandGrid, type SweepSpec } from '../../src/core/sweep/grid';
import { cellOptions } from '../../src/core/sweep/recipeRun';
import { runSweepCells, type SweepResult } from '../../src/core/sweep/runCells';
import { CSV_HEADERS, exportMetricsCsv, parseCsv } from '../../src/io/metricsCsv';
import { NodeTestRunner } from '../../src/platform/nodeTestRunner';
import { RunStore } from '../../src/store/runStore';
import { sweepRecord } from '../../src/ui/lab/saveSweep';

const runner = new CachedTestRunner(new NodeTestRunner());

const base: SweepSpec = {
  families: ['math'],
  ps: [0.9],
  structures: ['preassign'],
  ns: [3],
  seeds: [1],
  mode: 'sync',
  preset: 'laptop',
  locks: true,
  straggler: false,
};

describe('reading fault-axis values', () => {
  it('reads seconds, factors and shares (a percent sign is a percentage), keeps the order, drops repeats', () => {
    expect(parseAxisValues('5, 20 40s,20', 'crash-time')).toEqual([5, 20, 40]);
    expect(parseAxisValues('0, 10%, 0.3', 'loss-rate')).toEqual([0, 0.1, 0.3]);
    expect(parseAxisValues('1 2x 4×', 'slow-factor')).toEqual([1, 2, 4]);
    expect(parseAxisValues('.5', 'delay')).toEqual([0.5]);
  });

  it('refuses what it cannot read, with the piece and the range named', () => {
    expect(() => parseAxisValues('', 'crash-time')).toThrow(/at least one crash time, like 5 s, 20 s/);
    expect(() => parseAxisValues('5, ten', 'crash-time')).toThrow(/"ten" is not a number/);
    expect(() => parseAxisValues('-5', 'crash-time')).toThrow(/"-5" is not a number/);
    expect(() => parseAxisValues('150%', 'loss-rate')).toThrow(/150% is out of range: the message loss rate goes from 0% to 100%/);
    expect(() => parseAxisValues('0.5', 'slow-factor')).toThrow(/0.5× is out of range/);
    expect(() => parseAxisValues('20%', 'crash-time')).toThrow(/a percentage only fits a share/);
    expect(() => parseAxisValues('3s', 'slow-factor')).toThrow(/not a time/);
  });

  it('prints values with their units, and the way a learner types them back', () => {
    expect(formatAxisValue('crash-time', 20)).toBe('20 s');
    expect(formatAxisValue('loss-rate', 0.25)).toBe('25%');
    expect(formatAxisValue('slow-factor', 4)).toBe('4×');
    expect(axisTitle('loss-rate')).toBe('message loss rate (%)');
    expect(axisTitle('restart-after')).toBe('restart delay (s)');
    for (const k of FAULT_AXIS_KINDS) expect(parseAxisValues(formatAxisValues(k, FAULT_AXES[k].defaults), k)).toEqual([...FAULT_AXES[k].defaults]);
  });

  it('every kind at its default values makes a grid whose cells carry the fault and the value', () => {
    for (const kind of FAULT_AXIS_KINDS) {
      const choice = faultAxisChoiceSchema.parse({ kind, agent: 'dev2', values: [...FAULT_AXES[kind].defaults] });
      const cells = expandGrid({ ...base, faultAxis: gridFaultAxis(choice) });
      // n = 1 and n = 3, one seed, every value.
      expect(cells).toHaveLength(2 * FAULT_AXES[kind].defaults.length);
      expect(new Set(cells.map((c) => c.key)).size).toBe(cells.length);
      expect(cells.map((c) => c.faultParam)).toEqual([...FAULT_AXES[kind].defaults, ...FAULT_AXES[kind].defaults]);
    }
    const cells = expandGrid({ ...base, recovery: 'heartbeats,reassign', faultAxis: gridFaultAxis({ kind: 'crash-time', agent: 'dev3', values: [5, 40] }) });
    expect(cells.filter((c) => c.n === 3).map((c) => [c.faults, c.recovery, c.faultParam])).toEqual([
      ['crash:dev3@5s', 'heartbeats,reassign', 5],
      ['crash:dev3@40s', 'heartbeats,reassign', 40],
    ]);
    expect(gridFaultAxis({ kind: 'loss-rate', agent: 'dev1', values: [0.2] }).template).toBe('drop:*,rate={x}');
    expect(faultAxisChoiceSchema.safeParse({ kind: 'meteor', agent: 'dev2', values: [1] }).success).toBe(false);
    expect(faultAxisChoiceSchema.safeParse({ kind: 'crash-time', agent: 'dev9', values: [1] }).success).toBe(false);
  });
});

describe('a grid sweep along a fault axis', { timeout: 60_000 }, () => {
  const spec: SweepSpec = { ...base, seeds: [1, 2], recovery: 'heartbeats,reassign', faultAxis: gridFaultAxis({ kind: 'crash-time', agent: 'dev2', values: [5, 600] }) };

  async function sweep(): Promise<SweepResult[]> {
    const results: SweepResult[] = [];
    await runSweepCells(expandGrid(spec), { testRunner: runner, onResult: (r) => results.push(r) });
    return results;
  }

  it('groups results per structure, team size and value, with the speedup against n = 1 at the same value', async () => {
    const results = await sweep();
    const rows = faultAxisRows(results);
    expect(rows.map((r) => [r.structure, r.n, r.x, r.runs])).toEqual([
      ['preassign', 1, 5, 2],
      ['preassign', 1, 600, 2],
      ['preassign', 3, 5, 2],
      ['preassign', 3, 600, 2],
    ]);
    const mean = (n: number, x: number) => {
      const ws = results.filter((r) => r.cell.n === n && r.cell.faultParam === x).map((r) => r.metrics.wallMs);
      return ws.reduce((a, b) => a + b, 0) / ws.length;
    };
    const team5 = rows.find((r) => r.n === 3 && r.x === 5)!;
    expect(team5.meanWallMs).toBeCloseTo(mean(3, 5), 6);
    expect(team5.speedup).toBeCloseTo(mean(1, 5) / mean(3, 5), 6);
    // The fault matters: a crash at 5 s costs the team more than one after the run is over.
    expect(mean(3, 5)).toBeGreaterThan(mean(3, 600));
    // dev2 does not exist at n = 1: both values are the same fault-free run there.
    expect(mean(1, 5)).toBe(mean(1, 600));
    // The 600 s crash comes after the run: the same run as with no fault axis at all.
    const plain = await simulateRun(cellOptions(expandGrid(base).find((c) => c.n === 3)!, runner));
    expect(rows.find((r) => r.n === 3 && r.x === 600)!.successRate).toBe(1);
    expect(computeRunMetrics(plain).success).toBe(true);
    expect(faultAxisRows(results.map((r) => ({ ...r, cell: { ...r.cell, faultParam: undefined } })))).toEqual([]);
  });

  it('a saved run keeps its faults and value through the store, re-runs to the same metrics, and the CSV says which fault it had', async () => {
    const results = await sweep();
    const pick = results.find((r) => r.cell.n === 3 && r.cell.faultParam === 5)!;
    const store = await RunStore.open(`fault-axis-${Date.now()}`);
    const [saved] = await store.saveMany([sweepRecord(pick, 'sweep-x', `${results.length} runs`)]);
    const back = await store.get(saved!.id);
    expect(back?.cell).toEqual(pick.cell);
    expect(back?.cell?.faultParam).toBe(5);
    expect(back?.label).toContain('crash:dev2@5s');
    expect(back?.config.extra).toMatchObject({ faults: 'crash:dev2@5s', recovery: 'heartbeats,reassign' });
    const again = computeRunMetrics(await simulateRun(cellOptions(back!.cell!, runner)));
    expect(again).toEqual(pick.metrics);
    const rows = parseCsv(exportMetricsCsv([{ metrics: back!.metrics!, config: back!.config }]));
    expect(rows[1]?.[CSV_HEADERS.indexOf('faults')]).toBe('crash:dev2@5s');
    expect(rows[1]?.[CSV_HEADERS.indexOf('recovery')]).toBe('heartbeats,reassign');
  });
});
