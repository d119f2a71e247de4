/**
 * When things happen: a time-ordered queue of step starts and replies, the steps in flight, and
 * the waits of a wall-clock run (for a reply, a stop, or a step's time limit). On a virtual
 * clock nothing is ever waited for: every reply is already in the queue.
 */
import type { StepOutput } from './agent';
import type { AgentRec } from './context';

export type Timed =
  | { kind: 'start'; t: number; agent: AgentRec }
  | { kind: 'reply'; t: number; agent: AgentRec; startT: number; out?: StepOutput; error?: unknown; timedOut?: boolean };

export interface Pending {
  agent: AgentRec;
  startT: number;
  /** The step ran past the step time limit and was interrupted. */
  timedOut?: boolean;
}

/** Starts before replies at the same instant; then agent order: deterministic ties. */
const before = (a: Timed, b: Timed) => a.t - b.t || (a.kind === b.kind ? 0 : a.kind === 'start' ? -1 : 1) || a.agent.index - b.agent.index;

export class Scheduler {
  private readonly queue: Timed[] = [];
  readonly inflight = new Map<AgentRec, Pending>();
  private wakeUp: () => void = () => {};
  private readonly stopped: Promise<void>;
  private readonly detach: () => void;

  constructor(private readonly signal?: AbortSignal) {
    let onAbort = () => {};
    this.stopped = new Promise<void>((resolve) => {
      onAbort = () => resolve();
      if (signal?.aborted) resolve();
    });
    // A sweep shares one signal across many runs: each run takes its listener off when it ends.
    signal?.addEventListener('abort', onAbort, { once: true });
    this.detach = () => signal?.removeEventListener('abort', onAbort);
  }

  get stopRequested(): boolean {
    return this.signal?.aborted === true;
  }

  push(e: Timed): void {
    let i = this.queue.length;
    while (i > 0 && before(this.queue[i - 1], e) > 0) i--;
    this.queue.splice(i, 0, e);
  }

  peek(): Timed | undefined {
    return this.queue[0];
  }

  shift(): Timed | undefined {
    return this.queue.shift();
  }

  /** Take an agent's queued starts and replies off the queue (it crashed). */
  dropAgent(agent: AgentRec): void {
    for (let i = this.queue.length - 1; i >= 0; i--) if (this.queue[i].agent === agent) this.queue.splice(i, 1);
  }

  hasReplyQueued(): boolean {
    return this.queue.some((e) => e.kind === 'reply');
  }

  /** A reply landed or a message arrived: a waiting loop looks again. */
  wake(): void {
    this.wakeUp();
  }

  /** Wait until woken, stopped, or one of the given times passes. */
  async wait(...also: Promise<void>[]): Promise<void> {
    await Promise.race([new Promise<void>((res) => (this.wakeUp = res)), this.stopped, ...also]);
  }

  /** The run is over: stop listening to the shared signal. */
  close(): void {
    this.detach();
    this.wakeUp = () => {};
  }
}
