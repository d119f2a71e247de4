/**
 * The decoding schema, run through WebLLM's own grammar engine (@mlc-ai/web-xgrammar 0.1.27, the
 * build web-llm 0.2.86 bundles) the way a model meets it: compiled with a vocabulary of Qwen's size
 * and fed token by token to a GrammarMatcher. Every reply is also validated by zod; where the two
 * disagree about a reply the grammar lets a model write, the test fails.
 *
 * DECODING_SCHEMA_FILE=<file> checks another schema text (e.g. an older one) against zod with the
 * same cases; DECODING_VOCAB_SIZE=32000 makes that faster when the schema compiles slowly.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CompiledGrammar, GrammarCompiler, GrammarMatcher, TokenizerInfo } from '@mlc-ai/web-xgrammar';
import {
  ACTION_JSON_SCHEMA,
  MAX_ACTIONS_PER_REPLY,
  MAX_MESSAGE_CHARS,
  MAX_PATH_CHARS,
  MAX_WRITE_CHARS,
  StepReplySchema,
} from '../../src/core/protocol/schema';
import { loadXGrammar } from '../fixtures/grammar/loadXGrammar';
import { QWEN_VOCAB_SIZE, syntheticVocab, type SyntheticVocab } from '../fixtures/grammar/syntheticVocab';

const schemaText = process.env.DECODING_SCHEMA_FILE ? readFileSync(process.env.DECODING_SCHEMA_FILE, 'utf8') : ACTION_JSON_SCHEMA;
const vocabSize = Number(process.env.DECODING_VOCAB_SIZE ?? QWEN_VOCAB_SIZE);

let vocab: SyntheticVocab;
let info: TokenizerInfo;
let compiler: GrammarCompiler;
let compiled: CompiledGrammar;
let matcher: GrammarMatcher;

beforeAll(async () => {
  const xg = loadXGrammar();
  vocab = syntheticVocab(vocabSize);
  info = await xg.TokenizerInfo.createTokenizerInfo(vocab.tokens, 'byte_level', false, vocab.tokens.length, vocab.stopTokenIds);
  compiler = await xg.GrammarCompiler.createGrammarCompiler(info);
  // Exactly what WebLLM 0.2.86 calls for response_format { type: 'json_object', schema }:
  // compileJSONSchema(schema) with its defaults (any whitespace, strict mode).
  compiled = await compiler.compileJSONSchema(schemaText);
  matcher = await xg.GrammarMatcher.createGrammarMatcher(compiled);
}, 600_000);

afterAll(() => {
  matcher?.dispose();
  compiled?.dispose();
  compiler?.dispose();
  info?.dispose();
});

interface GrammarVerdict {
  accepted: boolean;
  /** Where the matcher refused: the text up to and including the refused token. */
  refusedAt?: string;
}

/** Feeds the reply token by token, then the end-of-turn token, as a model's decoding loop would. */
function grammar(text: string): GrammarVerdict {
  matcher.reset();
  const ids = vocab.encode(text);
  let consumed = '';
  for (const id of ids) {
    const piece = new TextDecoder().decode(new Uint8Array([...(vocab.tokens[id] as string)].map(byteOf)));
    consumed += piece;
    if (!matcher.acceptToken(id)) return { accepted: false, refusedAt: consumed.slice(-60) };
  }
  const stop = vocab.stopTokenIds[vocab.stopTokenIds.length - 1] as number;
  if (!matcher.acceptToken(stop)) return { accepted: false, refusedAt: `${consumed.slice(-50)}<end of reply>` };
  return { accepted: matcher.isTerminated() };
}

const BYTE_OF = (() => {
  const m = new Map<string, number>();
  let shifted = 0;
  for (let b = 0; b < 256; b++) {
    const printable = (b >= 33 && b <= 126) || (b >= 161 && b <= 172) || (b >= 174 && b <= 255);
    m.set(String.fromCodePoint(printable ? b : 256 + shifted++), b);
  }
  return m;
})();
function byteOf(ch: string): number {
  return BYTE_OF.get(ch) ?? 0x3f;
}

interface ZodVerdict {
  accepted: boolean;
  why?: string;
}

/** What the validating side says: JSON.parse, then the zod schema with every limit. */
function zod(text: string): ZodVerdict {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return { accepted: false, why: `JSON.parse: ${(e as Error).message}` };
  }
  const r = StepReplySchema.safeParse(value);
  return r.success ? { accepted: true } : { accepted: false, why: r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') };
}

type Expect = 'both accept' | 'both reject' | 'zod-only limit' | 'decoding-only form';

interface Case {
  name: string;
  text: string;
  expect: Expect;
}

const reply = (...actions: object[]): string => JSON.stringify({ actions });

