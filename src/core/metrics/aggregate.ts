/**
 * Many runs to one table: runs of the same configuration (suite, structure, mode, engine, n)
 * differ only by seed, so they are averaged; speedup compares each configuration's mean wall time
 * with its one-agent baseline, as the paper does.
 */
import { amdahl } from '../workload/dag';
import type { StepMode, Structure } from '../trace/events';
import type { RunMetrics } from './runMetrics';

export interface Stat {
  mean: number;
  /** Sample standard deviation (n - 1); 0 for a single run. */
  sd: number;
  min: number;
  max: number;
  count: number;
}

export function stat(values: readonly number[]): Stat {
  const count = values.length;
  if (count === 0) return { mean: Number.NaN, sd: Number.NaN, min: Number.NaN, max: Number.NaN, count: 0 };
  const mean = values.reduce((a, b) => a + b, 0) / count;
  const variance = count > 1 ? values.reduce((a, v) => a + (v - mean) ** 2, 0) / (count - 1) : 0;
  return { mean, sd: Math.sqrt(variance), min: Math.min(...values), max: Math.max(...values), count };
}

function emptyStats(): Record<AggregatedField, Stat> {
  const out = {} as Record<AggregatedField, Stat>;
  for (const f of AGGREGATED_FIELDS) out[f] = stat([]);
  return out;
}

/** The straggler gap the paper reports: the median over every round of the given runs (each
 * round with two or more replies), ms; null when there are none. */
export function pooledStragglerGapMs(runs: readonly Pick<RunMetrics, 'stragglerGaps'>[]): number | null {
  const gaps = runs.flatMap((r) => r.stragglerGaps.map((g) => g.gapMs)).sort((a, b) => a - b);
  if (gaps.length === 0) return null;
  const m = gaps.length >> 1;
  return gaps.length % 2 ? gaps[m] : (gaps[m - 1] + gaps[m]) / 2;
}

export interface ConfigKey {
  suite: string;
  structure: Structure;
  mode: StepMode;
  engine: string;
  n: number;
}

export function configKey(c: ConfigKey): string {
  return [c.suite, c.structure, c.mode, c.engine, c.n].join('|');
}

/** Metrics averaged over a configuration's runs. */
export const AGGREGATED_FIELDS = [
  'wallMs',
  'rounds',
  'tokens',
  'tokensIn',
  'tokensOut',
  'replies',
  'messages',
  'messageBytes',
  'concurrentWrites',
  'rewrites',
  'blockedClaims',
  'claimConflicts',
  'testRuns',
  'testFailures',
  'idleRounds',
  'lockWaits',
  'lockWaitMs',
  'protocolErrors',
  'failedAgents',
  'stragglerGapMs',
  'meanIdleFraction',
  'tasksDone',
  'p',
  'amdahlBound',
] as const satisfies readonly (keyof RunMetrics)[];
export type AggregatedField = (typeof AGGREGATED_FIELDS)[number];

export interface RunGroup extends ConfigKey {
  key: string;
  runs: RunMetrics[];
  seeds: number[];
  /** Share of runs with success (all tasks done). */
  successRate: number;
  /** Share of runs whose final test suite passed, among runs where it was known; null if none. */
  correctRate: number | null;
  stats: Record<AggregatedField, Stat>;
}

export function groupRuns(runs: readonly RunMetrics[]): RunGroup[] {
  const groups = new Map<string, RunMetrics[]>();
  for (const r of runs) {
    const key = configKey(r);
    const list = groups.get(key) ?? [];
    list.push(r);
    groups.set(key, list);
  }
  const out: RunGroup[] = [];
  for (const [key, list] of groups) {
    const first = list[0] as RunMetrics;
    const known = list.filter((r) => r.correct !== null);
    const stats = {} as Record<AggregatedField, Stat>;
    for (const f of AGGREGATED_FIELDS) stats[f] = stat(list.map((r) => r[f]));
    out.push({
      key,
      suite: first.suite,
      structure: first.structure,
      mode: first.mode,
      engine: first.engine,
      n: first.n,
      runs: list,
      seeds: list.map((r) => r.seed),
      successRate: list.filter((r) => r.success).length / list.length,
      correctRate: known.length === 0 ? null : known.filter((r) => r.correct === true).length / known.length,
      stats,
    });
  }
  return out.sort(
    (a, b) =>
      a.suite.localeCompare(b.suite) ||
      a.structure.localeCompare(b.structure) ||
      a.mode.localeCompare(b.mode) ||
      a.engine.localeCompare(b.engine) ||
      a.n - b.n,
  );
}

