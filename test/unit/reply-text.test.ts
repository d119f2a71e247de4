import { describe, expect, it } from 'vitest';
import { readableReply } from '../../src/ui/views/replyText';

describe('readableReply', () => {
  it('turns a JSON action list into one line per action, messages on real lines', () => {
    const text = JSON.stringify({ actions: [{ type: 'claim', task: 't02' }, { type: 'message', to: 'all', text: 'I take t02.\nDon\'t touch it.' }, { type: 'write', path: 'src/a.js', content: 'a\nb\nc' }] });
    const out = readableReply(text);
    expect(out).toBe('claim t02\nmessage → all:\n  I take t02.\n  Don\'t touch it.\nwrite src/a.js (3 lines)');
    expect(out).not.toContain('\\n');
  });

  it('shows a half-streamed reply with real line breaks', () => {
    expect(readableReply('{"actions":[{"type":"message","to":"all","text":"one\\ntwo')).toBe('message → all:\n  one\n  two');
    // Cut at the front, as a long reply's tail is: still one line per action.
    expect(readableReply('0;\\n}"},{"type":"complete","task":"t01"},{"type":"run_tests"}]}')).toBe('complete t01\nrun tests');
    expect(readableReply('no json here\\nat all')).toBe('no json here\nat all');
  });

  it('leaves plain text alone', () => {
    expect(readableReply('<claim_task id="t1"/>')).toBe('<claim_task id="t1"/>');
  });
});
