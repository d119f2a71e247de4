/**
 * The schema of one step reply, `{ "actions": Action[] }`: a zod schema for validating what a
 * model wrote, and the same schema as JSON Schema text for constrained decoding
 * (WebLLM `response_format: { type: 'json_object', schema: ACTION_JSON_SCHEMA }`).
 */
import { z } from 'zod';
import type { Action } from './actions';

export const MAX_ACTIONS_PER_REPLY = 4;
export const MAX_WRITE_CHARS = 20_000;
export const MAX_MESSAGE_CHARS = 2_000;
/** Ids, agent names and paths are short; a cap keeps a runaway generation from filling them. */
export const MAX_ID_CHARS = 100;
export const MAX_PATH_CHARS = 200;
export const MAX_REASON_CHARS = 500;

const taskId = z.string().min(1).max(MAX_ID_CHARS);
const agentId = z.string().min(1).max(MAX_ID_CHARS);

// Key order is the order constrained decoding emits fields in: `type` first lets a small model
// commit to an action before writing its arguments.
export const ActionSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('claim'), task: taskId }),
  z.object({ type: z.literal('write'), path: z.string().min(1).max(MAX_PATH_CHARS), content: z.string().max(MAX_WRITE_CHARS) }),
  z.object({ type: z.literal('run_tests'), task: taskId.optional() }),
  z.object({ type: z.literal('complete'), task: taskId }),
  z.object({ type: z.literal('message'), to: agentId, text: z.string().min(1).max(MAX_MESSAGE_CHARS) }),
  z.object({ type: z.literal('assign'), task: taskId, to: agentId }),
  z.object({ type: z.literal('wait'), reason: z.string().max(MAX_REASON_CHARS).optional() }),
]);

/** At least one action: a model with nothing to do says so with `wait`, never with silence. */
export const StepReplySchema = z.object({
  actions: z.array(ActionSchema).min(1).max(MAX_ACTIONS_PER_REPLY),
});

export type StepReply = z.infer<typeof StepReplySchema>;

// Compile-time guard: the schema and the Action contract in actions.ts must describe the same
// values in both directions.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const schemaMatchesAction: Same<z.infer<typeof ActionSchema>, Action> = true;
void schemaMatchesAction;

type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/**
 * xgrammar (WebLLM's grammar engine) treats oneOf as anyOf, and other engines reject oneOf;
 * the branches are disjoint by their `type` constant, so anyOf means the same thing.
 */
function oneOfToAnyOf(node: JsonValue): JsonValue {
  if (Array.isArray(node)) return node.map(oneOfToAnyOf);
  if (node === null || typeof node !== 'object') return node;
  const out: { [key: string]: JsonValue } = {};
  for (const [key, value] of Object.entries(node)) out[key === 'oneOf' ? 'anyOf' : key] = oneOfToAnyOf(value);
  return out;
}

function buildJsonSchema(): string {
  // No $ref or $defs: the schema is inlined so every grammar engine can take it as is.
  const schema = z.toJSONSchema(StepReplySchema, { target: 'draft-2020-12', reused: 'inline', cycles: 'throw' });
  return JSON.stringify(oneOfToAnyOf(schema as JsonValue));
}

/** JSON Schema text of a step reply, for WebLLM's `response_format.schema` (a string). */
export const ACTION_JSON_SCHEMA: string = buildJsonSchema();
