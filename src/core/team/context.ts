/** What the step loop's parts share: the run's inputs, the board, the mailbox, the agents and
 * the trace. Rules read and change the run only through this. */
import type { Clock } from '../clock';
import type { FaultController } from '../faults/controller';
import type { TestRequest, TestRunner } from '../harness/types';
import type { FocusTask } from '../protocol/observation';
import type { AgentState, RunConfig, TraceEvent } from '../trace/events';
import type { Suite } from '../workload/types';
import type { AgentHandle } from './agent';
import type { Board } from './board';
import type { Mailbox, MailboxReader } from './mailbox';

export interface CostModel {
  /** Modelled test time on a virtual clock (a wall clock measures it instead). */
  testBaseMs: number;
  testPerCaseMs: number;
  /** How long a write holds its file's lock. */
  lockHoldMs: number;
}

export const DEFAULT_COSTS: CostModel = { testBaseMs: 300, testPerCaseMs: 20, lockHoldMs: 250 };

export interface AgentRec extends MailboxReader {
  handle: AgentHandle;
  index: number;
  failed: boolean;
  step: number;
  /** Outcomes of this agent's actions, shown to it at its next step. */
  feedback: string[];
  lastTest: Map<string, NonNullable<FocusTask['lastTest']>>;
  /** When this agent's current view of the board was taken. */
  viewT: number;
  /** Sync mode: when this agent finished its step in the current round. */
  endedAt?: number;
  /** A role taken on during the run (a worker elected leader by failover); absent: its own. */
  actingRole?: 'worker' | 'leader';
}

/** The role an agent acts in now: its own, or the one failover gave it. */
export function roleOf(r: AgentRec): 'worker' | 'leader' {
  return r.actingRole ?? r.handle.role;
}

export interface TeamContext {
  readonly suite: Suite;
  readonly config: RunConfig;
  readonly costs: CostModel;
  readonly clock: Clock;
  readonly testRunner: TestRunner;
  readonly testTimeoutMs: number;
  /** The tests of these tasks (all when absent) against the board's files as they are now,
   * with the run's time limit and work budget. */
  testRequest(taskIds?: string[]): TestRequest;
  readonly board: Board;
  readonly mailbox: Mailbox;
  /** Every agent, workers first, then a leader. */
  readonly agents: AgentRec[];
  readonly workers: AgentRec[];
  /** Agent ids, in the same order. */
  readonly team: string[];
  /** Synchronous round number (0 before the first round). */
  round: number;
  /** Faults and recovery protocols of this run (faultRules.ts); absent when it has none. */
  faults?: FaultController;
  /** A whole-suite test run holds the one test harness until then (run time, ms): the paper's
   * harness ran pytest synchronously, so a second run waits for the first. */
  suiteBusyUntil: number;
  /** Run time: ms since the run started, on the run's clock. */
  now(): number;
  /** Resolve once run time reaches t (a virtual clock moves there). */
  until(t: number): Promise<void>;
  /** Record an event; it leaves the loop in time order (see traceQueue.ts). */
  record(e: TraceEvent): void;
}

export function setState(ctx: TeamContext, r: AgentRec, state: AgentState, t: number, detail?: string): void {
  ctx.record({ type: 'agent_state', t, agent: r.handle.id, state, detail });
}

export function errorText(error: unknown): string {
  if (error && typeof error === 'object' && 'message' in error) return String((error as { message: unknown }).message);
  return String(error);
}
