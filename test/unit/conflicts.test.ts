import { describe, expect, it } from 'vitest';
import { explainConflict } from '../../src/core/trace/conflicts';
import type { RunConfig, TraceEvent } from '../../src/core/trace/events';

const config: RunConfig = { suite: 's', structure: 'decentralized', n: 2, mode: 'sync', seed: 1, engine: 'sim:x', maxRounds: 5, maxTimeMs: 0, locks: false };
const base: TraceEvent[] = [
  { type: 'run_start', t: 0, config, suite: { id: 's', name: 's', p: 1, tasks: [{ id: 't05', title: 'x', file: 'src/x.js', dependencies: [] }] }, agents: [] },
  { type: 'round_start', t: 0, round: 1 },
  { type: 'step_start', t: 0, agent: 'dev1', round: 1, step: 1, system: '', prompt: '' },
  { type: 'step_start', t: 0, agent: 'dev2', round: 1, step: 1, system: '', prompt: '' },
  { type: 'claim', t: 1000, round: 1, agent: 'dev1', task: 't05', ok: true },
  { type: 'message_send', t: 1000, round: 1, id: 'm1', from: 'dev1', to: 'dev2', text: 'taking t05', bytes: 10, channel: 'dev1~dev2' },
  { type: 'write', t: 1000, round: 1, agent: 'dev1', path: 'src/x.js', version: 1, bytes: 1, content: 'a', concurrent: false, rewrite: false },
  { type: 'message_deliver', t: 1002, id: 'm1', to: 'dev2' },
  { type: 'claim', t: 1500, round: 1, agent: 'dev2', task: 't05', ok: false, reason: 'taken' },
  { type: 'write', t: 1500, round: 1, agent: 'dev2', path: 'src/x.js', version: 2, bytes: 1, content: 'b', concurrent: true, rewrite: false },
];

describe('explaining a concurrent write', () => {
  it('names the stale view and the message that arrived too late', () => {
    const x = explainConflict(base, 'src/x.js', 2)!;
    expect(x).toMatchObject({ writer: 'dev2', other: 'dev1', viewT: 0, otherClaimT: 1000, message: { id: 'm1', text: 'taking t05', sentT: 1000, deliveredT: 1002 } });
    expect(x.text).toContain('dev2 read the board at 0.0 s, before dev1 claimed t05 at 1.0 s');
    expect(x.text).toContain('"taking t05" reached dev2 at 1.0 s, after that view was taken: a stale read');
  });

  it('says when the warning had arrived before the step and went unheeded', () => {
    const later = base.map((e) => (e.type === 'step_start' && e.agent === 'dev2' ? { ...e, t: 1200 } : e));
    expect(explainConflict(later, 'src/x.js', 2)!.text).toContain('had reached dev2 at 1.0 s, before its step');
  });

  it('says when no message warned the writer, and returns null for a write that did not collide', () => {
    const silent = base.filter((e) => e.type !== 'message_send' && e.type !== 'message_deliver');
    expect(explainConflict(silent, 'src/x.js', 2)!.text).toContain('No message from dev1 named the task');
    expect(explainConflict(base, 'src/x.js', 1)).toBeNull();
  });
});
