/**
 * What faults cost and how well the recovery protocols did, from the trace alone:
 *  - time to detect: from a crash, stall or partition striking an agent to the board's first
 *    suspicion of it (timeout);
 *  - false suspicions: an agent suspected while it was up (a stalled straggler, a partition);
 *  - time to recover: from the fault to when every task the struck agent held had a new owner
 *    or was done by someone else (null when that never happened);
 *  - work lost: steps whose reply never counted (in flight at a crash, reply lost to a
 *    partition) and their agent-time; work redone: tasks taken from an agent after it had
 *    written their file, so the new owner wrote it again;
 *  - wrong completions caught (the board's verification refused them) and missed (accepted while
 *    the task's tests failed, per the run's audit), and tasks done but failing at the end;
 *  - message faults: lost, delayed, duplicated, retried.
 * The price of safety (a protocol's cost with no fault present) compares runs: see priceOfSafety.
 */
import type { EventOf, TraceEvent } from '../trace/events';

export interface FaultIncident {
  index: number;
  fault: string;
  agent: string;
  at: number;
  /** First timeout suspicion of the agent at or after the fault; null: never suspected. */
  detectedAt: number | null;
  detectMs: number | null;
  recoveredAt: number | null;
  recoverMs: number | null;
  /** Tasks it held when the fault struck. */
  heldTasks: string[];
}

export interface FaultMetrics {
  /** The run had a fault schedule or a recovery protocol (any fault-layer event). */
  active: boolean;
  faults: number;
  incidents: FaultIncident[];
  meanDetectMs: number | null;
  meanRecoverMs: number | null;
  suspicions: number;
  falseSuspicions: number;
  reassignments: number;
  leaseExpiries: number;
  lostSteps: number;
  lostStepMs: number;
  redoneTasks: number;
  verifications: number;
  wrongCaught: number;
  /** Completions the board accepted while the task's tests failed. */
  wrongMissed: number;
  /** Tasks done at the end whose tests fail (broken later, or never right). */
  doneButFailing: number;
  messagesDropped: number;
  messagesDelayed: number;
  messagesDuplicated: number;
  retries: number;
  /** Leaders elected by failover. */
  elections: number;
  /** Action attempts lost on the way to the board; copies applied a second time; copies the
   * board recognised by id and ignored; actions sent again. */
  actionsLost: number;
  actionsDuplicated: number;
  actionsIgnored: number;
  actionRetries: number;
}

const STRIKES = new Set(['crash', 'stall', 'partition']);

