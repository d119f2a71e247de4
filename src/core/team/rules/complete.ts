import { completeWithFaults } from '../faultRules';
import type { Rule } from './types';

/** Mark an owned task done (the board checks ownership and that its file exists). With the
 * verification protocol on, the board first runs the task's tests itself. */
export const complete: Rule<'complete'> = (ctx, step, a) => {
  const accept = (): boolean => {
    const e = ctx.board.complete(step.agent.handle.id, a.task, step.round, step.cursor);
    ctx.record(e);
    step.agent.feedback.push(e.type === 'complete' && e.ok ? `completed ${a.task}` : `complete ${a.task} refused: ${e.type === 'complete' ? e.reason : ''}`);
    return e.type === 'complete' && e.ok;
  };
  // Faults: verification first when it is on, and the audit of what was accepted.
  if (ctx.faults) return completeWithFaults(ctx, step, a.task, accept);
  accept();
};
