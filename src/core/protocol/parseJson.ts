/**
 * Parser for JSON step replies. Small models wrap JSON in ```json fences, add prose around it,
 * send a bare action or a bare array, or put one action object per line; all of that is accepted
 * (with a warning). What cannot be read gives ok:false with a reason naming the field. Never throws.
 */
import type { Action, ParseResult } from './actions';
import { MAX_ACTIONS_PER_REPLY } from './schema';
import { validateActionList } from './validateActionList';
import { jsonTypeName } from '../zodIssues';
import { clip, joinProblems, JSON_SCAN_STEPS_PER_CHAR } from './parseLimits';
import { rawControlCharProblem } from './controlChars';

type Span = { start: number; end: number };

/** Counts the reader's steps (characters scanned or parsed), so tests can check the work stays linear. */
export interface ScanMeter {
  steps: number;
}

type Scan =
  | { kind: 'closed'; end: number }
  /** Reached the end of the text inside a string or an open bracket. */
  | { kind: 'open'; missing: () => string }
  /** A closer that does not match its opener: not JSON. */
  | { kind: 'broken' }
  /** The step budget ran out before the value was found to end. */
  | { kind: 'exhausted' };

/** Values that look like JSON but do not parse, after which the reader gives up. */
const MAX_FAILED_PARSES = 100;

const CLOSER: Record<string, string> = { '{': '}', '[': ']' };

/**
 * The bracket scanner with a memory: a scan from one opener passes over every bracket nested
 * in it, and the value opening at a nested bracket ends exactly where this scan matches it
 * (or is cut off / broken with it). Remembering those answers means prose full of unmatched
 * braces costs one pass, not one pass per brace; the budget bounds whatever remains.
 */
class BracketScanner {
  private readonly known = new Map<number, Scan>();

  constructor(
    private readonly text: string,
    readonly meter: ScanMeter,
    private readonly budget: number,
  ) {}

  get exhausted(): boolean {
    return this.meter.steps > this.budget;
  }

  /** Spends `n` steps; false once the budget is gone. */
  spend(n: number): boolean {
    this.meter.steps += n;
    return this.meter.steps <= this.budget;
  }

  /** Where the JSON value opening at `start` ends, honouring strings and escapes. */
  scan(start: number): Scan {
    const cached = this.known.get(start);
    if (cached) return cached;
    const { text, known } = this;
    const stack: number[] = [];
    let inString = false;
    for (let i = start; i < text.length; i++) {
      if (!this.spend(1)) return { kind: 'exhausted' };
      const c = text[i];
      if (inString) {
        if (c === '\\') i++;
        else if (c === '"') inString = false;
        continue;
      }
      if (c === '"') inString = true;
      else if (c === '{' || c === '[') stack.push(i);
      else if (c === '}' || c === ']') {
        const top = stack.pop() as number;
        if (CLOSER[text[top] as string] !== c) {
          // Every value still open meets the same mismatched closer.
          const broken: Scan = { kind: 'broken' };
          known.set(top, broken);
          for (const k of stack) known.set(k, broken);
          return broken;
        }
        const closed: Scan = { kind: 'closed', end: i + 1 };
        known.set(top, closed);
        if (stack.length === 0) return closed;
      }
    }
    const quote = inString ? '"' : '';
    stack.forEach((at, depth) => {
      known.set(at, {
        kind: 'open',
        missing: () => quote + stack.slice(depth).reverse().map((k) => CLOSER[text[k] as string]).join(''),
      });
    });
    return known.get(start) as Scan;
  }
}

const SPACE = /\s*/y;

/** The first non-space character after `start`, or '' at the end of the text. */
function nextNonSpace(text: string, start: number, scanner: BracketScanner): string {
  SPACE.lastIndex = start + 1;
  SPACE.exec(text);
  scanner.spend(SPACE.lastIndex - start);
  return text[SPACE.lastIndex] ?? '';
}

