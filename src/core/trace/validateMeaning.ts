/**
 * A trace can have the right shape and still hurt the page: `config.n = 1e7` builds ten million
 * options, `t = 1e308` sizes an array, `maxRounds = 1e9` re-simulates forever, two spans with one
 * id break a keyed list, and "__proto__" or "constructor" as a key or an id reaches
 * Object.prototype. The schema (schema.ts) checks types; this checks values against the page's
 * own limits and the trace's own references, and names the first field at fault. Every reader of
 * untrusted runs calls it after the schema: imports, the saved-run store, links to saved runs.
 */
import type { RunConfig, TraceEvent } from './events';

export const TRACE_LIMITS = {
  /** Worker agents in a team, as the page offers. */
  nMin: 1,
  nMax: 8,
  /** Agents in run_start: the workers and a leader. */
  maxAgents: 9,
  /** The command line's own cap on rounds. */
  maxRounds: 10_000,
  /** A week of run time, in ms: longer than any run, short enough to draw and to size arrays. */
  maxRunMs: 7 * 24 * 3600 * 1000,
  maxEvents: 500_000,
  maxTasks: 500,
  /** Steps, versions, rounds in events, test counts. */
  maxCount: 10_000_000,
  /** Tokens and bytes. */
  maxAmount: 1e12,
  maxIdChars: 200,
  maxSeed: Number.MAX_SAFE_INTEGER,
} as const;

/** Keys that lead to Object.prototype when a parsed value is used as a plain object. */
export const PROTOTYPE_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

function isPrototypeKey(key: string): boolean {
  return PROTOTYPE_KEYS.has(key);
}

/**
 * The path of the first own key anywhere in `value` that is a prototype key, or null. Walks
 * iteratively (a deep document cannot overflow the stack); paths are only spelled out for the
 * document that has such a key, so a clean 50 MB trace costs one plain walk.
 */
export function findPrototypeKey(value: unknown, where = ''): string | null {
  if (!walk(value, null)) return null;
  let found: string | null = null;
  walk(value, (path) => (found ??= path), where);
  return found;
}

/** True if some own key is a prototype key; `report` (when given) receives its path. */
function walk(value: unknown, report: ((path: string) => void) | null, where = ''): boolean {
  const stack: { v: unknown; path: string }[] = [{ v: value, path: where }];
  while (stack.length > 0) {
    const { v, path } = stack.pop() as { v: unknown; path: string };
    if (v === null || typeof v !== 'object') continue;
    if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) {
        const item: unknown = v[i];
        if (item !== null && typeof item === 'object') stack.push({ v: item, path: report ? `${path}[${i}]` : '' });
      }
      continue;
    }
    // JSON.parse makes "__proto__" an own key, so Object.keys sees it.
    const keys = Object.keys(v);
    for (let i = keys.length - 1; i >= 0; i--) {
      const key = keys[i] as string;
      const inner = report ? (path ? `${path}.${key}` : key) : '';
      if (isPrototypeKey(key)) {
        report?.(inner);
        return true;
      }
      const item = (v as Record<string, unknown>)[key];
      if (item !== null && typeof item === 'object') stack.push({ v: item, path: inner });
    }
  }
  return false;
}

/** "`field`: `problem`" for a number out of its range, or null when it is fine. */
function checkNumber(where: string, x: number, min: number, max: number, integer: boolean): string | null {
  if (!Number.isFinite(x)) return `${where}: must be a finite number, got ${String(x)}`;
  if (integer && !Number.isInteger(x)) return `${where}: must be a whole number, got ${x}`;
  if (x < min || x > max) return `${where}: must be between ${min} and ${max}, got ${x}`;
  return null;
}

function checkId(where: string, id: string): string | null {
  if (id.length === 0) return `${where}: must not be empty`;
  if (id.length > TRACE_LIMITS.maxIdChars) return `${where}: longer than ${TRACE_LIMITS.maxIdChars} characters`;
  if (isPrototypeKey(id)) return `${where}: "${id}" is not allowed as a name`;
  return null;
}

