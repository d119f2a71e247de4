/**
 * Reads the paper's per-run and per-reply data and writes what the simulation is compared with:
 *   npx tsx scripts/analyse-paper.ts PATH/TO/reference-dir [--write]
 * Prints the reply-latency quantiles per model, the single-agent latency fit
 * (seconds per reply = c0 + output tokens / rate, least squares over runs), the headline
 * findings and the pooled cells; with --write it also writes
 * src/core/metrics/paperFidelity.generated.ts, which the fidelity report and the page read.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { computeFindings, fidelityCells, quantile, roundGaps, type FidelityMode, type RunRecord } from '../src/core/metrics/fidelity';

const dir = process.argv[2];
if (!dir) {
  console.error('usage: npx tsx scripts/analyse-paper.ts PATH/TO/reference-dir [--write]');
  process.exit(2);
}
const write = process.argv.includes('--write');

function readCsv(path: string): Record<string, string>[] {
  const lines = readFileSync(path, 'utf8').trim().split('\n');
  const head = lines[0].split(',');
  return lines.slice(1).map((line) => {
    const cells = line.split(',');
    return Object.fromEntries(head.map((h, i) => [h, cells[i] ?? '']));
  });
}

const runsCsv = readCsv(join(dir, 'paper-runs.csv'));
const repliesCsv = readCsv(join(dir, 'paper-replies.csv'));

const latenciesByRun = new Map<string, { round: number; latencyS: number }[]>();
const latencyByModel = new Map<string, number[]>();
const modelOfRun = new Map(runsCsv.map((r) => [r.run, r.model]));
for (const r of repliesCsv) {
  const lat = Number(r.latency_s);
  const list = latenciesByRun.get(r.run) ?? [];
  list.push({ round: Number(r.round), latencyS: lat });
  latenciesByRun.set(r.run, list);
  const model = modelOfRun.get(r.run) ?? '?';
  const byModel = latencyByModel.get(model) ?? [];
  byModel.push(lat);
  latencyByModel.set(model, byModel);
}

const records: RunRecord[] = runsCsv.map((r) => ({
  mode: r.mode as FidelityMode,
  model: r.model,
  suite: r.suite,
  p: Number(r.p),
  n: Number(r.n),
  success: r.success === '1',
  wallS: Number(r.wall_s),
  tokens: Number(r.tokens_in) + Number(r.tokens_out),
  replies: Number(r.replies),
  concurrentWrites: Number(r.concurrent_writes),
  rewrites: Number(r.rewrites),
  blockedClaims: Number(r.blocked_claims),
  testFailures: Number(r.test_failures),
  roundGapsS: roundGaps(latenciesByRun.get(r.run) ?? []),
}));

const round = (v: number | null, d = 3) => (v === null ? null : Math.round(v * 10 ** d) / 10 ** d);

// Reply latency quantiles per model (all replies of all runs, as the digest reports them).
const QS = [0.1, 0.25, 0.5, 0.75, 0.9];
const latency: Record<string, number[]> = {};
for (const [model, v] of [...latencyByModel].sort()) latency[model] = QS.map((q) => round(quantile(v, q), 2)!);

// Single-agent fit per model: wall = c0 * replies + tokens_out / rate (each run's rounds are
// one reply each, and the round's time is that reply's latency).
const fits: Record<string, { c0: number; rate: number; r2: number; runs: number }> = {};
for (const model of Object.keys(latency)) {
  const v = runsCsv.filter((r) => r.model === model && r.n === '1');
  let s11 = 0, s12 = 0, s22 = 0, t1 = 0, t2 = 0;
  for (const r of v) {
    const a = Number(r.replies), b = Number(r.tokens_out), y = Number(r.wall_s);
    s11 += a * a; s12 += a * b; s22 += b * b; t1 += a * y; t2 += b * y;
  }
  const det = s11 * s22 - s12 * s12;
  const c0 = (t1 * s22 - t2 * s12) / det;
  const k = (s11 * t2 - s12 * t1) / det;
  const ys = v.map((r) => Number(r.wall_s));
  const my = ys.reduce((a, b) => a + b, 0) / ys.length;
  let ssr = 0, sst = 0;
  v.forEach((r, i) => {
    ssr += (ys[i] - c0 * Number(r.replies) - k * Number(r.tokens_out)) ** 2;
    sst += (ys[i] - my) ** 2;
  });
  fits[model] = { c0: round(c0, 2)!, rate: Math.round(1 / k), r2: round(1 - ssr / sst, 3)!, runs: v.length };
}

const findings = computeFindings(records);
const cellsByModel = fidelityCells(records, true);
const cellsPooled = fidelityCells(records, false);
const tidy = (c: ReturnType<typeof fidelityCells>[number]) =>
  Object.fromEntries(Object.entries(c).map(([k, v]) => [k, typeof v === 'number' ? round(v) : v]));

console.log('Reply latency quantiles (s) p10/p25/p50/p75/p90:');
for (const [m, q] of Object.entries(latency)) console.log(`  ${m.padEnd(18)} ${q.join(' / ')}`);
console.log('Single-agent fit, seconds per reply = c0 + output tokens / rate:');
for (const [m, f] of Object.entries(fits)) console.log(`  ${m.padEnd(18)} c0 ${f.c0} s, rate ${f.rate} tok/s, R2 ${f.r2} (${f.runs} runs)`);
console.log('Findings:', JSON.stringify(findings, (_, v) => (typeof v === 'number' ? round(v) : v), 1));
console.log('Pooled cells (mode p n: speedup, token mult, success):');
for (const c of cellsPooled) console.log(`  ${c.mode.padEnd(13)} ${c.p} ${c.n}: ${round(c.speedup, 2)} ${round(c.tokenMultiplier, 2)} ${round(c.successRate, 2)}`);

if (write) {
  const out = resolve(dirname(fileURLToPath(import.meta.url)), '../src/core/metrics/paperFidelity.generated.ts');
  const text = `// Generated by scripts/analyse-paper.ts from the paper's paper-runs.csv and paper-replies.csv. Do not edit.
import type { CellFigures, Findings } from './fidelity';

/** Reply latency quantiles per model, seconds: p10, p25, p50, p75, p90. */
export const PAPER_LATENCY_QUANTILES: Readonly<Record<string, readonly number[]>> = ${JSON.stringify(latency)};

/** Single-agent runs: seconds per reply = c0 + output tokens / rate. */
export const PAPER_LATENCY_FIT: Readonly<Record<string, { c0: number; rate: number; r2: number; runs: number }>> = ${JSON.stringify(fits)};

export const PAPER_FINDINGS: Findings = ${JSON.stringify(findings, (_, v) => (typeof v === 'number' ? round(v, 4) : v))};

/** Cells per model (mode x model x p x n), pooled over suites. */
export const PAPER_CELLS: readonly CellFigures[] = [
${cellsByModel.map((c) => `  ${JSON.stringify(tidy(c))},`).join('\n')}
];

/** Cells pooled over models and suites (mode x p x n). */
export const PAPER_CELLS_POOLED: readonly CellFigures[] = [
${cellsPooled.map((c) => `  ${JSON.stringify(tidy(c))},`).join('\n')}
];
`;
  writeFileSync(out, text);
  console.log(`wrote ${out}`);
}
