/** The per-configuration speedup table both `simulate` and `team` print, with units in the header. */
import { speedupTable } from '../core/metrics/aggregate';
import type { RunMetrics } from '../core/metrics/runMetrics';

export function fmt(v: number | null, digits = 2): string {
  return v === null || !Number.isFinite(v) ? '-' : v.toFixed(digits);
}

/** `table` rows for the team sizes asked for; runs at n = 1 are there for the speedup baseline. */
export function speedupRows(runs: RunMetrics[], ns: readonly number[]): ReturnType<typeof speedupTable> {
  return speedupTable(runs).filter((r) => ns.includes(r.n));
}

export function speedupTableText(runs: RunMetrics[], ns: readonly number[]): string {
  const table = speedupRows(runs, ns);
  const header = ['structure', 'n', 'runs', 'ok', 'wall s', 'speedup', 'Amdahl', 'rounds', 'tokens k', 'msgs', 'replies', 'conc.wr', 'rewrites', 'blocked', 'lost', 'test fail', 'straggler s'];
  const rows = table.map((r) => {
    const group = runs.filter((x) => x.structure === r.structure && x.n === r.n);
    const avg = (f: (m: RunMetrics) => number) => group.reduce((a, m) => a + f(m), 0) / Math.max(1, group.length);
    return [
      r.structure,
      String(r.n),
      String(r.runs),
      `${Math.round(r.successRate * 100)}%`,
      fmt(r.meanWallMs / 1000, 1),
      fmt(r.speedup),
      fmt(r.amdahlBound),
      fmt(avg((m) => m.rounds), 1),
      fmt(r.meanTokens / 1000, 1),
      fmt(avg((m) => m.messages), 1),
      fmt(avg((m) => m.replies), 1),
      fmt(avg((m) => m.concurrentWrites), 1),
      fmt(avg((m) => m.rewrites), 1),
      fmt(avg((m) => m.blockedClaims), 1),
      fmt(avg((m) => m.claimConflicts), 1),
      fmt(avg((m) => m.testFailures), 1),
      fmt(avg((m) => m.stragglerGapMs) / 1000, 2),
    ];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] as string).length)));
  const line = (cells: string[]) => cells.map((c, i) => (i < 1 ? c.padEnd(widths[i] as number) : c.padStart(widths[i] as number))).join('  ');
  return [line(header), ...rows.map(line)].join('\n');
}
