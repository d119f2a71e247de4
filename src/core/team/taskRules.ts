/**
 * How a task's status moves, in one place: the board applies these as its rules decide, and a
 * trace recorded without task_status events (saved by an earlier version, or imported from the
 * paper's harness) is brought up to date by replaying its accepted decisions through the same
 * functions. Each returns the new state, or undefined when nothing changes.
 */
import type { TaskStatus, TraceEvent } from '../trace/events';

export interface TaskState {
  status: TaskStatus;
  owner?: string;
}

export const taskRules = {
  /** An accepted claim: the task is the claimer's (claiming one's own task changes nothing). */
  claimed(s: TaskState, agent: string): TaskState | undefined {
    return s.status === 'done' || s.owner === agent ? undefined : { status: 'assigned', owner: agent };
  },
  /** An accepted assignment (a leader's, or pre-assignment before the run). */
  assigned(s: TaskState, to: string): TaskState | undefined {
    return s.status === 'done' || (s.status === 'assigned' && s.owner === to) ? undefined : { status: 'assigned', owner: to };
  },
  /** A write to the task's file: the owner has started. A write by anyone else changes nothing. */
  wrote(s: TaskState, agent: string): TaskState | undefined {
    return s.owner === agent && s.status === 'assigned' ? { status: 'in_progress', owner: agent } : undefined;
  },
  /** An accepted completion. */
  completed(s: TaskState, agent: string): TaskState | undefined {
    return s.status === 'done' ? undefined : { status: 'done', owner: agent };
  },
  /** Taken back from whoever had it (a suspected agent, a lease run out): free again. */
  freed(s: TaskState): TaskState | undefined {
    return s.status === 'done' || (s.status === 'pending' && s.owner === undefined) ? undefined : { status: 'pending' };
  },
  /** The owner failed: its unfinished task is free again. */
  released(s: TaskState, agent: string): TaskState | undefined {
    return s.owner === agent && s.status !== 'done' ? { status: 'pending' } : undefined;
  },
};

/** The event that records a task's new state. */
export function taskStatusEvent(t: number, task: string, s: TaskState): TraceEvent {
  return s.owner === undefined ? { type: 'task_status', t, task, status: s.status } : { type: 'task_status', t, task, status: s.status, owner: s.owner };
}

/**
 * A trace with its task_status events: returned as it is when it has them; otherwise each
 * accepted claim, assignment, write, completion and agent failure is followed by the status
 * change the board's rules give.
 */
export function withTaskStatus<E extends TraceEvent>(events: readonly E[]): (E | TraceEvent)[] {
  if (events.some((e) => e.type === 'task_status')) return [...events];
  const start = events.find((e) => e.type === 'run_start');
  if (!start || start.type !== 'run_start') return [...events];
  const state = new Map<string, TaskState>(start.suite.tasks.map((t) => [t.id, { status: 'pending' }]));
  const taskOfFile = new Map(start.suite.tasks.map((t) => [t.file, t.id]));
  const out: (E | TraceEvent)[] = [];
  const apply = (t: number, task: string | undefined, rule: (s: TaskState) => TaskState | undefined) => {
    const s = task === undefined ? undefined : state.get(task);
    const next = s && rule(s);
    if (task !== undefined && next) {
      state.set(task, next);
      out.push(taskStatusEvent(t, task, next));
    }
  };
  for (const e of events) {
    out.push(e);
    if (e.type === 'claim' && e.ok) apply(e.t, e.task, (s) => taskRules.claimed(s, e.agent));
    else if (e.type === 'assign' && e.ok) apply(e.t, e.task, (s) => taskRules.assigned(s, e.to));
    else if (e.type === 'write') apply(e.t, taskOfFile.get(e.path), (s) => taskRules.wrote(s, e.agent));
    else if (e.type === 'complete' && e.ok) apply(e.t, e.task, (s) => taskRules.completed(s, e.agent));
    else if (e.type === 'agent_failed') for (const id of state.keys()) apply(e.t, id, (s) => taskRules.released(s, e.agent));
  }
  return out;
}
