/**
 * Faults and recovery wired into the step loop (issue 13). The decisions live in
 * core/faults/controller.ts; this file gives it the team to act on (FaultHost), runs its timers
 * in time order with the scheduler's items, and holds the two rules that are not actions:
 * verification before a completion, and the end-of-run audit. A run without a fault schedule
 * never builds any of this, so its trace is exactly what it was before.
 */
import { FaultController } from '../faults/controller';
import { isInert, type FaultSchedule } from '../faults/schedule';
import { testRequestFor } from '../harness/request';
import type { TraceEvent } from '../trace/events';
import { setState, type AgentRec, type TeamContext } from './context';
import type { Stop, StepPolicy } from './policy';
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
          // An agent in a worker: the crash terminated its worker, and bringing up a new one in
          // the middle of a run is not built yet, so it stays down (said, not hidden).
          ctx.record({ type: 'notice', t, level: 'warn', text: `${agent} cannot restart: its worker was terminated and restarting a worker mid-run is not supported; it stays down` });
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
  });
  ctx.faults = controller;
  ctx.mailbox.faults = controller;
  ctx.mailbox.until = (t) => ctx.until(t);

  return {
    controller,
    observe(e) {
      if (e.type === 'claim' && e.ok) controller.onOwned(e.task, e.agent, e.t);
      else if (e.type === 'assign' && e.ok) controller.onOwned(e.task, e.to, e.t);
      else if (e.type === 'complete' && e.ok) controller.onDone(e.task);
    },
    begin: () => controller.begin(),
    nextAt: () => controller.nextAt(),
    async fire(t) {
      controller.fire(t);
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
    const req = testRequestFor(ctx.suite, ctx.board.fileMap(), [task], ctx.testTimeoutMs);
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
  const { board, suite, clock, costs } = ctx;
  const id = step.agent.handle.id;
  const s = board.state.get(task);
  const t = board.tasks.get(task);
  // The board refuses these anyway, with its own reason.
  if (!s || !t || s.status === 'done' || s.owner !== id || !board.files.has(t.file)) return true;
  const req = testRequestFor(suite, board.fileMap(), [task], ctx.testTimeoutMs);
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
