/**
 * The paper's experiment against a real model behind an OpenAI-compatible endpoint, from a terminal:
 *   npm run team -- --base-url http://127.0.0.1:8000/v1 --model Qwen/Qwen2.5-7B-Instruct \
 *     --structure preassign,decentralized --n 1-3 --seeds 1 [--json]
 * Teams run on the wall clock with the same step loop, sandbox and metrics as the page. The API
 * key, if any, is read from an environment variable, never from a flag, and is never printed or
 * recorded.
 */
import { Agent } from '../core/team/agent';
import { runTeam } from '../core/team/runTeam';
import { computeRunMetrics, type RunMetrics } from '../core/metrics/runMetrics';
import type { RunConfig, StepMode, Structure, TraceEvent } from '../core/trace/events';
import { findSuite } from '../core/workload/suites';
import { EndpointAgentEngine } from '../engines/endpoint/endpointEngine';
import { NodeTestRunner } from '../platform/nodeTestRunner';
import { WallClock } from '../platform/wallClock';
import { numberFlag, parseArgs, teamSizes, UsageError, type FlagSpec } from './args';
import { speedupRows, speedupTableText } from './speedupText';

const STRUCTURES: Structure[] = ['single', 'preassign', 'leader', 'decentralized'];

const FLAGS: Record<string, FlagSpec> = {
  'base-url': { kind: 'value', help: 'the OpenAI-compatible API, e.g. http://127.0.0.1:8000/v1 (vLLM), http://127.0.0.1:11434/v1 (Ollama)' },
  model: { kind: 'value', help: 'the model name the server knows' },
  'api-key-env': { kind: 'value', help: 'environment variable holding the API key (default LLM_TEAM_API_KEY; none = no key)' },
  suite: { kind: 'value', help: 'math | data | svg (default math)' },
  p: { kind: 'value', help: '0.2 | 0.5 | 0.9 (default 0.9)' },
  structure: { kind: 'value', help: `one or more of ${STRUCTURES.join(', ')}, comma-separated (default preassign)` },
  n: { kind: 'value', help: 'team size or range, e.g. 3 or 1-3 (1..8; default 1-3)' },
  seeds: { kind: 'value', help: 'runs per configuration (default 1)' },
  'seed-start': { kind: 'value', help: 'first seed, sent to the server as the sampling seed (default 1)' },
  mode: { kind: 'value', help: 'sync | async (default sync)' },
  'max-rounds': { kind: 'value', help: 'round budget per run (default 30)' },
  'max-minutes': { kind: 'value', help: 'wall-time budget per run in minutes (default 30)' },
  'step-timeout-s': { kind: 'value', help: 'a step with no reply after this long is interrupted (default 180)' },
  'max-tokens': { kind: 'value', help: 'reply cap per step (default 2048)' },
  temperature: { kind: 'value', help: 'sampling temperature (default 0.7, as in the paper)' },
  quiet: { kind: 'bool', help: 'no progress lines on stderr' },
  runs: { kind: 'bool', help: 'with --json, include every run, not only the table' },
  json: { kind: 'bool', help: 'print JSON' },
  help: { kind: 'bool', help: 'this help' },
};



/** What the trace records of the endpoint: where, never who (no credentials, no query). */
export function publicEndpoint(baseUrl: string): string {
  try {
    const u = new URL(baseUrl);
    return `${u.protocol}//${u.host}${u.pathname}`.replace(/\/+$/, '');
  } catch {
    throw new UsageError(`--base-url ${baseUrl}: not a URL (expected something like http://127.0.0.1:8000/v1)`);
  }
}

