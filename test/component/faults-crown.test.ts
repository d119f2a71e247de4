// @vitest-environment jsdom
// Failover and lost actions drawn on the team graph: a crown on the elected leader, a crossed-out
// envelope between an agent and the board where its action was lost.
import { describe, expect, it } from 'vitest';
import { render } from '@testing-library/svelte';
import TeamGraph from '../../src/ui/views/TeamGraph.svelte';
import type { TraceEvent } from '../../src/core/trace/events';
import { syncDecentralizedTrace } from '../fixtures/traces';

function withFailover(): TraceEvent[] {
  const events = syncDecentralizedTrace.filter((e) => e.type !== 'run_end');
  const extra: TraceEvent[] = [
    { type: 'fault', t: 1200, fault: 'crash', phase: 'start', agents: ['Dev1'], index: 0, text: 'Dev1 crashed' },
    { type: 'action_fault', t: 1300, agent: 'Dev3', id: 'Dev3/2/1', action: 'complete', task: 't1', fault: 'drop', attempt: 0 },
    { type: 'leader_elected', t: 1600, leader: 'Dev2', previous: 'Dev1', term: 2, detectMs: 400, lastHeard: 1200 },
  ];
  return [...events, ...extra].sort((a, b) => a.t - b.t);
}

describe('failover and lost actions on the team graph', () => {
  it('crowns the elected leader from its election on', () => {
    const before = render(TeamGraph, { props: { events: withFailover(), t: 1500 } });
    expect(before.container.querySelector('[data-leader]')).toBeNull();
    const after = render(TeamGraph, { props: { events: withFailover(), t: 1700 } });
    const crown = after.container.querySelector('[data-leader]');
    expect(crown?.getAttribute('data-leader')).toBe('Dev2');
    expect(crown?.querySelector('title')?.textContent).toMatch(/Dev2 leads \(term 2\)/);
  });

  it('crosses out an action lost on its way to the board', () => {
    const { container } = render(TeamGraph, { props: { events: withFailover(), t: 1400 } });
    const lost = container.querySelector('[data-lost="Dev3/2/1#0"]');
    expect(lost).not.toBeNull();
    expect(lost?.querySelector('title')?.textContent).toMatch(/Dev3 → board: complete lost on the way to the board/);
  });
});
