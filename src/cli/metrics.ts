/**
 * npm run metrics -- FILE [--tasks TASKS.json] [--json]
 * Prints the metrics of a saved trace (JSON) or of a paper harness events.jsonl, told apart by
 * content. Exit codes: 0 ok, 1 unreadable or bad file, 2 bad command line.
 */
import { readFileSync, statSync } from 'node:fs';
import { computeBreakdown } from '../core/metrics/breakdown';
import { computeRunMetrics } from '../core/metrics/runMetrics';
import { detectTraceFormat } from '../core/trace/detect';
import type { TraceEvent } from '../core/trace/events';
import { importHarnessLog } from '../core/trace/harnessLog';
import { MAX_TRACE_BYTES, parseTrace, tooLargeMessage } from '../core/trace/serialize';
import { parseArgs, UsageError, type FlagSpec } from './args';
import { formatMetrics } from './formatMetrics';

const USAGE = 'usage: npm run metrics -- FILE [--tasks TASKS.json] [--json]';

class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
  }
}

interface Args {
  file: string;
  tasks?: string;
  json: boolean;
}

const FLAGS: Record<string, FlagSpec> = {
  tasks: { kind: 'value', help: 'the tasks JSON that goes with a harness events.jsonl' },
  json: { kind: 'bool', help: 'print JSON' },
  help: { kind: 'bool', help: 'this help' },
};

function readArgs(argv: string[]): Args | 'help' {
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs(argv, FLAGS);
  } catch (err) {
    if (err instanceof UsageError) throw new CliError(`${err.message}\n${USAGE}`, 2);
    throw err;
  }
  const { flags, positional } = parsed;
  if (flags.help) return 'help';
  if (positional.length === 0) throw new CliError(`no file given\n${USAGE}`, 2);
  if (positional.length > 1) throw new CliError(`only one file at a time (got ${positional.join(' and ')})\n${USAGE}`, 2);
  return { file: positional[0], json: flags.json === true, ...(typeof flags.tasks === 'string' ? { tasks: flags.tasks } : {}) };
}

function readText(path: string, what: string): string {
  let size: number;
  try {
    const st = statSync(path);
    if (!st.isFile()) throw new CliError(`${what} ${path} is not a file`, 1);
    size = st.size;
  } catch (err) {
    if (err instanceof CliError) throw err;
    throw new CliError(`cannot read ${what} ${path}: no such file`, 1);
  }
  if (size > MAX_TRACE_BYTES) throw new CliError(`${path}: ${tooLargeMessage(what)}`, 1);
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    throw new CliError(`cannot read ${what} ${path}: ${err instanceof Error ? err.message : String(err)}`, 1);
  }
}

function load(args: Args): { events: TraceEvent[]; warnings: string[]; source: string } {
  const text = readText(args.file, 'file');
  const format = detectTraceFormat(text);
  if (format === 'harness') {
    const tasks = args.tasks !== undefined ? readText(args.tasks, 'tasks file') : undefined;
    const result = importHarnessLog(text, tasks);
    if (!result.ok) throw new CliError(`${args.file}: ${result.error}`, 1);
    return { events: result.events, warnings: result.warnings, source: 'paper harness log' };
  }
  if (format === 'unknown') {
    throw new CliError(`${args.file}: neither a saved trace (JSON) nor a harness events.jsonl`, 1);
  }
  const result = parseTrace(text);
  if (!result.ok) throw new CliError(`${args.file}: ${result.error}`, 1);
  const warnings = args.tasks !== undefined ? ['--tasks is only used with a harness log; a trace holds its tasks'] : [];
  return { events: result.events, warnings, source: 'trace' };
}

function main(argv: string[]): number {
  try {
    const args = readArgs(argv);
    if (args === 'help') {
      process.stdout.write(`${USAGE}\n`);
      return 0;
    }
    const { events, warnings, source } = load(args);
    const metrics = computeRunMetrics(events);
    const breakdown = computeBreakdown(events);
    if (args.json) {
      process.stdout.write(`${JSON.stringify({ source, metrics, breakdown, warnings }, null, 2)}\n`);
    } else {
      for (const w of warnings) process.stderr.write(`warning: ${w}\n`);
      process.stdout.write(formatMetrics(metrics, breakdown, source));
    }
    return 0;
  } catch (err) {
    if (err instanceof CliError) {
      process.stderr.write(`metrics: ${err.message}\n`);
      return err.exitCode;
    }
    process.stderr.write(`metrics: ${err instanceof Error ? err.message : String(err)}\n`);
    return 1;
  }
}

process.exitCode = main(process.argv.slice(2));
