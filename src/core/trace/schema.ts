/**
 * Zod schema of the trace, mirroring events.ts field by field. A trace read from a file is
 * untrusted input: parseTrace checks every event against this before anything projects it.
 * The compile-time checks at the bottom fail the type-check when events.ts and this file drift.
 */
import { z } from 'zod';
import type { Action } from '../protocol/actions';
import type { TraceEvent } from './events';
import { faultEventSchemas } from './faultEvents';

const num = z.number();
const str = z.string();

export const actionSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('claim'), task: str }),
  z.object({ type: z.literal('write'), path: str, content: str }),
  z.object({ type: z.literal('run_tests'), task: str.optional() }),
  z.object({ type: z.literal('complete'), task: str }),
  z.object({ type: z.literal('message'), to: str, text: str }),
  z.object({ type: z.literal('assign'), task: str, to: str }),
  z.object({ type: z.literal('wait'), reason: str.optional() }),
]);

const usageSchema = z.object({ promptTokens: num, completionTokens: num });
const timingsSchema = z.object({
  totalMs: num,
  ttftMs: num.optional(),
  prefillTokensPerSec: num.optional(),
  decodeTokensPerSec: num.optional(),
});

export const runConfigSchema = z.object({
  suite: str,
  structure: z.enum(['single', 'preassign', 'leader', 'decentralized']),
  n: num,
  mode: z.enum(['sync', 'async']),
  seed: num,
  engine: str,
  maxRounds: num,
  maxTimeMs: num,
  locks: z.boolean(),
  extra: z.record(str, z.unknown()).optional(),
});

const taskInfoSchema = z.object({ id: str, title: str, file: str, dependencies: z.array(str) });
const agentInfoSchema = z.object({ id: str, role: z.enum(['worker', 'leader']), model: str, speed: num.optional() });

const agentStateSchema = z.enum([
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

const stopReasonSchema = z.enum(['done', 'round_budget', 'time_budget', 'stopped', 'all_failed', 'error']);

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
  z.object({ type: z.literal('step_start'), t: num, agent: str, round: num, step: num, system: str, prompt: str }),
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
    concurrent: z.boolean(),
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
  z.object({ type: z.literal('task_status'), t: num, task: str, status: z.enum(['pending', 'assigned', 'in_progress', 'done']), owner: str.optional() }),
  z.object({
    type: z.literal('run_end'),
    t: num,
    reason: stopReasonSchema,
    rounds: num,
    success: z.boolean(),
    correct: z.boolean().nullable(),
    detail: str.optional(),
  }),
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

// Drift guards: each side must accept the other's values.
type Parsed = z.infer<typeof traceEventSchema>;
type ParsedAction = z.infer<typeof actionSchema>;
const eventToParsed = (e: TraceEvent): Parsed => e;
const parsedToEvent = (e: Parsed): TraceEvent => e;
const actionToParsed = (a: Action): ParsedAction => a;
const parsedToAction = (a: ParsedAction): Action => a;
void eventToParsed;
void parsedToEvent;
void actionToParsed;
void parsedToAction;

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
