/**
 * The numbers of one run, computed from its trace alone (the trace is the truth: a saved trace
 * gives the same numbers as the live run). Definitions follow the paper's notebook where it has
 * one; each field says which.
 */
import { amdahl, analyzeDag } from '../workload/dag';
import type { StepMode, StopReason, Structure, TraceEvent } from '../trace/events';
import { unionLength, type Interval } from './intervals';
import { collectRounds, collectSteps, runEndOf, runSpan, runStartOf } from './steps';
import { WriteLedger } from '../team/writeRules';

export interface RoundStraggler {
  round: number;
  /** Number of replies the round had (only rounds with two or more count). */
  steps: number;
  maxLatencyMs: number;
  meanLatencyMs: number;
  /** Slowest reply minus the mean reply: what the round lost to its straggler. */
  gapMs: number;
}

export interface RunMetrics {
  suite: string;
  structure: Structure;
  mode: StepMode;
  engine: string;
  seed: number;
  /** Worker agents (a leader is not counted, as in the paper's n). */
  n: number;
  /** Every agent of the team, leader included. */
  teamSize: number;
  /** run_end minus run_start; for a trace cut short, up to its last event. */
  wallMs: number;
  /** run_end.rounds; without run_end, the rounds started (sync) or the most steps one agent took (async). */
  rounds: number;
  /** All tasks marked done. False when the trace has no run_end. */
  success: boolean;
  /** Full test suite passes at the end; null when the suite has no tests or the run did not end. */
  correct: boolean | null;
  /** null: the trace stops without a run_end. */
  stopReason: StopReason | null;
  tasksTotal: number;
  /** Distinct tasks with a successful complete. */
  tasksDone: number;
  tokensIn: number;
  tokensOut: number;
  tokens: number;
  /** Agent replies (step_end events): the paper's "messages". */
  replies: number;
  /** Explicit agent messages (message_send). */
  messages: number;
  messageBytes: number;
  writes: number;
  /** sync: distinct (round, path) pairs written by two or more agents (the paper's count);
   * async: writes the board flagged concurrent. */
  concurrentWrites: number;
  /** Writes the board flagged as rewrites (path first written in an earlier round). */
  rewrites: number;
  /** Claims refused because dependencies were not done. */
  blockedClaims: number;
  /** Claims lost to another agent (claim conflicts). */
  claimConflicts: number;
  testRuns: number;
  /** Test runs with a failing test or a harness error. */
  testFailures: number;
  /** Rounds in which no task was completed. */
  idleRounds: number;
  lockWaits: number;
  lockWaitMs: number;
  protocolErrors: number;
  /** Distinct agents that failed (crashed, lost their engine). */
  failedAgents: number;
  /** Mean over rounds with two or more replies of the round's straggler gap; 0 when there are none. */
  stragglerGapMs: number;
  stragglerGaps: RoundStraggler[];
  /** Per agent: share of wall time it was neither inside a step nor running tests. */
  idleFraction: Record<string, number>;
  meanIdleFraction: number;
  /** Parallel fraction of the suite's task DAG, and the Amdahl bound for n agents. */
  p: number;
  criticalPath: number;
  amdahlBound: number;
}

function mean(values: readonly number[]): number {
  return values.length === 0 ? 0 : values.reduce((a, b) => a + b, 0) / values.length;
}

/**
 * Straggler gap per round. sync: latency is reply time minus round start (the paper's
 * definition, so a leader that goes first makes the workers' replies late); async has no shared
 * round start, so a step's latency is its own duration, grouped by step index.
 */
/** Replies slower than this after their round's start are left out of straggler gaps, as in
 * the paper's notebook (a stalled call would otherwise stand for the whole round). */
export const STRAGGLER_WINDOW_MS = 180_000;

export function stragglerGaps(events: readonly TraceEvent[], mode: StepMode): RoundStraggler[] {
  const roundStart = new Map(collectRounds(events).map((w) => [w.round, w.start]));
  const latencies = new Map<number, number[]>();
  for (const s of collectSteps(events)) {
    if (s.end === null) continue;
    const from = mode === 'sync' ? (roundStart.get(s.round) ?? s.start) : s.start;
    const list = latencies.get(s.round) ?? [];
    const latency = s.end - from;
    // The paper's window: replies that came back within 0..180 s of their round's start.
    if (latency < 0 || latency > STRAGGLER_WINDOW_MS) continue;
    list.push(latency);
    latencies.set(s.round, list);
  }
  const out: RoundStraggler[] = [];
  for (const [round, lat] of [...latencies].sort((a, b) => a[0] - b[0])) {
    if (lat.length < 2) continue;
    const maxLatencyMs = Math.max(...lat);
    const meanLatencyMs = mean(lat);
    out.push({ round, steps: lat.length, maxLatencyMs, meanLatencyMs, gapMs: maxLatencyMs - meanLatencyMs });
  }
  return out;
}

