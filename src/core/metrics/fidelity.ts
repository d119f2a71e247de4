/**
 * The paper's comparison, computed the same way for the paper's runs and for simulated ones:
 * per-cell pooled figures (mode x model x p x n, pooled over suites as the notebook does) and
 * the five headline findings. Input is one record per run, so the paper's CSV and simulated
 * traces go through the same code.
 */
import { amdahl } from '../workload/dag';
import type { TraceEvent } from '../trace/events';
import type { RunMetrics } from './runMetrics';

/**
 * The paper's "test failures": whole-suite test runs (run_tests naming no task, as its harness
 * always ran) with a failing test or a harness error. One-task runs (the small-model preset's)
 * are not counted here; RunMetrics.testFailures counts every failing run.
 */
export function suiteTestFailures(events: readonly TraceEvent[]): number {
  let n = 0;
  for (const e of events) if (e.type === 'test_run' && e.task === undefined && (e.failed > 0 || e.error !== undefined)) n++;
  return n;
}

export type FidelityMode = 'preassign' | 'decentralized';

/** One run, reduced to what the comparison needs. Times in seconds. */
export interface RunRecord {
  mode: FidelityMode;
  model: string;
  suite: string;
  /** Nominal parallel fraction of the suite (0.2, 0.5, 0.9). */
  p: number;
  n: number;
  success: boolean;
  wallS: number;
  tokens: number;
  replies: number;
  concurrentWrites: number;
  rewrites: number;
  blockedClaims: number;
  testFailures: number;
  /** Straggler gap of each round with two or more replies (latency within [0, 180] s). */
  roundGapsS: number[];
}

export interface CellFigures {
  mode: FidelityMode;
  /** A model id, or 'all' for cells pooled over models. */
  model: string;
  p: number;
  n: number;
  runs: number;
  successRate: number;
  /** Mean over suites (and models, for pooled cells) of mean wall(n = 1) / mean wall(n), successful runs. */
  speedup: number | null;
  tokenMultiplier: number | null;
  /** Means over successful runs (all runs with includeFailed). */
  replies: number | null;
  concurrentWrites: number | null;
  rewrites: number | null;
  blockedClaims: number | null;
  testFailures: number | null;
  /** Median straggler gap over the cell's pooled rounds, s. */
  stragglerGapS: number | null;
}

export interface FidelityOptions {
  /** Count failed runs too (the paper's figures use successful runs only). */
  includeFailed?: boolean;
}

const mean = (v: readonly number[]): number | null => (v.length ? v.reduce((a, b) => a + b, 0) / v.length : null);

