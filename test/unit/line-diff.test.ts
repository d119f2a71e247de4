import { describe, expect, it } from 'vitest';
import { lineDiff, summarizeDiff, type DiffLine } from '../../src/core/trace/lineDiff';

const render = (lines: DiffLine[]): string[] => lines.map((l) => `${l.op === 'same' ? ' ' : l.op === 'add' ? '+' : '-'}${l.text}`);

/** Applying the diff's kept and added lines must rebuild the new text; kept and removed, the old. */
function rebuild(lines: DiffLine[], side: 'old' | 'new'): string[] {
  return lines.filter((l) => l.op === 'same' || l.op === (side === 'old' ? 'del' : 'add')).map((l) => l.text);
}

describe('lineDiff', () => {
  it('shows a replaced line as removed then added, keeping the rest', () => {
    const a = 'function f() {\n  return 1;\n}\n';
    const b = 'function f() {\n  return 2;\n}\n';
    expect(render(lineDiff(a, b))).toEqual([' function f() {', '-  return 1;', '+  return 2;', ' }']);
  });

  it('finds the longest common subsequence, not just the common head and tail', () => {
    const a = ['a', 'b', 'c', 'd', 'e'].join('\n');
    const b = ['x', 'b', 'c', 'y', 'e'].join('\n');
    const d = lineDiff(a, b);
    expect(summarizeDiff(d)).toEqual({ added: 2, removed: 2, unchanged: 3 });
    expect(render(d)).toEqual(['-a', '+x', ' b', ' c', '-d', '+y', ' e']);
  });

  it('numbers lines on each side', () => {
    const d = lineDiff('one\ntwo\nthree', 'zero\none\nthree');
    expect(d).toEqual([
      { op: 'add', text: 'zero', newLine: 1 },
      { op: 'same', text: 'one', oldLine: 1, newLine: 2 },
      { op: 'del', text: 'two', oldLine: 2 },
      { op: 'same', text: 'three', oldLine: 3, newLine: 3 },
    ]);
  });

  it('treats empty texts and a trailing newline sensibly', () => {
    expect(lineDiff('', '')).toEqual([]);
    expect(render(lineDiff('', 'a\nb\n'))).toEqual(['+a', '+b']);
    expect(render(lineDiff('a\nb\n', ''))).toEqual(['-a', '-b']);
    expect(summarizeDiff(lineDiff('a\nb\n', 'a\nb'))).toEqual({ added: 0, removed: 0, unchanged: 2 });
    expect(render(lineDiff('a\r\nb', 'a\nb'))).toEqual([' a', ' b']);
  });

  it('rebuilds both texts from any diff', () => {
    const a = 'k\nl\nm\nn\nk\nl\no\np';
    const b = 'l\nk\nm\nq\nk\np\nl';
    const d = lineDiff(a, b);
    expect(rebuild(d, 'old')).toEqual(a.split('\n'));
    expect(rebuild(d, 'new')).toEqual(b.split('\n'));
    // LCS of these two has 4 lines (e.g. k m k p); a worse alignment keeps fewer.
    expect(summarizeDiff(d).unchanged).toBe(4);
  });

  it('falls back to a block replace past the size limit and stays correct', () => {
    const a = 'head\nx1\nx2\nx3\ntail';
    const b = 'head\ny1\nx2\ny3\ntail';
    const d = lineDiff(a, b, 4);
    expect(render(d)).toEqual([' head', '-x1', '-x2', '-x3', '+y1', '+x2', '+y3', ' tail']);
    expect(rebuild(d, 'new')).toEqual(b.split('\n'));
  });
});
