/**
 * The step loop. One coordinator drives the team in synchronous rounds (every agent steps,
 * then a barrier, as in the paper) or asynchronously (each agent steps again as soon as it is
 * done). The same loop runs on a VirtualClock in one thread and on a wall clock with agents in
 * workers; only `Clock.virtual` changes how it waits for replies.
 */
import type { Clock } from '../clock';
import type { TestRunner } from '../harness/types';
import { testRequestFor } from '../harness/request';
import type { Action } from '../protocol/actions';
import type { BoardRow, FocusTask, Observation } from '../protocol/observation';
import type { AgentInfo, AgentState, RunConfig, StopReason, TraceEvent } from '../trace/events';
import type { Suite } from '../workload/types';
import { topologicalOrder } from '../workload/dag';
import type { AgentHandle, StepOutput } from './agent';
import { Board } from './board';
import { preassignmentEvents } from './preassign';
import { DirectTransport, type MessageTransport } from './transport';

export interface CostModel {
  /** Modelled test time on a virtual clock (a wall clock measures it instead). */
  testBaseMs: number;
  testPerCaseMs: number;
  /** How long a write holds its file's lock. */
  lockHoldMs: number;
}

export const DEFAULT_COSTS: CostModel = { testBaseMs: 300, testPerCaseMs: 20, lockHoldMs: 250 };

export interface TeamRunOptions {
  suite: Suite;
  config: RunConfig;
  /** Worker agents, in order (dev1..devN). */
  agents: AgentHandle[];
  leader?: AgentHandle;
  clock: Clock;
  testRunner: TestRunner;
  transport?: MessageTransport;
  costs?: Partial<CostModel>;
  onEvent?: (e: TraceEvent) => void;
  onDelta?: (agent: string, delta: string) => void;
  signal?: AbortSignal;
  /** Test time limit for agent code. */
  testTimeoutMs?: number;
  /** On a wall clock, a step with no reply after this long is interrupted and counts as a
   * step without actions (a real model can stall); 0 or absent = no limit. */
  stepTimeoutMs?: number;
}

interface AgentRec {
  handle: AgentHandle;
  index: number;
  failed: boolean;
  step: number;
  feedback: string[];
  lastTest: Map<string, NonNullable<FocusTask['lastTest']>>;
  /** Ids of messages already shown to this agent. */
  seen: Set<string>;
  /** Index into the delivery log before which nothing is new for this agent. */
  inboxFrom: number;
  viewT: number;
  /** Sync mode: when this agent finished its step in the current round. */
  endedAt?: number;
}

interface Delivery {
  id: string;
  from: string;
  to: string;
  text: string;
  at: number;
}

type Timed =
  | { kind: 'start'; t: number; agent: AgentRec }
  | { kind: 'reply'; t: number; agent: AgentRec; startT: number; out?: StepOutput; error?: unknown; timedOut?: boolean };

interface Pending {
  agent: AgentRec;
  startT: number;
  /** The step ran past stepTimeoutMs and was interrupted. */
  timedOut?: boolean;
}

