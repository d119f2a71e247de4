/**
 * Parser for the reference harness's tag format, e.g. `<claim_task id="t01"/>` and
 * `<edit_file path="src/a.js">...</edit_file>`. Tags are read in the order written (the harness
 * groups them by kind; for a trace the order the model chose is the more faithful record).
 * Text outside known tags is ignored, as the harness does. Never throws.
 */
import type { ParseResult } from './actions';
import { MAX_ACTIONS_PER_REPLY, MAX_REASON_CHARS } from './schema';
import { validateActionList } from './validateActionList';
import { clip, joinProblems, MAX_TAG_CHARS, MAX_TAG_PROBLEMS } from './parseLimits';
import type { ScanMeter } from './parseJson';

/** Tags whose body is the payload; they need a closing tag. */
const BODY_TAGS = ['edit_file', 'broadcast', 'message', 'synthesize'] as const;
/** Tags that carry only attributes; `<tag .../>` or `<tag ...>` (with an optional `</tag>`). */
const EMPTY_TAGS = ['claim_task', 'complete_task', 'run_tests', 'assign_task', 'wait', 'request_status'] as const;
type TagName = (typeof BODY_TAGS)[number] | (typeof EMPTY_TAGS)[number];

const TAG_START = new RegExp(`<(${[...BODY_TAGS, ...EMPTY_TAGS].join('|')})(?=[\\s/>]|$)`, 'g');
// Attribute values may be double-quoted, single-quoted or bare.
const ATTR = String.raw`[A-Za-z_][\w-]*\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'>/]+)`;
const OPEN_TAG = new RegExp(String.raw`<([a-z_]+)((?:\s+${ATTR})*)\s*(/?)>`, 'y');
const ONE_ATTR = /([A-Za-z_][\w-]*)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>/]+))/g;

function readAttrs(source: string): Record<string, string> {
  const attrs: Record<string, string> = {};
  for (const m of source.matchAll(ONE_ATTR)) attrs[(m[1] as string).toLowerCase()] = m[2] ?? m[3] ?? m[4] ?? '';
  return attrs;
}

/** Keeps the first line's indentation, unlike the harness's strip, so Python bodies survive. */
function tidyBody(body: string): string {
  return body.replace(/^\s*\n/, '').trimEnd();
}

/** Small models often put a markdown fence inside edit_file; the file must not contain it. */
function stripFence(body: string): { text: string; stripped: boolean } {
  const m = /^\s*```[\w+-]*[ \t]*\n([\s\S]*?)\n?```\s*$/.exec(body);
  return m ? { text: m[1] as string, stripped: true } : { text: body, stripped: false };
}

function describeTag(name: string, attrs: Record<string, string>): string {
  const shown = Object.entries(attrs)
    .map(([k, v]) => ` ${clip(k, 30)}="${clip(v)}"`)
    .join('');
  return `<${name}${shown}>`;
}

/**
 * Reads the tags in `text`. The work is linear in the text: each open tag is matched inside a
 * span of MAX_TAG_CHARS, and reading stops once the reply is certain to be refused (more
 * actions than a reply may hold, or MAX_TAG_PROBLEMS problems), so the reason stays short too.
 */
