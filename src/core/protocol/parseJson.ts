/**
 * Parser for JSON step replies. Small models wrap JSON in ```json fences, add prose around it,
 * send a bare action or a bare array, or put one action object per line; all of that is accepted
 * (with a warning). What cannot be read gives ok:false with a reason naming the field. Never throws.
 */
import type { Action, ParseResult } from './actions';
import { MAX_ACTIONS_PER_REPLY } from './schema';
import { validateActionList } from './validateActionList';
import { jsonTypeName } from '../zodIssues';

type Span = { start: number; end: number };

type Scan =
  | { kind: 'closed'; end: number }
  /** Reached the end of the text inside a string or an open bracket. */
  | { kind: 'open'; missing: string }
  /** A closer that does not match its opener: not JSON. */
  | { kind: 'broken' };

/** Finds where the JSON value opening at `start` ends, honouring strings and escapes. */
function scanBalanced(text: string, start: number): Scan {
  const stack: string[] = [];
  let inString = false;
  for (let i = start; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') inString = true;
    else if (c === '{') stack.push('}');
    else if (c === '[') stack.push(']');
    else if (c === '}' || c === ']') {
      if (stack.pop() !== c) return { kind: 'broken' };
      if (stack.length === 0) return { kind: 'closed', end: i + 1 };
    }
  }
  const missing = (inString ? '"' : '') + [...stack].reverse().join('');
  return { kind: 'open', missing };
}

/** An opener that begins like JSON data rather than like prose such as "[see above]". */
function looksLikeJsonStart(text: string, start: number): boolean {
  const rest = text.slice(start + 1).trimStart();
  return text[start] === '{' ? rest === '' || rest[0] === '"' || rest[0] === '}' : rest === '' || /^[{["\]\d-]/.test(rest);
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function isBareAction(v: unknown): v is Record<string, unknown> {
  return isObject(v) && 'type' in v && !('actions' in v);
}

/** A list counts only if it holds objects, so a citation like "[1]" in prose is not taken for actions. */
function isActionLike(v: unknown): boolean {
  if (Array.isArray(v)) return v.length > 0 && isObject(v[0]);
  return isObject(v) && ('actions' in v || 'type' in v);
}

interface Found {
  value: unknown;
  span: Span;
}

interface Collected {
  values: Found[];
  /** A value cut off by the end of the text. */
  truncated?: { at: number; missing: string };
  /** A value that starts like JSON but does not parse; nothing inside it is read as actions. */
  invalid?: { at: number; message: string };
}

/** Every top-level JSON value in the text, left to right; stops at a value cut off by the end. */
function collectJsonValues(text: string): Collected {
  const values: Found[] = [];
  let invalid: Collected['invalid'];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c !== '{' && c !== '[') {
      i++;
      continue;
    }
    const scan = scanBalanced(text, i);
    const jsonLike = looksLikeJsonStart(text, i);
    if (scan.kind === 'closed') {
      try {
        values.push({ value: JSON.parse(text.slice(i, scan.end)) as unknown, span: { start: i, end: scan.end } });
        i = scan.end;
        continue;
      } catch (e) {
        if (jsonLike) {
          // Skip the whole value: an action inside a broken reply must not pass as the reply.
          invalid ??= { at: i, message: e instanceof Error ? e.message : String(e) };
          i = scan.end;
          continue;
        }
        // Prose in braces, e.g. "{claim the task}": look further in.
      }
    } else if (jsonLike) {
      // Anything found further on would be a fragment of this value.
      if (scan.kind === 'open') return { values, truncated: { at: i, missing: scan.missing }, ...(invalid ? { invalid } : {}) };
      return { values, invalid: invalid ?? { at: i, message: 'a closing bracket does not match its opening bracket' } };
    }
    i++;
  }
  return { values, ...(invalid ? { invalid } : {}) };
}

function proseOutside(text: string, spans: readonly Span[]): boolean {
  let rest = '';
  let from = 0;
  for (const s of spans) {
    rest += text.slice(from, s.start);
    from = s.end;
  }
  rest += text.slice(from);
  return rest.replace(/```[a-zA-Z]*/g, '').trim() !== '';
}

function fail(reason: string, actions: Action[] = []): ParseResult {
  return { ok: false, reason, actions };
}

export function parseJsonActions(text: string): ParseResult {
  if (typeof text !== 'string' || text.trim() === '') return fail('empty reply: expected {"actions": [...]}');
  const warnings: string[] = [];
  if (/```/.test(text)) warnings.push('removed a ``` code fence around the JSON');

  const { values, truncated, invalid } = collectJsonValues(text);
  const firstIndex = values.findIndex((f) => isActionLike(f.value));

  if (firstIndex < 0) {
    if (invalid) return fail(`invalid JSON at character ${invalid.at}: ${invalid.message}`);
    if (truncated)
      return fail(`JSON is cut off (reply truncated?): the value starting at character ${truncated.at} never closes; it lacks ${truncated.missing}`);
    if (values.length > 0)
      return fail(`found JSON but no actions: expected {"actions": [...]}, got ${jsonTypeName(values[0]?.value)}`);
    return fail('no JSON found in reply: expected {"actions": [...]}');
  }

  const first = values[firstIndex] as Found;
  let items: unknown[];
  const used: Span[] = [first.span];
  if (Array.isArray(first.value)) {
    items = first.value;
    warnings.push('reply was a bare array; read it as {"actions": [...]}');
  } else if (isBareAction(first.value)) {
    // Some models write one action object per line instead of a list.
    items = [first.value];
    for (const next of values.slice(firstIndex + 1)) {
      if (!isBareAction(next.value)) break;
      items.push(next.value);
      used.push(next.span);
    }
    warnings.push(items.length === 1 ? 'reply was a single action; read it as {"actions": [...]}' : `reply was ${items.length} separate action objects; read them as one list`);
  } else {
    const actions = (first.value as Record<string, unknown>).actions;
    if (isObject(actions)) {
      items = [actions];
      warnings.push('"actions" was a single object; read it as a list of one');
    } else if (Array.isArray(actions)) {
      items = actions;
    } else {
      return fail(actions === undefined ? 'actions: required' : `actions: expected array, got ${jsonTypeName(actions)}`);
    }
  }

  const extra = values.length - used.length;
  if (extra > 0) warnings.push(`ignored ${extra} other JSON value${extra === 1 ? '' : 's'} in the reply`);
  if (proseOutside(text, used)) warnings.push('ignored text around the JSON');
  if (truncated) warnings.push(`ignored a cut-off JSON value at character ${truncated.at}`);
  if (invalid) warnings.push(`ignored invalid JSON at character ${invalid.at}`);

  const { actions, errors } = validateActionList(items);
  if (items.length === 0) errors.push('actions: needs at least 1 action (use {"type": "wait"} to do nothing)');
  if (items.length > MAX_ACTIONS_PER_REPLY) errors.push(`actions: at most ${MAX_ACTIONS_PER_REPLY} actions per reply, got ${items.length}`);
  if (errors.length > 0) return fail(errors.join('; '), actions.slice(0, MAX_ACTIONS_PER_REPLY));
  return { ok: true, actions, warnings };
}
