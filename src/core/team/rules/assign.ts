import type { Rule } from './types';

/** A leader gives a task to a worker. */
export const assign: Rule<'assign'> = (ctx, step, a) => {
  const e = ctx.board.assign(step.agent.handle.id, a.task, a.to, step.round, step.cursor, ctx.team);
  ctx.record(e);
  step.agent.feedback.push(e.type === 'assign' && e.ok ? `assigned ${a.task} to ${a.to}` : `assign ${a.task} refused: ${e.type === 'assign' ? e.reason : ''}`);
};
