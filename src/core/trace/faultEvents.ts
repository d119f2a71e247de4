/**
 * Trace events of faults and recovery (issue 13). They appear only in runs with a fault schedule
 * or a recovery protocol switched on: a run without either has none of them.
 * Schemas first; the types are what they accept, so the two cannot drift.
 */
import { z } from 'zod';

const num = z.number();
const str = z.string();

export const FAULT_EVENT_KINDS = ['crash', 'stall', 'slow', 'drop', 'delay', 'duplicate', 'reorder', 'partition', 'byzantine'] as const;

export const faultEventSchemas = [
  /** A scheduled fault begins (phase start) or ends (a restart, a stall over, a partition healed). */
  z.object({
    type: z.literal('fault'),
    t: num,
    fault: z.enum(FAULT_EVENT_KINDS),
    phase: z.enum(['start', 'end']),
    /** The agents it strikes (a partition: the side cut off). */
    agents: z.array(str),
    /** Index in the run's fault schedule. */
    index: num,
    text: str,
    /** Partition: from peers, the board or both. */
    from: z.enum(['peers', 'board', 'all']).optional(),
  }),
  /** One message (one attempt of it) was lost, delayed, duplicated or reordered. */
  z.object({
    type: z.literal('message_fault'),
    t: num,
    id: str,
    from: str,
    to: str,
    fault: z.enum(['drop', 'partition', 'delay', 'reorder', 'duplicate']),
    attempt: num,
    /** Extra delay, for delay and reorder. */
    ms: num.optional(),
    /** A duplicate the receiver recognised by id and ignored (idempotent delivery). */
    ignored: z.boolean().optional(),
  }),
  /** The sender heard no acknowledgement and sent the message again. */
  z.object({ type: z.literal('message_retry'), t: num, id: str, from: str, to: str, attempt: num }),
  /** An agent's reply never reached the board (partitioned away): the step's work is lost. */
  z.object({ type: z.literal('reply_lost'), t: num, agent: str, round: num, step: num, reason: str }),
  /** The board suspects an agent: silent for the timeout, or caught lying by verification. */
  z.object({
    type: z.literal('suspect'),
    t: num,
    agent: str,
    reason: z.enum(['timeout', 'verification']),
    /** Last heartbeat the board heard from it. */
    lastHeard: num.optional(),
  }),
  /** A suspected agent was heard again: the suspicion was false (a straggler, a partition). */
  z.object({ type: z.literal('unsuspect'), t: num, agent: str }),
  /** A claim's lease ran out without its owner renewing it. */
  z.object({ type: z.literal('lease_expired'), t: num, task: str, owner: str }),
  /** A task taken from an agent: back to the board (to absent) or given to another agent. */
  z.object({ type: z.literal('reassign'), t: num, task: str, from: str, to: str.optional(), reason: z.enum(['suspected', 'lease']) }),
  /** The board ran a task's tests before accepting its completion. */
  z.object({ type: z.literal('verify'), t: num, agent: str, task: str, ok: z.boolean(), passed: num, failed: num, durationMs: num, error: str.optional() }),
  /** Ground truth at the end, for the fault metrics only (the team never sees it): which done
   * tasks fail their tests. */
  z.object({
    type: z.literal('audit'),
    t: num,
    tasks: z.array(z.object({ task: str, agent: str.optional(), done: z.boolean(), ok: z.boolean() })),
    /** Every accepted completion, and whether the task's tests passed at that moment. */
    completions: z.array(z.object({ task: str, agent: str, t: num, ok: z.boolean() })).optional(),
  }),
] as const;

export type FaultTraceEvent = z.infer<(typeof faultEventSchemas)[number]>;
export type FaultEventKind = (typeof FAULT_EVENT_KINDS)[number];
