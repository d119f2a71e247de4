import type { Rule } from './types';

/** A leader gives a task to a worker. */
export const assign: Rule<'assign'> = (ctx, step, a) => {
  const id = step.agent.handle.id;
  // Failover fences off a deposed leader (one that stalled and woke up): only the current term's
  // leader assigns, so there are never two leaders handing out the same task.
  const fenced = ctx.faults?.assignRefusal(id);
  const e = fenced
    ? ({ type: 'assign', t: step.cursor, round: step.round, agent: id, task: a.task, to: a.to, ok: false, reason: fenced } as const)
    : ctx.board.assign(id, a.task, a.to, step.round, step.cursor, ctx.team);
  ctx.record(e);
  step.agent.feedback.push(e.type === 'assign' && e.ok ? `assigned ${a.task} to ${a.to}` : `assign ${a.task} refused: ${e.type === 'assign' ? e.reason : ''}`);
};
