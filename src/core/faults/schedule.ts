/**
 * A fault schedule: which faults to inject into a run and which recovery protocols the team
 * runs. It is plain data (zod-checked, JSON-serializable) so it can travel in a URL, on the
 * command line, across a worker boundary and inside a trace's run config, and so the same
 * schedule and seed give the same run.
 *
 * A fault happens at a time (run ms), at an agent's step, or at a seeded random moment inside a
 * time span. Message faults act on links ("dev1>dev2", "dev1>*", "*" for every agent-agent link)
 * at a rate, for an interval or the whole run. A link to the board ("dev1>board", "*>board")
 * carries an agent's actions (claim, write, complete, assign): drop and duplicate act on those,
 * on every such action or only on one kind (`action`).
 */
import { z } from 'zod';

/** When a fault begins. */
export const whenSchema = z.union([
  z.object({ t: z.number().min(0) }),
  /** At the start of this step of the fault's agent (its round in sync mode). */
  z.object({ step: z.number().int().min(1) }),
  /** A seeded random time in [from, to) run ms. */
  z.object({ random: z.object({ from: z.number().min(0), to: z.number().min(0) }) }),
]);
export type When = z.infer<typeof whenSchema>;

const agentId = z.string().min(1).max(40);
/** "dev1>dev2", "dev1>*", "*>dev2", "*" (every agent-agent link). */
const linkSpec = z.string().regex(/^(\*|[\w-]+>(\*|[\w-]+)|\*>[\w-]+)$/, 'a link looks like dev1>dev2, dev1>*, *>dev2 or *');

export const BYZANTINE_MODES = ['done', 'code', 'lie'] as const;
export type ByzantineMode = (typeof BYZANTINE_MODES)[number];
/** The board's end of a link: "dev2>board" carries dev2's actions to the board. */
export const BOARD_LINK_END = 'board';
/** Actions that change the board and so can be lost or arrive twice on their way there. (A
 * message has its own link faults; wait and run_tests change nothing on the board.) */
export const BOARD_ACTIONS = ['claim', 'write', 'complete', 'assign'] as const;
export type BoardAction = (typeof BOARD_ACTIONS)[number];
/** Does this link end at the board (an agent-board link, carrying actions)? */
export function isBoardLink(link: string): boolean {
  return link.endsWith(`>${BOARD_LINK_END}`);
}
export const PARTITION_SIDES = ['peers', 'board', 'all'] as const;
export type PartitionSide = (typeof PARTITION_SIDES)[number];

const interval = { at: whenSchema.optional(), forMs: z.number().min(0).optional() };

export const faultSchema = z.discriminatedUnion('kind', [
  /** The agent stops. With restartMs it comes back that long after, its memory lost. */
  z.object({ kind: z.literal('crash'), agent: agentId, at: whenSchema, restartMs: z.number().min(0).optional() }),
  /** The agent hangs: no progress and no heartbeats for forMs, then it carries on. */
  z.object({ kind: z.literal('stall'), agent: agentId, at: whenSchema, forMs: z.number().min(0) }),
  /** The agent's steps take `factor` times as long (a straggler), from `at` for forMs (default: all run). */
  z.object({ kind: z.literal('slow'), agent: agentId, factor: z.number().min(1).max(100), ...interval }),
  /** Messages (on a link to the board: actions) are lost with this probability. */
  z.object({ kind: z.literal('drop'), link: linkSpec, rate: z.number().min(0).max(1), action: z.enum(BOARD_ACTIONS).optional(), ...interval }),
  /** Messages on the link arrive `ms` late, with this probability. */
  z.object({ kind: z.literal('delay'), link: linkSpec, ms: z.number().min(0), rate: z.number().min(0).max(1), ...interval }),
  /** Messages (on a link to the board: actions) arrive twice, with this probability; the copy
   * `ms` after the first (absent: up to a second after). */
  z.object({
    kind: z.literal('duplicate'),
    link: linkSpec,
    rate: z.number().min(0).max(1),
    ms: z.number().min(0).optional(),
    action: z.enum(BOARD_ACTIONS).optional(),
    ...interval,
  }),
  /** Messages on the link get a random extra delay up to `ms`, so later ones overtake them. */
  z.object({ kind: z.literal('reorder'), link: linkSpec, ms: z.number().min(0), rate: z.number().min(0).max(1), ...interval }),
  /** These agents are cut off from their peers, the board, or both, for forMs. */
  z.object({
    kind: z.literal('partition'),
    agents: z.array(agentId).min(1),
    from: z.enum(PARTITION_SIDES),
    at: whenSchema,
    forMs: z.number().min(0),
  }),
  /** The agent lies: marks tasks done untested, writes plausible wrong code, or sends false messages. */
  z.object({ kind: z.literal('byzantine'), agent: agentId, mode: z.enum(BYZANTINE_MODES), at: whenSchema.optional() }),
]);
export type Fault = z.infer<typeof faultSchema>;
export type FaultKind = Fault['kind'];
export const FAULT_KINDS: readonly FaultKind[] = ['crash', 'stall', 'slow', 'drop', 'delay', 'duplicate', 'reorder', 'partition', 'byzantine'];

