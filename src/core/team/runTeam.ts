/**
 * The step loop, wired from small parts. One coordinator drives the team in synchronous rounds
 * or asynchronous steps (policy.ts); the same loop runs on a VirtualClock in one thread and on
 * a wall clock with agents in workers, where only `Clock.virtual` changes how it waits.
 *
 *   scheduler.ts   time-ordered step starts and replies; waits; the stop signal
 *   step.ts        a step's start (observe, prompt) and its reply (record, apply, fail)
 *   observer.ts    what an agent sees at the start of a step
 *   mailbox.ts     messages in transit and each agent's inbox
 *   rules/*.ts     one rule per action: claim, write, run_tests, complete, message, assign, wait
 *   policy.ts      sync rounds | async steps
 *   traceQueue.ts  events leave in (time, sequence) order, by construction
 *
 * Adding a rule is a local change: write `rules/<action>.ts` exporting a `Rule<'<action>'>`
 * (it gets the TeamContext and an ActionStep; it changes the board or mailbox, records events
 * with `ctx.record` stamped at `step.cursor` or later, moves `step.cursor` if the action takes
 * time, and pushes the outcome onto `step.agent.feedback`) and list it in `rules/index.ts`.
 * A rule never emits directly: `ctx.record` holds an event until the loop's time reaches it.
 * Rules that are not actions (a fault, a crash) belong beside `failAgent` in step.ts, or as a
 * new kind of scheduled item in scheduler.ts.
 */
import type { Clock } from '../clock';
import type { TestRunner } from '../harness/types';
import { testRequestFor } from '../harness/request';
import type { AgentInfo, RunConfig, StopReason, TraceEvent } from '../trace/events';
import type { Suite } from '../workload/types';
import type { AgentHandle } from './agent';
import { Board } from './board';
import { DEFAULT_COSTS, errorText, setState, type AgentRec, type CostModel, type TeamContext } from './context';
import type { FaultSchedule } from '../faults/schedule';
import { auditEvent, createFaultLoop } from './faultRules';
import { Mailbox } from './mailbox';
import { Observer } from './observer';
import { asyncSteps, syncRounds } from './policy';
import { preassignmentEvents } from './preassign';
import { Scheduler } from './scheduler';
import { startStep, takeReply, type StepDeps } from './step';
import { TraceQueue } from './traceQueue';
import { DirectTransport, type MessageTransport } from './transport';

export { DEFAULT_COSTS, errorText, type CostModel } from './context';

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
  /** Test work limit for agent code (TestRequest.workBudget); absent = the time limit only. */
  testWorkBudget?: number;
  /** On a wall clock, a step with no reply after this long is interrupted and counts as a
   * step without actions (a real model can stall); 0 or absent = no limit. */
  stepTimeoutMs?: number;
  /** Faults to inject and recovery protocols to run (issue 13); absent or empty = none. */
  faults?: FaultSchedule;
  /** A crash fault struck this agent: terminate its worker (placement in workers). */
  onCrash?: (agent: string) => void;
}

