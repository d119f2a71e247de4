/**
 * A sweep over a fault parameter, summarised: for each structure, team size and parameter value
 * the success rate, mean wall time, speedup against the same structure's one-agent run at the
 * same value, and the fault metrics. Pure: results in, rows out (the CLI prints them, a chart
 * plots them).
 */
import type { FaultMetrics } from './faults';
import type { RunMetrics } from './runMetrics';

export interface FaultSweepResult {
  x: number;
  run: RunMetrics;
  faults: FaultMetrics;
}

export interface FaultSweepRow {
  structure: string;
  n: number;
  x: number;
  runs: number;
  successRate: number;
  meanWallMs: number;
  /** Mean wall time at n = 1 over mean wall time at n, same structure and value; null without a baseline. */
  speedup: number | null;
  meanDetectMs: number | null;
  meanRecoverMs: number | null;
  wrongMissed: number;
  wrongCaught: number;
  messagesDropped: number;
}

const mean = (xs: number[]): number | null => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null);

export function faultSweepRows(results: readonly FaultSweepResult[]): FaultSweepRow[] {
  const groups = new Map<string, FaultSweepResult[]>();
  for (const r of results) {
    const key = `${r.run.structure}|${r.run.n}|${r.x}`;
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  const wall = (structure: string, n: number, x: number) => mean((groups.get(`${structure}|${n}|${x}`) ?? []).map((r) => r.run.wallMs));
  const rows: FaultSweepRow[] = [];
  for (const list of groups.values()) {
    const { structure, n } = list[0].run;
    const x = list[0].x;
    const w = mean(list.map((r) => r.run.wallMs)) ?? 0;
    const base = wall(structure, 1, x);
    rows.push({
      structure,
      n,
      x,
      runs: list.length,
      successRate: list.filter((r) => r.run.success).length / list.length,
      meanWallMs: w,
      speedup: base !== null && w > 0 ? base / w : null,
      meanDetectMs: mean(list.map((r) => r.faults.meanDetectMs).filter((v): v is number => v !== null)),
      meanRecoverMs: mean(list.map((r) => r.faults.meanRecoverMs).filter((v): v is number => v !== null)),
      wrongMissed: list.reduce((s, r) => s + r.faults.wrongMissed, 0) / list.length,
      wrongCaught: list.reduce((s, r) => s + r.faults.wrongCaught, 0) / list.length,
      messagesDropped: list.reduce((s, r) => s + r.faults.messagesDropped, 0) / list.length,
    });
  }
  return rows.sort((a, b) => a.structure.localeCompare(b.structure) || a.n - b.n || a.x - b.x);
}
