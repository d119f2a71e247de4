/**
 * The state of a run at any moment, projected from its trace: who is doing what, the board,
 * the files, the messages on the wire. Views draw this and keep nothing of their own.
 *
 * Scrubbing and animation ask for a snapshot every frame, so the trace is indexed once into
 * per-entity timelines (RaftScope keeps checkpoints for the same reason) and `at(t)` only does
 * binary searches. A live run appends events; `update` indexes just the new tail.
 * The board is the board's own account: its task_status events, folded (a trace recorded
 * without them is brought up to date by team/taskRules.ts `withTaskStatus` when it is read).
 */
import type { AgentInfo, AgentState, EventOf, RunConfig, StopReason, TaskInfo, TaskStatus, TraceEvent } from './events';
import { readyTasks } from '../workload/dag';
import { MessageLegs, type MessageLeg } from './messageLegs';

export type { TaskStatus };

export interface AgentSnapshot {
  id: string;
  role: AgentInfo['role'];
  model: string;
  state: AgentState;
  /** What the state is about: the file a lock wait is on, the task a dependency wait is for. */
  detail?: string;
  currentTask?: string;
  /** Latest step started at or before t; 0 before the first. */
  step: number;
  /** True between the step's start and its reply. */
  inStep: boolean;
  /** Tail of the newest reply text; while replaying a step, the part streamed so far. */
  lastText: string;
  /** Step the text belongs to (0: none yet). */
  textStep: number;
  /** The text is a step still being generated at t. */
  streaming: boolean;
  tokensIn: number;
  tokensOut: number;
  tokens: number;
}

export interface BoardTask {
  id: string;
  title: string;
  file: string;
  dependencies: string[];
  status: TaskStatus;
  owner?: string;
  /** When the status last changed. */
  since: number;
}

export interface FileVersion {
  version: number;
  agent: string;
  t: number;
  round: number;
  content: string;
  concurrent: boolean;
  rewrite: boolean;
}

export interface FileSnapshot {
  path: string;
  /** The task whose file this is, if any. */
  task?: string;
  versions: FileVersion[];
}

export type { MessageLeg };

export interface MessageView extends MessageLeg {
  /** 0 at the sender, 1 at the recipient. */
  progress: number;
}

export interface TeamSnapshot {
  t: number;
  config?: RunConfig;
  suite?: { id: string; name: string; p: number };
  agents: AgentSnapshot[];
  board: BoardTask[];
  files: FileSnapshot[];
  inFlight: MessageView[];
  recentlyDelivered: MessageView[];
  /** Current round (sync); in async mode the furthest step any agent has started. */
  round: number;
  /** Tasks that may be claimed now: not done, not owned, every dependency done. */
  ready: string[];
  end?: { t: number; reason: StopReason; success: boolean; correct: boolean | null };
}

export interface ProjectorOptions {
  /** Characters of reply text kept per agent. */
  textChars?: number;
  /** How long a delivered message stays in `recentlyDelivered`, ms of run time. */
  recentMs?: number;
  /** Until a leg's delivery is known (live runs), its dot creeps towards the recipient over this long. */
  assumedTransitMs?: number;
}

export interface Projector {
  /** Snapshot at time t (default: the last event). */
  at(t?: number): TeamSnapshot;
  /** Index events appended since the last call; a different trace is re-indexed from scratch. */
  update(events: readonly TraceEvent[]): void;
  /** Time of the last event indexed. */
  readonly endT: number;
  /** Number of events indexed. */
  readonly size: number;
}

/** Values that change at points in time; `at(t)` is the latest value at or before t. */
class Timeline<V> {
  readonly ts: number[] = [];
  readonly vs: V[] = [];

  push(t: number, v: V): void {
    let i = this.ts.length;
    while (i > 0 && (this.ts[i - 1] as number) > t) i--;
    if (i === this.ts.length) {
      this.ts.push(t);
      this.vs.push(v);
    } else {
      this.ts.splice(i, 0, t);
      this.vs.splice(i, 0, v);
    }
  }

