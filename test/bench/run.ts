/**
 * `npm run bench`: speed and size figures, each printed next to its target, and written to
 * bench/results.json (not committed). Nothing is asserted; a figure short of target is reported.
 * Flags: --no-browser, --no-node, --no-grammar, --no-scaling (skip a part), --quick (shorter timed loops),
 * --long-tasks (only the browser's long-task figure 3d, nothing else), --long-task-runs=N (runs of 3d, default 3).
 */
import { writeFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runBrowserBenches } from './browser';
import { ensureBuild } from './build';
import { chunkFigures, chunkReport } from './chunks';
import { formatTable, info, type Figure } from './figures';
import { runGrammarBench } from './grammar';
import { runNodeBenches } from './node';
import { runSweepScaling } from './sweepScaling';
import { runSandboxBench } from './sandbox';
import { runParserBench } from './parsers';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const args = new Set(process.argv.slice(2));
const longTasksOnly = args.has('--long-tasks');
const quick = args.has('--quick');
const longTaskRuns = Number([...args].find((a) => a.startsWith('--long-task-runs='))?.split('=')[1] ?? 3);
const log = (s: string) => console.log(s);

const started = performance.now();
// Other processes on the machine move every figure; the load says how busy it was.
const loadBefore = loadavg()[0];
const figures: Figure[] = [];
const raw: Record<string, unknown> = {};

if (!longTasksOnly && !args.has('--no-node')) {
  log('Node benchmarks (1, 2) ...');
  const node = await runNodeBenches(quick ? { warmSeconds: 1, coldRuns: 3, overheadRounds: 100 } : {});
  figures.push(...node.figures);
  raw.node = node.raw;
}

if (!longTasksOnly && !args.has('--no-node')) {
  log('Code sandbox (6) ...');
  const sandbox = await runSandboxBench(quick ? { runs: 15 } : {});
  figures.push(...sandbox.figures);
  raw.sandbox = sandbox.raw;
}

if (!longTasksOnly && !args.has('--no-node')) {
  log('Reply parsers on hostile text (8) ...');
  const parsers = runParserBench(quick ? { runs: 2 } : {});
  figures.push(...parsers.figures);
  raw.parsers = parsers.raw;
}

if (!longTasksOnly && !args.has('--no-scaling')) {
  log('Sweep scaling on worker threads (7) ...');
  const scaling = await runSweepScaling(quick ? { seeds: 2 } : {});
  figures.push(...scaling.figures);
  raw.scaling = scaling.raw;
}

if (!longTasksOnly && !args.has('--no-grammar')) {
  log('Reply grammar compile (5) ...');
  const grammar = await runGrammarBench(quick ? { runs: 3 } : {});
  figures.push(...grammar.figures);
  raw.grammar = grammar.raw;
}

if (!args.has('--no-browser')) {
  const failed = ensureBuild(root, log);
  if (failed) {
    log(failed);
    figures.push(info('3. Browser', 'all browser figures', null, '', 'not measured: the build failed (see above)'));
    figures.push(info('4. Main page JS size', 'main page JS, gzip', null, 'kB', 'not measured: the build failed'));
  } else {
    const chunks = chunkReport(join(root, 'dist'));
    raw.chunks = chunks;
    log('Browser benchmarks (3a-3d) in Chromium ...');
    try {
      const browser = await runBrowserBenches({ root, log, longTasksOnly, longTaskRuns, ...(quick ? { rttCalls: 500, simSeconds: 1 } : {}) });
      figures.push(...browser.figures);
      raw.browser = browser.raw;
    } catch (e) {
      figures.push(info('3. Browser', 'all browser figures', null, '', `not measured: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`));
    }
    if (!longTasksOnly) figures.push(...chunkFigures(chunks));
  }
}

const seconds = (performance.now() - started) / 1000;
console.log(formatTable(figures));
const machine = `${availableParallelism()} CPUs, load average ${loadBefore.toFixed(1)} at start and ${loadavg()[0].toFixed(1)} at the end`;
console.log(`\nBench took ${seconds.toFixed(0)} s on ${process.platform} ${process.arch} (${machine}), Node ${process.version}.`);
console.log('"SHORT" marks a figure that misses its target; nothing is asserted.');
const out = join(root, 'test', 'bench', 'results.json');
writeFileSync(out, JSON.stringify({ date: new Date().toISOString(), seconds, machine, node: process.version, figures, raw }, null, 2));
console.log(`Figures written to ${out}`);
// A worker or socket some library left open must not keep the bench from ending.
process.exit(0);
