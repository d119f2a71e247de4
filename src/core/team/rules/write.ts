import { setState } from '../context';
import type { Rule } from './types';

/** Write a file: wait for its lock if another agent holds it, then a new version. */
export const write: Rule<'write'> = (ctx, step, a) => {
  const r = step.agent;
  const { events, at } = ctx.board.write(r.handle.id, a.path, a.content, step.round, step.cursor, step.viewT);
  for (const e of events) {
    if (e.type === 'lock_wait' && !step.copy) setState(ctx, r, 'waiting_lock', e.t, a.path);
    ctx.record(e);
  }
  step.cursor = at;
  r.feedback.push(`wrote ${a.path} (version ${ctx.board.files.get(a.path)!.version})`);
};
