import { describe, expect, it } from 'vitest';
import { rawControlCharProblem } from '../../src/core/protocol/controlChars';
import { parseJsonActions } from '../../src/core/protocol/parseJson';
import { parseActions } from '../../src/core/protocol/parse';

describe('raw control characters in JSON strings', () => {
  it('a literal tab in file content is a protocol error naming the tab, where it is and how to write it', () => {
    const text = '{"actions": [{"type": "write", "path": "src/a.js", "content": "a\tb"}]}';
    const r = parseJsonActions(text);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.reason).toContain(`raw tab (U+0009) at character ${text.indexOf('\t')}`);
    expect(r.reason).toContain('write it as \\t');
    expect(r.reason).not.toMatch(/Bad control character/);
    expect(r.actions).toEqual([]);
  });

  it('a literal line break in a message says \\n; other control characters get a \\u escape', () => {
    const nl = parseActions('{"actions": [{"type": "message", "to": "all", "text": "one\ntwo"}]}', 'auto');
    expect(nl.ok).toBe(false);
    if (!nl.ok) expect(nl.reason).toMatch(/raw line break \(U\+000A\).*write it as \\n/);
    expect(rawControlCharProblem('{"a":"x\u0001"}', 0, 11)).toMatch(/U\+0001.*\\u0001/);
  });

  it('escaped control characters, and control characters outside strings, are not reported', () => {
    expect(rawControlCharProblem('{"a": "tab\\there \\"q\\" \\\\"}', 0, 26)).toBeNull();
    expect(rawControlCharProblem('{\n\t"a": 1\n}', 0, 11)).toBeNull();
    const ok = parseJsonActions('{\n\t"actions": [{"type": "write", "path": "src/a.js", "content": "a\\tb\\n"}]\n}');
    expect(ok.ok).toBe(true);
    if (ok.ok) expect(ok.actions[0]).toEqual({ type: 'write', path: 'src/a.js', content: 'a\tb\n' });
  });
});
