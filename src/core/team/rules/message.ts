import type { Rule } from './types';

/** Send a message to one agent or to all others; the mailbox delivers it. Self-organising
 * peers talk directly; the other structures go through the hub. */
export const message: Rule<'message'> = (ctx, step, a) => {
  const id = step.agent.handle.id;
  const targets = a.to === 'all' ? ctx.team.filter((x) => x !== id) : [a.to];
  for (const to of targets) {
    const msgId = ctx.mailbox.nextId();
    const channel = ctx.config.structure === 'decentralized' ? `${id}~${to}` : `${id}~hub~${to}`;
    ctx.record({ type: 'message_send', t: step.cursor, round: step.round, id: msgId, from: id, to, text: a.text, bytes: a.text.length, channel });
    ctx.mailbox.send({ id: msgId, from: id, to, text: a.text }, step.cursor);
  }
};
