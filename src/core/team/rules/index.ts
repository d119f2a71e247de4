/**
 * The rules of the team, one per action (as RaftScope's `rules.*`). To add an action: add it to
 * the protocol's schema, write its rule in a file here, and list it below; the `Rules` type
 * refuses to compile until every action has one.
 */
import type { Action } from '../../protocol/actions';
import { assign } from './assign';
import { claim } from './claim';
import { complete } from './complete';
import { message } from './message';
import { runTests } from './runTests';
import type { ActionStep, Rules } from './types';
import { wait } from './wait';
import { write } from './write';
import type { TeamContext } from '../context';
import { deliverAction } from '../faultRules';

export const rules: Rules = { claim, write, run_tests: runTests, complete, message, assign, wait };

/** Apply an action as it arrives at the board. */
export function applyRule(ctx: TeamContext, step: ActionStep, a: Action): void | Promise<void> {
  // TypeScript cannot pair rules[a.type] with a's own narrowed type; the Rules map guarantees it.
  const rule = rules[a.type] as (ctx: TeamContext, step: ActionStep, a: Action) => void | Promise<void>;
  return rule(ctx, step, a);
}

/** Apply an action of an agent's reply. In a run whose links to the board lose or duplicate
 * actions it travels there first (faultRules.ts), which may lose it, retry it or copy it. */
export function applyAction(ctx: TeamContext, step: ActionStep, a: Action): void | Promise<void> {
  if (ctx.faults?.actionFaults) return deliverAction(ctx, step, a, () => applyRule(ctx, step, a));
  return applyRule(ctx, step, a);
}

export type { ActionStep, Rule, Rules } from './types';
