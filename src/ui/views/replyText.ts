/**
 * A model's reply as a person reads it: a JSON action list becomes one line per action (claim,
 * write, message with its text on real lines), and escaped newlines in anything else are shown
 * as line breaks. Text stays text: the caller renders it as such, never as HTML.
 */
function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function str(x: unknown): string {
  return typeof x === 'string' ? x : '';
}

function lineOf(a: Record<string, unknown>): string {
  switch (a.type) {
    case 'claim':
      return `claim ${str(a.task)}`;
    case 'complete':
      return `complete ${str(a.task)}`;
    case 'run_tests':
      return a.task ? `run tests of ${str(a.task)}` : 'run tests';
    case 'write': {
      const lines = str(a.content).split('\n').length;
      return `write ${str(a.path)} (${lines} ${lines === 1 ? 'line' : 'lines'})`;
    }
    case 'message':
      return `message → ${str(a.to) || '?'}:\n  ${str(a.text).replace(/\n/g, '\n  ')}`;
    case 'assign':
      return `assign ${str(a.task)} → ${str(a.to)}`;
    case 'wait':
      return a.reason ? `wait: ${str(a.reason)}` : 'wait';
    default:
      return JSON.stringify(a);
  }
}

/** Parsed actions (as the trace keeps them on step_end), one readable line each. */
export function formatActions(actions: readonly object[]): string {
  return actions.filter(isObject).map(lineOf).join('\n') || '(no actions)';
}

export function readableReply(text: string): string {
  const trimmed = text.trim();
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    try {
      const parsed: unknown = JSON.parse(trimmed);
      const actions = Array.isArray(parsed) ? parsed : isObject(parsed) && Array.isArray(parsed.actions) ? parsed.actions : null;
      if (actions) {
        const lines = actions.filter(isObject).map(lineOf);
        const thought = isObject(parsed) && typeof parsed.thought === 'string' ? [`“${parsed.thought}”`] : [];
        return [...thought, ...lines].join('\n') || '(no actions)';
      }
    } catch {
      // A reply still streaming, or not JSON after all: fall through to showing it as text.
    }
  }
  // A JSON reply still being written (or cut at the front): pick out the actions begun so far.
  const partial = partialActions(text);
  if (partial !== null) return partial;
  // Escaped newlines inside a half-written JSON string read better as real ones.
  return unescape(text);
}

function unescape(s: string): string {
  return s.replace(/\\n/g, '\n').replace(/\\"/g, '"');
}

/** The actions of a partial JSON reply, one readable line each; null when it holds none. */
function partialActions(text: string): string | null {
  const starts = [...text.matchAll(/"type"\s*:\s*"(\w+)"/g)];
  if (starts.length === 0) return null;
  const field = (chunk: string, name: string): string => {
    const m = chunk.match(new RegExp(`"${name}"\\s*:\\s*"((?:[^"\\\\]|\\\\.)*)"?`));
    return m ? unescape(m[1] ?? '') : '';
  };
  const lines = starts.map((m, i) => {
    const from = m.index ?? 0;
    const chunk = text.slice(Math.max(0, text.lastIndexOf('{', from)), starts[i + 1]?.index ?? text.length);
    const a: Record<string, unknown> = { type: m[1] };
    for (const k of ['task', 'path', 'to', 'text', 'reason']) {
      const v = field(chunk, k);
      if (v) a[k] = v;
    }
    if (a.type === 'write') a.content = field(chunk, 'content');
    return lineOf(a);
  });
  return lines.join('\n');
}
