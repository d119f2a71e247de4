import { describe, expect, it } from 'vitest';
import { parseXmlActions } from '../../src/core/protocol/parseXml';
import type { ParseResult } from '../../src/core/protocol/actions';

function failure(r: ParseResult): string {
  if (r.ok) throw new Error(`expected failure, got ${JSON.stringify(r.actions)}`);
  return r.reason;
}

describe('parseXmlActions: good replies', () => {
  it('maps every harness tag onto an action, in the order written', () => {
    // A reply holds at most four actions, as in the JSON format; two replies cover every tag.
    const first = [
      'I will take t01.',
      '<claim_task id="t01"/>',
      '<edit_file path="src/lt.js">',
      'export function lt(a, b) {',
      '  return a < b && !(b > a + 10) ? "<ok>" : "</no>";',
      '}',
      '</edit_file>',
      '<run_tests/>',
      '<complete_task id="t01" />',
    ].join('\n');
    const second = ['<broadcast>t01 is done</broadcast>', '<message to="dev2">please take t02</message>', '<assign_task id="t03" to="dev3"/>', '<wait/>'].join('\n');
    const a = parseXmlActions(first);
    const b = parseXmlActions(second);
    expect(a.ok && b.ok).toBe(true);
    expect([...a.actions, ...b.actions]).toEqual([
      { type: 'claim', task: 't01' },
      { type: 'write', path: 'src/lt.js', content: 'export function lt(a, b) {\n  return a < b && !(b > a + 10) ? "<ok>" : "</no>";\n}' },
      { type: 'run_tests' },
      { type: 'complete', task: 't01' },
      { type: 'message', to: 'all', text: 't01 is done' },
      { type: 'message', to: 'dev2', text: 'please take t02' },
      { type: 'assign', task: 't03', to: 'dev3' },
      { type: 'wait' },
    ]);
  });

  it('does not read tags inside file content as actions', () => {
    const r = parseXmlActions('<edit_file path="src/doc.js">\n// example: <claim_task id="t09"/>\nexport const x = 1;\n</edit_file>');
    expect(r.ok).toBe(true);
    expect(r.actions).toHaveLength(1);
    expect(r.actions[0]).toMatchObject({ type: 'write', content: '// example: <claim_task id="t09"/>\nexport const x = 1;' });
  });

  it('maps request_status and synthesize to wait, with a warning', () => {
    const r = parseXmlActions('<request_status/>\n<synthesize>all tasks look fine</synthesize>');
    expect(r.ok).toBe(true);
    expect(r.actions).toEqual([
      { type: 'wait', reason: 'request_status' },
      { type: 'wait', reason: 'synthesize: all tasks look fine' },
    ]);
    if (r.ok) expect(r.warnings).toHaveLength(2);
  });

  it('tolerates single quotes, missing slashes and a markdown fence inside edit_file', () => {
    const r = parseXmlActions("<claim_task id='t02'>\n<edit_file path='src/b.js'>\n```javascript\nexport const b = 2;\n```\n</edit_file>\n<run_tests></run_tests>");
    expect(r.ok).toBe(true);
    expect(r.actions).toEqual([
      { type: 'claim', task: 't02' },
      { type: 'write', path: 'src/b.js', content: 'export const b = 2;' },
      { type: 'run_tests' },
    ]);
  });

  it('keeps the indentation of the first line of a file', () => {
    const r = parseXmlActions('<edit_file path="a.py">\n    x = 1\n</edit_file>');
    expect(r.actions[0]).toMatchObject({ content: '    x = 1' });
  });
});

describe('parseXmlActions: malformed replies', () => {
  it('finds no actions in prose or an empty reply', () => {
    expect(failure(parseXmlActions('I am thinking about which task to claim.'))).toMatch(/no actions found/);
    expect(failure(parseXmlActions(''))).toMatch(/no actions found/);
    expect(failure(parseXmlActions('<p>some <b>html</b></p>'))).toMatch(/no actions found/);
  });

  it('rejects an unclosed edit_file but keeps the actions before it', () => {
    const r = parseXmlActions('<claim_task id="t01"/>\n<edit_file path="src/a.js">\nexport const a = 1 < 2;\n<complete_task id="t01"/>');
    expect(failure(r)).toContain('unclosed tag <edit_file path="src/a.js">: no </edit_file> found');
    // The complete_task was inside the unclosed body, so it must not count.
    expect(r.actions).toEqual([{ type: 'claim', task: 't01' }]);
  });

  it('rejects an opening tag cut off before ">"', () => {
    expect(failure(parseXmlActions('<claim_task id="t01"'))).toMatch(/unclosed <claim_task tag/);
  });

  it('names the missing attribute', () => {
    const r = parseXmlActions('<claim_task/>\n<assign_task id="t02"/>\n<complete_task id="t03"/>');
    const reason = failure(r);
    expect(reason).toContain('<claim_task> at character 0: missing id="..." attribute');
    expect(reason).toContain('missing to="..." attribute');
    expect(r.actions).toEqual([{ type: 'complete', task: 't03' }]);
  });

  it('rejects an empty broadcast', () => {
    expect(failure(parseXmlActions('<broadcast>  </broadcast>'))).toMatch(/text: must not be empty/);
  });

  it('rejects a tag whose attributes are not name="value"', () => {
    expect(failure(parseXmlActions('<claim_task t01/>'))).toMatch(/malformed <claim_task> tag/);
  });
});