export async function runTeam(opts: TeamRunOptions): Promise<TraceEvent[]> {
  const { suite, config, clock } = opts;
  const costs: CostModel = { ...DEFAULT_COSTS, ...opts.costs };
  const trace = new TraceQueue(opts.onEvent);
  const t0 = clock.now();
  const now = () => clock.now() - t0;
  const sched = new Scheduler(opts.signal);
  let observeFault: ((e: TraceEvent) => void) | undefined;
  const record = (e: TraceEvent) => {
    trace.record(e);
    observeFault?.(e);
  };
  const agents: AgentRec[] = [...opts.agents, ...(opts.leader ? [opts.leader] : [])].map((handle, index) => ({
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
  const testTimeoutMs = opts.testTimeoutMs ?? 2000;
  const ctx: TeamContext = {
    suite,
    config,
    costs,
    clock,
    testRunner: opts.testRunner,
    testTimeoutMs,
    testRequest: (taskIds) => testRequestFor(suite, ctx.board.fileMap(), taskIds, testTimeoutMs, opts.testWorkBudget),
    board: new Board(suite.tasks, { locks: config.locks, lockHoldMs: costs.lockHoldMs, onStatus: record }),
    mailbox: new Mailbox(opts.transport ?? new DirectTransport(), record, now, () => sched.wake()),
    agents,
    workers: agents.filter((r) => r.handle.role === 'worker'),
    team: agents.map((r) => r.handle.id),
    round: 0,
    suiteBusyUntil: 0,
    now,
    until: (t) => clock.until(t0 + t),
    record,
  };
  const { board, mailbox } = ctx;
  const policy = config.mode === 'sync' ? syncRounds : asyncSteps;
  const deps: StepDeps = { ctx, sched, policy, observer: new Observer(ctx), onDelta: opts.onDelta };
  const stepTimeoutMs = opts.stepTimeoutMs ?? 0;
  const deliverUpTo = (t: number) => mailbox.deliverUpTo(t);
  const faults = createFaultLoop(opts.faults, { ctx, sched, policy, deliverUpTo, onCrash: opts.onCrash });
  observeFault = faults?.observe;

  const agentsInfo: AgentInfo[] = agents.map((r) => ({ id: r.handle.id, role: r.handle.role, model: r.handle.model }));
  record({
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
    for (const e of preassignmentEvents(suite.tasks, ctx.workers.map((w) => w.handle.id))) {
      record(e);
      if (e.type === 'assign') board.preassign(e.task, e.to, e.t);
    }
  }

  let reason: StopReason | undefined;
  let detail: string | undefined;
  let endT = 0;
  faults?.begin();
  policy.begin(ctx, sched);

  try {
    while (!reason) {
      if (sched.stopRequested) {
        reason = 'stopped';
        endT = now();
        break;
      }
      const next = sched.peek();
      // Fault timers (a crash, a heartbeat timeout, a lease running out) go in time order with
      // the scheduled steps, before a step due at the same instant.
      const dueAt = faults?.nextAt();
      const due = dueAt !== undefined && config.maxTimeMs > 0 && dueAt > config.maxTimeMs ? undefined : dueAt;
      if (due !== undefined && due <= (next?.t ?? Infinity) && (clock.virtual || due <= now())) {
        await clock.until(t0 + due);
        deliverUpTo(due);
        trace.releaseUpTo(due);
        const stop = await faults!.fire(due);
        if (stop) {
          reason = stop.reason;
          endT = stop.endT;
        }
        continue;
      }
      if (!clock.virtual && stepTimeoutMs) interruptOverdue(sched, now(), stepTimeoutMs);
      if (!next || (!clock.virtual && next.t > now())) {
        if (!next && sched.inflight.size === 0 && due === undefined) {
          // Nothing scheduled and nothing in flight: nobody can make progress.
          reason = board.allDone() ? 'done' : 'error';
          detail = reason === 'error' ? 'no agent can make progress' : undefined;
          endT = now();
          break;
        }
        // A live run hands out what has happened so far while it waits; nothing recorded later
        // can be earlier than the clock, the next scheduled item or the time budget.
        const upTo = Math.min(now(), next?.t ?? Infinity, config.maxTimeMs > 0 ? config.maxTimeMs : Infinity);
        // Messages a real channel confirmed meanwhile are stamped when they arrived: record them
        // before the trace moves past that time.
        if (!clock.virtual) deliverUpTo(upTo);
        trace.releaseUpTo(upTo);
        await sched.wait(stepDeadline(clock, sched, t0, stepTimeoutMs), ...(next ? [clock.until(t0 + next.t)] : []), ...(due !== undefined ? [clock.until(t0 + due)] : []));
        continue;
      }
      if (config.maxTimeMs > 0 && next.t > config.maxTimeMs) {
        reason = 'time_budget';
        endT = config.maxTimeMs;
        await clock.until(t0 + endT);
        break;
      }
      sched.shift();
      await clock.until(t0 + next.t);
      deliverUpTo(next.t);
      trace.releaseUpTo(next.t);
      const r = next.agent;
      if (r.failed) continue;
      if (next.kind === 'start') {
        await startStep(deps, r, next.t);
        continue;
      }
      const outcome = await takeReply(ctx, policy, next, stepTimeoutMs);
      if (outcome.stop) {
        reason = outcome.stop.reason;
        detail = outcome.stop.detail;
        endT = next.t;
        break;
      }
      const stop = await policy.afterReply(ctx, sched, r, outcome.endedAt, deliverUpTo);
      if (stop) {
        reason = stop.reason;
        endT = stop.endT;
      }
    }
  } catch (error) {
    reason = 'error';
    detail = errorText(error);
    endT = now();
  } finally {
    sched.close();
  }

  // Interrupt whatever is still generating; a stopped run must not stay half-alive.
  const stillRunning = [...sched.inflight.keys()];
  sched.inflight.clear();
  await Promise.all(stillRunning.map((r) => r.handle.interrupt().catch(() => undefined)));
  // An agent still busy when the run ends (testing while a teammate completed the last task)
  // is stopped there: its later state changes never happen, it is done at the run's end. What
  // it already did to the board stays in the trace, and the run ends after the last of it.
  trace.discard((e) => e.type === 'agent_state' && e.t > endT);
  endT = Math.max(endT, trace.latestHeld());
  deliverUpTo(endT);

  let correct: boolean | null = null;
  if (suite.tasks.some((t) => t.tests && t.tests.length)) {
    const report = await opts.testRunner.run(ctx.testRequest());
    correct = report.failed === 0 && !report.error && report.passed > 0;
    if (faults) record(auditEvent(ctx, endT, report.results));
  }
  for (const r of agents) if (!r.failed) setState(ctx, r, 'done', endT);
  record({ type: 'run_end', t: endT, reason: reason ?? 'error', rounds: policy.rounds(ctx), success: board.allDone(), correct, detail });
  trace.releaseAll();
  return trace.released;
}

/** When the oldest step in flight runs out of time; never, on a virtual clock or without a limit. */
function stepDeadline(clock: Clock, sched: Scheduler, t0: number, stepTimeoutMs: number): Promise<void> {
  if (clock.virtual || !stepTimeoutMs || sched.inflight.size === 0) return new Promise<void>(() => {});
  const first = Math.min(...[...sched.inflight.values()].filter((p) => !p.timedOut).map((p) => p.startT));
  return Number.isFinite(first) ? clock.until(t0 + first + stepTimeoutMs) : new Promise<void>(() => {});
}

/** Interrupt steps that ran out of time; their replies come back as errors, marked. */
function interruptOverdue(sched: Scheduler, now: number, limitMs: number): void {
  for (const p of sched.inflight.values()) {
    if (!p.timedOut && now - p.startT >= limitMs) {
      p.timedOut = true;
      void p.agent.handle.interrupt().catch(() => undefined);
    }
  }
}
