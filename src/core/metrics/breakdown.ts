/**
 * "Where did the speedup go": one run's agent-time (agents x wall time) split into buckets that
 * add up exactly, so a stacked bar of them is honest.
 *
 * Every step is put in one class, first match wins:
 *  - other (wasted):  the reply could not be parsed (protocol_error), or it never arrived.
 *  - rework:          one of the step's writes was later overwritten by a write flagged as a
 *                     rewrite, or by a write that came after a failed test run: its work was redone.
 *  - coordination:    the step only sent messages or assignments (waits allowed alongside), or its
 *                     only claims failed for a reason other than a blocked dependency (a lost race,
 *                     a task already done): the team spent it agreeing who does what.
 *  - dependencyWait:  no ready task was available: the actions were only waits (or none), or the
 *                     step made a blocked claim and nothing productive (no successful claim, write,
 *                     complete or test run).
 *  - useful:          everything else: the step moved a task forward. A useful step that also sent
 *                     messages or assignments is split: the share of its reply's action text that
 *                     went into them (message text, about 40 characters per assignment) is
 *                     painted as coordination at the end of the step, the rest as useful. Generation
 *                     time grows with the text written, so this is the time spent writing messages.
 * A step's (agent, round) names it in both modes: sync has one step per agent per round, and in
 * async mode `round` is the agent's own step index.
 *
 * Each agent's timeline from run start to run end is then painted; where intervals overlap, the
 * one listed first wins:
 *  1. its steps, in their class (step_start to step_end);
 *  2. testing: its test runs (a test_run event is stamped at the start, lasting durationMs);
 *  3. lockWait: its lock waits (a lock_wait event is stamped when the wait begins, lasting waitedMs);
 *  4. straggler (sync): from its reply to the round's slowest reply. Summed over agents this is
 *     the round's straggler gap times the replies in the round, less any of it spent on 1-3;
 *  5. barrierWait (sync): from the round's slowest reply to round_end, while the round finishes
 *     applying actions and running tests;
 *  6. other: everything else (before the first round, between rounds, after the last, after the
 *     agent failed, an async agent between steps).
 * So per agent the buckets add up to the wall time, and in total to agents x wall time.
 *
 * Runs with faults (issue 13) paint two more, above everything else: fault (the agent was down
 * after a crash, stalled, or cut off from the board, and the steps whose reply a fault lost)
 * and recovery (the board verifying its completions). Fault-free runs have neither.
 */
export const FAULT_BUCKETS: ReadonlySet<BreakdownBucket> = new Set<BreakdownBucket>(['fault', 'recovery']);
import type { TraceEvent } from '../trace/events';
import { paintTimeline, type LabelledInterval } from './intervals';
import { collectRounds, collectSteps, runSpan, runStartOf, type StepRecord } from './steps';

export const BREAKDOWN_BUCKETS = [
  'useful',
  'rework',
  'coordination',
  'dependencyWait',
  'testing',
  'lockWait',
  'straggler',
  'barrierWait',
  'fault',
  'recovery',
  'other',
] as const;
export type BreakdownBucket = (typeof BREAKDOWN_BUCKETS)[number];

export const BREAKDOWN_LABELS: Record<BreakdownBucket, string> = {
  useful: 'useful generation',
  rework: 'rework',
  coordination: 'coordination',
  dependencyWait: 'dependency waits',
  testing: 'testing',
  lockWait: 'lock waits',
  straggler: 'stragglers',
  barrierWait: 'barrier waits',
  fault: 'faults',
  recovery: 'recovery protocols',
  other: 'other',
};

export type StepClass = 'useful' | 'rework' | 'coordination' | 'dependencyWait' | 'other';

export interface Breakdown {
  wallMs: number;
  /** Agents whose time is split: every agent of the team, a leader included. */
  agents: string[];
  /** agents.length x wallMs: what the buckets add up to. */
  totalMs: number;
  buckets: Record<BreakdownBucket, number>;
  perAgent: Record<string, Record<BreakdownBucket, number>>;
  /** Steps per class, and the tokens (prompt + completion) they used. */
  steps: Record<StepClass, number>;
  tokens: Record<StepClass, number>;
}

