/**
 * A step's two ends. Its start: the agent observes, its engine is given the prompt, and the
 * reply is scheduled. Its reply: recorded, then its actions applied in order by the rules; a
 * failed or stalled reply is handled here too.
 */
import type { Action } from '../protocol/actions';
import type { AgentState, StopReason } from '../trace/events';
import type { StepOutput } from './agent';
import { errorText, roleOf, setState, type AgentRec, type TeamContext } from './context';
import type { Observer } from './observer';
import type { StepPolicy } from './policy';
import { applyAction, type ActionStep } from './rules';
import type { Pending, Scheduler, Timed } from './scheduler';

export interface StepDeps {
  ctx: TeamContext;
  sched: Scheduler;
  policy: StepPolicy;
  observer: Observer;
  onDelta?: (agent: string, delta: string) => void;
}

export async function startStep({ ctx, sched, policy, observer, onDelta }: StepDeps, r: AgentRec, t: number): Promise<void> {
  // A crash, a stall or a partition from the board holds the step (faultRules.ts).
  const held = ctx.faults?.gateStart(r.handle.id, r.step + 1, t);
  if (held !== undefined) {
    if (Number.isFinite(held)) sched.push({ kind: 'start', t: held, agent: r });
    return;
  }
  r.step++;
  const round = policy.roundOf(ctx, r);
  r.viewT = t;
  const obs = observer.observe(r, t, round);
  setState(ctx, r, 'reading', t);
  let prepared;
  try {
    prepared = await r.handle.prepare(obs);
  } catch (error) {
    sched.push({ kind: 'reply', t, agent: r, startT: t, error });
    return;
  }
  ctx.record({ type: 'step_start', t, agent: r.handle.id, round, step: r.step, system: prepared.system, prompt: prepared.prompt });
  const p: Pending = { agent: r, startT: t };
  sched.inflight.set(r, p);
  const deltas = onDelta ? (d: string) => onDelta(r.handle.id, d) : undefined;
  const work = r.handle.generate(deltas).then(
    (out) => settle(ctx, sched, p, out),
    (error) => settle(ctx, sched, p, undefined, error),
  );
  if (ctx.clock.virtual) await work;
}

/** A step's reply (or failure) is in: schedule it, unless the run moved on (stopped). */
function settle(ctx: TeamContext, sched: Scheduler, p: Pending, out?: StepOutput, error?: unknown): void {
  const r = p.agent;
  const t = p.startT;
  if (sched.inflight.get(r) !== p) return;
  sched.inflight.delete(r);
  const virtual = ctx.clock.virtual;
  // A modelled engine says how long it took; the reply counts no earlier than that.
  let due = out ? Math.max(virtual ? t : ctx.now(), t + out.timings.totalMs) : virtual ? t : ctx.now();
  // A straggler fault slows the step; a stall during it holds the reply back.
  if (out && ctx.faults) due = ctx.faults.replyDue(r.handle.id, t, due);
  sched.push({ kind: 'reply', t: due, agent: r, startT: t, out, error, timedOut: p.timedOut });
  sched.wake();
}

export interface ReplyOutcome {
  /** When the agent is free again. */
  endedAt: number;
  stop?: { reason: StopReason; detail: string };
}

export async function takeReply(ctx: TeamContext, policy: StepPolicy, next: Extract<Timed, { kind: 'reply' }>, stepTimeoutMs: number): Promise<ReplyOutcome> {
  const r = next.agent;
  const round = policy.roundOf(ctx, r);
  const id = r.handle.id;
  if (next.timedOut && !next.out) {
    // A stalled model is not a dead one: the step is lost, the agent tries again.
    const limit = Math.round(stepTimeoutMs / 1000);
    ctx.record({ type: 'protocol_error', t: next.t, agent: id, round, step: r.step, reason: `no reply within ${limit} s; the step was interrupted` });
    r.feedback.push(`your last step took longer than ${limit} s and was stopped: reply with fewer, shorter actions`);
    return { endedAt: next.t };
  }
  if (next.error !== undefined || !next.out) {
    const reason = failAgent(ctx, r, next.t, next.error ?? new Error('no reply'));
    return { endedAt: next.t, stop: reason ? { reason, detail: `${id} failed: ${errorText(next.error)}` } : undefined };
  }
  const lost = ctx.faults?.replyLost(id, next.t);
  if (lost) {
    ctx.record({ type: 'reply_lost', t: next.t, agent: id, round, step: r.step, reason: lost });
    setState(ctx, r, 'idle', next.t, lost);
    return { endedAt: next.t };
  }
  // A Byzantine agent's actions are what the board receives, so they are what the trace shows.
  const out = ctx.faults ? { ...next.out, actions: ctx.faults.actionsFrom(id, next.out.actions, next.t, ctx.team) } : next.out;
  ctx.record({ type: 'step_end', t: next.t, agent: id, round, step: r.step, text: out.text, actions: out.actions, usage: out.usage, timings: out.timings });
  if (out.protocolError) {
    ctx.record({ type: 'protocol_error', t: next.t, agent: id, round, step: r.step, reason: out.protocolError });
    r.feedback.push(`part of your reply was rejected: ${out.protocolError}`);
  }
  const step: ActionStep = { agent: r, round, cursor: next.t, viewT: policy.viewOf(r) };
  for (const a of out.actions) await applyAction(ctx, step, a);
  setState(ctx, r, idleState(out.actions, ctx.board.ownedBy(id).length > 0), step.cursor, waitDetail(out.actions));
  return { endedAt: step.cursor };
}

/** An agent's engine failed: it leaves the team; whether the run can go on depends on the
 * structure (a leader, a pre-assigned plan or a single agent cannot do without it). */
export function failAgent(ctx: TeamContext, r: AgentRec, t: number, error: unknown): StopReason | undefined {
  r.failed = true;
  const message = errorText(error);
  ctx.record({ type: 'agent_failed', t, agent: r.handle.id, error: message });
  setState(ctx, r, 'failed', t, message);
  // With failover the board saw the leader fail (its engine, its worker) and elects another.
  if (roleOf(r) === 'leader') return ctx.faults?.leaderFailed(r.handle.id, t) ? undefined : 'error';
  if (ctx.workers.every((w) => w.failed)) return 'all_failed';
  if (ctx.config.structure === 'preassign' || ctx.config.structure === 'single') return 'error';
  const freed = ctx.board.release(r.handle.id, t);
  if (freed.length) ctx.record({ type: 'notice', t, level: 'warn', text: `${r.handle.id} failed; its tasks ${freed.join(', ')} are free again` });
  return undefined;
}

function idleState(actions: Action[], ownsWork: boolean): AgentState {
  if (actions.length === 0 || actions.every((a) => a.type === 'wait')) return ownsWork ? 'waiting_dependency' : 'idle';
  return 'idle';
}

function waitDetail(actions: Action[]): string | undefined {
  const w = actions.find((a) => a.type === 'wait');
  return w && w.type === 'wait' ? w.reason : undefined;
}
