/**
 * The coordination service's state: the task board, the shared files and their locks,
 * with the paper's rules. Every rule outcome is returned as trace events; the board never
 * decides anything silently.
 */
import type { Task } from '../workload/types';
import type { TraceEvent } from '../trace/events';
import { taskRules, taskStatusEvent, type TaskState } from './taskRules';
import { overwroteUnseen, WriteLedger } from './writeRules';

export type { TaskStatus } from '../trace/events';
export type { TaskState } from './taskRules';

export interface FileVersion {
  content: string;
  version: number;
  writer: string;
  round: number;
  t: number;
}

interface Lock {
  holder: string;
  until: number;
}

export class Board {
  readonly tasks: Map<string, Task>;
  /** Read freely; change only through the methods below, so every change is a task_status event. */
  readonly state = new Map<string, TaskState>();
  /** Goes up with every change of a task's status or owner, so a view of the board can be reused
   * until it does. */
  statusVersion = 0;
  readonly files = new Map<string, FileVersion>();
  /** Writers per (round, path) and first rounds, for the concurrent-write and rewrite rules. */
  private readonly ledger = new WriteLedger();
  private readonly locks = new Map<string, Lock>();

  constructor(
    tasks: Task[],
    private readonly opts: {
      locks: boolean;
      lockHoldMs: number;
      /** Every change of a task's status, as a task_status event, when it happens. */
      onStatus?: (e: TraceEvent) => void;
    },
  ) {
    this.tasks = new Map(tasks.map((t) => [t.id, t]));
    for (const t of tasks) this.state.set(t.id, { status: 'pending' });
  }

  isDone(id: string): boolean {
    return this.state.get(id)?.status === 'done';
  }

  allDone(): boolean {
    for (const s of this.state.values()) if (s.status !== 'done') return false;
    return true;
  }

  depsDone(id: string): boolean {
    const t = this.tasks.get(id);
    return !!t && t.dependencies.every((d) => this.isDone(d));
  }

  taskForFile(path: string): Task | undefined {
    for (const t of this.tasks.values()) if (t.file === path) return t;
    return undefined;
  }

  /** What each agent owns, kept until a status changes (every step asks, twice). */
  private owned = new Map<string, string[]>();
  private ownedAt = -1;

  ownedBy(agent: string): string[] {
    if (this.ownedAt !== this.statusVersion) {
      this.owned.clear();
      this.ownedAt = this.statusVersion;
    }
    let out = this.owned.get(agent);
    if (!out) {
      out = [];
      for (const [id, s] of this.state) if (s.owner === agent && s.status !== 'done') out.push(id);
      this.owned.set(agent, out);
    }
    // A copy: callers sort what they get.
    return out.slice();
  }

  /** Apply a status rule to a task; a change is recorded. */
  private move(task: string, t: number, rule: (s: TaskState) => TaskState | undefined): void {
    const s = this.state.get(task);
    const next = s && rule(s);
    if (!next) return;
    this.state.set(task, next);
    this.statusVersion++;
    this.opts.onStatus?.(taskStatusEvent(t, task, next));
  }

  /** Pre-assignment before the run: the task is the agent's without a claim. */
  preassign(task: string, agent: string, t = 0): void {
    this.move(task, t, (s) => taskRules.assigned(s, agent));
  }

  claim(agent: string, task: string, round: number, t: number): TraceEvent {
    const s = this.state.get(task);
    // Every reply claims: the event is written out rather than spread from a base.
    let reason: 'unknown' | 'done' | 'taken' | 'blocked' | undefined;
    if (!s) reason = 'unknown';
    else if (s.status === 'done') reason = 'done';
    else if (s.owner && s.owner !== agent) reason = 'taken';
    else if (!this.depsDone(task)) reason = 'blocked';
    if (reason) return { type: 'claim', t, round, agent, task, ok: false, reason };
    this.move(task, t, (x) => taskRules.claimed(x, agent));
    return { type: 'claim', t, round, agent, task, ok: true };
  }