const L = TRACE_LIMITS;
const time = (where: string, x: number) => checkNumber(where, x, 0, L.maxRunMs, false);
const count = (where: string, x: number) => checkNumber(where, x, 0, L.maxCount, true);
const amount = (where: string, x: number) => checkNumber(where, x, 0, L.maxAmount, false);

/** The values a simulated run's `extra` may carry, each within what the page offers. */
function checkExtra(where: string, extra: Record<string, unknown>, n: number): string | null {
  const key = Object.keys(extra).find(isPrototypeKey);
  if (key !== undefined) return `${where}.${key}: not allowed as a key`;
  const deep = findPrototypeKey(extra, where);
  if (deep) return `${deep}: not allowed as a key`;
  const rate = extra.errorRate;
  if (rate !== undefined) {
    if (typeof rate !== 'number') return `${where}.errorRate: expected number`;
    const bad = checkNumber(`${where}.errorRate`, rate, 0, 1, false);
    if (bad) return bad;
  }
  for (const k of ['prefillTps', 'decodeTps'] as const) {
    const v = extra[k];
    if (v === undefined) continue;
    if (typeof v !== 'number') return `${where}.${k}: expected number`;
    const bad = checkNumber(`${where}.${k}`, v, 0, 1e7, false);
    if (bad) return bad;
  }
  const speeds = extra.speeds;
  if (speeds !== undefined) {
    if (!Array.isArray(speeds)) return `${where}.speeds: expected array`;
    if (speeds.length > n + 1) return `${where}.speeds: ${speeds.length} speeds for a team of ${n}`;
    for (let i = 0; i < speeds.length; i++) {
      const s: unknown = speeds[i];
      if (typeof s !== 'number') return `${where}.speeds[${i}]: expected number`;
      const bad = checkNumber(`${where}.speeds[${i}]`, s, 0.001, 1000, false);
      if (bad) return bad;
    }
  }
  return null;
}

/** A run configuration within the page's limits, or the first field that is not. */
export function checkRunConfig(config: RunConfig, where = 'config'): string | null {
  return (
    checkId(`${where}.suite`, config.suite) ??
    checkNumber(`${where}.n`, config.n, L.nMin, L.nMax, true) ??
    checkNumber(`${where}.seed`, config.seed, 0, L.maxSeed, true) ??
    checkNumber(`${where}.maxRounds`, config.maxRounds, 0, L.maxRounds, true) ??
    checkNumber(`${where}.maxTimeMs`, config.maxTimeMs, 0, L.maxRunMs, false) ??
    // An engine names a model, possibly with its endpoint: longer than an id, still bounded.
    (config.engine.length > 1000 ? `${where}.engine: longer than 1000 characters` : null) ??
    (config.extra ? checkExtra(`${where}.extra`, config.extra, config.n) : null)
  );
}

/** The assigner of a pre-assignment (preassign.ts). */
const BOARD = 'board';

/** Which fields of an event name an agent, a task or a message, for the reference checks. */
function agentFields(e: TraceEvent): [string, string][] {
  switch (e.type) {
    case 'step_start':
    case 'step_end':
    case 'protocol_error':
    case 'agent_state':
    case 'claim':
    case 'lock_wait':
    case 'write':
    case 'complete':
    case 'agent_failed':
      return [['agent', e.agent]];
    case 'assign':
      // The board itself records pre-assignment as assigns.
      return e.agent === BOARD ? [['to', e.to]] : [
        ['agent', e.agent],
        ['to', e.to],
      ];
    case 'message_send':
      return [
        ['from', e.from],
        ['to', e.to],
      ];
    case 'message_deliver':
      return [['to', e.to]];
    default:
      return [];
  }
}