function emptyBuckets(): Record<BreakdownBucket, number> {
  return Object.fromEntries(BREAKDOWN_BUCKETS.map((b) => [b, 0])) as Record<BreakdownBucket, number>;
}

const stepId = (agent: string, round: number): string => `${agent}\u0000${round}`;

/** Characters an action adds to a reply, roughly: the payload plus its markup. */
const ACTION_OVERHEAD = 20;
const ASSIGN_CHARS = 40;

/** Share (0..1) of a step's action text spent on messages and assignments. */
export function talkShare(actions: readonly { type: string; text?: string; content?: string }[]): number {
  let talk = 0;
  let all = 0;
  for (const a of actions) {
    const size = a.type === 'message' ? ACTION_OVERHEAD + (a.text?.length ?? 0) : a.type === 'assign' ? ASSIGN_CHARS : ACTION_OVERHEAD + (a.content?.length ?? 0);
    all += size;
    if (a.type === 'message' || a.type === 'assign') talk += size;
  }
  return all > 0 ? talk / all : 0;
}

/** Steps whose writes were later redone: overwritten by a rewrite or after a failed test. */
function reworkedSteps(events: readonly TraceEvent[]): Set<string> {
  const out = new Set<string>();
  // Per path, the writes not yet superseded, and whether a test failed since each was made.
  const pending = new Map<string, { step: string; failedSince: boolean }[]>();
  for (const e of events) {
    if (e.type === 'test_run' && (e.failed > 0 || e.error !== undefined)) {
      for (const list of pending.values()) for (const w of list) w.failedSince = true;
    } else if (e.type === 'write') {
      const step = stepId(e.agent, e.round);
      const earlier = pending.get(e.path) ?? [];
      // A step writing the same file twice is not redoing its own work.
      for (const w of earlier) if (w.step !== step && (e.rewrite || w.failedSince)) out.add(w.step);
      pending.set(e.path, [{ step, failedSince: false }]);
    }
  }
  return out;
}

function classifySteps(events: readonly TraceEvent[], steps: readonly StepRecord[]): Map<StepRecord, StepClass> {
  const reworked = reworkedSteps(events);
  const claims = new Map<string, { ok: number; blocked: number; otherFail: number }>();
  for (const e of events) {
    if (e.type !== 'claim') continue;
    const id = stepId(e.agent, e.round);
    const c = claims.get(id) ?? { ok: 0, blocked: 0, otherFail: 0 };
    if (e.ok) c.ok++;
    else if (e.reason === 'blocked') c.blocked++;
    else c.otherFail++;
    claims.set(id, c);
  }
  const classes = new Map<StepRecord, StepClass>();
  for (const s of steps) {
    const id = stepId(s.agent, s.round);
    const c = claims.get(id) ?? { ok: 0, blocked: 0, otherFail: 0 };
    const kinds = new Set(s.actions.map((a) => a.type));
    const productive = kinds.has('write') || kinds.has('complete') || kinds.has('run_tests') || c.ok > 0;
    const talk = kinds.has('message') || kinds.has('assign');
    const onlyTalk = talk && [...kinds].every((k) => k === 'message' || k === 'assign' || k === 'wait');
    const onlyWait = [...kinds].every((k) => k === 'wait');
    const onlyClaims = [...kinds].every((k) => k === 'claim' || k === 'wait');
    let cls: StepClass;
    if (s.end === null || s.protocolError) cls = 'other';
    else if (reworked.has(id)) cls = 'rework';
    else if (onlyTalk) cls = 'coordination';
    else if (onlyWait || (c.blocked > 0 && !productive)) cls = 'dependencyWait';
    else if (onlyClaims && !productive && c.otherFail > 0) cls = 'coordination';
    else cls = 'useful';
    classes.set(s, cls);
  }
  return classes;
}

