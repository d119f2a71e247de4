/**
 * What faults look like at one moment of a run, for the views: who is down, stalled, cut off
 * or suspected, which partitions stand, which messages were just lost, and every fault and
 * detection as a mark on the time axis. A projection of the trace like the others.
 */
import type { EventOf, TraceEvent } from './events';

export interface FaultMark {
  t: number;
  kind: 'fault' | 'heal' | 'suspect' | 'unsuspect' | 'lease' | 'caught' | 'elected';
  agents: string[];
  text: string;
}

export interface FaultSnapshot {
  /** Crashed and not restarted, or distrusted by the board. */
  down: string[];
  stalled: string[];
  suspected: string[];
  /** Partitions standing at t: the side cut off, and from what. */
  partitions: { agents: string[]; from: 'peers' | 'board' | 'all' }[];
  /** Message attempts lost in the window before t (newest first). An agent's action lost on its
   * way to the board has `to` "board" and `action` set. */
  lost: { id: string; from: string; to: string; t: number; why: 'drop' | 'partition'; action?: string }[];
  /** Failover: who leads at t, when someone other than the first leader does (else undefined),
   * and the term. */
  leader?: string;
  term?: number;
}

export function faultMarks(events: readonly TraceEvent[]): FaultMark[] {
  const out: FaultMark[] = [];
  for (const e of events) {
    if (e.type === 'fault') out.push({ t: e.t, kind: e.phase === 'start' ? 'fault' : 'heal', agents: e.agents, text: e.text });
    else if (e.type === 'suspect')
      out.push({ t: e.t, kind: e.reason === 'verification' ? 'caught' : 'suspect', agents: [e.agent], text: e.reason === 'verification' ? `${e.agent} distrusted: caught lying again and again` : `${e.agent} suspected (silent)` });
    else if (e.type === 'unsuspect') out.push({ t: e.t, kind: 'unsuspect', agents: [e.agent], text: `${e.agent} heard again: the suspicion was false` });
    else if (e.type === 'lease_expired') out.push({ t: e.t, kind: 'lease', agents: [e.owner], text: `${e.owner}'s lease on ${e.task} ran out` });
    else if (e.type === 'leader_elected')
      out.push({ t: e.t, kind: 'elected', agents: [e.leader, e.previous], text: `${e.leader} elected leader (term ${e.term}) in place of ${e.previous}, ${Math.round(e.detectMs / 1000)} s after it failed` });
  }
  return out;
}

/** The fault picture at time t; `lostWindowMs` is how long a lost message stays drawn. */
export function faultSnapshot(events: readonly TraceEvent[], t: number, lostWindowMs: number): FaultSnapshot {
  const down = new Set<string>();
  const stalled = new Set<string>();
  const suspected = new Set<string>();
  const partitions = new Map<number, { agents: string[]; from: 'peers' | 'board' | 'all' }>();
  const lost: FaultSnapshot['lost'] = [];
  let leader: string | undefined;
  let term: number | undefined;
  for (const e of events) {
    if (e.t > t) break;
    switch (e.type) {
      case 'fault':
        applyFault(e, down, stalled, partitions);
        break;
      case 'suspect':
        suspected.add(e.agent);
        if (e.reason === 'verification') down.add(e.agent);
        break;
      case 'unsuspect':
        suspected.delete(e.agent);
        break;
      case 'message_fault':
        if ((e.fault === 'drop' || e.fault === 'partition') && e.t >= t - lostWindowMs) lost.push({ id: e.id, from: e.from, to: e.to, t: e.t, why: e.fault });
        break;
      case 'action_fault':
        if (e.fault === 'drop' && e.t >= t - lostWindowMs) lost.push({ id: `${e.id}#${e.attempt}`, from: e.agent, to: 'board', t: e.t, why: 'drop', action: e.action });
        break;
      case 'leader_elected':
        leader = e.leader;
        term = e.term;
        break;
    }
  }
  return {
    down: [...down],
    stalled: [...stalled],
    suspected: [...suspected],
    partitions: [...partitions.values()],
    lost: lost.reverse(),
    ...(leader !== undefined ? { leader, term } : {}),
  };
}

function toggle(set: Set<string>, a: string, on: boolean): void {
  if (on) set.add(a);
  else set.delete(a);
}

function applyFault(e: EventOf<'fault'>, down: Set<string>, stalled: Set<string>, partitions: Map<number, { agents: string[]; from: 'peers' | 'board' | 'all' }>): void {
  const start = e.phase === 'start';
  if (e.fault === 'crash') for (const a of e.agents) toggle(down, a, start);
  else if (e.fault === 'stall') for (const a of e.agents) toggle(stalled, a, start);
  else if (e.fault === 'partition') {
    if (start) partitions.set(e.index, { agents: e.agents, from: e.from ?? 'all' });
    else partitions.delete(e.index);
  }
}
