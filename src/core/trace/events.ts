/**
 * The trace: one typed, serializable record of everything that happened in a run.
 * Views, metrics, export, replay and import all read this and nothing else.
 * All times `t` are milliseconds since the run started, on the run's clock. An event with a
 * duration (test_run.durationMs, lock_wait.waitedMs) is stamped with its start.
 */
import type { Action } from '../protocol/actions';
import type { Timings, Usage } from '../engine';
import type { FaultTraceEvent } from './faultEvents';

export type Structure = 'single' | 'preassign' | 'leader' | 'decentralized';
export type StepMode = 'sync' | 'async';

export type AgentState =
  | 'reading' // prefill: the prompt is being read
  | 'generating'
  | 'waiting_lock'
  | 'waiting_dependency'
  | 'waiting_barrier'
  | 'testing'
  | 'idle'
  | 'failed'
  | 'done';

export interface RunConfig {
  suite: string;
  structure: Structure;
  /** Worker agents, not counting a leader. */
  n: number;
  mode: StepMode;
  seed: number;
  engine: string;
  maxRounds: number;
  /** Wall or virtual time budget, ms; 0 = none. */
  maxTimeMs: number;
  locks: boolean;
  /** Anything else a placement wants to record (preset, model, error rate...). */
  extra?: Record<string, unknown>;
}

export interface TaskInfo {
  id: string;
  title: string;
  file: string;
  dependencies: string[];
}

export interface AgentInfo {
  id: string;
  role: 'worker' | 'leader';
  model: string;
  speed?: number;
}

/** Where a task stands on the board. */
export type TaskStatus = 'pending' | 'assigned' | 'in_progress' | 'done';

export type StopReason = 'done' | 'round_budget' | 'time_budget' | 'stopped' | 'all_failed' | 'error';

export type TraceEvent =
  | { type: 'run_start'; t: number; config: RunConfig; suite: { id: string; name: string; p: number; tasks: TaskInfo[] }; agents: AgentInfo[] }
  | { type: 'round_start'; t: number; round: number }
  | { type: 'round_end'; t: number; round: number }
  /** An agent begins a step: it has its prompt and starts reading it. */
  | { type: 'step_start'; t: number; agent: string; round: number; step: number; system: string; prompt: string }
  /** The model replied. `actions` are what the parser accepted. */
  | {
      type: 'step_end';
      t: number;
      agent: string;
      round: number;
      step: number;
      text: string;
      actions: Action[];
      usage: Usage;
      timings: Timings;
    }
  | { type: 'protocol_error'; t: number; agent: string; round: number; step: number; reason: string }
  | { type: 'agent_state'; t: number; agent: string; state: AgentState; detail?: string }
  /** ok=false with reason 'blocked' is a blocked claim; 'taken' is a lost race (claim conflict). */
  | { type: 'claim'; t: number; round: number; agent: string; task: string; ok: boolean; reason?: 'blocked' | 'taken' | 'unknown' | 'done' | 'not_assigned' }
  | { type: 'assign'; t: number; round: number; agent: string; task: string; to: string; ok: boolean; reason?: string }
  | { type: 'lock_wait'; t: number; round: number; agent: string; path: string; waitedMs: number; holder: string }
  | {
      type: 'write';
      t: number;
      round: number;
      agent: string;
      path: string;
      version: number;
      bytes: number;
      content: string;
      /** Another agent wrote this path in the same round. */
      concurrent: boolean;
      /** The path was first written in an earlier round. */
      rewrite: boolean;
    }
  | {
      type: 'test_run';
      t: number;
      round: number;
      agent: string;
      task?: string;
      passed: number;
      failed: number;
      durationMs: number;
      results: { task: string; name: string; ok: boolean; error?: string }[];
      /** Harness-level error: syntax error, timeout, crash. */
      error?: string;
    }
  | { type: 'complete'; t: number; round: number; agent: string; task: string; ok: boolean; reason?: string }
  | { type: 'message_send'; t: number; round: number; id: string; from: string; to: string; text: string; bytes: number; channel: string }
  | { type: 'message_deliver'; t: number; id: string; to: string }
  | { type: 'agent_failed'; t: number; agent: string; error: string }
  | { type: 'notice'; t: number; level: 'info' | 'warn' | 'error'; text: string }
  /** The board moved a task (team/taskRules.ts); views fold these, they never re-derive them. */
  | { type: 'task_status'; t: number; task: string; status: TaskStatus; owner?: string }
  | { type: 'run_end'; t: number; reason: StopReason; rounds: number; success: boolean; correct: boolean | null; detail?: string }
  /** Faults and recovery (faultEvents.ts). */
  | FaultTraceEvent;

export type TraceEventType = TraceEvent['type'];
export type EventOf<K extends TraceEventType> = Extract<TraceEvent, { type: K }>;

export interface Trace {
  /** Format version of this serialization. */
  version: 1;
  events: TraceEvent[];
}
