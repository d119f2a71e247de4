/**
 * Did the shown run finish, and if not, where was it stuck? A run that stopped at its round or
 * time budget, or failed, must say so in the headline instead of showing a speedup: the task it
 * was stuck on and the test that kept failing are read from the trace.
 */
import type { StopReason, TraceEvent } from '../../core/trace/events';

export interface StuckTask {
  id: string;
  title: string;
  /** The last failing test of this task, if one ran. */
  test?: { name: string; error?: string };
}

export interface RunOutcome {
  ended: boolean;
  finished: boolean;
  reason: StopReason | null;
  rounds: number;
  tasksDone: number;
  tasksTotal: number;
  stuck?: StuckTask;
  /** One sentence for the headline. */
  text: string;
}

const REASONS: Record<StopReason, string> = {
  done: 'finished',
  round_budget: 'ran out of rounds',
  time_budget: 'ran out of time',
  stopped: 'was stopped',
  all_failed: 'lost every agent',
  error: 'failed with an error',
};

export function runOutcome(events: readonly TraceEvent[]): RunOutcome | null {
  const start = events.find((e) => e.type === 'run_start');
  if (!start || start.type !== 'run_start') return null;
  const end = events.at(-1);
  const ended = end?.type === 'run_end';
  const done = new Set<string>();
  const lastFail = new Map<string, { name: string; error?: string; t: number }>();
  const touched = new Map<string, number>();
  for (const e of events) {
    if (e.type === 'complete' && e.ok) done.add(e.task);
    else if (e.type === 'test_run') {
      for (const r of e.results) if (!r.ok) lastFail.set(r.task, { name: r.name, ...(r.error ? { error: r.error } : {}), t: e.t });
      if (e.error && e.task) lastFail.set(e.task, { name: 'loading the code', error: e.error, t: e.t });
    } else if (e.type === 'claim' && e.ok) touched.set(e.task, e.t);
    else if (e.type === 'write') {
      const task = start.suite.tasks.find((x) => x.file === e.path);
      if (task) touched.set(task.id, e.t);
    }
  }
  const tasks = start.suite.tasks;
  const tasksDone = tasks.filter((x) => done.has(x.id)).length;
  const base = { ended, rounds: ended && end.type === 'run_end' ? end.rounds : 0, tasksDone, tasksTotal: tasks.length };
  if (!ended || end.type !== 'run_end') return { ...base, finished: false, reason: null, text: 'The run has not ended.' };
  if (end.success) return { ...base, finished: true, reason: end.reason, text: `Finished: all ${tasks.length} tasks done in ${end.rounds} rounds.` };

  // Stuck: of the tasks left, one whose dependencies were done (it could have been finished);
  // the one whose test failed last, else the one worked on last, else the first.
  const left = tasks.filter((x) => !done.has(x.id));
  const ready = left.filter((x) => x.dependencies.every((d) => done.has(d)));
  const pool = ready.length > 0 ? ready : left;
  const byFail = pool.filter((x) => lastFail.has(x.id)).sort((a, b) => (lastFail.get(b.id)?.t ?? 0) - (lastFail.get(a.id)?.t ?? 0));
  const byTouch = pool.filter((x) => touched.has(x.id)).sort((a, b) => (touched.get(b.id) ?? 0) - (touched.get(a.id) ?? 0));
  const pick = byFail[0] ?? byTouch[0] ?? pool[0];
  const fail = pick ? lastFail.get(pick.id) : undefined;
  const stuck: StuckTask | undefined = pick
    ? { id: pick.id, title: pick.title, ...(fail ? { test: { name: fail.name, ...(fail.error ? { error: fail.error } : {}) } } : {}) }
    : undefined;
  const why = REASONS[end.reason] ?? end.reason;
  let text = `Did not finish: the team ${why} after ${end.rounds} rounds with ${tasksDone} of ${tasks.length} tasks done`;
  if (stuck) {
    text += `; stuck on ${stuck.id} (${stuck.title})`;
    if (stuck.test) text += `, failing test “${stuck.test.name}”${stuck.test.error ? `: ${stuck.test.error.slice(0, 160)}` : ''}`;
  }
  text += '. No speedup: only a finished run has one.';
  return { ...base, finished: false, reason: end.reason, ...(stuck ? { stuck } : {}), text };
}
