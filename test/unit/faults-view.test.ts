import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../../src/core/trace/events';
import { faultMarks, faultSnapshot } from '../../src/core/trace/faultView';

const ev: TraceEvent[] = [
  { type: 'fault', t: 1000, fault: 'partition', phase: 'start', agents: ['dev1'], index: 0, text: 'dev1 cut off from the board', from: 'board' },
  { type: 'fault', t: 2000, fault: 'crash', phase: 'start', agents: ['dev2'], index: 1, text: 'dev2 crashed' },
  { type: 'message_fault', t: 2500, id: 'm1', from: 'dev3', to: 'dev1', fault: 'partition', attempt: 0 },
  { type: 'suspect', t: 3000, agent: 'dev1', reason: 'timeout', lastHeard: 1000 },
  { type: 'fault', t: 4000, fault: 'partition', phase: 'end', agents: ['dev1'], index: 0, text: 'healed', from: 'board' },
  { type: 'unsuspect', t: 5000, agent: 'dev1' },
  { type: 'suspect', t: 6000, agent: 'dev3', reason: 'verification' },
];

describe('the fault picture at a moment', () => {
  it('shows who is down, cut off, suspected, and the messages just lost', () => {
    const at = faultSnapshot(ev, 3000, 1000);
    expect(at.down).toEqual(['dev2']);
    expect(at.partitions).toEqual([{ agents: ['dev1'], from: 'board' }]);
    expect(at.suspected).toEqual(['dev1']);
    expect(at.lost).toEqual([{ id: 'm1', from: 'dev3', to: 'dev1', t: 2500, why: 'partition' }]);
    const later = faultSnapshot(ev, 5500, 1000);
    expect(later.partitions).toEqual([]);
    expect(later.suspected).toEqual([]);
    expect(later.lost).toEqual([]);
    // Caught lying: distrusted, drawn as down.
    expect(faultSnapshot(ev, 6000, 1000).down).toEqual(['dev2', 'dev3']);
    expect(faultSnapshot(ev, 500, 1000)).toEqual({ down: [], stalled: [], suspected: [], partitions: [], lost: [] });
  });

  it('marks every fault, heal and detection on the time axis', () => {
    expect(faultMarks(ev).map((m) => `${m.kind}@${m.t}`)).toEqual(['fault@1000', 'fault@2000', 'suspect@3000', 'heal@4000', 'unsuspect@5000', 'caught@6000']);
  });
});