/** Busy time per agent: inside a step (an unfinished step runs to the end) or a test run. */
function busyIntervals(events: readonly TraceEvent[], end: number): Map<string, Interval[]> {
  const busy = new Map<string, Interval[]>();
  const add = (agent: string, iv: Interval): void => {
    const list = busy.get(agent) ?? [];
    list.push(iv);
    busy.set(agent, list);
  };
  for (const s of collectSteps(events)) add(s.agent, { start: s.start, end: s.end ?? end });
  for (const e of events) {
    // test_run is stamped when the run starts (the runner's cursor), and lasts durationMs.
    if (e.type === 'test_run') add(e.agent, { start: e.t, end: e.t + e.durationMs });
  }
  return busy;
}

export function computeRunMetrics(events: readonly TraceEvent[]): RunMetrics {
  const start = runStartOf(events);
  if (!start) throw new Error('computeRunMetrics: the trace has no run_start event');
  const { config } = start;
  const end = runEndOf(events);
  const span = runSpan(events);
  const wallMs = span.end - span.start;
  const steps = collectSteps(events);
  const roundWindows = collectRounds(events);

  let tokensIn = 0;
  let tokensOut = 0;
  let replies = 0;
  for (const s of steps) {
    if (s.end === null) continue;
    replies++;
    tokensIn += s.promptTokens;
    tokensOut += s.completionTokens;
  }

  let messages = 0;
  let messageBytes = 0;
  let writes = 0;
  let rewrites = 0;
  let blockedClaims = 0;
  let claimConflicts = 0;
  let testRuns = 0;
  let testFailures = 0;
  let lockWaits = 0;
  let lockWaitMs = 0;
  let protocolErrors = 0;
  const failed = new Set<string>();
  const done = new Set<string>();
  const completionRounds = new Set<number>();
  const ledger = new WriteLedger();

  for (const e of events) {
    switch (e.type) {
      case 'message_send':
        messages++;
        messageBytes += e.bytes;
        break;
      case 'write': {
        writes++;
        if (e.rewrite) rewrites++;
        ledger.note(e.round, e.path, e.agent, e.concurrent);
        break;
      }
      case 'claim':
        if (!e.ok && e.reason === 'blocked') blockedClaims++;
        if (!e.ok && e.reason === 'taken') claimConflicts++;
        break;
      case 'test_run':
        testRuns++;
        if (e.failed > 0 || e.error !== undefined) testFailures++;
        break;
      case 'lock_wait':
        lockWaits++;
        lockWaitMs += e.waitedMs;
        break;
      case 'protocol_error':
        protocolErrors++;
        break;
      case 'agent_failed':
        failed.add(e.agent);
        break;
      case 'complete':
        if (e.ok) {
          done.add(e.task);
          completionRounds.add(e.round);
        }
        break;
      default:
        break;
    }
  }

  const concurrentWrites = ledger.count(config.mode);

  // Rounds that happened: sync has round_start events; async rounds are step indices.
  const roundNumbers =
    roundWindows.length > 0 ? roundWindows.map((w) => w.round) : [...new Set(steps.map((s) => s.round))];
  const idleRounds = roundNumbers.filter((r) => !completionRounds.has(r)).length;

  let rounds: number;
  if (end) rounds = end.rounds;
  else if (roundWindows.length > 0) rounds = roundWindows.length;
  else {
    const perAgent = new Map<string, number>();
    for (const s of steps) perAgent.set(s.agent, (perAgent.get(s.agent) ?? 0) + 1);
    rounds = Math.max(0, ...perAgent.values());
  }

  const gaps = stragglerGaps(events, config.mode);

  const busy = busyIntervals(events, span.end);
  const idleFraction: Record<string, number> = {};
  const agentIds = start.agents.length > 0 ? start.agents.map((a) => a.id) : [...busy.keys()];
  for (const id of agentIds) {
    const busyMs = unionLength(busy.get(id) ?? [], span.start, span.end);
    idleFraction[id] = wallMs > 0 ? 1 - busyMs / wallMs : 0;
  }

  const dag = analyzeDag(start.suite.tasks);
  const p = start.suite.tasks.length > 0 ? dag.p : start.suite.p;

  return {
    suite: config.suite,
    structure: config.structure,
    mode: config.mode,
    engine: config.engine,
    seed: config.seed,
    n: config.n,
    teamSize: agentIds.length,
    wallMs,
    rounds,
    success: end?.success ?? false,
    correct: end?.correct ?? null,
    stopReason: end?.reason ?? null,
    tasksTotal: start.suite.tasks.length,
    tasksDone: done.size,
    tokensIn,
    tokensOut,
    tokens: tokensIn + tokensOut,
    replies,
    messages,
    messageBytes,
    writes,
    concurrentWrites,
    rewrites,
    blockedClaims,
    claimConflicts,
    testRuns,
    testFailures,
    idleRounds,
    lockWaits,
    lockWaitMs,
    protocolErrors,
    failedAgents: failed.size,
    stragglerGapMs: mean(gaps.map((g) => g.gapMs)),
    stragglerGaps: gaps,
    idleFraction,
    meanIdleFraction: mean(Object.values(idleFraction)),
    p,
    criticalPath: dag.criticalPathLength,
    amdahlBound: config.n > 0 ? amdahl(p, config.n) : 1,
  };
}
