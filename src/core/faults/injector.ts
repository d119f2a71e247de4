/**
 * The fault injector: the schedule, resolved for one run. The step loop asks it questions
 * (is this agent crashed now? is this message lost? how late is it?) and it answers from the
 * schedule and a seed only. Every random answer comes from its own stream named after the thing
 * asked about (the message id and attempt, the fault's index), never from a shared sequence, so
 * the answers do not depend on the order the loop asks in: the virtual clock and real workers
 * get the same faults. The run's own random streams are never touched.
 */
import { createRng, seedFor } from '../random';
import { isBoardLink, type BoardAction, type ByzantineMode, type Fault, type FaultSchedule, type Recovery } from './schedule';

export const BOARD = 'board';

export interface MessageFate {
  /** The message never arrives (this attempt). */
  dropped: boolean;
  /** Why it was dropped: a lossy link or a partition. */
  dropReason?: 'loss' | 'partition';
  /** Extra delay on top of the channel's, ms. */
  extraMs: number;
  /** Which fault kinds touched it (delay, reorder), for the trace. */
  delayedBy?: 'delay' | 'reorder';
  /** A second copy arrives this long after the first. */
  duplicateAfterMs?: number;
}

interface Resolved {
  fault: Fault;
  index: number;
  /** Start time once known: a step fault is only known when its step comes. */
  start?: number;
}

export class FaultInjector {
  readonly recovery: Recovery;
  readonly faults: readonly Fault[];
  private readonly seed: number;
  private readonly resolved: Resolved[];

  constructor(schedule: FaultSchedule, runSeed: number) {
    this.recovery = schedule.recovery;
    this.faults = schedule.faults;
    this.seed = schedule.seed ?? seedFor(runSeed, 'faults');
    this.resolved = schedule.faults.map((fault, index) => {
      const at = 'at' in fault ? fault.at : undefined;
      let start: number | undefined;
      if (!at) start = 0;
      else if ('t' in at) start = at.t;
      else if ('random' in at) {
        const rng = createRng(seedFor(this.seed, 'when', index));
        start = Math.round(at.random.from + rng.next() * (at.random.to - at.random.from));
      }
      return { fault, index, start };
    });
  }

  /** Faults of one agent that start at its `step`-th step; they are fixed to time `t` from now on. */
  triggerStep(agent: string, step: number, t: number): { fault: Fault; index: number }[] {
    const fired: { fault: Fault; index: number }[] = [];
    for (const r of this.resolved) {
      const at = 'at' in r.fault ? r.fault.at : undefined;
      if (r.start !== undefined || !at || !('step' in at) || at.step !== step) continue;
      if (!involves(r.fault, agent)) continue;
      r.start = t;
      fired.push({ fault: r.fault, index: r.index });
    }
    return fired;
  }

  /** Faults whose start time is known, in start order (ties: schedule order). */
  timed(): { fault: Fault; index: number; start: number }[] {
    return this.resolved
      .filter((r): r is Resolved & { start: number } => r.start !== undefined)
      .sort((a, b) => a.start - b.start || a.index - b.index);
  }

  startOf(index: number): number | undefined {
    return this.resolved[index]?.start;
  }

  private active(r: Resolved, t: number): boolean {
    if (r.start === undefined || t < r.start) return false;
    const f = r.fault;
    const len = 'forMs' in f ? f.forMs : undefined;
    if (f.kind === 'crash') return f.restartMs === undefined || t < r.start + f.restartMs;
    return len === undefined || t < r.start + len;
  }

  /** Crashed (and not yet restarted) at t. */
  isCrashed(agent: string, t: number): boolean {
    return this.resolved.some((r) => r.fault.kind === 'crash' && r.fault.agent === agent && this.active(r, t));
  }

  /** Hung at t (a stall). */
  isStalled(agent: string, t: number): boolean {
    return this.resolved.some((r) => r.fault.kind === 'stall' && r.fault.agent === agent && this.active(r, t));
  }