/** Numbers each event carries, with the range each must lie in. */
function numberProblems(e: TraceEvent, at: string): string | null {
  switch (e.type) {
    case 'round_start':
    case 'round_end':
      return count(`${at}.round`, e.round);
    case 'step_start':
      return count(`${at}.round`, e.round) ?? count(`${at}.step`, e.step);
    case 'step_end':
      return (
        count(`${at}.round`, e.round) ??
        count(`${at}.step`, e.step) ??
        amount(`${at}.usage.promptTokens`, e.usage.promptTokens) ??
        amount(`${at}.usage.completionTokens`, e.usage.completionTokens) ??
        time(`${at}.timings.totalMs`, e.timings.totalMs) ??
        (e.timings.ttftMs !== undefined ? time(`${at}.timings.ttftMs`, e.timings.ttftMs) : null) ??
        (e.timings.prefillTokensPerSec !== undefined ? amount(`${at}.timings.prefillTokensPerSec`, e.timings.prefillTokensPerSec) : null) ??
        (e.timings.decodeTokensPerSec !== undefined ? amount(`${at}.timings.decodeTokensPerSec`, e.timings.decodeTokensPerSec) : null)
      );
    case 'protocol_error':
      return count(`${at}.round`, e.round) ?? count(`${at}.step`, e.step);
    case 'claim':
    case 'assign':
    case 'complete':
    case 'message_send':
      return count(`${at}.round`, e.round) ?? (e.type === 'message_send' ? amount(`${at}.bytes`, e.bytes) : null);
    case 'lock_wait':
      return count(`${at}.round`, e.round) ?? time(`${at}.waitedMs`, e.waitedMs);
    case 'write':
      return count(`${at}.round`, e.round) ?? count(`${at}.version`, e.version) ?? amount(`${at}.bytes`, e.bytes);
    case 'test_run':
      return count(`${at}.round`, e.round) ?? count(`${at}.passed`, e.passed) ?? count(`${at}.failed`, e.failed) ?? time(`${at}.durationMs`, e.durationMs);
    case 'run_end':
      return count(`${at}.rounds`, e.rounds);
    default:
      return null;
  }
}

/**
 * The first problem with the meaning of a schema-valid trace, as "events[i].field: problem",
 * or null. Checks: size, the run's configuration, agents and tasks (unique, bounded, no
 * prototype names, dependencies among the tasks), every time and count in range (time order
 * is schema.ts's traceOrderError), every agent named being one of the run's, tasks of successful claims, assigns and
 * completions being the suite's, unique step and message ids, deliveries of sent messages, and
 * one run_start first and at most one run_end last.
 */