  assign(leader: string, task: string, to: string, round: number, t: number, team: string[]): TraceEvent {
    const s = this.state.get(task);
    const base = { type: 'assign' as const, t, round, agent: leader, task, to };
    if (!s) return { ...base, ok: false, reason: `unknown task ${task}` };
    if (!team.includes(to)) return { ...base, ok: false, reason: `unknown agent ${to}` };
    if (s.status === 'done') return { ...base, ok: false, reason: `${task} is already done` };
    if (s.owner && s.owner !== to && s.status === 'in_progress') return { ...base, ok: false, reason: `${task} is in progress by ${s.owner}` };
    this.move(task, t, (x) => taskRules.assigned(x, to));
    return { ...base, ok: true };
  }

  /** Recovery takes a task back (a suspected owner, an expired lease): it is free again. */
  free(task: string, t: number): void {
    this.move(task, t, (x) => taskRules.freed(x));
  }

  /** Recovery gives a task to an agent directly (no leader's assign event). */
  give(task: string, to: string, t: number): void {
    this.move(task, t, (x) => taskRules.assigned(x, to));
  }

  /** Release an agent's unfinished tasks (after it failed), so others can take them. */
  release(agent: string, t: number): string[] {
    const freed: string[] = [];
    for (const [id, s] of this.state) {
      if (s.owner === agent && s.status !== 'done') {
        this.move(id, t, (x) => taskRules.released(x, agent));
        freed.push(id);
      }
    }
    return freed;
  }

  /**
   * A write takes the file's lock for lockHoldMs. If another agent holds it, the writer waits
   * until it is free; the wait comes back as a lock_wait event and the write's own time.
   */
  write(agent: string, path: string, content: string, round: number, t: number, viewT?: number): { events: TraceEvent[]; at: number } {
    const events: TraceEvent[] = [];
    let at = t;
    if (this.opts.locks) {
      const lock = this.locks.get(path);
      if (lock && lock.holder !== agent && lock.until > t) {
        events.push({ type: 'lock_wait', t, round, agent, path, waitedMs: lock.until - t, holder: lock.holder });
        at = lock.until;
      }
      this.locks.set(path, { holder: agent, until: at + this.opts.lockHoldMs });
    }
    const prev = this.files.get(path);
    // Synchronous rounds: the paper's rule, two writers in one round. Asynchronous steps: the
    // writer overwrote a version it never saw (writeRules.ts).
    const unseen = viewT === undefined ? undefined : overwroteUnseen(prev, agent, viewT);
    const { sharedRound, rewrite } = this.ledger.note(round, path, agent, unseen);
    const concurrent = unseen ?? sharedRound;
    const version = (prev?.version ?? 0) + 1;
    this.files.set(path, { content, version, writer: agent, round, t: at });
    const task = this.taskForFile(path);
    if (task) this.move(task.id, at, (x) => taskRules.wrote(x, agent));
    events.push({
      type: 'write',
      t: at,
      round,
      agent,
      path,
      version,
      bytes: content.length,
      content,
      concurrent,
      rewrite,
    });
    return { events, at };
  }

  complete(agent: string, task: string, round: number, t: number): TraceEvent {
    const s = this.state.get(task);
    const base = { type: 'complete' as const, t, round, agent, task };
    if (!s) return { ...base, ok: false, reason: 'unknown task' };
    if (s.status === 'done') return { ...base, ok: false, reason: 'already done' };
    if (s.owner !== agent) return { ...base, ok: false, reason: s.owner ? `owned by ${s.owner}` : 'not claimed' };
    if (!this.files.has(this.tasks.get(task)!.file)) return { ...base, ok: false, reason: `no file ${this.tasks.get(task)!.file} yet` };
    this.move(task, t, (x) => taskRules.completed(x, agent));
    return { ...base, ok: true };
  }

  fileMap(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [p, f] of this.files) out[p] = f.content;
    return out;
  }
}
