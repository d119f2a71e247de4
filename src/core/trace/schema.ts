/**
 * The trace's records, declared once as zod schemas; events.ts gives their types (z.infer), so
 * the two cannot drift. A trace read from a file is untrusted input: parseTrace checks every
 * event against this before anything projects it.
 * All times `t` are milliseconds since the run started, on the run's clock. An event with a
 * duration (test_run.durationMs, lock_wait.waitedMs) is stamped with its start.
 */
import { z } from 'zod';
import { actionSchema } from '../protocol/actions';
import { faultEventSchemas } from './faultEvents';

export { actionSchema };

const num = z.number();
const str = z.string();

const usageSchema = z.object({ promptTokens: num, completionTokens: num });
const timingsSchema = z.object({
  totalMs: num,
  ttftMs: num.optional(),
  prefillTokensPerSec: num.optional(),
  decodeTokensPerSec: num.optional(),
});

export const structureSchema = z.enum(['single', 'preassign', 'leader', 'decentralized']);
export const stepModeSchema = z.enum(['sync', 'async']);

export const runConfigSchema = z.object({
  suite: str,
  structure: structureSchema,
  /** Worker agents, not counting a leader. */
  n: num,
  mode: stepModeSchema,
  seed: num,
  engine: str,
  maxRounds: num,
  /** Wall or virtual time budget, ms; 0 = none. */
  maxTimeMs: num,
  locks: z.boolean(),
  /** Anything else a placement wants to record (preset, model, error rate...). */
  extra: z.record(str, z.unknown()).optional(),
});

export const taskInfoSchema = z.object({ id: str, title: str, file: str, dependencies: z.array(str) });
export const agentInfoSchema = z.object({ id: str, role: z.enum(['worker', 'leader']), model: str, speed: num.optional() });

export const agentStateSchema = z.enum([
  /** prefill: the prompt is being read */
  'reading',
  'generating',
  'waiting_lock',
  'waiting_dependency',
  'waiting_barrier',
  'testing',
  'idle',
  'failed',
  'done',
]);

export const stopReasonSchema = z.enum(['done', 'round_budget', 'time_budget', 'stopped', 'all_failed', 'error']);

/** Where a task stands on the board. */
export const taskStatusSchema = z.enum(['pending', 'assigned', 'in_progress', 'done']);

