/**
 * How close the simulation comes to the paper:
 *   npm run fidelity [-- --seeds 10 --threads 2 --json]
 * Simulates the paper's grid (both structures x the three hosted-model presets x three suites x
 * p x n = 1..5 x seeds) and prints, per cell, the simulated and the paper's figures side by side,
 * the pooled speedup cells, the five headline findings with a verdict each, and each preset's
 * reply-latency quantiles against its model's. Work is split over worker threads; the results
 * are put back in grid order, so the same seeds give byte-identical JSON.
 */
import { availableParallelism } from 'node:os';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { CachedTestRunner } from '../core/harness/cachedRunner';
import type { CellFigures, FidelityOptions, RunRecord } from '../core/metrics/fidelity';
import { buildFidelityReport, SPEEDUP_TOLERANCE, type CellComparison, type FidelityReport } from '../core/metrics/fidelityReport';
import { dealBySuite, FIDELITY_MODELS, fidelityJobs, runFidelityJob, type FidelityJob, type JobResult } from '../core/sim/fidelityGrid';
import { NodeTestRunner } from '../platform/nodeTestRunner';
import { parseArgs, UsageError, type FlagSpec } from './args';

const FLAGS: Record<string, FlagSpec> = {
  seeds: { kind: 'value', help: 'seeds per cell and suite (default 3: 810 runs)' },
  'seed-start': { kind: 'value', help: 'first seed (default 1)' },
  models: { kind: 'value', help: `comma-separated, from ${FIDELITY_MODELS.join(', ')} (default all)` },
  threads: { kind: 'value', help: 'worker threads (default: available cores, at most 4)' },
  'include-failed': { kind: 'bool', help: 'count failed runs in speedup, tokens and means (the paper does not)' },
  json: { kind: 'bool', help: 'print the report as JSON' },
  help: { kind: 'bool', help: 'this help' },
};

interface WorkerInput {
  jobs: FidelityJob[];
}

async function runJobs(jobs: readonly FidelityJob[]): Promise<JobResult[]> {
  const runner = new CachedTestRunner(new NodeTestRunner(), 50000);
  const out: JobResult[] = [];
  for (const job of jobs) out.push(await runFidelityJob(job, runner));
  return out;
}

async function runParallel(jobs: FidelityJob[], threads: number): Promise<JobResult[]> {
  if (threads <= 1) return runJobs(jobs);
  const shares = dealBySuite(jobs, threads);
  const results = new Array<JobResult>(jobs.length);
  await Promise.all(
    shares.map(
      (share) =>
        new Promise<void>((resolve, reject) => {
          // The worker runs this same file, with tsx's loader registered inside it first (a
          // worker does not inherit the loader the command line started with).
          const boot = `import('tsx/esm/api').then((api) => { api.register(); return import(${JSON.stringify(import.meta.url)}); })`;
          const w = new Worker(boot, { eval: true, workerData: { jobs: share.jobs } satisfies WorkerInput });
          w.once('message', (res: JobResult[]) => {
            res.forEach((r, k) => (results[share.idx[k]] = r));
            resolve();
          });
          w.once('error', reject);
          w.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`a fidelity worker exited with code ${code}`))));
        }),
    ),
  );
  return results;
}

const f = (v: number | null | undefined, d = 2) => (v === null || v === undefined || !Number.isFinite(v) ? '-' : v.toFixed(d));
const pair = (c: CellComparison, k: keyof CellFigures, d = 2) => `${f(c.sim?.[k] as number | null, d)}/${f(c.paper?.[k] as number | null, d)}`;

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i < 2 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  return [line(header), ...rows.map(line)].join('\n');
}