  /** Index of the last entry at or before t, -1 if none. */
  indexAt(t: number): number {
    let lo = 0;
    let hi = this.ts.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.ts[mid] as number) <= t) lo = mid + 1;
      else hi = mid;
    }
    return lo - 1;
  }

  at(t: number): V | undefined {
    const i = this.indexAt(t);
    return i < 0 ? undefined : this.vs[i];
  }

  get size(): number {
    return this.ts.length;
  }
}

interface StepRecord {
  step: number;
  round: number;
  start: number;
  end?: number;
  text?: string;
  ttftMs?: number;
}

interface AgentIndex {
  info: AgentInfo;
  /** From agent_state events: the runner's own account. */
  reported: Timeline<{ state: AgentState; detail?: string }>;
  /** The runner reports this agent's states itself (agent_state events seen). */
  reports: boolean;
  /** Derived from steps, for traces without agent_state events (imported harness logs). */
  derived: Timeline<{ state: AgentState; detail?: string }>;
  steps: Timeline<StepRecord>;
  tokens: Timeline<{ tokensIn: number; tokensOut: number }>;
  failed: boolean;
}

interface TaskEntry {
  status: TaskStatus;
  owner?: string;
  since: number;
}

function tailText(text: string, chars: number): string {
  return text.length <= chars ? text : `…${text.slice(text.length - chars + 1)}`;
}

class TraceIndex implements Projector {
  private readonly opts: Required<ProjectorOptions>;
  private source: readonly TraceEvent[] = [];
  private count = 0;
  private lastT = 0;

  private config?: RunConfig;
  private suite?: { id: string; name: string; p: number };
  private tasks: TaskInfo[] = [];
  private taskByFile = new Map<string, string>();
  private agents = new Map<string, AgentIndex>();
  private agentOrder: string[] = [];
  private taskLines = new Map<string, Timeline<TaskEntry>>();
  private files = new Map<string, FileVersion[]>();
  private messages = new MessageLegs();
  private rounds = new Timeline<number>();
  private end?: TeamSnapshot['end'];

  constructor(events: readonly TraceEvent[], options: ProjectorOptions = {}) {
    this.opts = { textChars: 240, recentMs: 1500, assumedTransitMs: 2000, ...options };
    this.update(events);
  }

  get endT(): number {
    return this.lastT;
  }

  get size(): number {
    return this.count;
  }

  update(events: readonly TraceEvent[]): void {
    const sameTrace =
      events.length >= this.count &&
      (this.count === 0 || (events[0] === this.source[0] && events[this.count - 1] === this.source[this.count - 1]));
    if (!sameTrace) this.reset();
    this.source = events;
    for (let i = this.count; i < events.length; i++) this.index(events[i] as TraceEvent);
    this.count = events.length;
  }

  private reset(): void {
    this.count = 0;
    this.lastT = 0;
    this.config = undefined;
    this.suite = undefined;
    this.tasks = [];
    this.taskByFile = new Map();
    this.agents = new Map();
    this.agentOrder = [];
    this.taskLines = new Map();
    this.files = new Map();
    this.messages = new MessageLegs();
    this.rounds = new Timeline();
    this.end = undefined;
  }

  private agent(id: string): AgentIndex {
    let a = this.agents.get(id);
    if (!a) {
      // An agent the run_start did not list (e.g. a trace cut before it): still show it.
      a = {
        info: { id, role: 'worker', model: '' },
        reported: new Timeline(),
        reports: false,
        derived: new Timeline(),
        steps: new Timeline(),
        tokens: new Timeline(),
        failed: false,
      };
      this.agents.set(id, a);
      this.agentOrder.push(id);
    }
    return a;
  }

  private setTask(id: string, t: number, status: TaskStatus, owner: string | undefined): void {
    const entry: TaskEntry = { status, owner, since: t };
    let line = this.taskLines.get(id);
    if (!line) {
      line = new Timeline();
      this.taskLines.set(id, line);
    }
    line.push(t, entry);
  }

