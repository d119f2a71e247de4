import { describe, expect, it } from 'vitest';
import { BREAKDOWN_BUCKETS, computeBreakdown } from '../../src/core/metrics/breakdown';
import { paintTimeline, unionLength } from '../../src/core/metrics/intervals';
import { asyncTwoAgentTrace, syncTwoAgentTrace } from '../fixtures/metricsTraces';

const sum = (r: Record<string, number>): number => Object.values(r).reduce((a, b) => a + b, 0);

describe('computeBreakdown on the sync run', () => {
  const b = computeBreakdown(syncTwoAgentTrace());

  it('splits each agent\'s wall time exactly', () => {
    expect(b.wallMs).toBe(9000);
    expect(b.agents).toEqual(['A1', 'A2']);
    expect(b.totalMs).toBe(18000);
    expect(sum(b.buckets)).toBe(18000);
    for (const a of b.agents) expect(sum(b.perAgent[a] ?? {})).toBe(9000);
  });

  it('classifies steps: rework, dependency wait, coordination, useful', () => {
    // A1 r1 wrote a.js, tests failed, A1 rewrote it in r2. A2 r1 only made a blocked claim and
    // lost a race. A2 r2 only sent a message. A2 r3's b.js was overwritten in the same round
    // with no failed test in between: not rework.
    expect(b.steps).toEqual({ useful: 3, rework: 1, coordination: 1, dependencyWait: 1, other: 0 });
    expect(b.tokens).toEqual({ useful: 160 + 140 + 180, rework: 150, coordination: 110, dependencyWait: 200, other: 0 });
  });

  it('gives A1 its worked-out buckets', () => {
    expect(b.perAgent.A1).toEqual({
      useful: 1000 + 1800,
      rework: 1000,
      coordination: 0,
      dependencyWait: 0,
      testing: 500 + 500,
      lockWait: 200,
      // r1: reply 1000, slowest 3000, less the test 1000-1500; r2: 4500 -> 6500; r3: A1 is the slowest.
      straggler: 1500 + 2000,
      // r1: 3000 -> 3500; r3: 8300 -> 9000 is all lock wait and tests.
      barrierWait: 500,
      fault: 0,
      recovery: 0,
      other: 0,
    });
  });

  it('gives A2 its worked-out buckets', () => {
    expect(b.perAgent.A2).toEqual({
      useful: 1000,
      rework: 0,
      coordination: 3000,
      dependencyWait: 3000,
      testing: 0,
      lockWait: 0,
      // r3: reply at 7500, slowest at 8300.
      straggler: 800,
      // r1: 3000 -> 3500; r3: 8300 -> 9000.
      barrierWait: 500 + 700,
      fault: 0,
      recovery: 0,
      other: 0,
    });
  });

  it('lists every bucket', () => {
    expect(Object.keys(b.buckets).sort()).toEqual([...BREAKDOWN_BUCKETS].sort());
  });
});

describe('computeBreakdown on the async run', () => {
  it('has no barrier or straggler time and still adds up', () => {
    const b = computeBreakdown(asyncTwoAgentTrace());
    expect(b.buckets.barrierWait).toBe(0);
    expect(b.buckets.straggler).toBe(0);
    expect(sum(b.buckets)).toBe(2 * 2600);
    // A1 is in a step from 0 to 2500, then idle to the end; A2 is in a step the whole time.
    expect(b.perAgent.A1?.other).toBe(100);
    expect(b.perAgent.A2?.other).toBe(0);
  });
});

describe('interval helpers', () => {
  it('unionLength counts overlaps once and clips', () => {
    expect(unionLength([{ start: 0, end: 10 }, { start: 5, end: 15 }, { start: 20, end: 30 }], 0, 25)).toBe(20);
  });

  it('paintTimeline gives each instant to the first label in priority order', () => {
    const painted = paintTimeline(
      [
        { start: 0, end: 10, label: 'b' },
        { start: 5, end: 8, label: 'a' },
      ],
      ['a', 'b'],
      'rest',
      0,
      12,
    );
    expect(Object.fromEntries(painted)).toEqual({ a: 3, b: 7, rest: 2 });
  });
});

describe('coordination is measured, not only talk-only steps', () => {
  it('a useful step that also messages gives the message share of its time to coordination', async () => {
    const { talkShare } = await import('../../src/core/metrics/breakdown');
    expect(talkShare([{ type: 'write', content: 'x'.repeat(180) }])).toBe(0);
    expect(talkShare([{ type: 'write', content: 'x'.repeat(180) }, { type: 'message', text: 'y'.repeat(180) }])).toBeCloseTo(0.5);
    const { syncTwoAgentTrace } = await import('../fixtures/metricsTraces');
    const events = syncTwoAgentTrace();
    // Give A1's useful round-3 step a message as long as its write: half its step is coordination.
    const end = events.find((e) => e.type === 'step_end' && e.agent === 'A1' && e.round === 3);
    if (!end || end.type !== 'step_end') throw new Error('fixture changed');
    const write = end.actions.find((a) => a.type === 'write');
    if (!write || write.type !== 'write') throw new Error('fixture changed');
    end.actions = [...end.actions, { type: 'message', to: 'all', text: 'z'.repeat(Math.max(0, write.content.length)) }];
    const before = computeBreakdown(syncTwoAgentTrace());
    const after = computeBreakdown(events);
    expect(after.perAgent.A1?.coordination).toBeGreaterThan(0);
    expect(after.perAgent.A1?.useful).toBeLessThan(before.perAgent.A1?.useful ?? 0);
    expect(sum(after.perAgent.A1 ?? {})).toBe(9000);
  });
});
