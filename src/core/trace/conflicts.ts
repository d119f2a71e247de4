/**
 * Why a concurrent write happened, told from the trace: the writer acted on a view of the board
 * taken before the other agent's claim or write, and the message that would have warned it was
 * still on its way (or arrived and was ignored). This is the stale read a distributed system
 * learner should be able to point at.
 */
import type { EventOf, TraceEvent } from './events';

export interface ConflictExplanation {
  path: string;
  /** The agent whose write collided, and the one it collided with. */
  writer: string;
  other: string;
  writeT: number;
  otherWriteT: number;
  /** When the writer took its view of the board (its step began). */
  viewT: number;
  /** The other agent's successful claim of the file's task, if any. */
  otherClaimT?: number;
  /** The other agent's message that named the task or file, to the writer. */
  message?: { id: string; text: string; sentT: number; deliveredT?: number };
  /** One or two sentences for the screen. */
  text: string;
}

const fmt = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

export function explainConflict(events: readonly TraceEvent[], path: string, version: number): ConflictExplanation | null {
  const writes = events.filter((e): e is EventOf<'write'> => e.type === 'write' && e.path === path);
  const w = writes.find((e) => e.version === version);
  if (!w || !w.concurrent) return null;
  // The collision partner: the latest earlier write of this path by someone else.
  const before = writes.filter((e) => e.version < version && e.agent !== w.agent);
  const o = before[before.length - 1];
  if (!o) return null;
  const start = events.filter((e): e is EventOf<'step_start'> => e.type === 'step_start' && e.agent === w.agent && e.t <= w.t).at(-1);
  const viewT = start?.t ?? 0;
  const task = events.find((e): e is EventOf<'run_start'> => e.type === 'run_start')?.suite.tasks.find((x) => x.file === path)?.id;
  const claim = task ? events.find((e): e is EventOf<'claim'> => e.type === 'claim' && e.ok && e.agent === o.agent && e.task === task) : undefined;
  const sends = events.filter(
    (e): e is EventOf<'message_send'> => e.type === 'message_send' && e.from === o.agent && e.to === w.agent && (e.text.includes(path) || (!!task && e.text.includes(task))),
  );
  const sent = sends.filter((s) => s.t <= w.t).at(-1) ?? sends[0];
  const delivered = sent ? events.find((e): e is EventOf<'message_deliver'> => e.type === 'message_deliver' && e.id === sent.id) : undefined;

  const parts = [`${w.agent} read the board at ${fmt(viewT)}`];
  if (claim) parts[0] += claim.t > viewT ? `, before ${o.agent} claimed ${task} at ${fmt(claim.t)}` : `, after ${o.agent} had claimed ${task} at ${fmt(claim.t)}`;
  parts[0] += `, and wrote ${path} at ${fmt(w.t)}, over ${o.agent}'s write at ${fmt(o.t)}.`;
  if (sent) {
    if (!delivered || delivered.t > viewT) {
      parts.push(`${o.agent}'s message "${sent.text}" ${delivered ? `reached ${w.agent} at ${fmt(delivered.t)}` : 'had not arrived'}, after that view was taken: a stale read.`);
    } else {
      parts.push(`${o.agent}'s message "${sent.text}" had reached ${w.agent} at ${fmt(delivered.t)}, before its step: the warning was there and went unheeded.`);
    }
  } else {
    parts.push(`No message from ${o.agent} named the task: nothing warned ${w.agent}.`);
  }
  return {
    path,
    writer: w.agent,
    other: o.agent,
    writeT: w.t,
    otherWriteT: o.t,
    viewT,
    ...(claim ? { otherClaimT: claim.t } : {}),
    ...(sent ? { message: { id: sent.id, text: sent.text, sentT: sent.t, ...(delivered ? { deliveredT: delivered.t } : {}) } } : {}),
    text: parts.join(' '),
  };
}