export function computeFaultMetrics(events: readonly TraceEvent[]): FaultMetrics {
  const of = <K extends TraceEvent['type']>(type: K) => events.filter((e): e is EventOf<K> => e.type === type);
  const faultEvents = of('fault');
  const suspects = of('suspect');
  const reassigns = of('reassign');
  const active = events.some((e) =>
    ['fault', 'message_fault', 'message_retry', 'reply_lost', 'suspect', 'unsuspect', 'lease_expired', 'reassign', 'verify', 'audit', 'leader_elected', 'action_fault', 'action_retry'].includes(e.type),
  );

  // Who owned what at a time: pre-assignments, claims, assignments and reassignments.
  const ownersAt = (upTo: number) => {
    const m = new Map<string, string>();
    for (const e of events) {
      if (e.t > upTo) break;
      if ((e.type === 'claim' && e.ok) || e.type === 'assign') {
        if (e.type === 'assign' && !e.ok) continue;
        m.set(e.task, e.type === 'assign' ? e.to : e.agent);
      } else if (e.type === 'reassign') {
        if (e.to) m.set(e.task, e.to);
        else m.delete(e.task);
      } else if (e.type === 'complete' && e.ok) m.delete(e.task);
    }
    return m;
  };

  // Crash intervals per agent: a suspicion inside one is true, outside a false one.
  const downIntervals = new Map<string, { from: number; to: number }[]>();
  for (const f of faultEvents) {
    if (f.fault !== 'crash') continue;
    for (const a of f.agents) {
      const list = downIntervals.get(a) ?? [];
      if (f.phase === 'start') list.push({ from: f.t, to: Infinity });
      else if (list.length) list[list.length - 1].to = f.t;
      downIntervals.set(a, list);
    }
  }
  const wasDown = (agent: string, t: number) => (downIntervals.get(agent) ?? []).some((iv) => t >= iv.from && t < iv.to);
  const timeoutSuspects = suspects.filter((s) => s.reason === 'timeout');
  const falseSuspicions = timeoutSuspects.filter((s) => !wasDown(s.agent, s.t)).length;

  const incidents: FaultIncident[] = [];
  for (const f of faultEvents) {
    if (f.phase !== 'start' || !STRIKES.has(f.fault)) continue;
    // A partition from peers alone does not silence heartbeats: nothing to detect.
    if (f.fault === 'partition' && f.from === 'peers') continue;
    for (const agent of f.agents) {
      const held = [...ownersAt(f.t)].filter(([, o]) => o === agent).map(([task]) => task);
      const s = timeoutSuspects.find((x) => x.agent === agent && x.t >= f.t);
      let recoveredAt: number | null = null;
      if (held.length > 0) {
        const pending = new Set(held);
        for (const e of events) {
          if (e.t < f.t) continue;
          let task: string | undefined;
          if (e.type === 'reassign' && e.from === agent && e.to) task = e.task;
          else if (e.type === 'claim' && e.ok && e.agent !== agent) task = e.task;
          else if (e.type === 'assign' && e.ok && e.to !== agent) task = e.task;
          else if (e.type === 'complete' && e.ok && e.agent !== agent) task = e.task;
          if (task && pending.delete(task) && pending.size === 0) {
            recoveredAt = e.t;
            break;
          }
        }
      }
      // A leader holds no tasks: the team has recovered once another agent leads (failover).
      if (held.length === 0) {
        const elected = events.find((e) => e.type === 'leader_elected' && e.previous === agent && e.t >= f.t);
        if (elected) recoveredAt = elected.t;
      }
      incidents.push({
        index: f.index,
        fault: f.fault,
        agent,
        at: f.t,
        detectedAt: s ? s.t : null,
        detectMs: s ? s.t - f.t : null,
        recoveredAt,
        recoverMs: recoveredAt === null ? null : recoveredAt - f.t,
        heldTasks: held,
      });
    }
  }

  // Lost work: steps started and never ended (before run_end) and replies lost on the way.
  const open = new Map<string, number>();
  let lostSteps = 0;
  let lostStepMs = 0;
  for (const e of events) {
    if (e.type === 'step_start') open.set(e.agent, e.t);
    else if (e.type === 'step_end') open.delete(e.agent);
    else if (e.type === 'reply_lost') {
      const start = open.get(e.agent);
      lostSteps++;
      if (start !== undefined) lostStepMs += e.t - start;
      open.delete(e.agent);
    } else if (e.type === 'fault' && e.fault === 'crash' && e.phase === 'start') {
      for (const a of e.agents) {
        const start = open.get(a);
        if (start === undefined) continue;
        lostSteps++;
        lostStepMs += e.t - start;
        open.delete(a);
      }
    }
  }

  // Redone: a task taken from an agent that had already written its file.
  const writers = new Map<string, Set<string>>();
  const fileOf = new Map<string, string>();
  const start = events.find((e): e is EventOf<'run_start'> => e.type === 'run_start');
  for (const t of start?.suite.tasks ?? []) fileOf.set(t.id, t.file);
  let redoneTasks = 0;
  const counted = new Set<string>();
  for (const e of events) {
    if (e.type === 'write') {
      const set = writers.get(e.path) ?? new Set<string>();
      set.add(e.agent);
      writers.set(e.path, set);
    } else if (e.type === 'reassign') {
      const file = fileOf.get(e.task);
      if (file && writers.get(file)?.has(e.from) && !counted.has(e.task)) {
        counted.add(e.task);
        redoneTasks++;
      }
    }
  }

  const verifies = of('verify');
  const audit = of('audit').at(-1);
  const msgFaults = of('message_fault');
  const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null);
  return {
    active,
    faults: faultEvents.filter((f) => f.phase === 'start').length,
    incidents,
    meanDetectMs: mean(incidents.map((i) => i.detectMs).filter((x): x is number => x !== null)),
    meanRecoverMs: mean(incidents.map((i) => i.recoverMs).filter((x): x is number => x !== null)),
    suspicions: suspects.length,
    falseSuspicions,
    reassignments: reassigns.length,
    leaseExpiries: of('lease_expired').length,
    lostSteps,
    lostStepMs,
    redoneTasks,
    verifications: verifies.length,
    wrongCaught: verifies.filter((v) => !v.ok).length,
    wrongMissed: audit?.completions ? audit.completions.filter((c) => !c.ok).length : audit ? audit.tasks.filter((x) => x.done && !x.ok).length : 0,
    doneButFailing: audit ? audit.tasks.filter((x) => x.done && !x.ok).length : 0,
    messagesDropped: msgFaults.filter((m) => m.fault === 'drop' || m.fault === 'partition').length,
    messagesDelayed: msgFaults.filter((m) => m.fault === 'delay' || m.fault === 'reorder').length,
    messagesDuplicated: msgFaults.filter((m) => m.fault === 'duplicate').length,
    retries: of('message_retry').length,
    elections: of('leader_elected').length,
    actionsLost: of('action_fault').filter((a) => a.fault === 'drop').length,
    actionsDuplicated: of('action_fault').filter((a) => a.fault === 'duplicate' && !a.ignored).length,
    actionsIgnored: of('action_fault').filter((a) => a.fault === 'duplicate' && a.ignored).length,
    actionRetries: of('action_retry').length,
  };
}

/**
 * The price of safety: how much slower a protocol makes a run with no fault present. Wall
 * times of runs without and with the protocol (same configurations and seeds); the result is
 * the ratio of their means (1.1 = 10% slower) and the speedup lost.
 */
export function priceOfSafety(withoutMs: readonly number[], withMs: readonly number[]): { slowdown: number; speedupLostPct: number } | null {
  if (withoutMs.length === 0 || withMs.length === 0) return null;
  const a = withoutMs.reduce((s, x) => s + x, 0) / withoutMs.length;
  const b = withMs.reduce((s, x) => s + x, 0) / withMs.length;
  if (!(a > 0) || !(b > 0)) return null;
  return { slowdown: b / a, speedupLostPct: (1 - a / b) * 100 };
}
