import type { Rule } from './types';

/** Mark an owned task done (the board checks ownership and that its file exists). */
export const complete: Rule<'complete'> = (ctx, step, a) => {
  const e = ctx.board.complete(step.agent.handle.id, a.task, step.round, step.cursor);
  ctx.record(e);
  step.agent.feedback.push(e.type === 'complete' && e.ok ? `completed ${a.task}` : `complete ${a.task} refused: ${e.type === 'complete' ? e.reason : ''}`);
};