export const recoverySchema = z.object({
  /** Agents heartbeat every heartbeatMs; the board suspects one silent for timeoutMs. */
  heartbeats: z.boolean(),
  /** A suspected agent's tasks go back to the board (self-claiming) or to a live worker. */
  reassign: z.boolean(),
  /** A claim lasts leaseMs unless its owner renews it by stepping. */
  leases: z.boolean(),
  /** complete needs the task's tests to pass, run by the board. */
  verify: z.boolean(),
  /** Lost messages and actions are sent again; duplicates are dropped by id (idempotent delivery). */
  retries: z.boolean(),
  /** A suspected leader is replaced: the lowest-id live worker is elected and leads from its
   * next step (leader structure). It watches the leader even with heartbeats off. Absent in
   * schedules written before it existed: off. */
  failover: z.boolean().default(false),
  heartbeatMs: z.number().min(1),
  timeoutMs: z.number().min(1),
  leaseMs: z.number().min(1),
  retryMs: z.number().min(1),
  maxRetries: z.number().int().min(0).max(20),
});
export type Recovery = z.infer<typeof recoverySchema>;
export const RECOVERY_SWITCHES = ['heartbeats', 'reassign', 'leases', 'verify', 'retries', 'failover'] as const;
export type RecoverySwitch = (typeof RECOVERY_SWITCHES)[number];

export const DEFAULT_RECOVERY: Recovery = {
  heartbeats: false,
  reassign: false,
  leases: false,
  verify: false,
  retries: false,
  failover: false,
  heartbeatMs: 5_000,
  timeoutMs: 20_000,
  leaseMs: 120_000,
  retryMs: 10_000,
  maxRetries: 5,
};

export const faultScheduleSchema = z.object({
  faults: z.array(faultSchema).max(32),
  recovery: recoverySchema,
  /** Seed of the fault stream; absent = derived from the run's seed. */
  seed: z.number().int().min(0).optional(),
});
export type FaultSchedule = z.infer<typeof faultScheduleSchema>;

export function emptySchedule(): FaultSchedule {
  return { faults: [], recovery: { ...DEFAULT_RECOVERY } };
}

/** True when the schedule changes nothing: the run must be exactly the fault-free one. */
export function isInert(s: FaultSchedule | undefined): boolean {
  if (!s) return true;
  const r = s.recovery;
  return s.faults.length === 0 && !r.heartbeats && !r.reassign && !r.leases && !r.verify && !r.retries && !r.failover;
}

export function agentsOf(f: Fault): string[] {
  if ('agent' in f) return [f.agent];
  if (f.kind === 'partition') return f.agents;
  return [];
}
