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
  /** A task taken from an agent: back to the board (to absent) or given to another agent. A
   * worker elected leader gives up its own tasks (failover). */
  z.object({ type: z.literal('reassign'), t: num, task: str, from: str, to: str.optional(), reason: z.enum(['suspected', 'lease', 'failover']) }),
  /**
   * Leader failover: the board suspected the leader and the lowest-id live worker now leads
   * (term counts leaders, the first being 1). detectMs: from the failure (a crash) or the last
   * heartbeat heard to the election.
   */
  z.object({ type: z.literal('leader_elected'), t: num, leader: str, previous: str, term: num, detectMs: num, lastHeard: num.optional() }),
  /**
   * One attempt of an agent's action on its way to the board was lost, or arrived a second time.
   * id names the action (agent/step/index) across attempts and copies; a copy recognised by its
   * id and not applied again is ignored (idempotent actions, with retries).
   */
  z.object({
    type: z.literal('action_fault'),
    t: num,
    agent: str,
    id: str,
    action: z.enum(['claim', 'write', 'complete', 'assign']),
    /** The task the action names (a write: the task of its file, if any). */
    task: str.optional(),
    path: str.optional(),
    fault: z.enum(['drop', 'duplicate']),
    attempt: num,
    ignored: z.boolean().optional(),
    /** All attempts lost: the agent gave up on this action. */
    gaveUp: z.boolean().optional(),
  }),
  /** No answer from the board: the agent sent the action again, with the same id. */
  z.object({ type: z.literal('action_retry'), t: num, agent: str, id: str, action: z.enum(['claim', 'write', 'complete', 'assign']), attempt: num }),
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