export function median(v: readonly number[]): number | null {
  if (!v.length) return null;
  const s = [...v].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Type-7 quantile (numpy's default). */
export function quantile(v: readonly number[], q: number): number | null {
  if (!v.length) return null;
  const s = [...v].sort((a, b) => a - b);
  const h = (s.length - 1) * q;
  const lo = Math.floor(h);
  return s[lo] + (h - lo) * ((s[Math.min(lo + 1, s.length - 1)] ?? s[lo]) - s[lo]);
}

/** Spearman rank correlation (average ranks for ties). */
export function spearman(x: readonly number[], y: readonly number[]): number | null {
  if (x.length !== y.length || x.length < 3) return null;
  const rank = (v: readonly number[]): number[] => {
    const idx = v.map((value, i) => ({ value, i })).sort((a, b) => a.value - b.value);
    const r = new Array<number>(v.length);
    for (let i = 0; i < idx.length; ) {
      let j = i;
      while (j + 1 < idx.length && idx[j + 1].value === idx[i].value) j++;
      for (let k = i; k <= j; k++) r[idx[k].i] = (i + j) / 2 + 1;
      i = j + 1;
    }
    return r;
  };
  const rx = rank(x);
  const ry = rank(y);
  const mx = mean(rx)!;
  const my = mean(ry)!;
  let num = 0;
  let dx = 0;
  let dy = 0;
  for (let i = 0; i < rx.length; i++) {
    num += (rx[i] - mx) * (ry[i] - my);
    dx += (rx[i] - mx) ** 2;
    dy += (ry[i] - my) ** 2;
  }
  return dx > 0 && dy > 0 ? num / Math.sqrt(dx * dy) : null;
}

const key = (...parts: (string | number)[]): string => parts.join('|');

/** Mean wall and tokens of each (mode, model, suite, p) at n = 1, over successful runs. */
function baselines(runs: readonly RunRecord[], o: FidelityOptions): Map<string, { wallS: number; tokens: number }> {
  const groups = new Map<string, RunRecord[]>();
  for (const r of runs) {
    if (r.n !== 1 || !(r.success || o.includeFailed)) continue;
    const k = key(r.mode, r.model, r.suite, r.p);
    const list = groups.get(k) ?? [];
    list.push(r);
    groups.set(k, list);
  }
  const out = new Map<string, { wallS: number; tokens: number }>();
  for (const [k, list] of groups) out.set(k, { wallS: mean(list.map((r) => r.wallS))!, tokens: mean(list.map((r) => r.tokens))! });
  return out;
}

/**
 * Cells of the comparison. `byModel` false pools models too (the 2 x 3 x n cells the paper's
 * digest reports). Speedup and token multiplier follow the notebook: per (mode, model, suite, p)
 * the ratio of mean n = 1 to mean n over successful runs, then averaged over suites (and models).
 */
export function fidelityCells(runs: readonly RunRecord[], byModel: boolean, o: FidelityOptions = {}): CellFigures[] {
  const base = baselines(runs, o);
  const cells = new Map<string, RunRecord[]>();
  for (const r of runs) {
    const k = key(r.mode, byModel ? r.model : 'all', r.p, r.n);
    const list = cells.get(k) ?? [];
    list.push(r);
    cells.set(k, list);
  }
  const out: CellFigures[] = [];
  for (const list of cells.values()) {
    const first = list[0];
    const used = list.filter((r) => r.success || o.includeFailed);
    // Per (model, suite): mean wall of this n, against its baseline.
    const bySuite = new Map<string, RunRecord[]>();
    for (const r of used) {
      const k = key(r.model, r.suite);
      const group = bySuite.get(k) ?? [];
      group.push(r);
      bySuite.set(k, group);
    }
    const speedups: number[] = [];
    const mults: number[] = [];
    for (const group of bySuite.values()) {
      const b = base.get(key(first.mode, group[0].model, group[0].suite, first.p));
      if (!b) continue;
      const wall = mean(group.map((r) => r.wallS))!;
      const tokens = mean(group.map((r) => r.tokens))!;
      if (wall > 0) speedups.push(b.wallS / wall);
      if (b.tokens > 0) mults.push(tokens / b.tokens);
    }
    out.push({
      mode: first.mode,
      model: byModel ? first.model : 'all',
      p: first.p,
      n: first.n,
      runs: list.length,
      successRate: list.filter((r) => r.success).length / list.length,
      speedup: mean(speedups),
      tokenMultiplier: mean(mults),
      replies: mean(used.map((r) => r.replies)),
      concurrentWrites: mean(used.map((r) => r.concurrentWrites)),
      rewrites: mean(used.map((r) => r.rewrites)),
      blockedClaims: mean(used.map((r) => r.blockedClaims)),
      testFailures: mean(used.map((r) => r.testFailures)),
      stragglerGapS: median(used.flatMap((r) => r.roundGapsS)),
    });
  }
  const modes: FidelityMode[] = ['preassign', 'decentralized'];
  return out.sort((a, b) => modes.indexOf(a.mode) - modes.indexOf(b.mode) || a.model.localeCompare(b.model) || a.p - b.p || a.n - b.n);
}

/** The five headline findings' figures, for one set of runs. */
export interface Findings {
  /** (a) share of runs (n >= 2, successful) whose per-run speedup is below the Amdahl bound. */
  belowAmdahl: { preassign: number | null; decentralized: number | null };
  /** (a) median of per-run speedup / Amdahl bound. */
  ratioToAmdahl: { preassign: number | null; decentralized: number | null };
  /** (b) median per-run speedup (n >= 2, successful). */
  medianSpeedup: { preassign: number | null; decentralized: number | null };
  /** (c) decentralized runs (n >= 2... all n): Spearman of n with tokens, and with per-run speedup. */
  decTokensVsN: number | null;
  decSpeedupVsN: number | null;
  /** (d) medians over successful runs of test failures and concurrent writes (mean for writes). */
  medianTestFailures: { preassign: number | null; decentralized: number | null };
  meanConcurrentWrites: { preassign: number | null; decentralized: number | null };
  /** (e) median straggler gap over pooled rounds, s. */
  medianStragglerGapS: { preassign: number | null; decentralized: number | null };
  /** Success rate by mode. */
  successRate: { preassign: number | null; decentralized: number | null };
}

/**
 * Per-run speedup: the mean wall of the same (mode, model, suite, p) at n = 1 over successful
 * runs, divided by this run's wall. Only successful runs with n >= 2 are counted.
 */
export function perRunSpeedups(runs: readonly RunRecord[]): { run: RunRecord; speedup: number; bound: number }[] {
  const base = baselines(runs, {});
  const out: { run: RunRecord; speedup: number; bound: number }[] = [];
  for (const r of runs) {
    if (r.n < 2 || !r.success || r.wallS <= 0) continue;
    const b = base.get(key(r.mode, r.model, r.suite, r.p));
    if (!b) continue;
    out.push({ run: r, speedup: b.wallS / r.wallS, bound: amdahl(r.p, r.n) });
  }
  return out;
}

export function computeFindings(runs: readonly RunRecord[]): Findings {
  const per = perRunSpeedups(runs);
  const byMode = <T>(f: (mode: FidelityMode) => T) => ({ preassign: f('preassign'), decentralized: f('decentralized') });
  const ok = (mode: FidelityMode) => runs.filter((r) => r.mode === mode && r.success);
  const dec = per.filter((x) => x.run.mode === 'decentralized');
  const decRuns = ok('decentralized');
  return {
    belowAmdahl: byMode((m) => {
      const v = per.filter((x) => x.run.mode === m);
      return v.length ? v.filter((x) => x.speedup < x.bound).length / v.length : null;
    }),
    ratioToAmdahl: byMode((m) => median(per.filter((x) => x.run.mode === m).map((x) => x.speedup / x.bound))),
    medianSpeedup: byMode((m) => median(per.filter((x) => x.run.mode === m).map((x) => x.speedup))),
    decTokensVsN: spearman(
      decRuns.map((r) => r.n),
      decRuns.map((r) => r.tokens),
    ),
    decSpeedupVsN: spearman(
      dec.map((x) => x.run.n),
      dec.map((x) => x.speedup),
    ),
    medianTestFailures: byMode((m) => median(ok(m).map((r) => r.testFailures))),
    meanConcurrentWrites: byMode((m) => mean(ok(m).map((r) => r.concurrentWrites))),
    medianStragglerGapS: byMode((m) => median(ok(m).flatMap((r) => r.roundGapsS))),
    successRate: byMode((m) => {
      const v = runs.filter((r) => r.mode === m);
      return v.length ? v.filter((r) => r.success).length / v.length : null;
    }),
  };
}

export interface Verdict {
  id: 'a' | 'b' | 'c' | 'd' | 'e';
  finding: string;
  paper: string;
  ours: string;
  ok: boolean;
}

const f2 = (v: number | null): string => (v === null ? '-' : v.toFixed(2));
const pct = (v: number | null): string => (v === null ? '-' : `${Math.round(v * 100)}%`);

/** The acceptance rules for each finding, applied to our figures, beside the paper's. */
export function verdicts(ours: Findings, paper: Findings): Verdict[] {
  const both = (f: (x: Findings) => string) => ({ paper: f(paper), ours: f(ours) });
  const a = ours.belowAmdahl;
  const r = ours.ratioToAmdahl;
  const s = ours.medianSpeedup;
  const t = ours.medianTestFailures;
  const w = ours.meanConcurrentWrites;
  const g = ours.medianStragglerGapS;
  return [
    {
      id: 'a',
      finding: 'Most runs fall below Amdahl; pre-assigned teams get closer to the bound',
      ...both((x) => `below: pre ${pct(x.belowAmdahl.preassign)} / dec ${pct(x.belowAmdahl.decentralized)}; speedup/bound ${f2(x.ratioToAmdahl.preassign)} / ${f2(x.ratioToAmdahl.decentralized)}`),
      ok:
        a.decentralized !== null && a.decentralized >= 0.8 && a.preassign !== null && a.preassign >= 0.5 && a.preassign <= 0.9 &&
        r.preassign !== null && r.decentralized !== null && r.preassign > r.decentralized,
    },
    {
      id: 'b',
      finding: 'Pre-assigned teams speed up; self-organising teams slow down',
      ...both((x) => `median per-run speedup pre ${f2(x.medianSpeedup.preassign)} / dec ${f2(x.medianSpeedup.decentralized)}`),
      ok: s.preassign !== null && s.preassign >= 1.15 && s.decentralized !== null && s.decentralized <= 0.97,
    },
    {
      id: 'c',
      finding: 'Self-organising teams spend more tokens as n grows, without getting faster',
      ...both((x) => `Spearman(n, tokens) ${f2(x.decTokensVsN)}; Spearman(n, speedup) ${f2(x.decSpeedupVsN)}`),
      ok: ours.decTokensVsN !== null && ours.decTokensVsN >= 0.3 && ours.decSpeedupVsN !== null && ours.decSpeedupVsN <= 0.1,
    },
    {
      id: 'd',
      finding: 'Self-organising teams fail more tests and collide more on files',
      ...both((x) => `median test failures dec ${f2(x.medianTestFailures.decentralized)} vs pre ${f2(x.medianTestFailures.preassign)}; mean concurrent writes ${f2(x.meanConcurrentWrites.decentralized)} vs ${f2(x.meanConcurrentWrites.preassign)}`),
      ok:
        t.decentralized !== null && t.preassign !== null && t.decentralized >= 2 * t.preassign && t.decentralized > 0 &&
        w.decentralized !== null && w.preassign !== null && w.decentralized >= 4 * w.preassign && w.decentralized > 0,
    },
    {
      id: 'e',
      finding: 'Pre-assigned teams wait longer for their slowest agent each round',
      ...both((x) => `median straggler gap pre ${f2(x.medianStragglerGapS.preassign)} s vs dec ${f2(x.medianStragglerGapS.decentralized)} s`),
      ok: g.preassign !== null && g.decentralized !== null && g.preassign >= 1.3 * g.decentralized,
    },
  ];
}

/** Straggler gaps of rounds, from (round, latency s) pairs; replies outside [0, 180] s are left out. */
export function roundGaps(latencies: Iterable<{ round: number; latencyS: number }>): number[] {
  const byRound = new Map<number, number[]>();
  for (const { round, latencyS } of latencies) {
    if (!(latencyS >= 0 && latencyS <= 180)) continue;
    const list = byRound.get(round) ?? [];
    list.push(latencyS);
    byRound.set(round, list);
  }
  const out: number[] = [];
  for (const [, v] of [...byRound].sort((a, b) => a[0] - b[0])) {
    if (v.length < 2) continue;
    out.push(Math.max(...v) - mean(v)!);
  }
  return out;
}

/** A simulated (or recorded) run's metrics as a comparison record; null for a structure the
 * paper did not analyse. `model` names the paper model the run stands for. */
export function recordFromMetrics(
  m: Pick<RunMetrics, 'structure' | 'n' | 'success' | 'wallMs' | 'tokens' | 'replies' | 'concurrentWrites' | 'rewrites' | 'blockedClaims' | 'stragglerGaps'> & { suiteTestFailures: number },
  model: string,
  suite: string,
  p: number,
): RunRecord | null {
  const mode: FidelityMode | null = m.structure === 'preassign' ? 'preassign' : m.structure === 'decentralized' || m.structure === 'single' ? 'decentralized' : null;
  if (!mode) return null;
  return {
    mode,
    model,
    suite,
    p,
    n: m.n,
    success: m.success,
    wallS: m.wallMs / 1000,
    tokens: m.tokens,
    replies: m.replies,
    concurrentWrites: m.concurrentWrites,
    rewrites: m.rewrites,
    blockedClaims: m.blockedClaims,
    testFailures: m.suiteTestFailures,
    roundGapsS: m.stragglerGaps.map((g) => g.gapMs / 1000),
  };
}