export function validateTraceMeaning(events: readonly TraceEvent[]): string | null {
  if (events.length > L.maxEvents) return `events: ${events.length} events, more than the ${L.maxEvents} a run may have`;
  const start = events[0];
  if (start?.type !== 'run_start') return 'events[0].type: a trace begins with run_start';
  const configProblem = checkRunConfig(start.config, 'events[0].config');
  if (configProblem) return configProblem;

  const agents = new Set<string>();
  if (start.agents.length === 0) return 'events[0].agents: the run has no agents';
  if (start.agents.length > L.maxAgents) return `events[0].agents: ${start.agents.length} agents, more than ${L.maxAgents}`;
  for (let i = 0; i < start.agents.length; i++) {
    const a = start.agents[i] as (typeof start.agents)[number];
    const bad = checkId(`events[0].agents[${i}].id`, a.id) ?? (a.speed !== undefined ? checkNumber(`events[0].agents[${i}].speed`, a.speed, 0, 1000, false) : null);
    if (bad) return bad;
    if (agents.has(a.id)) return `events[0].agents[${i}].id: "${a.id}" appears twice`;
    agents.add(a.id);
  }
  const tasks = new Set<string>();
  const suite = start.suite;
  const suiteProblem = checkId('events[0].suite.id', suite.id) ?? checkNumber('events[0].suite.p', suite.p, 0, 1, false);
  if (suiteProblem) return suiteProblem;
  if (suite.tasks.length > L.maxTasks) return `events[0].suite.tasks: ${suite.tasks.length} tasks, more than ${L.maxTasks}`;
  for (let i = 0; i < suite.tasks.length; i++) {
    const t = suite.tasks[i] as (typeof suite.tasks)[number];
    const bad = checkId(`events[0].suite.tasks[${i}].id`, t.id);
    if (bad) return bad;
    if (tasks.has(t.id)) return `events[0].suite.tasks[${i}].id: "${t.id}" appears twice`;
    tasks.add(t.id);
  }
  for (let i = 0; i < suite.tasks.length; i++) {
    const deps = (suite.tasks[i] as (typeof suite.tasks)[number]).dependencies;
    const unknown = deps.find((d) => !tasks.has(d));
    if (unknown !== undefined) return `events[0].suite.tasks[${i}].dependencies: "${unknown.slice(0, 40)}" is not a task of the suite`;
    if (new Set(deps).size !== deps.length) return `events[0].suite.tasks[${i}].dependencies: a dependency appears twice`;
  }

  const steps = new Set<string>();
  const stepEnds = new Set<string>();
  const sent = new Set<string>();
  const delivered = new Set<string>();
  const rounds = new Set<number>();
  const versions = new Set<string>();
  // Times first: a time out of range is the real fault even where it also breaks the order.
  for (let i = 0; i < events.length; i++) {
    const t = time(`events[${i}].t`, (events[i] as TraceEvent).t);
    if (t) return t;
  }
  for (let i = 0; i < events.length; i++) {
    const e = events[i] as TraceEvent;
    const at = `events[${i}]`;
    if (i > 0 && e.type === 'run_start') return `${at}.type: a second run_start`;
    if (e.type === 'run_end' && i !== events.length - 1) return `${at}.type: run_end must be the last event`;
    const nums = numberProblems(e, at);
    if (nums) return nums;
    for (const [field, id] of agentFields(e)) {
      if (!agents.has(id)) return `${at}.${field}: "${id.slice(0, 40)}" is not an agent of this run`;
    }
    switch (e.type) {
      case 'step_start':
      case 'step_end': {
        // The timeline draws one span per agent and step, keyed by both.
        const key = `${e.agent}\u0000${e.step}`;
        const seen = e.type === 'step_start' ? steps : stepEnds;
        if (seen.has(key)) return `${at}.step: ${e.agent} step ${e.step} appears twice`;
        if (e.type === 'step_start' && stepEnds.has(key)) return `${at}.step: ${e.agent} step ${e.step} starts after it ended`;
        seen.add(key);
        break;
      }
      case 'round_start':
        if (rounds.has(e.round)) return `${at}.round: round ${e.round} starts twice`;
        rounds.add(e.round);
        break;
      case 'write': {
        const key = `${e.path}\u0000${e.version}`;
        if (versions.has(key)) return `${at}.version: ${e.path.slice(0, 60)} version ${e.version} is written twice`;
        versions.add(key);
        break;
      }
      case 'claim':
      case 'assign':
      case 'complete':
        // A refused action may name a task that does not exist (that is why it was refused); a
        // harness log imported without its tasks file knows no tasks at all.
        if (e.ok && tasks.size > 0 && !tasks.has(e.task)) return `${at}.task: "${e.task.slice(0, 40)}" is not a task of the suite`;
        break;
      case 'message_send': {
        const bad = checkId(`${at}.id`, e.id);
        if (bad) return bad;
        if (sent.has(e.id)) return `${at}.id: message "${e.id.slice(0, 40)}" is sent twice`;
        sent.add(e.id);
        break;
      }
      case 'message_deliver':
        if (!sent.has(e.id)) return `${at}.id: message "${e.id.slice(0, 40)}" is delivered but was never sent`;
        if (delivered.has(e.id)) return `${at}.id: message "${e.id.slice(0, 40)}" is delivered twice`;
        delivered.add(e.id);
        break;
      case 'test_run':
        for (let k = 0; k < e.results.length; k++) {
          const r = e.results[k] as (typeof e.results)[number];
          if (tasks.size > 0 && !tasks.has(r.task)) return `${at}.results[${k}].task: "${r.task.slice(0, 40)}" is not a task of the suite`;
        }
        break;
      default:
        break;
    }
  }
  return null;
}
