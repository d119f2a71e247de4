/**
 * Batch experiments from a terminal:
 *   npm run simulate -- --suite math --p 0.9 --structure preassign --n 1-5 --seeds 5 [--json]
 * Runs simulated teams on the virtual clock and prints a metrics table (or JSON).
 */
import { readFileSync } from 'node:fs';
import { CachedTestRunner } from '../core/harness/cachedRunner';
import { computeRunMetrics, type RunMetrics } from '../core/metrics/runMetrics';
import { SIM_PRESETS } from '../core/sim/presets';
import { simulateRun } from '../core/sim/simulate';
import type { StepMode, Structure } from '../core/trace/events';
import { analyzeDag } from '../core/workload/dag';
import { loadHarnessSuite } from '../core/workload/loadHarnessJson';
import { findSuite } from '../core/workload/suites';
import type { Suite } from '../core/workload/types';
import { NodeTestRunner } from '../platform/nodeTestRunner';
import { numberFlag, parseArgs, teamSizes, UsageError, type FlagSpec } from './args';
import { faultSweep } from './faultSweep';
import { isInert, type FaultSchedule } from '../core/faults/schedule';
import { FaultSyntaxError, parseFaults, parseRecovery } from '../core/faults/text';
import { computeFaultMetrics, priceOfSafety, type FaultMetrics } from '../core/metrics/faults';
import { fmt, speedupRows, speedupTableText } from './speedupText';

const STRUCTURES: Structure[] = ['single', 'preassign', 'leader', 'decentralized'];

const FLAGS: Record<string, FlagSpec> = {
  suite: { kind: 'value', help: 'math | data | svg (default math)' },
  p: { kind: 'value', help: '0.2 | 0.5 | 0.9 (default 0.9)' },
  structure: { kind: 'value', help: `one or more of ${STRUCTURES.join(', ')}, comma-separated (default preassign)` },
  n: { kind: 'value', help: 'team size or range, e.g. 4 or 1-5 (1..8; default 1-5)' },
  seeds: { kind: 'value', help: 'seeds per configuration (default 3)' },
  'seed-start': { kind: 'value', help: 'first seed (default 1)' },
  mode: { kind: 'value', help: 'sync | async (default sync)' },
  preset: { kind: 'value', help: `${SIM_PRESETS.map((p) => p.id).join(' | ')} (default laptop)` },
  'error-rate': { kind: 'value', help: 'chance a written solution is wrong, 0..1 (default: the preset)' },
  'max-rounds': { kind: 'value', help: 'round budget (default 100)' },
  tasks: { kind: 'value', help: 'a suite in the paper harness JSON format, instead of --suite/--p' },
  describe: { kind: 'bool', help: 'print the suite: task count, critical path, p' },
  runs: { kind: 'bool', help: 'with --json, include every run, not only the table' },
  fault: {
    kind: 'value',
    help: 'faults to inject, ";"-separated: crash:dev2@30s, crash:dev1@step=3,restart=20s, stall:dev1@10s,for=40s, slow:dev3,factor=3, drop:*,rate=0.2, delay:dev1>*,by=5s, duplicate:*,rate=0.3, reorder:*,by=3s,rate=0.5, drop:dev2>board,rate=0.5,action=complete (actions on their way to the board), duplicate:*>board,by=20s, partition:dev1+dev2@20s,for=60s,from=peers|board|all, byzantine:dev2,mode=done|code|lie',
  },
  recovery: { kind: 'value', help: 'recovery protocols: heartbeats,reassign,leases,verify,retries,failover (or all, none), settings timeout=20s,heartbeat=5s,lease=120s,retry=10s,max-retries=5' },
  'fault-seed': { kind: 'value', help: 'seed of random faults and lossy links (default: from each run seed)' },
  'fault-sweep': { kind: 'value', help: 'vary one fault parameter: a fault with {x}, e.g. "crash:dev2@{x}s" or "drop:*,rate={x}" (with --values)' },
  values: { kind: 'value', help: 'the values of {x} for --fault-sweep, comma-separated, e.g. 10,20,40' },
  price: { kind: 'bool', help: 'also run every configuration fault-free with and without the --recovery protocols: their price of safety' },
  json: { kind: 'bool', help: 'print JSON' },
  help: { kind: 'bool', help: 'this help' },
};