export interface SpeedupRow extends ConfigKey {
  runs: number;
  successRate: number;
  meanWallMs: number;
  /** The one-agent configuration the speedup is measured against; null when there is none. */
  baseline: (ConfigKey & { meanWallMs: number; meanTokens: number }) | null;
  /** baseline mean wall / mean wall; null without a baseline. */
  speedup: number | null;
  /** Error bars across seeds: baseline mean wall / slowest run, / fastest run. */
  speedupMin: number | null;
  speedupMax: number | null;
  meanTokens: number;
  /** tokens(n) / tokens(1). */
  tokenMultiplier: number | null;
  /** speedup / token multiplier: speedup bought per token spent. */
  efficiency: number | null;
  p: number;
  amdahlBound: number;
  /** speedup / Amdahl bound: below 1, coordination ate part of what the DAG allows. */
  ratioToAmdahl: number | null;
}

export interface SpeedupOptions {
  /** Average only successful runs (the paper's choice: a run cut by its round budget has a
   * wall time that says little about speed). Default true; false counts every run. The
   * success rate is always over every run. */
  successfulOnly?: boolean;
}

/**
 * speedup(n) = mean wall(n = 1) / mean wall(n). The baseline is the same suite, structure, mode
 * and engine with one agent; a structure that has no one-agent run (leader, say) is measured
 * against the 'single' structure's one-agent run in the same mode, then in any mode.
 * Speedup, token multiplier and efficiency use successful runs only unless told otherwise.
 */
export function speedupTable(runs: readonly RunMetrics[], options: SpeedupOptions = {}): SpeedupRow[] {
  const successfulOnly = options.successfulOnly ?? true;
  const all = new Map(groupRuns(runs).map((g) => [g.key, g]));
  // A configuration none of whose runs succeeded keeps its row (its success rate, 0, is the
  // information) with no speedup.
  const used = successfulOnly ? runs.filter((r) => r.success) : runs;
  const groups = [...all.values()].map((g) => groupRuns(used.filter((r) => configKey(r) === g.key))[0] ?? { ...g, runs: [], stats: emptyStats() });
  const byKey = new Map(groups.map((g) => [g.key, g]));
  const findBaseline = (g: RunGroup): RunGroup | undefined => {
    const same = byKey.get(configKey({ ...g, n: 1 }));
    if (same) return same;
    const single = byKey.get(configKey({ ...g, structure: 'single', n: 1 }));
    if (single) return single;
    return groups.find((o) => o.suite === g.suite && o.engine === g.engine && o.structure === 'single' && o.n === 1);
  };
  return groups.map((g) => {
    const base = findBaseline(g);
    const wall = g.stats.wallMs;
    const tokens = g.stats.tokens;
    const p = all.get(g.key)!.stats.p.mean;
    const bound = g.n > 0 ? amdahl(p, g.n) : 1;
    const baseWall = base?.stats.wallMs.mean;
    const baseTokens = base?.stats.tokens.mean;
    const speedup = baseWall !== undefined && wall.mean > 0 ? baseWall / wall.mean : null;
    const tokenMultiplier = baseTokens !== undefined && baseTokens > 0 ? tokens.mean / baseTokens : null;
    return {
      suite: g.suite,
      structure: g.structure,
      mode: g.mode,
      engine: g.engine,
      n: g.n,
      runs: all.get(g.key)!.runs.length,
      successRate: all.get(g.key)!.successRate,
      meanWallMs: wall.mean,
      baseline: base
        ? {
            suite: base.suite,
            structure: base.structure,
            mode: base.mode,
            engine: base.engine,
            n: base.n,
            meanWallMs: base.stats.wallMs.mean,
            meanTokens: base.stats.tokens.mean,
          }
        : null,
      speedup,
      speedupMin: baseWall !== undefined && wall.max > 0 ? baseWall / wall.max : null,
      speedupMax: baseWall !== undefined && wall.min > 0 ? baseWall / wall.min : null,
      meanTokens: tokens.mean,
      tokenMultiplier,
      efficiency: speedup !== null && tokenMultiplier !== null && tokenMultiplier > 0 ? speedup / tokenMultiplier : null,
      p,
      amdahlBound: bound,
      ratioToAmdahl: speedup !== null ? speedup / bound : null,
    };
  });
}