  private index(e: TraceEvent): void {
    if (e.t > this.lastT) this.lastT = e.t;
    switch (e.type) {
      case 'run_start':
        return this.onRunStart(e);
      case 'round_start':
        this.rounds.push(e.t, e.round);
        return;
      case 'step_start': {
        const a = this.agent(e.agent);
        a.steps.push(e.t, { step: e.step, round: e.round, start: e.t });
        a.derived.push(e.t, { state: 'reading' });
        return;
      }
      case 'step_end': {
        const a = this.agent(e.agent);
        const rec = this.openStep(a, e.step) ?? { step: e.step, round: e.round, start: e.t - e.timings.totalMs };
        if (!a.steps.vs.includes(rec)) a.steps.push(rec.start, rec);
        rec.end = e.t;
        rec.text = e.text;
        rec.ttftMs = e.timings.ttftMs;
        a.derived.push(rec.start + Math.min(e.timings.ttftMs ?? 0, e.t - rec.start), { state: 'generating' });
        if (!a.failed) a.derived.push(e.t, { state: 'idle' });
        const prev = a.tokens.vs[a.tokens.size - 1] ?? { tokensIn: 0, tokensOut: 0 };
        a.tokens.push(e.t, {
          tokensIn: prev.tokensIn + e.usage.promptTokens,
          tokensOut: prev.tokensOut + e.usage.completionTokens,
        });
        return;
      }
      case 'agent_state': {
        const a = this.agent(e.agent);
        a.reports = true;
        a.reported.push(e.t, { state: e.state, detail: e.detail });
        return;
      }
      case 'agent_failed': {
        const a = this.agent(e.agent);
        a.failed = true;
        a.reported.push(e.t, { state: 'failed', detail: e.error });
        a.derived.push(e.t, { state: 'failed', detail: e.error });
        return;
      }
      case 'task_status':
        this.setTask(e.task, e.t, e.status, e.owner);
        return;
      case 'write':
        return this.onWrite(e);
      case 'message_send':
        this.messages.send(e, this.agentOrder);
        return;
      case 'message_deliver':
        this.messages.deliver(e);
        return;
      case 'run_end':
        this.end = { t: e.t, reason: e.reason, success: e.success, correct: e.correct };
        for (const a of this.agents.values()) {
          if (a.failed) continue;
          a.reported.push(e.t, { state: 'done' });
          a.derived.push(e.t, { state: 'done' });
        }
        return;
      default:
        return;
    }
  }

  private onRunStart(e: EventOf<'run_start'>): void {
    this.config = e.config;
    this.suite = { id: e.suite.id, name: e.suite.name, p: e.suite.p };
    this.tasks = e.suite.tasks;
    for (const task of e.suite.tasks) {
      this.taskByFile.set(task.file, task.id);
      this.setTask(task.id, e.t, 'pending', undefined);
    }
    for (const info of e.agents) this.agent(info.id).info = info;
  }

  private openStep(a: AgentIndex, step: number): StepRecord | undefined {
    for (let i = a.steps.size - 1; i >= 0; i--) {
      const rec = a.steps.vs[i] as StepRecord;
      if (rec.step === step && rec.end === undefined) return rec;
    }
    return undefined;
  }

  private onWrite(e: EventOf<'write'>): void {
    let versions = this.files.get(e.path);
    if (!versions) {
      versions = [];
      this.files.set(e.path, versions);
    }
    versions.push({ version: e.version, agent: e.agent, t: e.t, round: e.round, content: e.content, concurrent: e.concurrent, rewrite: e.rewrite });
  }