async function main(argv: string[]): Promise<number> {
  const { flags } = parseArgs(argv, FLAGS);
  if (flags.help) {
    console.log('npm run team -- --base-url URL --model NAME [flags]\n' + Object.entries(FLAGS).map(([k, f]) => `  --${k.padEnd(15)} ${f.help}`).join('\n'));
    return 0;
  }
  if (typeof flags['base-url'] !== 'string') throw new UsageError('--base-url is required (the OpenAI-compatible API, e.g. http://127.0.0.1:8000/v1)');
  if (typeof flags.model !== 'string' || flags.model === '') throw new UsageError('--model is required (the model name the server knows)');
  const baseUrl = flags['base-url'];
  const endpoint = publicEndpoint(baseUrl);
  const model = flags.model;
  const keyVar = typeof flags['api-key-env'] === 'string' ? flags['api-key-env'] : 'LLM_TEAM_API_KEY';
  const apiKey = process.env[keyVar] || undefined;
  const family = typeof flags.suite === 'string' ? flags.suite : 'math';
  if (!['math', 'data', 'svg'].includes(family)) throw new UsageError(`--suite ${family}: choose math, data or svg`);
  const p = numberFlag('p', flags.p, 0.9, 0, 1);
  const suite = findSuite(family, p);
  if (!suite) throw new UsageError(`--p ${p}: suites come at p = 0.2, 0.5 and 0.9`);
  const structures = String(flags.structure ?? 'preassign').split(',') as Structure[];
  for (const s of structures) if (!STRUCTURES.includes(s)) throw new UsageError(`--structure ${s}: choose from ${STRUCTURES.join(', ')}`);
  const mode = (flags.mode ?? 'sync') as StepMode;
  if (mode !== 'sync' && mode !== 'async') throw new UsageError(`--mode ${String(mode)}: choose sync or async`);
  const ns = teamSizes(flags.n, '1-3');
  const seeds = numberFlag('seeds', flags.seeds, 1, 1, 100, true);
  const seedStart = numberFlag('seed-start', flags['seed-start'], 1, 0, 2 ** 31, true);
  const maxRounds = numberFlag('max-rounds', flags['max-rounds'], 30, 1, 1000, true);
  const maxMinutes = numberFlag('max-minutes', flags['max-minutes'], 30, 0.01, 24 * 60);
  const stepTimeoutS = numberFlag('step-timeout-s', flags['step-timeout-s'], 180, 1, 3600);
  const maxTokens = numberFlag('max-tokens', flags['max-tokens'], 2048, 16, 65536, true);
  const temperature = numberFlag('temperature', flags.temperature, 0.7, 0, 2);
  const log = (line: string) => {
    if (!flags.quiet) process.stderr.write(`${line}\n`);
  };

  // Ctrl+C stops the run in flight cleanly; what finished is still reported.
  const stop = new AbortController();
  process.once('SIGINT', () => {
    log('stopping: the run in flight ends as "stopped" (Ctrl+C again to quit at once)');
    stop.abort();
    process.once('SIGINT', () => process.exit(130));
  });

  const tests = new NodeTestRunner();
  const runs: RunMetrics[] = [];
  for (const structure of structures) {
    const all = ns.includes(1) ? ns : [1, ...ns];
    for (const n of all) {
      if (structure === 'single' && n !== 1) continue;
      for (let s = 0; s < seeds && !stop.signal.aborted; s++) {
        const seed = seedStart + s;
        const config: RunConfig = {
          suite: suite.id,
          structure,
          n,
          mode,
          seed,
          engine: `endpoint:${model}`,
          maxRounds,
          maxTimeMs: maxMinutes * 60_000,
          locks: true,
          extra: { endpoint, model },
        };
        const mk = (id: string, role: 'worker' | 'leader') =>
          new Agent({ id, role, seed, maxTokens, temperature, engine: new EndpointAgentEngine({ baseUrl, model, ...(apiKey ? { apiKey } : {}) }) });
        const agents = Array.from({ length: n }, (_, i) => mk(`dev${i + 1}`, 'worker'));
        const leader = structure === 'leader' ? mk('lead', 'leader') : undefined;
        log(`${structure} n=${n} seed ${seed}: running against ${endpoint} (${model})`);
        const events: TraceEvent[] = await runTeam({
          suite,
          config,
          agents,
          ...(leader ? { leader } : {}),
          clock: new WallClock(),
          testRunner: tests,
          signal: stop.signal,
          stepTimeoutMs: stepTimeoutS * 1000,
          onEvent: (e) => {
            if (e.type === 'step_end') log(`  ${e.agent} step ${e.step}: ${e.actions.length} action(s), ${e.usage.completionTokens} tokens out`);
            if (e.type === 'agent_failed') log(`  ${e.agent} failed: ${e.error}`);
          },
        });
        const m = computeRunMetrics(events);
        runs.push(m);
        log(`  ended: ${m.stopReason ?? 'unknown'}; ${m.tasksDone}/${suite.tasks.length} tasks, ${(m.wallMs / 1000).toFixed(1)} s`);
      }
    }
  }
  if (flags.json) {
    const table = speedupRows(runs, ns);
    console.log(JSON.stringify(flags.runs ? { table, runs } : { table }, null, 2));
    return stop.signal.aborted ? 130 : 0;
  }
  console.log(`${suite.name} (${suite.id}) against ${endpoint}, model ${model}; ${mode} rounds; seeds ${seedStart}..${seedStart + seeds - 1}`);
  console.log(speedupTableText(runs, ns));
  console.log('speedup = mean wall time at n = 1 / mean wall time at n (same structure); Amdahl = 1/((1-p)+p/n).');
  return stop.signal.aborted ? 130 : 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err) => {
    console.error(err instanceof UsageError ? `team: ${err.message}` : `team failed: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(2);
  },
);