function loadSuite(flags: Record<string, string | boolean>): Suite {
  if (typeof flags.tasks === 'string') {
    let text: string;
    try {
      text = readFileSync(flags.tasks, 'utf8');
    } catch (e) {
      throw new UsageError(`--tasks ${flags.tasks}: cannot read the file (${(e as Error).message})`);
    }
    const res = loadHarnessSuite(text, flags.tasks);
    if (!res.ok) throw new UsageError(`--tasks ${flags.tasks}: ${res.error}`);
    return res.suite;
  }
  const family = (flags.suite as string | undefined) ?? 'math';
  if (!['math', 'data', 'svg'].includes(family)) throw new UsageError(`--suite ${family}: choose math, data or svg`);
  const p = numberFlag('p', flags.p as string | undefined, 0.9, 0, 1);
  const suite = findSuite(family, p);
  if (!suite) throw new UsageError(`--p ${p}: suites come at p = 0.2, 0.5 and 0.9`);
  return suite;
}


async function main(argv: string[]): Promise<number> {
  const { flags } = parseArgs(argv, FLAGS);
  if (flags.help) {
    console.log('npm run simulate -- [flags]\n' + Object.entries(FLAGS).map(([k, f]) => `  --${k.padEnd(12)} ${f.help}`).join('\n'));
    return 0;
  }
  const suite = loadSuite(flags);
  const dag = analyzeDag(suite.tasks);
  if (flags.describe) {
    const d = { suite: suite.id, name: suite.name, tasks: suite.tasks.length, criticalPath: dag.criticalPathLength, criticalPathTasks: dag.criticalPath, p: dag.p };
    if (flags.json) console.log(JSON.stringify(d, null, 2));
    else console.log(`${suite.name}: ${d.tasks} tasks, critical path ${d.criticalPath} (${dag.criticalPath.join(' -> ')}), p = ${fmt(d.p)}`);
    return 0;
  }
  const structures = String(flags.structure ?? 'preassign').split(',') as Structure[];
  for (const s of structures) if (!STRUCTURES.includes(s)) throw new UsageError(`--structure ${s}: choose from ${STRUCTURES.join(', ')}`);
  const mode = (flags.mode ?? 'sync') as StepMode;
  if (mode !== 'sync' && mode !== 'async') throw new UsageError(`--mode ${mode}: choose sync or async`);
  const preset = (flags.preset as string | undefined) ?? 'laptop';
  if (!SIM_PRESETS.some((p) => p.id === preset)) throw new UsageError(`--preset ${preset}: choose from ${SIM_PRESETS.map((p) => p.id).join(', ')}`);
  const ns = teamSizes(flags.n, '1-5');
  const seeds = numberFlag('seeds', flags.seeds as string | undefined, 3, 1, 1000, true);
  const seedStart = numberFlag('seed-start', flags['seed-start'] as string | undefined, 1, 0, 2 ** 31, true);
  const errorRate = flags['error-rate'] === undefined ? undefined : numberFlag('error-rate', flags['error-rate'] as string, 0, 0, 1);
  const maxRounds = numberFlag('max-rounds', flags['max-rounds'] as string | undefined, 100, 1, 10000, true);
  const faults = faultSchedule(flags);
  if (flags['fault-sweep'] !== undefined) {
    const values = String(flags.values ?? '')
      .split(',')
      .filter((v) => v.trim() !== '')
      .map((v) => numberFlag('values', v.trim(), 0, 0, 1e9));
    if (values.length === 0) throw new UsageError('--fault-sweep needs --values, e.g. --values 10,20,40');
    await faultSweep({ suite, structures, ns, seeds, seedStart, mode, preset, errorRate, maxRounds, template: String(flags['fault-sweep']), values, faults: flags.fault as string | undefined, recovery: flags.recovery as string | undefined, json: !!flags.json });
    return 0;
  }

  const runner = new CachedTestRunner(new NodeTestRunner());
  const runs: RunMetrics[] = [];
  const faultRuns: (FaultMetrics & { structure: Structure; n: number; seed: number; wallMs: number })[] = [];
  const baseline: RunMetrics[] = [];
  const protocolsOnly: RunMetrics[] = [];
  for (const structure of structures) {
    // Every structure's speedup is measured against its own n = 1 run.
    const sizes = ns.includes(1) ? ns : [1, ...ns];
    for (const n of sizes) {
      if (structure === 'single' && n !== 1) continue;
      for (let s = 0; s < seeds; s++) {
        const base = { suite, structure, n, mode, seed: seedStart + s, preset, errorRate, maxRounds, testRunner: runner };
        const events = await simulateRun({ ...base, ...(faults ? { faults } : {}) });
        const m = computeRunMetrics(events);
        runs.push(m);
        if (faults) faultRuns.push({ ...computeFaultMetrics(events), structure, n, seed: seedStart + s, wallMs: m.wallMs });
        if (faults && flags.price) {
          // The price of safety is paid with no fault present: the protocols alone against nothing.
          baseline.push(computeRunMetrics(await simulateRun(base)));
          protocolsOnly.push(computeRunMetrics(await simulateRun({ ...base, faults: { ...faults, faults: [] } })));
        }
      }
    }
  }
  const table = speedupRows(runs, ns);
  const price = flags.price && faults ? priceRows(baseline, protocolsOnly, ns) : undefined;
  if (flags.json) {
    console.log(JSON.stringify({ table, ...(flags.runs ? { runs } : {}), ...(faults ? { faults: faultRuns } : {}), ...(price ? { price } : {}) }, null, 2));
    return 0;
  }
  console.log(`${suite.name} (${suite.id}): ${suite.tasks.length} tasks, critical path ${dag.criticalPathLength}, p = ${fmt(dag.p)}; ${mode} rounds; preset ${preset}; seeds ${seedStart}..${seedStart + seeds - 1}`);
  console.log(speedupTableText(runs, ns));
  console.log('speedup = mean wall time at n = 1 / mean wall time at n (same structure); Amdahl = 1/((1-p)+p/n).');
  if (faults) {
    console.log(`\nfaults: ${flags.fault ?? 'none'}; recovery: ${flags.recovery ?? 'none'}`);
    console.log(faultTableText(faultRuns.filter((r) => ns.includes(r.n))));
  }
  if (price) {
    console.log(`\nprice of safety (${flags.recovery ?? 'none'} with no fault, against no protocol; same seeds):`);
    for (const p of price) console.log(`  ${p.structure.padEnd(13)} n=${p.n}  wall time x${fmt(p.slowdown)}  speedup lost ${fmt(p.speedupLostPct, 1)}%`);
  }
  return 0;
}

