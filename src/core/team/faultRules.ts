/**
 * Faults and recovery wired into the step loop (issue 13). The decisions live in
 * core/faults/controller.ts; this file gives it the team to act on (FaultHost), runs its timers
 * in time order with the scheduler's items, and holds the two rules that are not actions:
 * verification before a completion, and the end-of-run audit. It also carries an agent's
 * actions to the board when they can be lost or duplicated on the way (deliverAction), and
 * makes a worker elected by failover the leader. A run without a fault schedule never builds any
 * of this, so its trace is exactly what it was before.
 */
import { FaultController, type ActionCopy } from '../faults/controller';
import { BOARD_ACTIONS, isInert, type BoardAction, type FaultSchedule } from '../faults/schedule';
import type { Action } from '../protocol/actions';
import type { TraceEvent } from '../trace/events';
import { setState, type AgentRec, type TeamContext } from './context';
import type { Stop, StepPolicy } from './policy';
import { describeAction } from './agent';
import { applyRule } from './rules';
import type { ActionStep } from './rules/types';
import type { Scheduler } from './scheduler';

export interface FaultLoop {
  controller: FaultController;
  /** Every trace event passes here (leases follow claims, assignments and completions). */
  observe(e: TraceEvent): void;
  /** Schedule the faults known at the start. */
  begin(): void;
  /** When the next fault timer is due, if any. */
  nextAt(): number | undefined;
  /** Fire every timer due at or before t; a crash may close a round or end the run. */
  fire(t: number): Promise<Stop | undefined>;
}

export interface FaultLoopDeps {
  ctx: TeamContext;
  sched: Scheduler;
  policy: StepPolicy;
  deliverUpTo: (t: number) => void;
  /** Really stop the agent's worker (placement in workers); absent in one thread. */
  onCrash?: (agent: string) => void;
}

