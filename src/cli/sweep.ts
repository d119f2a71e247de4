/**
 * Grid sweeps from a terminal, on every core:
 *   npm run sweep -- --suite math,data --p 0.5,0.9 --structure preassign,decentralized --n 1-8 --seeds 10 [--workers 4] [--json]
 * The grid is the page's (core/sweep/grid); its runs go to a pool of worker threads, and the
 * results are the same, in the same order, whatever the number of threads.
 */
import { availableParallelism } from 'node:os';
import type { RunMetrics } from '../core/metrics/runMetrics';
import { SIM_PRESETS } from '../core/sim/presets';
import { expandGrid, STRUCTURE_ORDER, SweepGridError, type SweepSpec } from '../core/sweep/grid';
import type { StepMode, Structure } from '../core/trace/events';
import { NodeSweepPool } from '../platform/nodeSweepPool';
import { parseArgs, teamSizes, UsageError, type FlagSpec } from './args';
import { speedupRows, speedupTableText } from './speedupText';

const FLAGS: Record<string, FlagSpec> = {
  suite: { kind: 'value', help: 'suite families, comma-separated: math, data, svg (default math)' },
  p: { kind: 'value', help: 'parallel fractions, comma-separated: 0.2, 0.5, 0.9 (default 0.9)' },
  structure: { kind: 'value', help: `structures, comma-separated: ${STRUCTURE_ORDER.join(', ')} (default preassign)` },
  n: { kind: 'value', help: 'team size or range, e.g. 4 or 1-5 (1..8; default 1-5)' },
  seeds: { kind: 'value', help: 'seeds per configuration (default 3)' },
  'seed-start': { kind: 'value', help: 'first seed (default 1)' },
  mode: { kind: 'value', help: 'sync | async (default sync)' },
  preset: { kind: 'value', help: `${SIM_PRESETS.map((p) => p.id).join(' | ')} (default laptop)` },
  'error-rate': { kind: 'value', help: 'chance a written solution is wrong, 0..1 (default: the preset)' },
  straggler: { kind: 'bool', help: 'one agent three times slower than its peers' },
  'no-locks': { kind: 'bool', help: 'files without locks' },
  workers: { kind: 'value', help: `worker threads (default: one per core, ${availableParallelism()} here)` },
  json: { kind: 'bool', help: 'print JSON: the table per suite and, with --runs, every run' },
  runs: { kind: 'bool', help: 'with --json, include every run' },
  help: { kind: 'bool', help: 'this help' },
};

function num(name: string, value: string | undefined, fallback: number, lo: number, hi: number): number {
  if (value === undefined) return fallback;
  const v = Number(value);
  if (!Number.isInteger(v) || v < lo || v > hi) throw new UsageError(`--${name} ${value}: expected a whole number from ${lo} to ${hi}`);
  return v;
}

function list(value: string | boolean | undefined, fallback: string): string[] {
  return String(value ?? fallback)
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

export function specFromFlags(flags: Record<string, string | boolean>): SweepSpec {
  const structures = list(flags.structure, 'preassign') as Structure[];
  const mode = String(flags.mode ?? 'sync') as StepMode;
  if (mode !== 'sync' && mode !== 'async') throw new UsageError(`--mode ${mode}: choose sync or async`);
  const preset = String(flags.preset ?? 'laptop');
  if (!SIM_PRESETS.some((p) => p.id === preset)) throw new UsageError(`--preset ${preset}: choose from ${SIM_PRESETS.map((p) => p.id).join(', ')}`);
  const ps = list(flags.p, '0.9').map((x) => {
    const v = Number(x);
    if (!Number.isFinite(v)) throw new UsageError(`--p ${x}: expected a number like 0.5`);
    return v;
  });
  const seedStart = num('seed-start', flags['seed-start'] as string | undefined, 1, 0, 2 ** 31);
  const seeds = num('seeds', flags.seeds as string | undefined, 3, 1, 1000);
  let errorRate: number | undefined;
  if (flags['error-rate'] !== undefined) {
    errorRate = Number(flags['error-rate']);
    if (!(errorRate >= 0 && errorRate <= 1)) throw new UsageError(`--error-rate ${String(flags['error-rate'])}: expected a number from 0 to 1`);
  }
  return {
    families: list(flags.suite, 'math'),
    ps,
    structures,
    ns: teamSizes(flags.n, '1-5'),
    seeds: Array.from({ length: seeds }, (_, i) => seedStart + i),
    mode,
    preset,
    ...(errorRate !== undefined ? { errorRate } : {}),
    locks: !flags['no-locks'],
    straggler: flags.straggler === true,
  };
}

async function main(argv: string[]): Promise<number> {
  const { flags } = parseArgs(argv, FLAGS);
  if (flags.help) {
    console.log('npm run sweep -- [flags]\n' + Object.entries(FLAGS).map(([k, f]) => `  --${k.padEnd(12)} ${f.help}`).join('\n'));
    return 0;
  }
  const spec = specFromFlags(flags);
  let cells;
  try {
    cells = expandGrid(spec);
  } catch (e) {
    if (e instanceof SweepGridError) throw new UsageError(e.message);
    throw e;
  }
  const workers = num('workers', flags.workers as string | undefined, availableParallelism(), 1, 64);
  const pool = new NodeSweepPool(workers);
  const started = performance.now();
  const runs: RunMetrics[] = [];
  let failed = 0;
  try {
    const summary = await pool.run(cells, {
      onResults: (results, failures, done, total) => {
        runs.push(...results.map((r) => r.metrics));
        failed += failures.length;
        for (const f of failures) console.error(`run ${f.cell.key} failed: ${f.error}`);
        if (!flags.json && process.stderr.isTTY) process.stderr.write(`\r${done} of ${total} runs`);
      },
    });
    const seconds = (performance.now() - started) / 1000;
    if (!flags.json && process.stderr.isTTY) process.stderr.write('\n');
    const suites = [...new Set(runs.map((m) => m.suite))];
    if (flags.json) {
      const tables = Object.fromEntries(suites.map((s) => [s, speedupRows(runs.filter((m) => m.suite === s), spec.ns)]));
      console.log(JSON.stringify({ spec, workers: summary.lanes, seconds, tables, ...(flags.runs ? { runs } : {}) }, null, 2));
    } else {
      for (const s of suites) {
        console.log(`\n${s}, ${spec.mode} ${spec.mode === 'sync' ? 'rounds' : 'steps'}, preset ${spec.preset}, seeds ${spec.seeds[0]}..${spec.seeds.at(-1)}`);
        console.log(speedupTableText(runs.filter((m) => m.suite === s), spec.ns));
      }
      console.log(`\n${summary.done} runs in ${seconds.toFixed(1)} s on ${summary.lanes} worker thread${summary.lanes === 1 ? '' : 's'} (${(summary.done / seconds).toFixed(1)} runs/s)${failed ? `; ${failed} failed` : ''}.`);
    }
    return failed > 0 ? 1 : 0;
  } finally {
    await pool.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e instanceof UsageError ? `npm run sweep: ${e.message}` : e);
    process.exit(2);
  },
);