function faultSchedule(flags: Record<string, string | boolean>): FaultSchedule | undefined {
  if (flags.fault === undefined && flags.recovery === undefined) return undefined;
  const read = <T>(flag: string, parse: (text: string) => T, text: string): T => {
    try {
      return parse(text);
    } catch (e) {
      throw e instanceof FaultSyntaxError ? new UsageError(`--${flag}: ${e.message}`) : e;
    }
  };
  const s: FaultSchedule = {
    faults: read('fault', parseFaults, String(flags.fault ?? '')),
    recovery: read('recovery', parseRecovery, String(flags.recovery ?? 'none')),
    ...(flags['fault-seed'] !== undefined ? { seed: numberFlag('fault-seed', flags['fault-seed'] as string, 0, 0, 2 ** 31, true) } : {}),
  };
  return isInert(s) ? undefined : s;
}

function priceRows(without: RunMetrics[], withIt: RunMetrics[], ns: number[]) {
  const keys = [...new Set(withIt.map((r) => `${r.structure}|${r.n}`))];
  return keys
    .map((k) => {
      const [structure, n] = [k.split('|')[0] as Structure, Number(k.split('|')[1])];
      const pick = (xs: RunMetrics[]) => xs.filter((r) => r.structure === structure && r.n === n).map((r) => r.wallMs);
      const p = priceOfSafety(pick(without), pick(withIt));
      return p && ns.includes(n) ? { structure, n, ...p } : undefined;
    })
    .filter((x): x is NonNullable<typeof x> => x !== undefined);
}

function faultTableText(rows: (FaultMetrics & { structure: Structure; n: number; seed: number; wallMs: number })[]): string {
  const sec = (ms: number | null) => (ms === null ? '-' : fmt(ms / 1000, 1));
  const header = ['structure', 'n', 'seed', 'wall s', 'detect s', 'recover s', 'suspect', 'false', 'reassign', 'leases', 'lost steps', 'redone', 'caught', 'missed', 'dropped', 'retries'];
  const body = rows.map((r) => [
    r.structure,
    String(r.n),
    String(r.seed),
    sec(r.wallMs),
    sec(r.meanDetectMs),
    sec(r.meanRecoverMs),
    String(r.suspicions),
    String(r.falseSuspicions),
    String(r.reassignments),
    String(r.leaseExpiries),
    String(r.lostSteps),
    String(r.redoneTasks),
    String(r.wrongCaught),
    String(r.wrongMissed),
    String(r.messagesDropped),
    String(r.retries),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i < 1 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  return [line(header), ...body.map(line)].join('\n');
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err) => {
    console.error(err instanceof UsageError ? `simulate: ${err.message}` : `simulate failed: ${err instanceof Error ? err.stack : String(err)}`);
    process.exit(2);
  },
);