  at(tArg?: number): TeamSnapshot {
    const t = tArg ?? this.lastT;
    const board: BoardTask[] = this.tasks.map((task) => {
      const s = this.taskLines.get(task.id)?.at(t) ?? { status: 'pending' as const, since: 0 };
      return { id: task.id, title: task.title, file: task.file, dependencies: task.dependencies, status: s.status, owner: s.owner, since: s.since };
    });
    const done = new Set(board.filter((b) => b.status === 'done').map((b) => b.id));
    const owned = new Set(board.filter((b) => b.owner !== undefined).map((b) => b.id));
    const ready = readyTasks(this.tasks, done, owned);

    let maxStep = 0;
    const agents = this.agentOrder.map((id) => {
      const snap = this.agentAt(this.agents.get(id) as AgentIndex, t, board, done);
      if (snap.step > maxStep) maxStep = snap.step;
      return snap;
    });

    const files: FileSnapshot[] = [];
    for (const [path, all] of this.files) {
      const versions = all.filter((v) => v.t <= t);
      if (versions.length > 0) files.push({ path, task: this.taskByFile.get(path), versions });
    }

    const inFlight: MessageView[] = [];
    const recentlyDelivered: MessageView[] = [];
    for (const leg of this.messages.legs) {
      if (leg.sentT > t) continue;
      if (leg.deliveredT === undefined || leg.deliveredT > t) {
        const progress =
          leg.deliveredT === undefined
            ? Math.min(0.9, (t - leg.sentT) / this.opts.assumedTransitMs)
            : leg.deliveredT === leg.sentT
              ? 1
              : (t - leg.sentT) / (leg.deliveredT - leg.sentT);
        inFlight.push({ ...leg, progress });
      } else if (t - leg.deliveredT <= this.opts.recentMs) recentlyDelivered.push({ ...leg, progress: 1 });
    }

    const round = this.rounds.size > 0 ? (this.rounds.at(t) ?? 0) : maxStep;
    const end = this.end && this.end.t <= t ? this.end : undefined;
    return {
      t,
      config: this.config,
      suite: this.suite,
      agents,
      board,
      files,
      inFlight,
      recentlyDelivered,
      round,
      ready,
      end,
    };
  }

  private agentAt(a: AgentIndex, t: number, board: BoardTask[], done: ReadonlySet<string>): AgentSnapshot {
    const line = a.reports ? a.reported : a.derived;
    const st = line.at(t) ?? { state: 'idle' as const };
    const si = a.steps.indexAt(t);
    const rec = si >= 0 ? (a.steps.vs[si] as StepRecord) : undefined;
    const inStep = rec !== undefined && (rec.end === undefined || rec.end > t);

    let lastText = '';
    let textStep = 0;
    let streaming = false;
    if (rec && !inStep) {
      lastText = rec.text ?? '';
      textStep = rec.step;
    } else if (rec && rec.end !== undefined && rec.text !== undefined) {
      // Replay of a finished step: reveal the reply at the pace it was generated.
      const genStart = rec.start + (rec.ttftMs ?? 0);
      const span = rec.end - genStart;
      const frac = span <= 0 ? (t >= rec.end ? 1 : 0) : Math.max(0, Math.min(1, (t - genStart) / span));
      lastText = rec.text.slice(0, Math.floor(frac * rec.text.length));
      textStep = rec.step;
      streaming = true;
    } else if (si > 0) {
      // Live step: its reply is not in the trace yet, so the previous one stays on screen.
      const prev = a.steps.vs[si - 1] as StepRecord;
      lastText = prev.text ?? '';
      textStep = prev.step;
    }

    const tokens = a.tokens.at(t) ?? { tokensIn: 0, tokensOut: 0 };
    return {
      id: a.info.id,
      role: a.info.role,
      model: a.info.model,
      state: st.state,
      detail: st.detail,
      currentTask: currentTaskOf(a.info.id, board, done),
      step: rec?.step ?? 0,
      inStep,
      lastText: tailText(lastText, this.opts.textChars),
      textStep,
      streaming,
      tokensIn: tokens.tokensIn,
      tokensOut: tokens.tokensOut,
      tokens: tokens.tokensIn + tokens.tokensOut,
    };
  }
}

/** The task an agent is on: the one it is writing, else the first of its tasks it can start. */
function currentTaskOf(agent: string, board: readonly BoardTask[], done: ReadonlySet<string>): string | undefined {
  let inProgress: BoardTask | undefined;
  let startable: BoardTask | undefined;
  let any: BoardTask | undefined;
  for (const b of board) {
    if (b.owner !== agent || b.status === 'done') continue;
    if (b.status === 'in_progress' && (!inProgress || b.since > inProgress.since)) inProgress = b;
    if (!startable && b.dependencies.every((d) => done.has(d))) startable = b;
    any ??= b;
  }
  return (inProgress ?? startable ?? any)?.id;
}

export function createProjector(events: readonly TraceEvent[], options?: ProjectorOptions): Projector {
  return new TraceIndex(events, options);
}

/** One-off snapshot; for repeated calls keep a projector from createProjector. */
export function projectAt(events: readonly TraceEvent[], t?: number): TeamSnapshot {
  return createProjector(events).at(t);
}
