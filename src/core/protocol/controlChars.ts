/**
 * JSON forbids raw control characters (U+0000–U+001F) inside strings; a model that writes a real
 * tab or line break in a file's content gets only JSON.parse's "Bad control character" otherwise.
 * This names the character, where it is, and how to write it.
 */

const NAMES: Record<number, [string, string]> = {
  0x09: ['tab', '\\t'],
  0x0a: ['line break', '\\n'],
  0x0d: ['carriage return', '\\r'],
  0x08: ['backspace', '\\b'],
  0x0c: ['form feed', '\\f'],
};

/**
 * The first raw control character inside a string of the JSON text `text.slice(start, end)`,
 * described for the model, or null if there is none. One pass over the span.
 */
export function rawControlCharProblem(text: string, start: number, end: number): string | null {
  let inString = false;
  for (let i = start; i < end; i++) {
    const code = text.charCodeAt(i);
    if (!inString) {
      if (code === 0x22) inString = true;
      continue;
    }
    if (code === 0x5c) i++;
    else if (code === 0x22) inString = false;
    else if (code < 0x20) {
      const hex = `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
      const [name, escape] = NAMES[code] ?? ['control character', `\\u${code.toString(16).padStart(4, '0')}`];
      return `a string holds a raw ${name} (${hex}) at character ${i}; inside JSON strings write it as ${escape}`;
    }
  }
  return null;
}