const CODE = [
  '/** Greets someone. */',
  'export function greet(name) {',
  '  if (typeof name !== "string") throw new TypeError(\'name must be a "string"\');',
  '  const path = "C:\\\\temp\\\\out.txt"; // a backslash, escaped',
  '  return `Hello, ${name}!\\n`;',
  '}',
  '',
].join('\n');

const CASES: Case[] = [
  // A model must be able to write all of these, and the team must accept them.
  { name: 'multi-line code with quotes and backslashes', text: reply({ type: 'write', path: 'src/greet.js', content: CODE }), expect: 'both accept' },
  {
    name: 'code with a tab, a carriage return and every JSON escape',
    text: '{"actions": [{"type": "write", "path": "src/a.js", "content": "a\\tb\\r\\nc\\/d\\be\\ff\\"g\\\\h\\u0041\\u00e9"}]}',
    expect: 'both accept',
  },
  { name: 'unicode text, raw and escaped', text: reply({ type: 'message', to: 'all', text: 'Привет — 中文 ✓ café 👋' }), expect: 'both accept' },
  { name: 'unicode as \\u escapes (surrogate pair)', text: '{"actions":[{"type":"message","to":"dev2","text":"caf\\u00e9 \\ud83d\\udc4b"}]}', expect: 'both accept' },
  {
    name: 'pretty-printed JSON (2 spaces)',
    text: JSON.stringify({ actions: [{ type: 'claim', task: 't01' }, { type: 'write', path: 'src/t01.js', content: CODE }] }, null, 2),
    expect: 'both accept',
  },
  { name: 'pretty-printed JSON (tabs)', text: JSON.stringify({ actions: [{ type: 'wait', reason: 'blocked on t01' }] }, null, '\t'), expect: 'both accept' },
  {
    name: 'claim, write, run_tests, complete',
    text: reply({ type: 'claim', task: 't01' }, { type: 'write', path: 'src/a.js', content: 'export const a = 1;\n' }, { type: 'run_tests', task: 't01' }, { type: 'complete', task: 't01' }),
    expect: 'both accept',
  },
  {
    name: 'message, assign, wait (with and without optional fields), run_tests without a task',
    text: reply({ type: 'message', to: 'all', text: 'I take "t02".' }, { type: 'assign', task: 't03', to: 'dev2' }, { type: 'wait' }, { type: 'run_tests' }),
    expect: 'both accept',
  },
  { name: 'wait with a reason', text: reply({ type: 'wait', reason: 'nothing to do' }), expect: 'both accept' },
  { name: 'an empty file', text: reply({ type: 'write', path: 'src/empty.js', content: '' }), expect: 'both accept' },

  // Neither side may take these.
  { name: 'an empty list', text: '{"actions": []}', expect: 'both reject' },
  { name: 'too many actions', text: reply(...Array.from({ length: MAX_ACTIONS_PER_REPLY + 1 }, () => ({ type: 'wait' }))), expect: 'both reject' },
  { name: 'an unknown action type', text: '{"actions": [{"type": "delete", "path": "src/a.js"}]}', expect: 'both reject' },
  { name: 'claim without its task', text: '{"actions": [{"type": "claim"}]}', expect: 'both reject' },
  { name: 'write without content', text: '{"actions": [{"type": "write", "path": "src/a.js"}]}', expect: 'both reject' },
  { name: 'message without text', text: '{"actions": [{"type": "message", "to": "all"}]}', expect: 'both reject' },
  { name: 'assign without an agent', text: '{"actions": [{"type": "assign", "task": "t01"}]}', expect: 'both reject' },
  { name: 'no actions key', text: '{}', expect: 'both reject' },
  { name: 'a number where a task id goes', text: '{"actions": [{"type": "claim", "task": 1}]}', expect: 'both reject' },
  { name: 'prose before the object', text: `Sure! ${reply({ type: 'wait' })}`, expect: 'both reject' },
  { name: 'prose after the object', text: `${reply({ type: 'wait' })}\nDone.`, expect: 'both reject' },
  { name: 'a code fence around the object', text: `\`\`\`json\n${reply({ type: 'wait' })}\n\`\`\``, expect: 'both reject' },
  { name: 'a bare array', text: JSON.stringify([{ type: 'wait' }]), expect: 'both reject' },
  { name: 'a raw tab inside a string', text: '{"actions": [{"type": "write", "path": "src/a.js", "content": "a\tb"}]}', expect: 'both reject' },
  { name: 'a raw newline inside a string', text: '{"actions": [{"type": "message", "to": "all", "text": "line 1\nline 2"}]}', expect: 'both reject' },
  { name: 'a bad escape', text: '{"actions": [{"type": "message", "to": "all", "text": "\\q"}]}', expect: 'both reject' },
  { name: 'a reply cut off by the token limit', text: '{"actions": [{"type": "write", "path": "src/a.js", "content": "export', expect: 'both reject' },

  // Limits kept in zod only: the grammar carries no length keywords (they would forbid escapes and
  // take a minute to compile); max_tokens bounds the reply and zod reports the field.
  { name: 'an empty task id', text: reply({ type: 'claim', task: '' }), expect: 'zod-only limit' },
  { name: `a message over ${MAX_MESSAGE_CHARS} characters`, text: reply({ type: 'message', to: 'all', text: 'ab '.repeat(MAX_MESSAGE_CHARS) }), expect: 'zod-only limit' },
  { name: `a path over ${MAX_PATH_CHARS} characters`, text: reply({ type: 'write', path: `src/${'d/'.repeat(MAX_PATH_CHARS)}a.js`, content: '' }), expect: 'zod-only limit' },
  { name: `a file over ${MAX_WRITE_CHARS} characters`, text: reply({ type: 'write', path: 'src/a.js', content: 'const x = 1;\n'.repeat(MAX_WRITE_CHARS / 10) }), expect: 'zod-only limit' },

  // Form decoding imposes and the parser does not need: keys in schema order, no extra keys.
  { name: 'keys out of schema order', text: '{"actions": [{"task": "t01", "type": "claim"}]}', expect: 'decoding-only form' },
  { name: 'an extra key on an action', text: '{"actions": [{"type": "wait", "mood": "bored"}]}', expect: 'decoding-only form' },
  { name: 'an extra key beside actions', text: '{"actions": [{"type": "wait"}], "note": "hi"}', expect: 'decoding-only form' },
];

