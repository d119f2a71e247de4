/**
 * The paper's grid as simulated runs: both analysed structures x the three hosted-model presets
 * x three suites x p in {0.2, 0.5, 0.9} x n = 1..5 x seeds, on the virtual clock with the
 * paper's 60-round budget. Each job is a pure function of its fields, so the grid can be split
 * across threads and put back together in job order with byte-identical results.
 */
import type { TestRunner } from '../harness/types';
import { recordFromMetrics, suiteTestFailures, type FidelityMode, type RunRecord } from '../metrics/fidelity';
import { computeRunMetrics } from '../metrics/runMetrics';
import type { TraceEvent } from '../trace/events';
import { findSuite } from '../workload/suites';
import { P_LEVELS, SUITE_FAMILIES } from '../workload/types';
import { simulateRun } from './simulate';

export const FIDELITY_MODELS = ['claude-sonnet-4-6', 'gemini-3-flash', 'gpt-5.2'] as const;
export const FIDELITY_MODES: readonly FidelityMode[] = ['preassign', 'decentralized'];
/** The harness's usual round budget. */
export const PAPER_MAX_ROUNDS = 60;

export interface FidelityJob {
  mode: FidelityMode;
  model: string;
  family: string;
  p: number;
  n: number;
  seed: number;
}

export interface GridOptions {
  seeds: number;
  seedStart?: number;
  models?: readonly string[];
  modes?: readonly FidelityMode[];
  families?: readonly string[];
  ps?: readonly number[];
  ns?: readonly number[];
}

export function fidelityJobs(o: GridOptions): FidelityJob[] {
  const jobs: FidelityJob[] = [];
  for (const mode of o.modes ?? FIDELITY_MODES)
    for (const model of o.models ?? FIDELITY_MODELS)
      for (const family of o.families ?? SUITE_FAMILIES)
        for (const p of o.ps ?? P_LEVELS)
          for (const n of o.ns ?? [1, 2, 3, 4, 5])
            for (let s = 0; s < o.seeds; s++) jobs.push({ mode, model, family, p, n, seed: (o.seedStart ?? 1) + s });
  return jobs;
}

/**
 * Almost all of the grid's time is spent running tests in the QuickJS sandbox the first time a
 * combination of files is seen; after that each thread's cache answers. A combination belongs
 * to one suite, so each suite's jobs go to one thread (the heaviest suites first, each to the
 * least loaded thread) and no two threads pay for the same test runs. Results are put back by
 * index, so the thread count never changes the report.
 */
export function dealBySuite(jobs: readonly FidelityJob[], threads: number): { idx: number[]; jobs: FidelityJob[] }[] {
  const groups = new Map<string, number[]>();
  jobs.forEach((j, i) => {
    const key = `${j.family}/${j.p}`;
    const list = groups.get(key);
    if (list) list.push(i);
    else groups.set(key, [i]);
  });
  // A job's cost grows with its team size (more replies, more test runs).
  const weight = (idx: number[]) => idx.reduce((s, i) => s + 1 + jobs[i].n, 0);
  const ordered = [...groups.values()].sort((a, b) => weight(b) - weight(a));
  const shares = Array.from({ length: Math.max(1, threads) }, () => ({ idx: [] as number[], jobs: [] as FidelityJob[], load: 0 }));
  for (const idx of ordered) {
    const target = shares.reduce((best, s) => (s.load < best.load ? s : best));
    target.load += weight(idx);
    for (const i of idx) {
      target.idx.push(i);
      target.jobs.push(jobs[i]);
    }
  }
  return shares.filter((s) => s.jobs.length > 0).map(({ idx, jobs: js }) => ({ idx, jobs: js }));
}

export interface JobResult {
  record: RunRecord;
  /** Seconds from round start to each reply. */
  latenciesS: number[];
}

/** Reply latencies as the paper measures them: reply time minus its round's start. */
export function replyLatencies(events: readonly TraceEvent[]): number[] {
  const start = new Map<number, number>();
  const out: number[] = [];
  for (const e of events) {
    if (e.type === 'round_start') start.set(e.round, e.t);
    else if (e.type === 'step_end') out.push((e.t - (start.get(e.round) ?? e.t - e.timings.totalMs)) / 1000);
  }
  return out;
}

export async function runFidelityJob(job: FidelityJob, testRunner: TestRunner): Promise<JobResult> {
  const suite = findSuite(job.family, job.p);
  if (!suite) throw new Error(`no ${job.family} suite at p = ${job.p}`);
  const events = await simulateRun({
    suite,
    structure: job.mode,
    n: job.n,
    mode: 'sync',
    seed: job.seed,
    preset: job.model,
    maxRounds: PAPER_MAX_ROUNDS,
    testRunner,
  });
  const record = recordFromMetrics({ ...computeRunMetrics(events), suiteTestFailures: suiteTestFailures(events) }, job.model, job.family, job.p);
  if (!record) throw new Error(`structure ${job.mode} is not one the paper analysed`);
  return { record, latenciesS: replyLatencies(events) };
}
