/**
 * Checks a list of candidate actions one by one against the action schema, keeping the good ones,
 * so one bad action in a reply costs only that action (the reply is still reported as failed).
 */
import type { Action } from './actions';
import { ACTION_TYPES } from './actions';
import { ActionSchema } from './schema';
import { formatZodIssues } from '../zodIssues';

export interface ActionListCheck {
  actions: Action[];
  errors: string[];
}

/** `items[i]` is reported as `${prefix}[i]`, e.g. `actions[1].path: required`. */
export function validateActionList(items: readonly unknown[], prefix = 'actions'): ActionListCheck {
  const actions: Action[] = [];
  const errors: string[] = [];
  items.forEach((item, i) => {
    const where = `${prefix}[${i}]`;
    if (item === null || typeof item !== 'object' || Array.isArray(item)) {
      errors.push(`${where}: expected an action object like {"type": "claim", "task": "t01"}`);
      return;
    }
    const type = (item as { type?: unknown }).type;
    if (typeof type === 'string' && !(ACTION_TYPES as readonly string[]).includes(type)) {
      errors.push(`${where}.type: unknown action "${type}"; allowed: ${ACTION_TYPES.join(', ')}`);
      return;
    }
    const result = ActionSchema.safeParse(item);
    if (result.success) actions.push(result.data);
    else errors.push(...formatZodIssues(result.error.issues, item, where));
  });
  return { actions, errors };
}