/** Where faults held an agent: down, stalled or cut off from the board, and lost steps. */
function faultIntervals(events: readonly TraceEvent[], runEnd: number): (LabelledInterval<BreakdownBucket> & { agent: string })[] {
  const out: (LabelledInterval<BreakdownBucket> & { agent: string })[] = [];
  const open = new Map<string, number>();
  const stepStart = new Map<string, number>();
  for (const e of events) {
    if (e.type === 'step_start') stepStart.set(e.agent, e.t);
    else if (e.type === 'reply_lost') {
      const s = stepStart.get(e.agent);
      if (s !== undefined) out.push({ agent: e.agent, start: s, end: e.t, label: 'fault' });
    } else if (e.type === 'fault' && (e.fault === 'crash' || e.fault === 'stall' || (e.fault === 'partition' && e.from !== 'peers'))) {
      for (const agent of e.agents) {
        const key = `${e.index}\u0000${agent}`;
        if (e.phase === 'start') open.set(key, e.t);
        else {
          const s = open.get(key);
          open.delete(key);
          if (s !== undefined) out.push({ agent, start: s, end: e.t, label: 'fault' });
        }
      }
    }
  }
  for (const [key, s] of open) out.push({ agent: key.split('\u0000')[1], start: s, end: runEnd, label: 'fault' });
  return out;
}

export function computeBreakdown(events: readonly TraceEvent[]): Breakdown {
  const start = runStartOf(events);
  const span = runSpan(events);
  const wallMs = span.end - span.start;
  const steps = collectSteps(events);
  const classes = classifySteps(events, steps);
  const agents = start && start.agents.length > 0 ? start.agents.map((a) => a.id) : [...new Set(steps.map((s) => s.agent))];
  const mode = start?.config.mode ?? 'sync';

  const intervals = new Map<string, LabelledInterval<BreakdownBucket>[]>(agents.map((a) => [a, []]));
  const add = (agent: string, iv: LabelledInterval<BreakdownBucket>): void => {
    intervals.get(agent)?.push(iv);
  };

  const stepCount: Record<StepClass, number> = { useful: 0, rework: 0, coordination: 0, dependencyWait: 0, other: 0 };
  const tokens: Record<StepClass, number> = { useful: 0, rework: 0, coordination: 0, dependencyWait: 0, other: 0 };
  for (const s of steps) {
    const cls = classes.get(s) ?? 'other';
    stepCount[cls]++;
    tokens[cls] += s.promptTokens + s.completionTokens;
    const end = s.end ?? span.end;
    const share = cls === 'useful' ? talkShare(s.actions) : 0;
    if (share > 0 && share < 1) {
      const split = end - (end - s.start) * share;
      add(s.agent, { start: s.start, end: split, label: 'useful' });
      add(s.agent, { start: split, end, label: 'coordination' });
    } else add(s.agent, { start: s.start, end, label: cls });
  }
  for (const iv of faultIntervals(events, span.end)) add(iv.agent, iv);
  for (const e of events) {
    if (e.type === 'verify') add(e.agent, { start: e.t, end: e.t + e.durationMs, label: 'recovery' });
    if (e.type === 'test_run') add(e.agent, { start: e.t, end: e.t + e.durationMs, label: 'testing' });
    else if (e.type === 'lock_wait') add(e.agent, { start: e.t, end: e.t + e.waitedMs, label: 'lockWait' });
  }
  if (mode === 'sync') {
    for (const w of collectRounds(events)) {
      const inRound = steps.filter((s) => s.round === w.round && s.end !== null);
      if (inRound.length === 0) continue;
      const slowest = Math.max(...inRound.map((s) => s.end as number));
      const roundEnd = w.end ?? span.end;
      for (const s of inRound) {
        add(s.agent, { start: s.end as number, end: slowest, label: 'straggler' });
        add(s.agent, { start: slowest, end: roundEnd, label: 'barrierWait' });
      }
    }
  }

  const priority: BreakdownBucket[] = [
    'fault',
    'recovery',
    'useful',
    'rework',
    'coordination',
    'dependencyWait',
    'other',
    'testing',
    'lockWait',
    'straggler',
    'barrierWait',
  ];
  const buckets = emptyBuckets();
  const perAgent: Record<string, Record<BreakdownBucket, number>> = {};
  for (const agent of agents) {
    const painted = paintTimeline(intervals.get(agent) ?? [], priority, 'other', span.start, span.end);
    const mine = emptyBuckets();
    for (const b of BREAKDOWN_BUCKETS) {
      mine[b] = painted.get(b) ?? 0;
      buckets[b] += mine[b];
    }
    perAgent[agent] = mine;
  }

  return { wallMs, agents, totalMs: agents.length * wallMs, buckets, perAgent, steps: stepCount, tokens };
}