export function createFaultLoop(schedule: FaultSchedule | undefined, deps: FaultLoopDeps): FaultLoop | undefined {
  if (!schedule || isInert(schedule)) return undefined;
  const { ctx, sched, policy, deliverUpTo } = deps;
  const byId = (id: string): AgentRec | undefined => ctx.agents.find((r) => r.handle.id === id);
  /** Agents that went down during the timers just fired: the round may be waiting for them. */
  let justDown: { r: AgentRec; t: number }[] = [];
  /** When each synchronous round started: a copy of an action arriving late belongs to the round
   * it lands in (a write copied into a later round is a rewrite there). */
  const roundStarts: number[] = [];
  const roundAt = (r: AgentRec, t: number): number => {
    if (ctx.config.mode !== 'sync') return r.step;
    let round = 0;
    while (round < roundStarts.length && roundStarts[round] <= t) round++;
    return Math.max(1, round);
  };

  const controller = new FaultController(schedule, ctx.config.seed, {
    record: (e) => ctx.record(e),
    structure: ctx.config.structure,
    tasks: ctx.suite.tasks,
    workers: ctx.workers.map((r) => r.handle.id),
    leader: ctx.agents.find((r) => r.handle.role === 'leader')?.handle.id,
    ownedBy: (agent) => ctx.board.ownedBy(agent),
    ownerOf: (task) => ctx.board.state.get(task)?.owner,
    isDone: (task) => ctx.board.isDone(task),
    release: (task, t) => ctx.board.free(task, t),
    give: (task, to, t) => ctx.board.give(task, to, t),
    setDown: (agent, down, t, why, kill) => {
      const r = byId(agent);
      if (!r) return;
      if (down) {
        if (r.failed) return;
        r.failed = true;
        setState(ctx, r, 'failed', t, why);
        // What it was doing is lost: its queued start or reply, its step in flight.
        sched.dropAgent(r);
        if (sched.inflight.delete(r)) void r.handle.interrupt().catch(() => undefined);
        // A crash comes from a timer, between steps: the round may be waiting for it. A distrusted
        // agent is taken out inside its own step, which the loop finishes as usual.
        if (kill) {
          deps.onCrash?.(agent);
          justDown.push({ r, t });
        }
      } else {
        if (!r.handle.restart) {
          // A placement that cannot bring the agent back (its handle offers no restart, e.g. a
          // leader's worker): it stays down, said rather than hidden.
          ctx.record({ type: 'notice', t, level: 'warn', text: `${agent} cannot restart here: its crash cannot be undone in this placement, so it stays down` });
          return;
        }
        r.failed = false;
        r.feedback = [];
        r.lastTest.clear();
        void r.handle.restart?.().catch(() => undefined);
        setState(ctx, r, 'idle', t, why);
        // Asynchronous agents step again at once; in rounds it sits out this one (the barrier
        // must not wait for it) and joins the next.
        if (ctx.config.mode === 'async') sched.push({ kind: 'start', t, agent: r });
        else r.endedAt = t;
      }
    },
    promote: (agent, t) => {
      const r = byId(agent);
      if (!r) return;
      r.actingRole = 'leader';
      r.feedback.push(`you were elected leader at ${Math.round(t / 1000)} s: the leader went silent. Assign ready tasks to free workers; do not write code`);
    },
    demote: (agent, t, why) => {
      const r = byId(agent);
      if (!r) return;
      if (r.handle.role === 'worker') {
        // An elected worker that lost the office goes back to work.
        r.actingRole = undefined;
        r.feedback.push(`${why}; you are a worker again`);
        return;
      }
      // The team's first leader has no worker to go back to: it stands down for the rest of the
      // run. One that is down now is told again if it restarts.
      if (r.failed) return;
      r.failed = true;
      sched.dropAgent(r);
      if (sched.inflight.delete(r)) void r.handle.interrupt().catch(() => undefined);
      justDown.push({ r, t });
      setState(ctx, r, 'idle', t, `${why}; it stands down`);
    },
  });
  ctx.faults = controller;
  ctx.mailbox.faults = controller;
  ctx.mailbox.until = (t) => ctx.until(t);

  return {
    controller,
    observe(e) {
      if (e.type === 'round_start') roundStarts[e.round - 1] = e.t;
      else if (e.type === 'claim' && e.ok) controller.onOwned(e.task, e.agent, e.t);
      else if (e.type === 'assign' && e.ok) controller.onOwned(e.task, e.to, e.t);
      else if (e.type === 'complete' && e.ok) controller.onDone(e.task);
    },
    begin: () => controller.begin(),
    nextAt: () => controller.nextAt(),
    async fire(t) {
      controller.fire(t);
      // Copies of actions that reached the board a second time, not recognised: applied again.
      for (const { copy, t: at } of controller.takeCopies()) await applyCopy(copy, at);
      const down = justDown;
      justDown = [];
      for (const { r, t: at } of down) {
        // The round (or the run) may have been waiting only for this agent.
        const stop = await policy.afterReply(ctx, sched, r, at, deliverUpTo);
        if (stop) return stop;
      }
      if (down.length && ctx.workers.every((w) => w.failed) && !controller.revivalPending()) return { reason: 'all_failed', endT: t };
      return undefined;
    },
  };

  async function applyCopy(copy: ActionCopy, t: number): Promise<void> {
    const r = byId(copy.agent);
    if (!r) return;
    const step: ActionStep = { agent: r, round: roundAt(r, t), cursor: t, viewT: copy.viewT, copy: true };
    await applyRule(ctx, step, copy.action);
  }
}

function isBoardAction(a: Action): a is Extract<Action, { type: BoardAction }> {
  return (BOARD_ACTIONS as readonly string[]).includes(a.type);
}

/** The task and file an action names, for the trace. */
function actionAbout(ctx: TeamContext, a: Extract<Action, { type: BoardAction }>): { task?: string; path?: string } {
  if (a.type === 'write') {
    const task = ctx.board.taskForFile(a.path)?.id;
    return task ? { task, path: a.path } : { path: a.path };
  }
  return { task: a.task };
}

/**
 * One action on its way from the agent to the board, in a run whose links to the board can lose
 * or duplicate it. Each action has an id (agent/step/index). Lost: without retries it never
 * happens (the agent hears nothing back); with retries the agent sends it again, same id, after
 * retryMs of silence, and waits for it. Delivered twice: the copy lands later (a timer); with
 * retries the board knows the id and ignores it, without it is applied again.
 */
