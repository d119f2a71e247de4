/**
 * The agent action protocol. A step's reply is a list of these. The shapes are declared once,
 * here, as a zod schema; the type is what it accepts. The same shapes are checked with the
 * protocol's limits for what a model writes (schema.ts) and without them in a trace, which
 * records what was accepted.
 */
import { z } from 'zod';

/** The string check each kind of field gets. */
export interface ActionFieldChecks {
  task: z.ZodString;
  agent: z.ZodString;
  path: z.ZodString;
  content: z.ZodString;
  text: z.ZodString;
  reason: z.ZodString;
}

// Key order is the order constrained decoding emits fields in: `type` first lets a small model
// commit to an action before writing its arguments.
export function actionSchemaWith(c: ActionFieldChecks) {
  return z.discriminatedUnion('type', [
    z.object({ type: z.literal('claim'), task: c.task }),
    z.object({ type: z.literal('write'), path: c.path, content: c.content }),
    z.object({ type: z.literal('run_tests'), task: c.task.optional() }),
    z.object({ type: z.literal('complete'), task: c.task }),
    /** `to` is an agent id or "all". */
    z.object({ type: z.literal('message'), to: c.agent, text: c.text }),
    /** Leader only. */
    z.object({ type: z.literal('assign'), task: c.task, to: c.agent }),
    z.object({ type: z.literal('wait'), reason: c.reason.optional() }),
  ]);
}

const anyString = z.string();

/** Actions as a trace records them: the shapes, no limits. */
export const actionSchema = actionSchemaWith({ task: anyString, agent: anyString, path: anyString, content: anyString, text: anyString, reason: anyString });

export type Action = z.infer<typeof actionSchema>;
export type ActionType = Action['type'];
export const ACTION_TYPES: readonly ActionType[] = actionSchema.options.map((o) => o.shape.type.value);

/** Result of parsing one model reply. Parsers never throw. */
export type ParseResult =
  | { ok: true; actions: Action[]; warnings: string[] }
  | { ok: false; reason: string; actions: Action[] };
