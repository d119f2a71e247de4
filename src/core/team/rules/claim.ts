import type { Rule } from './types';

/** Claim a task. Only self-organising teams (and a single agent) claim; in the other
 * structures a claim of someone else's task is refused. */
export const claim: Rule<'claim'> = (ctx, step, a) => {
  const id = step.agent.handle.id;
  const structure = ctx.config.structure;
  const claimsAllowed = structure === 'decentralized' || structure === 'single';
  const owner = ctx.board.state.get(a.task)?.owner;
  const e =
    !claimsAllowed && owner !== id
      ? ({ type: 'claim', t: step.cursor, round: step.round, agent: id, task: a.task, ok: false, reason: owner ? 'taken' : 'not_assigned' } as const)
      : ctx.board.claim(id, a.task, step.round, step.cursor);
  ctx.record(e);
  step.agent.feedback.push(e.type === 'claim' && e.ok ? `claimed ${a.task}` : `claim ${a.task} refused: ${e.type === 'claim' ? e.reason : ''}`);
};