/** An opener that begins like JSON data rather than like prose such as "[see above]". */
function looksLikeJsonStart(text: string, start: number, next: string): boolean {
  return text[start] === '{' ? next === '' || next === '"' || next === '}' : next === '' || /^[{["\]\d-]/.test(next);
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
  /** The step budget ran out: the rest of the text was not read. */
  exhausted?: boolean;
}

/** Every top-level JSON value in the text, left to right; stops at a value cut off by the end. */
function collectJsonValues(text: string, meter: ScanMeter): Collected {
  const scanner = new BracketScanner(text, meter, JSON_SCAN_STEPS_PER_CHAR * text.length + 10_000);
  const values: Found[] = [];
  let invalid: Collected['invalid'];
  const done = (extra: Partial<Collected> = {}): Collected => ({ values, ...(invalid ? { invalid } : {}), ...extra });
  let failedParses = 0;
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c !== '{' && c !== '[') {
      i++;
      continue;
    }
    if (scanner.exhausted) return done({ exhausted: true });
    const scan = scanner.scan(i);
    if (scan.kind === 'exhausted') return done({ exhausted: true });
    const next = nextNonSpace(text, i, scanner);
    const jsonLike = looksLikeJsonStart(text, i, next);
    // JSON.parse could only succeed on these (a '[' may also hold true, false or null).
    const parsable = jsonLike || (c === '[' && /^[tfn]$/.test(next));
    if (scan.kind === 'closed' && parsable) {
      scanner.spend(scan.end - i);
      try {
        values.push({ value: JSON.parse(text.slice(i, scan.end)) as unknown, span: { start: i, end: scan.end } });
        i = scan.end;
        continue;
      } catch (e) {
        // A failed parse is costly (an exception); a reply of thousands of broken values is refused.
        if (++failedParses > MAX_FAILED_PARSES) return done({ exhausted: true });
        if (jsonLike) {
          // Skip the whole value: an action inside a broken reply must not pass as the reply.
          invalid ??= { at: i, message: rawControlCharProblem(text, i, scan.end) ?? (e instanceof Error ? e.message : String(e)) };
          i = scan.end;
          continue;
        }
        // Prose in brackets, e.g. "[to do]": look further in.
      }
    } else if (scan.kind !== 'closed' && jsonLike) {
      // Anything found further on would be a fragment of this value.
      if (scan.kind === 'open') return done({ truncated: { at: i, missing: clip(scan.missing(), 20) } });
      return { values, invalid: invalid ?? { at: i, message: 'a closing bracket does not match its opening bracket' } };
    }
    i++;
  }
  return done();
}

/**
 * The common case, a reply that is exactly one {"actions": ...} object (spaces aside), read by
 * one native JSON.parse. It finds what the scanner would (that one value, spanning the reply),
 * and anything else, a parse error included, goes to the scanner for its reasons.
 */
function wholeReply(text: string, meter: ScanMeter): Collected | null {
  const start = text.search(/\S/);
  let end = text.length;
  while (end > start && /\s/.test(text[end - 1] as string)) end--;
  if (text[start] !== '{' || text[end - 1] !== '}') return null;
  let value: unknown;
  try {
    value = JSON.parse(text.slice(start, end));
  } catch {
    return null;
  }
  if (!isObject(value) || !('actions' in value)) return null;
  meter.steps += end - start;
  return { values: [{ value, span: { start, end } }] };
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

export function parseJsonActions(text: string, meter: ScanMeter = { steps: 0 }): ParseResult {
  if (typeof text !== 'string' || text.trim() === '') return fail('empty reply: expected {"actions": [...]}');
  const warnings: string[] = [];
  if (/```/.test(text)) warnings.push('removed a ``` code fence around the JSON');

  const { values, truncated, invalid, exhausted } = wholeReply(text, meter) ?? collectJsonValues(text, meter);
  const firstIndex = values.findIndex((f) => isActionLike(f.value));

  if (firstIndex < 0) {
    if (invalid) return fail(`invalid JSON at character ${invalid.at}: ${clip(invalid.message, 200)}`);
    if (exhausted) return fail('the reply has too many unmatched brackets to read: expected {"actions": [...]}');
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
  if (exhausted) warnings.push('stopped reading: too many unmatched brackets after the actions');

  // Past the cap the reply is refused anyway; only the first few are checked and kept.
  const { actions, errors } = validateActionList(items.slice(0, MAX_ACTIONS_PER_REPLY));
  if (items.length === 0) errors.push('actions: needs at least 1 action (use {"type": "wait"} to do nothing)');
  if (items.length > MAX_ACTIONS_PER_REPLY) errors.unshift(`actions: at most ${MAX_ACTIONS_PER_REPLY} actions per reply, got ${items.length}`);
  if (errors.length > 0) return fail(joinProblems(errors), actions);
  return { ok: true, actions, warnings };
}
