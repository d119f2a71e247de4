/**
 * `simulate --fault-sweep "crash:dev2@{x}s" --values 10,20,40`: one sweep over a fault
 * parameter (core/sweep/grid.ts's fault axis), summarised per structure, team size and value,
 * with a text chart of mean wall time against the parameter.
 */
import { CachedTestRunner } from '../core/harness/cachedRunner';
import { computeFaultMetrics } from '../core/metrics/faults';
import { faultSweepRows, type FaultSweepResult, type FaultSweepRow } from '../core/metrics/faultSweep';
import { expandGrid, SweepGridError } from '../core/sweep/grid';
import { runSweepCells } from '../core/sweep/runCells';
import type { StepMode, Structure } from '../core/trace/events';
import type { Suite } from '../core/workload/types';
import { NodeTestRunner } from '../platform/nodeTestRunner';
import { UsageError } from './args';

export interface FaultSweepOptions {
  suite: Suite;
  structures: Structure[];
  ns: number[];
  seeds: number;
  seedStart: number;
  mode: StepMode;
  preset: string;
  errorRate?: number;
  maxRounds: number;
  template: string;
  values: number[];
  faults?: string;
  recovery?: string;
  json: boolean;
}

export async function faultSweep(o: FaultSweepOptions): Promise<FaultSweepRow[]> {
  const [family, p] = [o.suite.family, o.suite.p];
  let cells;
  try {
    cells = expandGrid({
      families: [family],
      ps: [p],
      structures: o.structures,
      ns: o.ns,
      seeds: Array.from({ length: o.seeds }, (_, i) => o.seedStart + i),
      mode: o.mode,
      preset: o.preset,
      locks: true,
      straggler: false,
      maxRounds: o.maxRounds,
      ...(o.errorRate !== undefined ? { errorRate: o.errorRate } : {}),
      ...(o.faults ? { faults: o.faults } : {}),
      ...(o.recovery ? { recovery: o.recovery } : {}),
      faultAxis: { template: o.template, values: o.values },
    });
  } catch (e) {
    if (e instanceof SweepGridError) throw new UsageError(`--fault-sweep: ${e.message}`);
    throw e;
  }
  const runner = new CachedTestRunner(new NodeTestRunner());
  const results: FaultSweepResult[] = [];
  // The one sweep loop (core/sweep/runCells.ts); a run that throws is reported and left out.
  const summary = await runSweepCells(cells, {
    testRunner: runner,
    suite: o.suite,
    keepEvents: true,
    onResult: (res) => results.push({ x: res.cell.faultParam ?? 0, run: res.metrics, faults: computeFaultMetrics(res.events ?? []) }),
  });
  for (const f of summary.failures) console.error(`fault sweep: a run failed (${f.cell.structure}, n = ${f.cell.n}, x = ${f.cell.faultParam ?? '-'}, seed ${f.cell.seed}): ${f.error}`);
  const rows = faultSweepRows(results).filter((r) => o.ns.includes(r.n));
  if (o.json) {
    console.log(JSON.stringify({ template: o.template, values: o.values, rows }, null, 2));
    return rows;
  }
  const sec = (ms: number | null) => (ms === null ? '-' : (ms / 1000).toFixed(1));
  console.log(`${o.suite.name}: ${o.template} for x = ${o.values.join(', ')}; recovery ${o.recovery ?? 'none'}; ${o.seeds} seed(s) each`);
  const header = ['structure', 'n', 'x', 'runs', 'ok', 'wall s', 'speedup', 'detect s', 'recover s', 'missed', 'caught', 'dropped'];
  const body = rows.map((r) => [
    r.structure,
    String(r.n),
    String(r.x),
    String(r.runs),
    `${Math.round(r.successRate * 100)}%`,
    sec(r.meanWallMs),
    r.speedup === null ? '-' : r.speedup.toFixed(2),
    sec(r.meanDetectMs),
    sec(r.meanRecoverMs),
    r.wrongMissed.toFixed(1),
    r.wrongCaught.toFixed(1),
    r.messagesDropped.toFixed(1),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i < 1 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  console.log([line(header), ...body.map(line)].join('\n'));
  // The effect at a glance: mean wall time against x, one bar per value.
  const most = Math.max(...rows.map((r) => r.meanWallMs), 1);
  console.log('\nmean wall time by x (each # is 1/40 of the longest):');
  for (const r of rows) console.log(`  ${r.structure.padEnd(13)} n=${r.n}  x=${String(r.x).padStart(6)}  ${'#'.repeat(Math.max(1, Math.round((r.meanWallMs / most) * 40)))} ${sec(r.meanWallMs)} s${r.successRate < 1 ? ` (${Math.round(r.successRate * 100)}% done)` : ''}`);
  return rows;
}