export function parseXmlActions(text: string, meter: ScanMeter = { steps: 0 }, maxActions = MAX_ACTIONS_PER_REPLY): ParseResult {
  if (typeof text !== 'string' || text.trim() === '') return { ok: false, reason: 'no actions found: the reply is empty', actions: [] };
  const candidates: unknown[] = [];
  const errors: string[] = [];
  const warnings: string[] = [];
  let stoppedEarly = false;

  TAG_START.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = TAG_START.exec(text)) !== null) {
    if (candidates.length > maxActions || errors.length >= MAX_TAG_PROBLEMS) {
      stoppedEarly = true;
      break;
    }
    const at = m.index;
    const name = m[1] as TagName;
    const chunk = text.slice(at, at + MAX_TAG_CHARS);
    meter.steps += chunk.length;
    OPEN_TAG.lastIndex = 0;
    const open = OPEN_TAG.exec(chunk);
    if (!open || open[1] !== name) {
      const gt = chunk.indexOf('>');
      const nextLt = chunk.indexOf('<', 1);
      const unclosed = gt < 0 || (nextLt >= 0 && nextLt < gt);
      const cutOff = gt < 0 && at + chunk.length >= text.length;
      errors.push(
        unclosed
          ? `unclosed <${name} tag at character ${at}: missing ">"${cutOff ? ' (reply cut off?)' : ''}`
          : `malformed <${name}> tag at character ${at}: write attributes as name="value"`,
      );
      continue;
    }
    const attrs = readAttrs(open[2] ?? '');
    const selfClosing = open[3] === '/';
    let after = at + open[0].length;

    let body: string | undefined;
    if ((BODY_TAGS as readonly string[]).includes(name)) {
      if (selfClosing) body = '';
      else {
        const close = new RegExp(`</${name}\\s*>`, 'g');
        close.lastIndex = after;
        const c = close.exec(text);
        meter.steps += (c ? c.index : text.length) - after;
        if (!c) {
          // Everything after the opening tag is its body; tags in there are not actions.
          errors.push(`unclosed tag ${describeTag(name, attrs)}: no </${name}> found (reply cut off?)`);
          break;
        }
        body = text.slice(after, c.index);
        after = c.index + c[0].length;
      }
    } else if (!selfClosing) {
      const close = new RegExp(`\\s*</${name}\\s*>`, 'y');
      close.lastIndex = after;
      const c = close.exec(text);
      if (c) after += c[0].length;
    }
    TAG_START.lastIndex = after;

    const where = `<${name}> at character ${at}`;
    const need = (key: string, ...aliases: string[]): string | undefined => {
      for (const k of [key, ...aliases]) if (attrs[k] !== undefined) return attrs[k];
      errors.push(`${where}: missing ${key}="..." attribute`);
      return undefined;
    };

    switch (name) {
      case 'claim_task': {
        const task = need('id', 'task');
        if (task !== undefined) candidates.push({ type: 'claim', task });
        break;
      }
      case 'complete_task': {
        const task = need('id', 'task');
        if (task !== undefined) candidates.push({ type: 'complete', task });
        break;
      }
      case 'run_tests': {
        const task = attrs['id'] ?? attrs['task'];
        candidates.push(task === undefined ? { type: 'run_tests' } : { type: 'run_tests', task });
        break;
      }
      case 'assign_task': {
        const task = need('id', 'task');
        const to = need('to');
        if (task !== undefined && to !== undefined) candidates.push({ type: 'assign', task, to });
        break;
      }
      case 'wait':
        candidates.push(attrs['reason'] === undefined ? { type: 'wait' } : { type: 'wait', reason: attrs['reason'] });
        break;
      case 'request_status':
        candidates.push({ type: 'wait', reason: 'request_status' });
        warnings.push('<request_status/> is not an action here (the board is in every prompt); read as wait');
        break;
      case 'edit_file': {
        const path = need('path');
        const fenced = stripFence(tidyBody(body ?? ''));
        if (fenced.stripped) warnings.push(`removed a markdown fence inside <edit_file path="${path ?? ''}">`);
        if (path !== undefined) candidates.push({ type: 'write', path, content: fenced.text });
        break;
      }
      case 'broadcast':
        candidates.push({ type: 'message', to: 'all', text: (body ?? '').trim() });
        break;
      case 'message': {
        const to = need('to');
        if (to !== undefined) candidates.push({ type: 'message', to, text: (body ?? '').trim() });
        break;
      }
      case 'synthesize': {
        const summary = (body ?? '').trim();
        candidates.push({ type: 'wait', reason: `synthesize: ${summary}`.slice(0, MAX_REASON_CHARS) });
        warnings.push('<synthesize> is not an action here; read as wait');
        break;
      }
    }
  }

  const tooMany = candidates.length > maxActions;
  const { actions, errors: invalid } = validateActionList(candidates.slice(0, maxActions));
  errors.push(...invalid);
  if (tooMany) errors.unshift(`at most ${maxActions} actions per reply, got more than ${maxActions}`);
  else if (stoppedEarly) errors.push(`stopped reading after ${MAX_TAG_PROBLEMS} problems`);
  if (errors.length > 0) return { ok: false, reason: joinProblems(errors), actions };
  if (actions.length === 0) return { ok: false, reason: 'no actions found: expected tags such as <claim_task id="t01"/>', actions: [] };
  return { ok: true, actions, warnings };
}