const WANT: Record<Expect, { grammar: boolean; zod: boolean }> = {
  'both accept': { grammar: true, zod: true },
  'both reject': { grammar: false, zod: false },
  'zod-only limit': { grammar: true, zod: false },
  'decoding-only form': { grammar: false, zod: true },
};

describe(`decoding schema in xgrammar (vocabulary of ${vocabSize} tokens)`, () => {
  it.each(CASES)('$expect: $name', ({ text, expect: want }) => {
    const g = grammar(text);
    const z = zod(text);
    // The rule that matters: whatever the grammar lets a model write, the team must accept, except
    // for the listed limits that only zod enforces.
    if (g.accepted && !z.accepted && want !== 'zod-only limit') {
      throw new Error(`grammar and zod disagree: the grammar lets a model write this reply, zod rejects it (${z.why})`);
    }
    if (!g.accepted && z.accepted && want !== 'decoding-only form') {
      throw new Error(`grammar and zod disagree: zod accepts this reply, the grammar refuses it at ${JSON.stringify(g.refusedAt)}`);
    }
    expect({ grammar: g.accepted, zod: z.accepted }, `grammar refused at ${JSON.stringify(g.refusedAt)}; zod: ${z.why}`).toEqual(WANT[want]);
  });

  it('accepts 40 random valid replies, compact and pretty-printed, that zod accepts', () => {
    // Random strings over code characters, quotes, backslashes, control characters (JSON.stringify
    // escapes them) and non-ASCII, in every action type: each must pass both sides.
    let s = 7;
    const rand = (n: number): number => {
      s = (s * 1103515245 + 12345) % 2 ** 31;
      return s % n;
    };
    const alphabet = ['a', 'Z', '0', ' ', '"', "'", '\\', '/', '\n', '\t', '\r', '\u0001', '{', '}', '[', ']', ':', ',', 'é', '中', '😀', '`', '$'];
    const str = (min: number, max: number): string => {
      let out = '';
      const n = min + rand(max - min + 1);
      for (let i = 0; i < n; i++) out += alphabet[rand(alphabet.length)];
      return out;
    };
    const action = (): object => {
      switch (rand(7)) {
        case 0: return { type: 'claim', task: str(1, 8) };
        case 1: return { type: 'write', path: `src/${str(1, 10)}.js`, content: str(0, 200) };
        case 2: return rand(2) ? { type: 'run_tests' } : { type: 'run_tests', task: str(1, 5) };
        case 3: return { type: 'complete', task: str(1, 8) };
        case 4: return { type: 'message', to: str(1, 6), text: str(1, 80) };
        case 5: return { type: 'assign', task: str(1, 5), to: str(1, 5) };
        default: return rand(2) ? { type: 'wait' } : { type: 'wait', reason: str(0, 40) };
      }
    };
    const failures: string[] = [];
    for (let i = 0; i < 40; i++) {
      const value = { actions: Array.from({ length: 1 + rand(MAX_ACTIONS_PER_REPLY) }, action) };
      const text = i % 2 === 0 ? JSON.stringify(value) : JSON.stringify(value, null, 2);
      const z = zod(text);
      const g = grammar(text);
      if (!z.accepted || !g.accepted) failures.push(`${text.slice(0, 120)} -> grammar ${g.accepted} (refused at ${JSON.stringify(g.refusedAt)}), zod ${z.accepted} (${z.why})`);
    }
    expect(failures).toEqual([]);
  });
});
