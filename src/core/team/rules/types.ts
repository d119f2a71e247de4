import type { Action, ActionType } from '../../protocol/actions';
import type { AgentRec, TeamContext } from '../context';

/** One action being applied: who, in which round, and when (a rule that takes time moves the
 * cursor; the agent is free again at the last action's cursor). */
export interface ActionStep {
  agent: AgentRec;
  round: number;
  cursor: number;
  /** Asynchronous steps: when the agent's view was taken (the concurrent-write rule needs it);
   * undefined in synchronous rounds, where the round decides. */
  viewT?: number;
  /** Actions of this reply sent to the board so far (their ids; faultRules.ts). */
  sent?: number;
  /** A copy of an earlier action that reached the board again (a duplicate): the board applies
   * it, but the agent is not waiting on it, so its state does not change. */
  copy?: boolean;
}

export type ActionOf<K extends ActionType> = Extract<Action, { type: K }>;

/** A rule applies one action: it changes the board or the mailbox, records what happened as
 * trace events, and tells the agent the outcome through `step.agent.feedback`. */
export type Rule<K extends ActionType> = (ctx: TeamContext, step: ActionStep, action: ActionOf<K>) => void | Promise<void>;

/** One rule per action; a new action type does not compile until it has its rule. */
export type Rules = { [K in ActionType]: Rule<K> };
