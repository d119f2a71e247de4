import { describe, expect, it } from 'vitest';
import { ACTION_TYPES } from '../../src/core/protocol/actions';
import { ACTION_JSON_SCHEMA, ActionSchema, decodingJsonSchema, MAX_ACTIONS_PER_REPLY, MAX_MESSAGE_CHARS, MAX_WRITE_CHARS, StepReplySchema } from '../../src/core/protocol/schema';

interface Branch {
  type: string;
  properties: Record<string, { type?: string; const?: string; maxLength?: number; minLength?: number }>;
  required: string[];
  additionalProperties: boolean;
}

const schema = JSON.parse(ACTION_JSON_SCHEMA) as {
  type: string;
  required: string[];
  properties: { actions: { type: string; minItems: number; maxItems: number; items: { anyOf: Branch[] } } };
};
const branches = schema.properties.actions.items.anyOf;
const branch = (type: string): Branch => {
  const b = branches.find((x) => x.properties['type']?.const === type);
  if (!b) throw new Error(`no branch for ${type}`);
  return b;
};

describe('ACTION_JSON_SCHEMA', () => {
  it('is a plain JSON object with an "actions" array of 1 to 4 items', () => {
    expect(schema.type).toBe('object');
    expect(schema.required).toEqual(['actions']);
    expect(schema.properties.actions.type).toBe('array');
    expect(schema.properties.actions.minItems).toBe(1);
    expect(schema.properties.actions.maxItems).toBe(MAX_ACTIONS_PER_REPLY);
    expect(MAX_ACTIONS_PER_REPLY).toBe(4);
  });

  it('has no references or oneOf, which grammar engines handle poorly', () => {
    expect(ACTION_JSON_SCHEMA).not.toContain('$ref');
    expect(ACTION_JSON_SCHEMA).not.toContain('$defs');
    expect(ACTION_JSON_SCHEMA).not.toContain('oneOf');
  });

  it('has one branch per action type, with exactly the contract fields', () => {
    expect(branches.map((b) => b.properties['type']?.const).sort()).toEqual([...ACTION_TYPES].sort());
    expect(branch('claim').required).toEqual(['type', 'task']);
    expect(Object.keys(branch('write').properties)).toEqual(['type', 'path', 'content']);
    expect(branch('write').required).toEqual(['type', 'path', 'content']);
    expect(branch('run_tests').required).toEqual(['type']);
    expect(Object.keys(branch('run_tests').properties)).toEqual(['type', 'task']);
    expect(branch('message').required).toEqual(['type', 'to', 'text']);
    expect(branch('assign').required).toEqual(['type', 'task', 'to']);
    expect(branch('wait').required).toEqual(['type']);
    for (const b of branches) expect(b.additionalProperties).toBe(false);
  });

  it('carries no string length keywords (they forbid JSON escapes in xgrammar); zod keeps the limits', () => {
    expect(ACTION_JSON_SCHEMA).not.toMatch(/minLength|maxLength|pattern/);
    expect(branch('write').properties['content']?.maxLength).toBeUndefined();
    expect(MAX_WRITE_CHARS).toBe(20000);
    expect(MAX_MESSAGE_CHARS).toBe(2000);
    expect(ActionSchema.safeParse({ type: 'message', to: 'all', text: 'x'.repeat(MAX_MESSAGE_CHARS + 1) }).success).toBe(false);
    expect(ActionSchema.safeParse({ type: 'claim', task: '' }).success).toBe(false);
  });

  it('is exactly what decodingJsonSchema() builds, so the CLI prints what the engine sends', () => {
    expect(decodingJsonSchema()).toBe(ACTION_JSON_SCHEMA);
  });
});

describe('StepReplySchema', () => {
  it('accepts a reply with every action type', () => {
    const reply = {
      actions: [
        { type: 'claim', task: 't01' },
        { type: 'write', path: 'src/a.js', content: 'export const a = 1;' },
        { type: 'run_tests' },
        { type: 'complete', task: 't01' },
      ],
    };
    expect(StepReplySchema.safeParse(reply).success).toBe(true);
    for (const a of [
      { type: 'message', to: 'all', text: 'hi' },
      { type: 'assign', task: 't02', to: 'dev2' },
      { type: 'wait', reason: 'blocked on t01' },
      { type: 'run_tests', task: 't01' },
    ])
      expect(ActionSchema.safeParse(a).success).toBe(true);
  });

  it('rejects five actions, over-long content and over-long messages', () => {
    expect(StepReplySchema.safeParse({ actions: Array.from({ length: 5 }, () => ({ type: 'wait' })) }).success).toBe(false);
    expect(ActionSchema.safeParse({ type: 'write', path: 'src/a.js', content: 'x'.repeat(20001) }).success).toBe(false);
    expect(ActionSchema.safeParse({ type: 'write', path: 'src/a.js', content: 'x'.repeat(20000) }).success).toBe(true);
    expect(ActionSchema.safeParse({ type: 'message', to: 'all', text: 'x'.repeat(2001) }).success).toBe(false);
  });
});
