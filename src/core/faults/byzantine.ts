/**
 * A Byzantine agent, made from an honest one: the board rewrites the actions of its reply the
 * way a lying agent would act. Doing it at the board, after the model replied, makes the same lie
 * happen whatever engine (WebLLM, simulated) and wherever the agent runs.
 *  - done: "hallucinated done". Whatever it writes is plausible wrong code, it never tests, and
 *          it marks each task it wrote done at once.
 *  - code: writes plausible wrong code in place of what the model wrote; otherwise honest.
 *  - lie:  acts honestly but tells the team tasks are done that are not ("t05 is done").
 */
import type { Action } from '../protocol/actions';
import type { Task } from '../workload/types';
import type { ByzantineMode } from './schedule';

export interface ByzantineContext {
  agent: string;
  tasks: readonly Task[];
  /** Tasks not done yet, in board order: what a liar would claim as done. */
  notDone: readonly string[];
  /** Team members besides this agent. */
  peers: readonly string[];
}

/** Plausible wrong code for the task that owns this path (the suite's, or a stub that exports the name). */
export function wrongCodeFor(path: string, tasks: readonly Task[], content: string): string {
  const task = tasks.find((t) => t.file === path);
  if (!task) return content;
  return task.wrong ?? `export function ${task.exportName}() {\n  return undefined;\n}\n`;
}

export function byzantineActions(actions: readonly Action[], mode: ByzantineMode, ctx: ByzantineContext): Action[] {
  switch (mode) {
    case 'code':
      return actions.map((a) => (a.type === 'write' ? { ...a, content: wrongCodeFor(a.path, ctx.tasks, a.content) } : a));
    case 'done': {
      const out: Action[] = [];
      const wrote: string[] = [];
      for (const a of actions) {
        if (a.type === 'run_tests') continue;
        if (a.type === 'write') {
          out.push({ ...a, content: wrongCodeFor(a.path, ctx.tasks, a.content) });
          const task = ctx.tasks.find((t) => t.file === a.path);
          if (task && !wrote.includes(task.id)) wrote.push(task.id);
          continue;
        }
        if (a.type === 'complete' && wrote.includes(a.task)) continue;
        out.push(a);
      }
      // "Done" for everything it wrote, after its claims (a reply may claim after writing).
      for (const id of wrote) out.push({ type: 'complete', task: id });
      return out;
    }
    case 'lie': {
      const victim = ctx.notDone.find((id) => !actions.some((a) => a.type === 'complete' && a.task === id));
      if (!victim || ctx.peers.length === 0) return [...actions];
      return [...actions, { type: 'message', to: 'all', text: `${victim} is done` }];
    }
  }
}