export async function runTeam(opts: TeamRunOptions): Promise<TraceEvent[]> {
  const { suite, config, clock } = opts;
  const costs: CostModel = { ...DEFAULT_COSTS, ...opts.costs };
  const events: TraceEvent[] = [];
  const t0 = clock.now();
  const now = () => clock.now() - t0;
  const emit = (e: TraceEvent) => {
    events.push(e);
    opts.onEvent?.(e);
  };
  const board = new Board(suite.tasks, { locks: config.locks, lockHoldMs: costs.lockHoldMs });
  const order = topologicalOrder(suite.tasks);
  const rank = new Map(order.map((id, i) => [id, i]));
  const recs: AgentRec[] = [...opts.agents, ...(opts.leader ? [opts.leader] : [])].map((handle, index) => ({
    handle,
    index,
    failed: false,
    step: 0,
    feedback: [],
    lastTest: new Map(),
    seen: new Set(),
    inboxFrom: 0,
    viewT: 0,
  }));
  const workers = recs.filter((r) => r.handle.role === 'worker');
  const team = recs.map((r) => r.handle.id);
  const transport = opts.transport ?? new DirectTransport();
  const deliveries: Delivery[] = [];
  const undelivered: Delivery[] = [];
  const sync = config.mode === 'sync';
  let round = 0;
  let msgSeq = 0;

  const agentsInfo: AgentInfo[] = recs.map((r) => ({ id: r.handle.id, role: r.handle.role, model: r.handle.model }));
  emit({
    type: 'run_start',
    t: 0,
    config,
    suite: {
      id: suite.id,
      name: suite.name,
      p: suite.p,
      tasks: suite.tasks.map((t) => ({ id: t.id, title: t.title, file: t.file, dependencies: t.dependencies })),
    },
    agents: agentsInfo,
  });

  if (config.structure === 'preassign') {
    for (const e of preassignmentEvents(suite.tasks, workers.map((w) => w.handle.id))) {
      if (e.type === 'assign') board.preassign(e.task, e.to);
      emit(e);
    }
  }

  const setState = (r: AgentRec, state: AgentState, t: number, detail?: string) =>
    emit({ type: 'agent_state', t, agent: r.handle.id, state, detail });

  /** Messages whose delivery time has passed get their event, in time order. */
  const flushDeliveries = (upTo: number) => {
    undelivered.sort((a, b) => a.at - b.at || a.id.localeCompare(b.id));
    while (undelivered.length && undelivered[0].at <= upTo) {
      const d = undelivered.shift()!;
      deliveries.push(d);
      emit({ type: 'message_deliver', t: d.at, id: d.id, to: d.to });
    }
  };

  const observe = (r: AgentRec, t: number): Observation => {
    const id = r.handle.id;
    const rows: BoardRow[] = suite.tasks.map((task) => {
      const s = board.state.get(task.id)!;
      let status: BoardRow['status'];
      if (s.status === 'done') status = 'done';
      else if (s.owner) status = config.structure === 'decentralized' || config.structure === 'single' ? 'claimed' : 'assigned';
      else status = board.depsDone(task.id) ? 'ready' : 'blocked';
      return { id: task.id, title: task.title, file: task.file, dependencies: task.dependencies, status, owner: s.owner };
    });
    const mine = board.ownedBy(id).sort((a, b) => rank.get(a)! - rank.get(b)!);
    const focusId = mine.find((x) => board.depsDone(x)) ?? mine[0];
    let focus: FocusTask | undefined;
    if (focusId && r.handle.role === 'worker') {
      const task = board.tasks.get(focusId)!;
      const file = board.files.get(task.file);
      focus = {
        id: task.id,
        title: task.title,
        description: task.description,
        file: task.file,
        exportName: task.exportName,
        dependencies: task.dependencies,
        dependencyFiles: task.dependencies
          .map((d) => board.tasks.get(d)!.file)
          .filter((p) => board.files.has(p))
          .map((p) => ({ path: p, content: board.files.get(p)!.content })),
        currentContent: file?.content,
        fileVersion: file?.version ?? 0,
        lastTest: r.lastTest.get(task.id),
      };
    }
    const inbox: Observation['inbox'] = [];
    for (let i = r.inboxFrom; i < deliveries.length; i++) {
      const d = deliveries[i];
      if (d.to === id && d.at <= t && !r.seen.has(d.id)) {
        r.seen.add(d.id);
        inbox.push({ from: d.from, text: d.text });
      }
    }
    // Deliveries are appended in time order, so everything before t is settled for this agent.
    while (r.inboxFrom < deliveries.length && deliveries[r.inboxFrom].at <= t) r.inboxFrom++;
    const feedback = r.feedback;
    r.feedback = [];
    return {
      agentId: id,
      role: r.handle.role,
      structure: config.structure,
      round,
      step: r.step,
      team,
      board: rows,
      mine,
      focus,
      inbox,
      feedback,
      workers:
        r.handle.role === 'leader'
          ? workers.map((w) => ({ id: w.handle.id, owns: board.ownedBy(w.handle.id), failed: w.failed }))
          : undefined,
    };
  };

  const queue: Timed[] = [];
  const inflight = new Map<AgentRec, Pending>();
  // Wakes the wall-clock wait when a reply lands or the run is stopped.
  let wake: () => void = () => {};

  // Starts before replies at the same instant; then agent order: deterministic ties.
  const before = (a: Timed, b: Timed) => a.t - b.t || (a.kind === b.kind ? 0 : a.kind === 'start' ? -1 : 1) || a.agent.index - b.agent.index;
  const push = (e: Timed) => {
    let i = queue.length;
    while (i > 0 && before(queue[i - 1], e) > 0) i--;
    queue.splice(i, 0, e);
  };

  const startRound = (t: number) => {
    round++;
    emit({ type: 'round_start', t, round });
    for (const r of recs) {
      r.endedAt = undefined;
      if (!r.failed) push({ kind: 'start', t, agent: r });
    }
  };

  const startStep = async (r: AgentRec, t: number) => {
    r.step++;
    const stepRound = sync ? round : r.step;
    r.viewT = t;
    const obs = observe(r, t);
    obs.round = stepRound;
    setState(r, 'reading', t);
    let prepared;
    try {
      prepared = await r.handle.prepare(obs);
    } catch (error) {
      push({ kind: 'reply', t, agent: r, startT: t, error });
      return;
    }
    emit({ type: 'step_start', t, agent: r.handle.id, round: stepRound, step: r.step, system: prepared.system, prompt: prepared.prompt });
    const p: Pending = { agent: r, startT: t };
    inflight.set(r, p);
    const onDelta = opts.onDelta ? (d: string) => opts.onDelta!(r.handle.id, d) : undefined;
    const settle = (out?: StepOutput, error?: unknown) => {
      if (inflight.get(r) !== p) return; // the run moved on (stopped)
      inflight.delete(r);
      // A modelled engine says how long it took; the reply counts no earlier than that.
      const due = out ? Math.max(clock.virtual ? t : now(), t + out.timings.totalMs) : clock.virtual ? t : now();
      push({ kind: 'reply', t: due, agent: r, startT: t, out, error, timedOut: p.timedOut });
      wake();
    };
    const work = r.handle.generate(onDelta).then(
      (out) => settle(out),
      (error) => settle(undefined, error),
    );
    if (clock.virtual) await work;
  };

  const failAgent = (r: AgentRec, t: number, error: unknown): StopReason | undefined => {
    r.failed = true;
    const message = errorText(error);
    emit({ type: 'agent_failed', t, agent: r.handle.id, error: message });
    setState(r, 'failed', t, message);
    if (r.handle.role === 'leader') return 'error';
    if (workers.every((w) => w.failed)) return 'all_failed';
    if (config.structure === 'preassign' || config.structure === 'single') return 'error';
    const freed = board.release(r.handle.id);
    if (freed.length) emit({ type: 'notice', t, level: 'warn', text: `${r.handle.id} failed; its tasks ${freed.join(', ')} are free again` });
    return undefined;
  };

  const runTests = async (r: AgentRec, taskIds: string[], t: number, stepRound: number, label?: string) => {
    const req = testRequestFor(suite, board.fileMap(), taskIds, opts.testTimeoutMs ?? 2000);
    const cases = req.suites.reduce((s, x) => s + x.tests.length, 0);
    if (cases === 0) {
      // Imported suites may come without tests: success is then every task marked done, as in
      // the paper, and the agent is told there is nothing to run.
      for (const id of taskIds) {
        r.lastTest.set(id, { passed: 0, failed: 0, failures: [], error: 'this task has no tests', fileVersion: board.files.get(board.tasks.get(id)?.file ?? '')?.version ?? 0 });
      }
      r.feedback.push(`run_tests: ${label ?? 'these tasks'} have no tests`);
      return 0;
    }
    const before = clock.now();
    const report = await opts.testRunner.run(req);
    // A wall clock measures the run in its own units (it may be scaled); a virtual one models it.
    const duration = clock.virtual ? costs.testBaseMs + costs.testPerCaseMs * cases : clock.now() - before;
    emit({
      type: 'test_run',
      t,
      round: stepRound,
      agent: r.handle.id,
      task: label,
      passed: report.passed,
      failed: report.failed,
      durationMs: duration,
      results: report.results,
      error: report.error,
    });
    for (const id of taskIds) {
      const mineResults = report.results.filter((x) => x.task === id);
      const file = board.files.get(board.tasks.get(id)?.file ?? '');
      r.lastTest.set(id, {
        passed: mineResults.filter((x) => x.ok).length,
        failed: mineResults.filter((x) => !x.ok).length,
        failures: mineResults.filter((x) => !x.ok).map((x) => `${x.name}: ${x.error ?? 'failed'}`).slice(0, 4),
        error: report.error,
        fileVersion: file?.version ?? 0,
      });
    }
    r.feedback.push(
      `tests of ${label ?? 'all tasks'}: ${report.passed} passed, ${report.failed} failed${report.error ? ` (${report.error})` : ''}`,
    );
    return duration;
  };

  /** Apply one reply's actions in order; returns when the agent is free again. */
  const apply = async (r: AgentRec, out: StepOutput, at: number, stepRound: number): Promise<number> => {
    const id = r.handle.id;
    let cursor = at;
    const f = r.feedback;
    const claimsAllowed = config.structure === 'decentralized' || config.structure === 'single';
    for (const a of out.actions) {
      switch (a.type) {
        case 'claim': {
          const owner = board.state.get(a.task)?.owner;
          const e =
            !claimsAllowed && owner !== id
              ? ({ type: 'claim', t: cursor, round: stepRound, agent: id, task: a.task, ok: false, reason: owner ? 'taken' : 'not_assigned' } as const)
              : board.claim(id, a.task, stepRound, cursor);
          emit(e);
          f.push(e.type === 'claim' && e.ok ? `claimed ${a.task}` : `claim ${a.task} refused: ${e.type === 'claim' ? e.reason : ''}`);
          break;
        }
        case 'write': {
          const { events: evs, at: wroteAt } = board.write(id, a.path, a.content, stepRound, cursor, sync ? undefined : r.viewT);
          for (const e of evs) {
            if (e.type === 'lock_wait') setState(r, 'waiting_lock', e.t, a.path);
            emit(e);
          }
          cursor = wroteAt;
          const v = board.files.get(a.path)!.version;
          f.push(`wrote ${a.path} (version ${v})`);
          break;
        }
        case 'run_tests': {
          const ids = a.task ? [a.task] : suite.tasks.map((t) => t.id);
          setState(r, 'testing', cursor, a.task);
          cursor += await runTests(r, ids, cursor, stepRound, a.task);
          break;
        }
        case 'complete': {
          const e = board.complete(id, a.task, stepRound, cursor);
          emit(e);
          f.push(e.type === 'complete' && e.ok ? `completed ${a.task}` : `complete ${a.task} refused: ${e.type === 'complete' ? e.reason : ''}`);
          break;
        }
        case 'message': {
          const targets = a.to === 'all' ? team.filter((x) => x !== id) : [a.to];
          for (const to of targets) {
            const msgId = `m${++msgSeq}`;
            const channel = config.structure === 'decentralized' ? `${id}~${to}` : `${id}~hub~${to}`;
            emit({ type: 'message_send', t: cursor, round: stepRound, id: msgId, from: id, to, text: a.text, bytes: a.text.length, channel });
            const d: Delivery = { id: msgId, from: id, to, text: a.text, at: cursor };
            const when = transport.deliver({ id: msgId, from: id, to, text: a.text }, cursor);
            if (typeof when === 'number') {
              d.at = when;
              undelivered.push(d);
            } else {
              void when.then(() => {
                d.at = Math.max(now(), cursor);
                undelivered.push(d);
                wake();
              });
            }
          }
          break;
        }
        case 'assign': {
          const e = board.assign(id, a.task, a.to, stepRound, cursor, team);
          emit(e);
          f.push(e.type === 'assign' && e.ok ? `assigned ${a.task} to ${a.to}` : `assign ${a.task} refused: ${e.type === 'assign' ? e.reason : ''}`);
          break;
        }
        case 'wait':
          break;
      }
    }
    return cursor;
  };

  const stoppedPromise = new Promise<void>((resolve) => {
    if (opts.signal?.aborted) resolve();
    opts.signal?.addEventListener('abort', () => resolve(), { once: true });
  });
  const stopRequested = () => opts.signal?.aborted === true;

  let reason: StopReason | undefined;
  let detail: string | undefined;
  let endT = 0;

  if (sync) startRound(0);
  else for (const r of recs) push({ kind: 'start', t: 0, agent: r });

  try {
    while (!reason) {
      if (stopRequested()) {
        reason = 'stopped';
        endT = now();
        break;
      }
      const next = queue[0];
      if (!clock.virtual && opts.stepTimeoutMs) {
        // Interrupt steps that ran out of time; their replies come back as errors, marked.
        for (const p of inflight.values()) {
          if (!p.timedOut && now() - p.startT >= opts.stepTimeoutMs) {
            p.timedOut = true;
            void p.agent.handle.interrupt().catch(() => undefined);
          }
        }
      }
      const deadline = (): Promise<void> => {
        if (clock.virtual || !opts.stepTimeoutMs || inflight.size === 0) return new Promise<void>(() => {});
        const first = Math.min(...[...inflight.values()].filter((p) => !p.timedOut).map((p) => p.startT));
        return Number.isFinite(first) ? clock.until(t0 + first + opts.stepTimeoutMs) : new Promise<void>(() => {});
      };
      if (!next) {
        if (inflight.size === 0) {
          // Nothing scheduled and nothing in flight: nobody can make progress.
          reason = board.allDone() ? 'done' : 'error';
          detail = reason === 'error' ? 'no agent can make progress' : undefined;
          endT = now();
          break;
        }
        await Promise.race([new Promise<void>((res) => (wake = res)), stoppedPromise, deadline()]);
        continue;
      }
      if (!clock.virtual && next.t > now()) {
        await Promise.race([new Promise<void>((res) => (wake = res)), clock.until(t0 + next.t), stoppedPromise, deadline()]);
        continue;
      }
      if (config.maxTimeMs > 0 && next.t > config.maxTimeMs) {
        reason = 'time_budget';
        endT = config.maxTimeMs;
        await clock.until(t0 + endT);
        break;
      }
      queue.shift();
      await clock.until(t0 + next.t);
      flushDeliveries(next.t);
      const r = next.agent;
      if (r.failed) continue;

      if (next.kind === 'start') {
        await startStep(r, next.t);
        continue;
      }

      // A reply.
      const stepRound = sync ? round : r.step;
      let endedAt = next.t;
      if (next.timedOut && !next.out) {
        // A stalled model is not a dead one: the step is lost, the agent tries again.
        const limit = Math.round((opts.stepTimeoutMs ?? 0) / 1000);
        emit({ type: 'protocol_error', t: next.t, agent: r.handle.id, round: stepRound, step: r.step, reason: `no reply within ${limit} s; the step was interrupted` });
        r.feedback.push(`your last step took longer than ${limit} s and was stopped: reply with fewer, shorter actions`);
      } else if (next.error !== undefined || !next.out) {
        const stop = failAgent(r, next.t, next.error ?? new Error('no reply'));
        if (stop) {
          reason = stop;
          detail = `${r.handle.id} failed: ${errorText(next.error)}`;
          endT = next.t;
          break;
        }
      } else {
        const out = next.out;
        emit({
          type: 'step_end',
          t: next.t,
          agent: r.handle.id,
          round: stepRound,
          step: r.step,
          text: out.text,
          actions: out.actions,
          usage: out.usage,
          timings: out.timings,
        });
        if (out.protocolError) {
          emit({ type: 'protocol_error', t: next.t, agent: r.handle.id, round: stepRound, step: r.step, reason: out.protocolError });
          r.feedback.push(`part of your reply was rejected: ${out.protocolError}`);
        }
        endedAt = await apply(r, out, next.t, stepRound);
        setState(r, idleState(out.actions, board.ownedBy(r.handle.id).length > 0), endedAt, waitDetail(out.actions));
      }

      if (board.allDone() && !sync) {
        reason = 'done';
        endT = endedAt;
        break;
      }
      if (sync) {
        r.endedAt = endedAt;
        const live = recs.filter((x) => !x.failed);
        if (live.every((x) => x.endedAt !== undefined) && inflight.size === 0 && !queue.some((e) => e.kind === 'reply')) {
          const roundEnd = Math.max(...live.map((x) => x.endedAt!));
          await clock.until(t0 + roundEnd);
          flushDeliveries(roundEnd);
          emit({ type: 'round_end', t: roundEnd, round });
          endT = roundEnd;
          if (board.allDone()) reason = 'done';
          else if (round >= config.maxRounds) reason = 'round_budget';
          else if (config.maxTimeMs > 0 && roundEnd >= config.maxTimeMs) reason = 'time_budget';
          else startRound(roundEnd);
        } else if (!r.failed) {
          setState(r, 'waiting_barrier', endedAt);
        }
      } else {
        if (r.step >= config.maxRounds && recs.every((x) => x.failed || x.step >= config.maxRounds) && inflight.size === 0) {
          reason = 'round_budget';
          endT = endedAt;
          break;
        }
        if (r.step < config.maxRounds && !r.failed) push({ kind: 'start', t: endedAt, agent: r });
      }
    }
  } catch (error) {
    reason = 'error';
    detail = errorText(error);
    endT = now();
  }

  // Interrupt whatever is still generating; a stopped run must not stay half-alive.
  const stillRunning = [...inflight.keys()];
  inflight.clear();
  await Promise.all(stillRunning.map((r) => r.handle.interrupt().catch(() => undefined)));
  flushDeliveries(endT);

  let correct: boolean | null = null;
  if (suite.tasks.some((t) => t.tests && t.tests.length)) {
    const report = await opts.testRunner.run(testRequestFor(suite, board.fileMap(), undefined, opts.testTimeoutMs ?? 2000));
    correct = report.failed === 0 && !report.error && report.passed > 0;
  }
  for (const r of recs) if (!r.failed) setState(r, 'done', endT);
  emit({
    type: 'run_end',
    t: endT,
    reason: reason ?? 'error',
    rounds: sync ? round : Math.max(0, ...recs.map((r) => r.step)),
    success: board.allDone(),
    correct,
    detail,
  });
  return events;
}

function idleState(actions: Action[], ownsWork: boolean): AgentState {
  if (actions.length === 0 || actions.every((a) => a.type === 'wait')) return ownsWork ? 'waiting_dependency' : 'idle';
  return 'idle';
}

function waitDetail(actions: Action[]): string | undefined {
  const w = actions.find((a) => a.type === 'wait');
  return w && w.type === 'wait' ? w.reason : undefined;
}

export function errorText(error: unknown): string {
  if (error && typeof error === 'object' && 'message' in error) return String((error as { message: unknown }).message);
  return String(error);
}
