/**
 * Synchronous rounds or asynchronous steps: what a step's round is, what comes after a reply,
 * and when the run is over. Everything else in the step loop is the same for both.
 */
import type { StopReason } from '../trace/events';
import { setState, type AgentRec, type TeamContext } from './context';
import type { Scheduler } from './scheduler';

export interface Stop {
  reason: StopReason;
  endT: number;
}

export interface StepPolicy {
  /** Schedule the first steps. */
  begin(ctx: TeamContext, sched: Scheduler): void;
  /** The round a step of this agent belongs to. */
  roundOf(ctx: TeamContext, r: AgentRec): number;
  /** For the concurrent-write rule: when the writer's view was taken, or undefined when the
   * round decides. */
  viewOf(r: AgentRec): number | undefined;
  /** The agent is free again at `endedAt` (or failed): schedule what comes next, or stop. */
  afterReply(ctx: TeamContext, sched: Scheduler, r: AgentRec, endedAt: number, deliverUpTo: (t: number) => void): Promise<Stop | undefined>;
  /** Rounds the run took, for run_end. */
  rounds(ctx: TeamContext): number;
}

/** Every agent steps, then a barrier; the round ends when the slowest agent is done. */
export const syncRounds: StepPolicy = {
  begin(ctx, sched) {
    startRound(ctx, sched, 0);
  },
  roundOf: (ctx) => ctx.round,
  viewOf: () => undefined,
  async afterReply(ctx, sched, r, endedAt, deliverUpTo) {
    r.endedAt = endedAt;
    const live = ctx.agents.filter((x) => !x.failed);
    if (live.every((x) => x.endedAt !== undefined) && sched.inflight.size === 0 && !sched.hasReplyQueued()) {
      // An agent that failed (its worker lost, say) can close the round after the others ended:
      // the barrier is then when it failed, or round_end would come before agent_failed.
      const roundEnd = Math.max(r.failed ? endedAt : 0, ...live.map((x) => x.endedAt!));
      await ctx.until(roundEnd);
      deliverUpTo(roundEnd);
      ctx.record({ type: 'round_end', t: roundEnd, round: ctx.round });
      const { config } = ctx;
      if (ctx.board.allDone()) return { reason: 'done', endT: roundEnd };
      if (ctx.round >= config.maxRounds) return { reason: 'round_budget', endT: roundEnd };
      if (config.maxTimeMs > 0 && roundEnd >= config.maxTimeMs) return { reason: 'time_budget', endT: roundEnd };
      startRound(ctx, sched, roundEnd);
    } else if (!r.failed) {
      setState(ctx, r, 'waiting_barrier', endedAt);
    }
    return undefined;
  },
  rounds: (ctx) => ctx.round,
};

function startRound(ctx: TeamContext, sched: Scheduler, t: number): void {
  ctx.round++;
  ctx.record({ type: 'round_start', t, round: ctx.round });
  for (const r of ctx.agents) {
    r.endedAt = undefined;
    if (!r.failed) sched.push({ kind: 'start', t, agent: r });
  }
}

/** Each agent steps again as soon as it is free; its step count is its round. */
export const asyncSteps: StepPolicy = {
  begin(ctx, sched) {
    for (const r of ctx.agents) sched.push({ kind: 'start', t: 0, agent: r });
  },
  roundOf: (_ctx, r) => r.step,
  viewOf: (r) => r.viewT,
  async afterReply(ctx, sched, r, endedAt) {
    const max = ctx.config.maxRounds;
    if (ctx.board.allDone()) return { reason: 'done', endT: endedAt };
    if (r.step >= max && ctx.agents.every((x) => x.failed || x.step >= max) && sched.inflight.size === 0) return { reason: 'round_budget', endT: endedAt };
    if (r.step < max && !r.failed) sched.push({ kind: 'start', t: endedAt, agent: r });
    return undefined;
  },
  rounds: (ctx) => Math.max(0, ...ctx.agents.map((r) => r.step)),
};