  /** The end of the stall or crash that holds this agent at t (Infinity: a crash without restart); t when none. */
  heldUntil(agent: string, t: number): number {
    let until = t;
    for (let guard = 0; guard < 64; guard++) {
      let moved = false;
      for (const r of this.resolved) {
        const f = r.fault;
        if ((f.kind !== 'stall' && f.kind !== 'crash') || f.agent !== agent || !this.active(r, until)) continue;
        const end = f.kind === 'stall' ? r.start! + f.forMs : f.restartMs === undefined ? Infinity : r.start! + f.restartMs;
        if (end > until) {
          until = end;
          moved = true;
        }
      }
      if (!moved || until === Infinity) break;
    }
    return until;
  }

  /** How many times slower the agent's step starting at t runs (1 = normal). */
  slowFactor(agent: string, t: number): number {
    let factor = 1;
    for (const r of this.resolved) if (r.fault.kind === 'slow' && r.fault.agent === agent && this.active(r, t)) factor *= r.fault.factor;
    return factor;
  }

  /** a and b cannot reach each other at t. Either may be BOARD. */
  isPartitioned(a: string, b: string, t: number): boolean {
    if (a === b) return false;
    for (const r of this.resolved) {
      const f = r.fault;
      if (f.kind !== 'partition' || !this.active(r, t)) continue;
      const inA = f.agents.includes(a);
      const inB = f.agents.includes(b);
      const boardLink = a === BOARD || b === BOARD;
      if (boardLink) {
        if (f.from !== 'peers' && (inA || inB)) return true;
      } else if (f.from !== 'board' && inA !== inB) return true;
    }
    return false;
  }

  /** When the agent can reach the board again (t when it can now). */
  boardReachableAt(agent: string, t: number): number {
    let until = t;
    for (let guard = 0; guard < 64 && this.isPartitioned(agent, BOARD, until); guard++) {
      for (const r of this.resolved) {
        const f = r.fault;
        if (f.kind === 'partition' && f.from !== 'peers' && f.agents.includes(agent) && this.active(r, until)) until = Math.max(until, r.start! + f.forMs);
      }
    }
    return until;
  }

  /** Is the agent lying at t, and how. */
  byzantine(agent: string, t: number): ByzantineMode | undefined {
    for (const r of this.resolved) if (r.fault.kind === 'byzantine' && r.fault.agent === agent && this.active(r, t)) return r.fault.mode;
    return undefined;
  }

  /** Does the agent send heartbeats at t (alive, not hung, and the board can hear it). */
  heartbeatHeard(agent: string, t: number): boolean {
    return !this.isCrashed(agent, t) && !this.isStalled(agent, t) && !this.isPartitioned(agent, BOARD, t);
  }

  /**
   * When the board will suspect this agent, looking from `from` on: the first heartbeat tick
   * after which it hears nothing for the timeout. Undefined when, as far as the schedule is known,
   * it never will. `lastHeard` is the last tick heard before `from`.
   */
  nextSuspicion(agent: string, from: number, lastHeard: number): number | undefined {
    const { heartbeatMs: hb, timeoutMs } = this.recovery;
    // Past the last known fault interval nothing changes, so the scan can stop there.
    let horizon = 0;
    for (const r of this.resolved) {
      if (r.start === undefined || !involves(r.fault, agent)) continue;
      const f = r.fault;
      const end = f.kind === 'crash' ? (f.restartMs === undefined ? Infinity : r.start + f.restartMs) : 'forMs' in f && f.forMs !== undefined ? r.start + f.forMs : r.start;
      horizon = Math.max(horizon, end === Infinity ? r.start : end);
    }
    let heard = lastHeard;
    for (let tick = Math.ceil(from / hb) * hb; ; tick += hb) {
      if (tick - heard >= timeoutMs) return heard + timeoutMs;
      if (this.heartbeatHeard(agent, tick)) heard = tick;
      else if (this.isCrashed(agent, tick) && this.heldUntil(agent, tick) === Infinity) return heard + timeoutMs;
      if (tick > horizon + timeoutMs + hb) return undefined;
    }
  }

