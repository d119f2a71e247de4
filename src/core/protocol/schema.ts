/**
 * The schema of one step reply, `{ "actions": Action[] }`, in two forms:
 * - `StepReplySchema` (zod) validates what a model wrote, with every limit (lengths, counts, ids);
 * - `ACTION_JSON_SCHEMA` is what constrained decoding gets (WebLLM passes it to xgrammar as
 *   `response_format: { type: 'json_object', schema }`; `npm run -s schema` prints it).
 *
 * The decoding schema is derived from the zod schema with the string length keywords removed, on
 * purpose. xgrammar turns `minLength`/`maxLength` into `"\"" [^"\\\r\n]{0,N} "\""`: no `\n`, `\"`
 * or `\\` escape inside the string (so no multi-line code, no quote in a message) while raw control
 * characters pass, and it compiled for 20 s (32k vocabulary) to 83 s (Qwen's 152k) on 2 CPU cores
 * at every agent's first step. Without them every string is xgrammar's plain JSON string: escapes
 * allowed, raw control characters refused, compiled in a fraction of a second. The limits still
 * hold: zod rejects an over-long field after parsing, and `max_tokens` (MAX_REPLY_TOKENS) bounds how
 * much a model can write at all. test/unit/grammar-xgrammar.test.ts checks this with WebLLM's own
 * grammar engine.
 *
 * What decoding enforces beyond the JSON itself, and a model must follow: keys come in the order
 * they are declared below (xgrammar emits properties in schema order: `type` first, then the
 * arguments), optional keys may be left out, and no other key is allowed (every action object is
 * `additionalProperties: false`, as is the reply).
 */
import { z } from 'zod';
import { actionSchemaWith } from './actions';

export const MAX_ACTIONS_PER_REPLY = 4;
export const MAX_WRITE_CHARS = 20_000;
export const MAX_MESSAGE_CHARS = 2_000;
/** Ids, agent names and paths are short; a cap keeps a runaway generation from filling them. */
export const MAX_ID_CHARS = 100;
export const MAX_PATH_CHARS = 200;
export const MAX_REASON_CHARS = 500;
/**
 * Token budget of one step reply (WebLLM `max_tokens`). The decoding grammar caps no string length,
 * so this is what stops a runaway generation; about 60 lines of code fit.
 */
export const MAX_REPLY_TOKENS = 768;

const taskId = z.string().min(1).max(MAX_ID_CHARS);
const agentId = z.string().min(1).max(MAX_ID_CHARS);

/** The action shapes of actions.ts with the protocol's limits. */
export const ActionSchema = actionSchemaWith({
  task: taskId,
  agent: agentId,
  path: z.string().min(1).max(MAX_PATH_CHARS),
  content: z.string().max(MAX_WRITE_CHARS),
  text: z.string().min(1).max(MAX_MESSAGE_CHARS),
  reason: z.string().max(MAX_REASON_CHARS),
});

/** At least one action: a model with nothing to do says so with `wait`, never with silence. */
export const StepReplySchema = z.object({
  actions: z.array(ActionSchema).min(1).max(MAX_ACTIONS_PER_REPLY),
});

export type StepReply = z.infer<typeof StepReplySchema>;

type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/**
 * xgrammar (WebLLM's grammar engine) treats oneOf as anyOf, and other engines reject oneOf;
 * the branches are disjoint by their `type` constant, so anyOf means the same thing.
 * String length keywords are dropped (see the top of this file): zod keeps those limits.
 */
const DECODING_DROPPED_KEYS = new Set(['minLength', 'maxLength']);

function toDecodingSchema(node: JsonValue): JsonValue {
  if (Array.isArray(node)) return node.map(toDecodingSchema);
  if (node === null || typeof node !== 'object') return node;
  const out: { [key: string]: JsonValue } = {};
  for (const [key, value] of Object.entries(node)) {
    if (DECODING_DROPPED_KEYS.has(key)) continue;
    out[key === 'oneOf' ? 'anyOf' : key] = toDecodingSchema(value);
  }
  return out;
}

/**
 * The JSON Schema text constrained decoding gets. `npm run -s schema` prints this same value, so
 * what is checked and reused with other engines is what the WebLLM engine sends.
 */
export function decodingJsonSchema(): string {
  // No $ref or $defs: the schema is inlined so every grammar engine can take it as is.
  const schema = z.toJSONSchema(StepReplySchema, { target: 'draft-2020-12', reused: 'inline', cycles: 'throw' });
  return JSON.stringify(toDecodingSchema(schema as JsonValue));
}

/** JSON Schema text of a step reply, for WebLLM's `response_format.schema` (a string). */
export const ACTION_JSON_SCHEMA: string = decodingJsonSchema();