function printReport(r: FidelityReport, seconds: number, grid: string): void {
  console.log(`Fidelity: ${r.runs} simulated runs (${grid}) in ${seconds.toFixed(0)} s. Each pair is simulated/paper; means over successful runs.`);
  console.log('');
  const header = ['structure', 'model', 'p', 'n', 'speedup', 'tok mult', 'replies', 'conc wr', 'rewrites', 'blocked', 'test fail', 'gap s', 'success'];
  const row = (c: CellComparison) => [
    c.mode,
    c.model,
    String(c.p),
    String(c.n),
    pair(c, 'speedup'),
    pair(c, 'tokenMultiplier'),
    pair(c, 'replies', 0),
    pair(c, 'concurrentWrites', 0),
    pair(c, 'rewrites', 0),
    pair(c, 'blockedClaims', 0),
    pair(c, 'testFailures', 0),
    pair(c, 'stragglerGapS'),
    pair(c, 'successRate'),
  ];
  console.log(table(header, r.cells.map(row)));
  console.log('');
  console.log(`Pooled over models and suites (speedup within ±${SPEEDUP_TOLERANCE} of the paper: ${r.pooledWithin} of ${r.pooledTotal} cells with n >= 2):`);
  console.log(table([...header, 'within'], r.pooled.map((c) => [...row(c), c.within === null ? '' : c.within ? 'yes' : 'NO'])));
  console.log('');
  console.log('Headline findings:');
  for (const v of r.findings.verdicts) {
    console.log(`  (${v.id}) ${v.finding}: ${v.ok ? 'REPRODUCED' : 'NOT REPRODUCED'}`);
    console.log(`      paper: ${v.paper}`);
    console.log(`      ours:  ${v.ours}`);
  }
  console.log(`  success: pre ${f(r.findings.sim.successRate.preassign)} / dec ${f(r.findings.sim.successRate.decentralized)} (paper ${f(r.findings.paper.successRate.preassign)} / ${f(r.findings.paper.successRate.decentralized)})`);
  console.log('');
  console.log('Reply latency p10 / p50 / p90, s (preset vs its model in the paper; within 20% each):');
  for (const l of r.latency) console.log(`  ${l.model.padEnd(18)} ${l.sim.map((x) => f(x)).join(' / ')}  vs  ${l.paper.map((x) => f(x)).join(' / ')}  ${l.ok ? 'ok' : 'OFF'}`);
}

async function main(argv: string[]): Promise<number> {
  const { flags } = parseArgs(argv, FLAGS);
  if (flags.help) {
    console.log('npm run fidelity -- [flags]\n' + Object.entries(FLAGS).map(([k, s]) => `  --${k.padEnd(15)} ${s.help}`).join('\n'));
    return 0;
  }
  const int = (name: string, fallback: number, lo: number, hi: number) => {
    const raw = flags[name];
    if (raw === undefined) return fallback;
    const v = Number(raw);
    if (!Number.isInteger(v) || v < lo || v > hi) throw new UsageError(`--${name} ${String(raw)}: expected a whole number from ${lo} to ${hi}`);
    return v;
  };
  const seeds = int('seeds', 3, 1, 200);
  const seedStart = int('seed-start', 1, 0, 2 ** 31);
  const threads = int('threads', Math.min(4, availableParallelism()), 1, 16);
  const models = flags.models === undefined ? [...FIDELITY_MODELS] : String(flags.models).split(',');
  for (const m of models) if (!(FIDELITY_MODELS as readonly string[]).includes(m)) throw new UsageError(`--models ${m}: choose from ${FIDELITY_MODELS.join(', ')}`);
  const options: FidelityOptions = { includeFailed: flags['include-failed'] === true };

  const jobs = fidelityJobs({ seeds, seedStart, models });
  const t0 = performance.now();
  const results = await runParallel(jobs, threads);
  const records: RunRecord[] = results.map((r) => r.record);
  const latencies: Record<string, number[]> = {};
  results.forEach((r, i) => {
    const list = (latencies[jobs[i].model] ??= []);
    for (const x of r.latenciesS) list.push(x);
  });
  const report = buildFidelityReport(records, latencies, options);
  if (flags.json) {
    console.log(JSON.stringify({ grid: { seeds, seedStart, models, maxRounds: 60, includeFailed: options.includeFailed ?? false }, ...report }, null, 1));
  } else {
    printReport(report, (performance.now() - t0) / 1000, `${models.length} models x 2 structures x 3 suites x 3 p x n 1-5 x ${seeds} seeds`);
  }
  return 0;
}

if (isMainThread) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (err) => {
      console.error(err instanceof UsageError ? `fidelity: ${err.message}` : `fidelity failed: ${err instanceof Error ? err.stack : String(err)}`);
      process.exit(2);
    },
  );
} else {
  const input = workerData as WorkerInput;
  runJobs(input.jobs).then(
    (res) => parentPort!.postMessage(res),
    (err) => {
      throw err;
    },
  );
}
