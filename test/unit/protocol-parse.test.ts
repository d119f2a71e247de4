import { describe, expect, it } from 'vitest';
import { checkWritePath, detectFormat, parseActions, validateActionsForRole } from '../../src/core/protocol/parse';
import type { Action } from '../../src/core/protocol/actions';

describe('parseActions', () => {
  it('auto-detects JSON when a brace comes before any tag', () => {
    expect(detectFormat('{"actions": [{"type": "write", "path": "src/a.js", "content": "<div>"}]}')).toBe('json');
    const r = parseActions('{"actions": [{"type": "write", "path": "src/a.js", "content": "<div>"}]}', 'auto');
    expect(r.ok).toBe(true);
    expect(r.actions).toEqual([{ type: 'write', path: 'src/a.js', content: '<div>' }]);
  });

  it('auto-detects tags when a tag comes before any brace', () => {
    expect(detectFormat('<edit_file path="src/a.js">export const o = {};</edit_file>')).toBe('xml');
    const r = parseActions('<edit_file path="src/a.js">export const o = {};</edit_file>', 'auto');
    expect(r.actions).toEqual([{ type: 'write', path: 'src/a.js', content: 'export const o = {};' }]);
  });

  it('falls back to tags when a brace in prose misleads detection', () => {
    const r = parseActions('Plan {step 1}: <claim_task id="t04"/>', 'auto');
    expect(r.ok).toBe(true);
    expect(r.actions).toEqual([{ type: 'claim', task: 't04' }]);
  });

  it('honours an explicit format', () => {
    expect(parseActions('<claim_task id="t01"/>', 'json').ok).toBe(false);
    expect(parseActions('{"type": "claim", "task": "t01"}', 'xml').ok).toBe(false);
    expect(parseActions('{"type": "claim", "task": "t01"}', 'json').actions).toEqual([{ type: 'claim', task: 't01' }]);
  });

  it('reports the first reader’s reason when neither format works', () => {
    const r = parseActions('{"actions": [{"type": "fly"}]}', 'auto');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toContain('unknown action "fly"');
  });
});

describe('validateActionsForRole', () => {
  const team = ['dev1', 'dev2', 'lead'];

  it('lets only the leader assign, and only to a known agent', () => {
    const assign: Action = { type: 'assign', task: 't01', to: 'dev2' };
    const worker = validateActionsForRole([assign], 'worker', team);
    expect(worker.actions).toEqual([]);
    expect(worker.errors[0]).toMatch(/only the leader may assign/);
    expect(validateActionsForRole([assign], 'leader', team)).toEqual({ actions: [assign], errors: [] });
    const ghost = validateActionsForRole([{ type: 'assign', task: 't01', to: 'dev9' }], 'leader', team);
    expect(ghost.actions).toEqual([]);
    expect(ghost.errors[0]).toContain('unknown agent "dev9"');
  });

  it('accepts messages to a known agent or "all" and drops others', () => {
    const r = validateActionsForRole(
      [
        { type: 'message', to: 'all', text: 'hi' },
        { type: 'message', to: 'dev1', text: 'hi' },
        { type: 'message', to: 'Dev7', text: 'hi' },
      ],
      'worker',
      team,
    );
    expect(r.actions.map((a) => (a.type === 'message' ? a.to : ''))).toEqual(['all', 'dev1']);
    expect(r.errors).toEqual(['actions[2] (message): unknown recipient "Dev7"; use "all" or one of: dev1, dev2, lead']);
  });

  it('keeps writes under src/ and refuses escapes, absolute paths and other folders', () => {
    const paths = ['src/a.js', './src/b.js', '../etc/passwd', 'src/../x.js', '/src/a.js', 'test/a.test.js', 'src\\a.js', 'src//a.js', 'C:/src/a.js', 'src/'];
    const r = validateActionsForRole(
      paths.map((path) => ({ type: 'write', path, content: '' })),
      'worker',
      team,
    );
    expect(r.actions).toEqual([
      { type: 'write', path: 'src/a.js', content: '' },
      { type: 'write', path: 'src/b.js', content: '' },
    ]);
    expect(r.errors).toHaveLength(paths.length - 2);
    expect(r.errors[0]).toContain('"../etc/passwd" must not contain ".."');
  });

  it('allows any relative path when the prefix is empty (imported harness suites)', () => {
    const r = validateActionsForRole([{ type: 'write', path: 'add.py', content: '' }], 'worker', team, { pathPrefix: '' });
    expect(r.errors).toEqual([]);
    expect(checkWritePath('../add.py', '')).toMatch(/\.\./);
  });

  it('passes the other actions through untouched', () => {
    const actions: Action[] = [{ type: 'claim', task: 't01' }, { type: 'run_tests' }, { type: 'complete', task: 't01' }, { type: 'wait' }];
    expect(validateActionsForRole(actions, 'worker', team)).toEqual({ actions, errors: [] });
  });
});
