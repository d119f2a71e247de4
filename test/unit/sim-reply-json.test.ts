import { describe, expect, it } from 'vitest';
import type { Action } from '../../src/core/protocol/actions';
import { detectFormat } from '../../src/core/protocol/parse';
import { replyJson } from '../../src/core/sim/simEngine';
import { findSuite } from '../../src/core/workload/suites';

// The simulated engine encodes its replies with a memo of escaped strings; the text must be
// exactly what JSON.stringify gives, or traces would change with the memo's state.
describe('replyJson', () => {
  const code = findSuite('math', 0.5)!.tasks.map((t) => t.reference ?? '');
  const cases: Action[][] = [
    [],
    [{ type: 'wait' }],
    [{ type: 'wait', reason: undefined }],
    [{ type: 'wait', reason: 'say "hi"\\ and a tab\t, a newline\n and \u0001 and a lone \ud800 surrogate' }],
    [{ type: 'claim', task: 't01' }, { type: 'write', path: 'src/a.js', content: code[0] }, { type: 'run_tests' }, { type: 'complete', task: 't01' }],
    [{ type: 'message', to: 'all', text: 'taking t02, t03 — ünïcödé ✓' }, { type: 'assign', task: 't04', to: 'dev2' }],
    code.slice(0, 4).map((content, i) => ({ type: 'write', path: `src/f${i}.js`, content })),
  ];
  it('gives the bytes JSON.stringify gives, the first time and from the memo', () => {
    for (const actions of cases) {
      const want = JSON.stringify({ actions });
      expect(replyJson(actions)).toBe(want);
      expect(replyJson(actions)).toBe(want);
      expect(JSON.parse(replyJson(actions))).toEqual(JSON.parse(want));
    }
  });
  it('leaves out fields that are undefined, as JSON.stringify does', () => {
    expect(replyJson([{ type: 'run_tests', task: undefined }])).toBe('{"actions":[{"type":"run_tests"}]}');
  });
});

describe('detectFormat', () => {
  it('reads JSON when the first brace comes before any tag, whatever the code after it holds', () => {
    expect(detectFormat('{"actions":[{"type":"write","content":"a < b && <div>"}]}')).toBe('json');
    expect(detectFormat('Sure: {"actions":[]}')).toBe('json');
  });
  it('reads tags when a tag comes first or there is no brace', () => {
    expect(detectFormat('<claim_task id="t01"/> {"x":1}')).toBe('xml');
    expect(detectFormat('<edit_file path="src/a.js">function f() { return 1; }</edit_file>')).toBe('xml');
    expect(detectFormat('no structure at all')).toBe('xml');
    expect(detectFormat('a < b then {"actions":[]}')).toBe('json');
  });
});
