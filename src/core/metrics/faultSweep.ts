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

export interface FaultSweepRow extends SweepPoint {
  meanDetectMs: number | null;
  meanRecoverMs: number | null;
  wrongMissed: number;
  wrongCaught: number;
  messagesDropped: number;
}

const mean = (xs: number[]): number | null => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null);

/** One point of a sweep over a parameter x: the runs of one structure and team size at one x. */
export interface SweepPoint {
  structure: string;
  n: number;
  x: number;
  runs: number;
  successRate: number;
  /** Over every run, finished or not (a run that never finishes is the fault's cost too). */
  meanWallMs: number;
  /** Mean wall time at n = 1 over mean wall time at n, same structure and x; null without a baseline. */
  speedup: number | null;
}

/** Groups runs by structure, team size and x, each with its point; the one rule for every sweep
 * over a parameter (the Faults panel's, the command line's and the lab drawer's fault axis). */
export function sweepPoints<T extends { x: number; run: RunMetrics }>(results: readonly T[]): { point: SweepPoint; runs: T[] }[] {
  const groups = new Map<string, T[]>();
  for (const r of results) {
    const key = `${r.run.structure}|${r.run.n}|${r.x}`;
    const list = groups.get(key);
    if (list) list.push(r);
    else groups.set(key, [r]);
  }
  const wall = (structure: string, n: number, x: number) => mean((groups.get(`${structure}|${n}|${x}`) ?? []).map((r) => r.run.wallMs));
  return [...groups.values()].map((list) => {
    const { structure, n } = list[0].run;
    const x = list[0].x;
    const w = mean(list.map((r) => r.run.wallMs)) ?? 0;
    const base = wall(structure, 1, x);
    return {
      point: {
        structure,
        n,
        x,
        runs: list.length,
        successRate: list.filter((r) => r.run.success).length / list.length,
        meanWallMs: w,
        speedup: base !== null && w > 0 ? base / w : null,
      },
      runs: list,
    };
  });
}

export function faultSweepRows(results: readonly FaultSweepResult[]): FaultSweepRow[] {
  return sweepPoints(results)
    .map(({ point, runs: list }) => ({
      ...point,
      meanDetectMs: mean(list.map((r) => r.faults.meanDetectMs).filter((v): v is number => v !== null)),
      meanRecoverMs: mean(list.map((r) => r.faults.meanRecoverMs).filter((v): v is number => v !== null)),
      wrongMissed: list.reduce((s, r) => s + r.faults.wrongMissed, 0) / list.length,
      wrongCaught: list.reduce((s, r) => s + r.faults.wrongCaught, 0) / list.length,
      messagesDropped: list.reduce((s, r) => s + r.faults.messagesDropped, 0) / list.length,
    }))
    .sort((a, b) => a.structure.localeCompare(b.structure) || a.n - b.n || a.x - b.x);
}