export const traceEventSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('run_start'),
    t: num,
    config: runConfigSchema,
    suite: z.object({ id: str, name: str, p: num, tasks: z.array(taskInfoSchema) }),
    agents: z.array(agentInfoSchema),
  }),
  z.object({ type: z.literal('round_start'), t: num, round: num }),
  z.object({ type: z.literal('round_end'), t: num, round: num }),
  /** An agent begins a step: it has its prompt and starts reading it. */
  z.object({ type: z.literal('step_start'), t: num, agent: str, round: num, step: num, system: str, prompt: str }),
  /** The model replied. `actions` are what the parser accepted. */
  z.object({
    type: z.literal('step_end'),
    t: num,
    agent: str,
    round: num,
    step: num,
    text: str,
    actions: z.array(actionSchema),
    usage: usageSchema,
    timings: timingsSchema,
  }),
  z.object({ type: z.literal('protocol_error'), t: num, agent: str, round: num, step: num, reason: str }),
  z.object({ type: z.literal('agent_state'), t: num, agent: str, state: agentStateSchema, detail: str.optional() }),
  /** ok=false with reason 'blocked' is a blocked claim; 'taken' is a lost race (claim conflict). */
  z.object({
    type: z.literal('claim'),
    t: num,
    round: num,
    agent: str,
    task: str,
    ok: z.boolean(),
    reason: z.enum(['blocked', 'taken', 'unknown', 'done', 'not_assigned']).optional(),
  }),
  z.object({ type: z.literal('assign'), t: num, round: num, agent: str, task: str, to: str, ok: z.boolean(), reason: str.optional() }),
  z.object({ type: z.literal('lock_wait'), t: num, round: num, agent: str, path: str, waitedMs: num, holder: str }),
  z.object({
    type: z.literal('write'),
    t: num,
    round: num,
    agent: str,
    path: str,
    version: num,
    bytes: num,
    content: str,
    /** A concurrent write (team/writeRules.ts): another agent wrote this path in the same round,
     * or (async) after this writer's view was taken. */
    concurrent: z.boolean(),
    /** The path was first written in an earlier round. */
    rewrite: z.boolean(),
  }),
  z.object({
    type: z.literal('test_run'),
    t: num,
    round: num,
    agent: str,
    task: str.optional(),
    passed: num,
    failed: num,
    durationMs: num,
    results: z.array(z.object({ task: str, name: str, ok: z.boolean(), error: str.optional() })),
    /** Harness-level error: syntax error, timeout, crash. */
    error: str.optional(),
  }),
  z.object({ type: z.literal('complete'), t: num, round: num, agent: str, task: str, ok: z.boolean(), reason: str.optional() }),
  z.object({
    type: z.literal('message_send'),
    t: num,
    round: num,
    id: str,
    from: str,
    to: str,
    text: str,
    bytes: num,
    channel: str,
  }),
  z.object({ type: z.literal('message_deliver'), t: num, id: str, to: str }),
  z.object({ type: z.literal('agent_failed'), t: num, agent: str, error: str }),
  z.object({ type: z.literal('notice'), t: num, level: z.enum(['info', 'warn', 'error']), text: str }),
  /** The board moved a task (team/taskRules.ts); views fold these, they never re-derive them. */
  z.object({ type: z.literal('task_status'), t: num, task: str, status: taskStatusSchema, owner: str.optional() }),
  z.object({
    type: z.literal('run_end'),
    t: num,
    reason: stopReasonSchema,
    rounds: num,
    success: z.boolean(),
    correct: z.boolean().nullable(),
    detail: str.optional(),
  }),
  /** Faults and recovery (faultEvents.ts). */
  ...faultEventSchemas,
]);

/** Readable "field: problem" for one zod issue, with the path prefixed by `where`. */
export function describeIssue(where: string, issue: z.core.$ZodIssue): string {
  let path = where;
  for (const key of issue.path) path += typeof key === 'number' ? `[${key}]` : `.${String(key)}`;
  switch (issue.code) {
    case 'invalid_type': {
      const received = (issue as { received?: unknown }).received;
      // zod leaves `received` out for most inputs; the message still names what it got.
      const got = typeof received === 'string' ? received : /received (\w+)/.exec(issue.message)?.[1];
      return `${path}: expected ${issue.expected}${got ? `, got ${got}` : ''}`;
    }
    case 'invalid_union':
      if ('discriminator' in issue && issue.discriminator) {
        const options = (issue as { options?: unknown[] }).options ?? [];
        return `${path}: unknown ${String(issue.discriminator)}, expected one of ${options.map(String).join(', ')}`;
      }
      return `${path}: ${issue.message}`;
    case 'invalid_value':
      return `${path}: expected one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    default:
      return `${path}: ${issue.message}`;
  }
}

/**
 * A trace is in time order: views cut it at the playhead with a binary search (prefix.ts), so
 * one event out of order shows wrong counts. Returns the first disorder, readable, or undefined.
 */
export function traceOrderError(events: readonly { t: number; type: string }[]): string | undefined {
  for (let i = 1; i < events.length; i++) {
    const prev = events[i - 1] as { t: number; type: string };
    const e = events[i] as { t: number; type: string };
    if (e.t < prev.t) return `events[${i}].t: ${e.type} at ${e.t} ms comes after ${prev.type} at ${prev.t} ms; a trace is in time order`;
  }
  return undefined;
}

/** Traces saved before the step loop emitted in order had events stamped later (a test run's
 * end) ahead of earlier ones. A stable sort by time gives what the loop now emits. */
export function inTimeOrder<E extends { t: number }>(events: readonly E[]): E[] {
  return events
    .map((e, i) => ({ e, i }))
    .sort((a, b) => a.e.t - b.e.t || a.i - b.i)
    .map((x) => x.e);
}
