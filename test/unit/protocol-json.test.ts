import { describe, expect, it } from 'vitest';
import { parseJsonActions } from '../../src/core/protocol/parseJson';
import type { ParseResult } from '../../src/core/protocol/actions';

function failure(r: ParseResult): string {
  if (r.ok) throw new Error(`expected failure, got ${JSON.stringify(r.actions)}`);
  return r.reason;
}

const claim = { type: 'claim', task: 't01' };
const write = { type: 'write', path: 'src/clamp.js', content: 'export function clamp(x, lo, hi) {\n  return x < lo ? lo : x > hi ? hi : x;\n}\n' };

describe('parseJsonActions: good replies', () => {
  it('reads the canonical form', () => {
    const r = parseJsonActions(JSON.stringify({ actions: [claim, write] }));
    expect(r).toEqual({ ok: true, actions: [claim, write], warnings: [] });
  });

  it('reads JSON inside a ```json fence with prose around it', () => {
    const text = 'Here is my plan:\n```json\n' + JSON.stringify({ actions: [claim] }, null, 2) + '\n```\nLet me know!';
    const r = parseJsonActions(text);
    expect(r.ok).toBe(true);
    expect(r.actions).toEqual([claim]);
    if (r.ok) expect(r.warnings.length).toBeGreaterThan(0);
  });

  it('keeps braces and quotes inside file content intact', () => {
    const tricky = { type: 'write', path: 'src/a.js', content: 'const s = "}{]["; // {"actions": []}\nexport const o = { a: [1, 2] };' };
    const r = parseJsonActions(`${JSON.stringify({ actions: [tricky] })} trailing words`);
    expect(r.ok).toBe(true);
    expect(r.actions).toEqual([tricky]);
  });

  it('reads a bare single action object', () => {
    const r = parseJsonActions(`I will claim it. ${JSON.stringify(claim)}`);
    expect(r.ok).toBe(true);
    expect(r.actions).toEqual([claim]);
  });

  it('reads a bare array of actions', () => {
    const r = parseJsonActions(JSON.stringify([claim, { type: 'wait' }]));
    expect(r.ok).toBe(true);
    expect(r.actions).toEqual([claim, { type: 'wait' }]);
  });

  it('reads one action object per line as one list', () => {
    const r = parseJsonActions(`${JSON.stringify(claim)}\n${JSON.stringify(write)}`);
    expect(r.ok).toBe(true);
    expect(r.actions).toEqual([claim, write]);
  });

  it('skips prose in braces before the JSON', () => {
    const r = parseJsonActions(`Step {1}: claim [the first task]. ${JSON.stringify({ actions: [claim] })}`);
    expect(r.ok).toBe(true);
    expect(r.actions).toEqual([claim]);
  });

  it('drops unknown extra fields rather than failing', () => {
    const r = parseJsonActions(JSON.stringify({ actions: [{ ...claim, why: 'it is free' }] }));
    expect(r.ok).toBe(true);
    expect(r.actions).toEqual([claim]);
  });
});

describe('parseJsonActions: malformed replies', () => {
  it('rejects an empty reply', () => {
    expect(failure(parseJsonActions(''))).toMatch(/empty/);
    expect(failure(parseJsonActions('   \n'))).toMatch(/empty/);
  });

  it('rejects prose with no JSON', () => {
    expect(failure(parseJsonActions('I will now claim task t01 and write the file.'))).toMatch(/no JSON found/);
  });

  it('rejects truncated JSON and does not pass off an inner action as the reply', () => {
    const full = JSON.stringify({ actions: [claim, write] });
    const r = parseJsonActions(full.slice(0, full.length - 40));
    expect(failure(r)).toMatch(/cut off/);
    expect(r.actions).toEqual([]);
  });

  it('rejects JSON with a syntax error without reading actions out of it', () => {
    const r = parseJsonActions('{"actions": [{"type": "claim", "task": "t01"},]}');
    expect(failure(r)).toMatch(/invalid JSON/);
    expect(r.actions).toEqual([]);
  });

  it('names the missing field and the field of the wrong type, keeping the good actions', () => {
    const r = parseJsonActions(JSON.stringify({ actions: [claim, { type: 'write', content: 42 }] }));
    const reason = failure(r);
    expect(reason).toContain('actions[1].path: required');
    expect(reason).toContain('actions[1].content: expected string, got number');
    expect(r.actions).toEqual([claim]);
  });

  it('rejects "actions" that is not a list', () => {
    expect(failure(parseJsonActions('{"actions": "claim t01"}'))).toBe('actions: expected array, got string');
  });

  it('explains an unknown action type and lists the allowed ones', () => {
    const reason = failure(parseJsonActions('{"actions": [{"type": "edit_file", "path": "src/a.js"}]}'));
    expect(reason).toContain('actions[0].type: unknown action "edit_file"');
    expect(reason).toContain('claim, write, run_tests, complete, message, assign, wait');
  });

  it('reports a missing type', () => {
    expect(failure(parseJsonActions('{"actions": [{"task": "t01"}]}'))).toMatch(/^actions\[0\]\.type: required/);
  });

  it('rejects an empty action list and more than 4 actions', () => {
    expect(failure(parseJsonActions('{"actions": []}'))).toMatch(/at least 1 action/);
    const five = Array.from({ length: 5 }, (_, i) => ({ type: 'claim', task: `t0${i + 1}` }));
    const r = parseJsonActions(JSON.stringify({ actions: five }));
    expect(failure(r)).toMatch(/at most 4 actions per reply, got 5/);
    expect(r.actions).toHaveLength(4);
  });

  it('rejects over-long content, naming the field', () => {
    const r = parseJsonActions(JSON.stringify({ actions: [{ type: 'write', path: 'src/a.js', content: 'x'.repeat(20001) }] }));
    expect(failure(r)).toContain('actions[0].content: too long (20001 characters, at most 20000)');
  });

  it('rejects an empty task id and a non-object action', () => {
    expect(failure(parseJsonActions('{"actions": [{"type": "claim", "task": ""}]}'))).toContain('actions[0].task: must not be empty');
    expect(failure(parseJsonActions('{"actions": [{"type": "wait"}, "claim t01"]}'))).toMatch(/^actions\[1\]: expected an action object/);
  });

  it('rejects JSON that is not about actions', () => {
    expect(failure(parseJsonActions('{"answer": 42}'))).toMatch(/no actions/);
  });

  it('never throws on odd input', () => {
    for (const text of ['{', '[', '}', '"', '{"actions": [', '\\', '{{{{', '[[[]]]', 'null', '{"type": null}'])
      expect(() => parseJsonActions(text)).not.toThrow();
    expect(parseJsonActions('{"actions": [').ok).toBe(false);
  });
});
