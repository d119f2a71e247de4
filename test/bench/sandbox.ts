/**
 * Bench 6: what one test run costs in the QuickJS code sandbox, in Node: in this thread
 * (QuickJSTestRunner: a fresh QuickJS runtime, the harness prelude with the realm lockdown,
 * the transform and the tests) and through the worker thread the CLI and unit tests use
 * (NodeTestRunner: the same plus a message round trip). Wall time and this process's CPU time
 * are both given, because other work on the machine moves wall time a lot. The reference the
 * issue gives is the old browser sandbox: 3.4 ms of test runs per step across workers (a fresh
 * locked-down worker per run); figure 3b measures the new one on the same terms.
 */
import { performance } from 'node:perf_hooks';
import { referenceFiles, testRequestFor } from '../../src/core/harness/request';
import type { TestRequest, TestRunner } from '../../src/core/harness/types';
import { findSuite } from '../../src/core/workload/suites';
import { loadQuickJSInNode } from '../../src/platform/nodeQuickJS';
import { NodeTestRunner } from '../../src/platform/nodeTestRunner';
import { QuickJSTestRunner } from '../../src/platform/quickjsSandbox';
import { info, median, quantile, type Figure } from './figures';

const GROUP = '6. Code sandbox (QuickJS in WebAssembly), one test run, Node';

export interface SandboxBenchOptions {
  runs?: number;
}

async function timeRuns(runner: TestRunner, req: TestRequest, runs: number): Promise<{ wallMs: number[]; cpuMsPerRun: number }> {
  for (let i = 0; i < 5; i++) await runner.run(req);
  const wallMs: number[] = [];
  const cpu = process.cpuUsage();
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    const report = await runner.run(req);
    wallMs.push(performance.now() - t);
    if (report.error) throw new Error(`the bench request failed: ${report.error}`);
  }
  const used = process.cpuUsage(cpu);
  return { wallMs, cpuMsPerRun: (used.user + used.system) / 1000 / runs };
}

export async function runSandboxBench(o: SandboxBenchOptions = {}): Promise<{ figures: Figure[]; raw: Record<string, unknown> }> {
  const suite = findSuite('math', 0.5);
  if (!suite) throw new Error('the math p = 0.5 suite is missing');
  const files = referenceFiles(suite);
  const oneTask = testRequestFor(suite, files, [suite.tasks[suite.tasks.length - 1].id]);
  const whole = testRequestFor(suite, files);
  const cases = (r: TestRequest) => r.suites.reduce((n, s) => n + s.tests.length, 0);
  const runs = o.runs ?? 60;
  const figures: Figure[] = [];
  const raw: Record<string, unknown> = {};
  const inThread = new QuickJSTestRunner({ load: loadQuickJSInNode });
  const threaded = new NodeTestRunner();
  for (const [label, req] of [
    [`one task (${cases(oneTask)} tests, ${Object.keys(files).length} files linked as needed)`, oneTask],
    [`whole suite (${suite.tasks.length} tasks, ${cases(whole)} tests)`, whole],
  ] as const) {
    for (const [how, runner] of [
      ['in this thread', inThread],
      ['worker thread (NodeTestRunner)', threaded],
    ] as const) {
      const r = await timeRuns(runner, req, runs);
      raw[`${label} / ${how}`] = { medianMs: median(r.wallMs), p95Ms: quantile(r.wallMs, 0.95), cpuMsPerRun: r.cpuMsPerRun };
      figures.push(
        info(GROUP, `${label}, ${how}, median`, median(r.wallMs), 'ms/run', `p95 ${quantile(r.wallMs, 0.95).toFixed(1)} ms; ${r.cpuMsPerRun.toFixed(1)} ms CPU per run (whole process) over ${runs} runs`),
      );
    }
  }
  figures.push(info(GROUP, 'reference: old browser sandbox', 3.4, 'ms/step', 'test-run time per step across workers with a fresh locked-down worker per run (issue 11); compare with 3b, sandbox tests per step'));
  return { figures, raw };
}