export async function deliverAction(ctx: TeamContext, step: ActionStep, a: Action, apply: () => void | Promise<void>): Promise<void> {
  const faults = ctx.faults;
  if (!faults?.actionFaults || !isBoardAction(a)) return apply();
  const r = step.agent;
  const agent = r.handle.id;
  step.sent = (step.sent ?? 0) + 1;
  const id = `${agent}/${r.step}/${step.sent}`;
  const about = actionAbout(ctx, a);
  const { retries, maxRetries, retryMs } = faults.recovery;
  const attempts = retries ? maxRetries + 1 : 1;
  for (let attempt = 0; attempt < attempts; attempt++) {
    if (attempt > 0) {
      step.cursor += retryMs;
      ctx.record({ type: 'action_retry', t: step.cursor, agent, id, action: a.type, attempt });
    }
    const fate = faults.injector.actionFate({ id, agent, action: a.type }, step.cursor, attempt);
    if (fate.dropped) {
      const gaveUp = retries && attempt === attempts - 1;
      ctx.record({ type: 'action_fault', t: step.cursor, agent, id, action: a.type, ...about, fault: 'drop', attempt, ...(gaveUp ? { gaveUp: true } : {}) });
      if (gaveUp) r.feedback.push(`${describeAction(a)}: no answer from the board after ${attempts} tries; it may not have happened`);
      continue;
    }
    const arrived = step.cursor;
    await apply();
    faults.appliedAction(id);
    if (fate.duplicateAfterMs !== undefined) {
      faults.sendCopy({ id, agent, action: a, about, round: step.round, viewT: step.viewT, attempt }, arrived + fate.duplicateAfterMs);
    }
    return;
  }
}

/**
 * `complete` in a run with faults: verified first when that protocol is on; every accepted
 * completion is also checked against the task's tests for the audit (the team never sees that
 * check and it takes no run time), so the metrics can count wrong completions missed.
 */
export async function completeWithFaults(ctx: TeamContext, step: ActionStep, task: string, accept: () => boolean): Promise<void> {
  const faults = ctx.faults;
  if (!faults) {
    accept();
    return;
  }
  if (faults.verifies && !(await verifyCompletion(ctx, step, task))) return;
  const at = step.cursor;
  if (!accept()) return;
  let ok = true;
  if (!faults.verifies) {
    const req = ctx.testRequest([task]);
    if (req.suites.some((x) => x.tests.length > 0)) {
      const report = await ctx.testRunner.run(req);
      const mine = report.results.filter((x) => x.task === task);
      ok = !report.error && mine.length > 0 && mine.every((x) => x.ok);
    }
  }
  faults.completions.push({ task, agent: step.agent.handle.id, t: at, ok });
}

/**
 * Verification (a recovery protocol): before the board accepts `complete`, it runs the task's
 * tests itself. Returns false when it refused the completion (recorded, and the agent told).
 */
export async function verifyCompletion(ctx: TeamContext, step: ActionStep, task: string): Promise<boolean> {
  const faults = ctx.faults;
  if (!faults?.verifies) return true;
  const { board, clock, costs } = ctx;
  const id = step.agent.handle.id;
  const s = board.state.get(task);
  const t = board.tasks.get(task);
  // The board refuses these anyway, with its own reason.
  if (!s || !t || s.status === 'done' || s.owner !== id || !board.files.has(t.file)) return true;
  const req = ctx.testRequest([task]);
  const cases = req.suites.reduce((n, x) => n + x.tests.length, 0);
  if (cases === 0) return true;
  const before = clock.now();
  const report = await ctx.testRunner.run(req);
  const durationMs = clock.virtual ? costs.testBaseMs + costs.testPerCaseMs * cases : clock.now() - before;
  const mine = report.results.filter((x) => x.task === task);
  const passed = mine.filter((x) => x.ok).length;
  const failed = mine.filter((x) => !x.ok).length;
  const ok = failed === 0 && passed > 0 && !report.error;
  ctx.record({ type: 'verify', t: step.cursor, agent: id, task, ok, passed, failed, durationMs, ...(report.error ? { error: report.error } : {}) });
  step.cursor += durationMs;
  if (ok) {
    faults.onVerified(id, task, true, step.cursor);
    return true;
  }
  const reason = `verification failed: ${failed} of ${passed + failed} tests fail${report.error ? ` (${report.error})` : ''}`;
  ctx.record({ type: 'complete', t: step.cursor, round: step.round, agent: id, task, ok: false, reason });
  step.agent.feedback.push(`complete ${task} refused: ${reason}`);
  faults.onVerified(id, task, false, step.cursor);
  return false;
}

/** Ground truth for the fault metrics: which done tasks fail their tests at the end. */
export function auditEvent(ctx: TeamContext, t: number, results: readonly { task: string; ok: boolean }[]): TraceEvent {
  return {
    type: 'audit',
    t,
    tasks: ctx.suite.tasks.map((task) => {
      const mine = results.filter((x) => x.task === task.id);
      const s = ctx.board.state.get(task.id);
      return {
        task: task.id,
        ...(s?.owner ? { agent: s.owner } : {}),
        done: s?.status === 'done',
        ok: mine.length > 0 && mine.every((x) => x.ok),
      };
    }),
    completions: [...(ctx.faults?.completions ?? [])],
  };
}
