// @vitest-environment jsdom
// Faults drawn where they happen: the team graph and the timeline.
import { describe, expect, it } from 'vitest';
import { render } from '@testing-library/svelte';
import TeamGraph from '../../src/ui/views/TeamGraph.svelte';
import Timeline from '../../src/ui/views/Timeline.svelte';
import type { TraceEvent } from '../../src/core/trace/events';
import { syncDecentralizedTrace } from '../fixtures/traces';

/** The fixture with its message lost, Dev3 crashed and Dev1 cut off from the board. */
function faulted(): TraceEvent[] {
  const events = syncDecentralizedTrace.filter((e) => e.type !== 'message_deliver' && e.type !== 'run_end');
  const send = events.find((e) => e.type === 'message_send');
  if (!send || send.type !== 'message_send') throw new Error('the fixture has a message');
  const extra: TraceEvent[] = [
    { type: 'message_fault', t: send.t, id: send.id, from: send.from, to: send.to, fault: 'drop', attempt: 0 },
    { type: 'fault', t: 1600, fault: 'crash', phase: 'start', agents: ['Dev3'], index: 0, text: 'Dev3 crashed' },
    { type: 'fault', t: 1600, fault: 'partition', phase: 'start', agents: ['Dev1'], index: 1, text: 'Dev1 cut off from the board', from: 'board' },
    { type: 'suspect', t: 1700, agent: 'Dev1', reason: 'timeout', lastHeard: 1000 },
  ];
  return [...events, ...extra].sort((a, b) => a.t - b.t);
}

describe('fault views', () => {
  it('the team graph strikes a crashed agent, fences and rings a cut-off one, and crosses out the lost message instead of delivering it', () => {
    const { container } = render(TeamGraph, { props: { events: faulted(), t: 1750, speed: 0.1 } });
    expect(container.querySelector('[data-struck="Dev3"]')).not.toBeNull();
    expect(container.querySelector('[data-struck="Dev1"]')).toBeNull();
    expect(container.querySelector('[data-partitioned="Dev1"]')).not.toBeNull();
    expect(container.querySelector('[data-suspected="Dev1"]')).not.toBeNull();
    expect(container.querySelector('[data-lost="m1"]')).not.toBeNull();
    expect(container.querySelector('g.message[data-message="m1"]')).toBeNull();
  });

  it('before the faults, and in a fault-free run, nothing is drawn', () => {
    const early = render(TeamGraph, { props: { events: faulted(), t: 1000 } });
    expect(early.container.querySelector('[data-struck], [data-partitioned], [data-suspected]')).toBeNull();
    const clean = render(TeamGraph, { props: { events: syncDecentralizedTrace, t: 1750 } });
    expect(clean.container.querySelector('g.faults')).toBeNull();
  });

  it('the timeline marks the faults on the struck agents\' lanes and the suspicion', () => {
    const { container } = render(Timeline, { props: { events: faulted(), t: 3000, onSeek: () => {} } });
    expect(container.querySelectorAll('.fault-mark[data-kind="fault"]')).toHaveLength(2);
    expect(container.querySelectorAll('.fault-mark[data-kind="suspect"]')).toHaveLength(1);
    const clean = render(Timeline, { props: { events: syncDecentralizedTrace, t: 3000, onSeek: () => {} } });
    expect(clean.container.querySelector('.fault-marks')).toBeNull();
  });
});