  /** The first heartbeat tick at or after `from` that the board hears (undefined: never). */
  nextHeard(agent: string, from: number): number | undefined {
    const hb = this.recovery.heartbeatMs;
    for (let tick = Math.ceil(from / hb) * hb, i = 0; i < 1_000_000; tick += hb, i++) {
      if (this.heartbeatHeard(agent, tick)) return tick;
      if (this.isCrashed(agent, tick) && this.heldUntil(agent, tick) === Infinity) return undefined;
    }
    return undefined;
  }

  /** What happens to one attempt of one message sent at t. Same answer however often it is asked. */
  messageFate(msg: { id: string; from: string; to: string }, t: number, attempt = 0): MessageFate {
    const fate: MessageFate = { dropped: false, extraMs: 0 };
    if (this.isPartitioned(msg.from, msg.to, t)) return { ...fate, dropped: true, dropReason: 'partition' };
    for (const r of this.resolved) {
      const f = r.fault;
      if (!('link' in f) || !this.active(r, t) || !linkMatches(f.link, msg.from, msg.to)) continue;
      const rng = createRng(seedFor(this.seed, 'msg', msg.id, attempt, r.index));
      const hit = rng.next() < f.rate;
      if (!hit) continue;
      switch (f.kind) {
        case 'drop':
          return { ...fate, dropped: true, dropReason: 'loss' };
        case 'delay':
          fate.extraMs += f.ms;
          fate.delayedBy = 'delay';
          break;
        case 'reorder':
          fate.extraMs += Math.round(rng.next() * f.ms);
          fate.delayedBy ??= 'reorder';
          break;
        case 'duplicate':
          fate.duplicateAfterMs = copyDelay(f, rng.next());
          break;
      }
    }
    return fate;
  }

  /** Are there faults on the links to the board (actions lost or duplicated) at all? */
  get hasActionFaults(): boolean {
    return this.faults.some((f) => 'link' in f && isBoardLink(f.link));
  }

  /**
   * What happens to one attempt of one action on its way from the agent to the board at t: lost
   * (a drop on a link to the board), delivered, delivered twice. Only links that end at the board
   * count (a "*" link is every agent-agent link, not the board's).
   */
  actionFate(a: { id: string; agent: string; action: BoardAction }, t: number, attempt = 0): { dropped: boolean; duplicateAfterMs?: number } {
    let duplicateAfterMs: number | undefined;
    for (const r of this.resolved) {
      const f = r.fault;
      if ((f.kind !== 'drop' && f.kind !== 'duplicate') || !isBoardLink(f.link) || !this.active(r, t)) continue;
      if (!linkMatches(f.link, a.agent, BOARD) || (f.action !== undefined && f.action !== a.action)) continue;
      const rng = createRng(seedFor(this.seed, 'action', a.id, attempt, r.index));
      if (rng.next() >= f.rate) continue;
      if (f.kind === 'drop') return { dropped: true };
      duplicateAfterMs ??= copyDelay(f, rng.next());
    }
    return duplicateAfterMs === undefined ? { dropped: false } : { dropped: false, duplicateAfterMs };
  }
}

/** When a duplicate's copy follows the first: the fault's own delay, else up to a second. */
function copyDelay(f: Extract<Fault, { kind: 'duplicate' }>, u: number): number {
  return f.ms !== undefined ? Math.max(1, f.ms) : 1 + Math.round(u * 1000);
}

export function linkMatches(link: string, from: string, to: string): boolean {
  if (link === '*') return true;
  const [a, b] = link.split('>');
  return (a === '*' || a === from) && (b === '*' || b === to);
}

function involves(f: Fault, agent: string): boolean {
  if ('agent' in f) return f.agent === agent;
  if (f.kind === 'partition') return f.agents.includes(agent);
  if ('link' in f) {
    const [a, b] = f.link.split('>');
    return f.link === '*' || a === agent || b === agent || a === '*' || b === '*';
  }
  return false;
}
