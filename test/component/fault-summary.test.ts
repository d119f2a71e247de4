// @vitest-environment jsdom
// The Metrics view's fault summary names failovers and actions lost or copied on the way to the
// board, up to the playhead, and only in runs that have them.
import { describe, expect, it } from 'vitest';
import { render } from '@testing-library/svelte';
import FaultSummary from '../../src/ui/views/FaultSummary.svelte';
import type { TraceEvent } from '../../src/core/trace/events';
import { syncDecentralizedTrace } from '../fixtures/traces';

const base = syncDecentralizedTrace.filter((e) => e.type !== 'run_end');

function withFaults(): TraceEvent[] {
  const extra: TraceEvent[] = [
    { type: 'fault', t: 1000, fault: 'crash', phase: 'start', agents: ['Dev3'], index: 0, text: 'Dev3 crashed' },
    { type: 'leader_elected', t: 1500, leader: 'Dev1', previous: 'Dev3', term: 1, detectMs: 500 },
    { type: 'action_fault', t: 1600, agent: 'Dev1', id: 'Dev1/2/0', action: 'complete', task: 't1', fault: 'drop', attempt: 0 },
    { type: 'action_retry', t: 1700, agent: 'Dev1', id: 'Dev1/2/0', action: 'complete', attempt: 1 },
    { type: 'action_fault', t: 1800, agent: 'Dev2', id: 'Dev2/3/0', action: 'write', path: 'src/a.js', fault: 'duplicate', attempt: 0 },
    { type: 'action_fault', t: 1900, agent: 'Dev2', id: 'Dev2/3/1', action: 'write', path: 'src/a.js', fault: 'duplicate', attempt: 0, ignored: true },
  ];
  return [...base, ...extra].sort((a, b) => a.t - b.t);
}

const row = (c: HTMLElement, key: string) => c.querySelector(`[data-key="${key}"]`)?.textContent?.replace(/\s+/g, ' ').trim();

describe('fault summary: failover and actions', () => {
  it('counts elections and lost, copied, ignored and retried actions up to the playhead', () => {
    const { container } = render(FaultSummary, { props: { events: withFaults(), t: 2000 } });
    expect(row(container, 'elections')).toContain('Leaders elected 1');
    expect(row(container, 'actions')).toContain('1 / 1');
    expect(row(container, 'actions')).toContain('1 copies ignored by id, 1 retry');
  });

  it('before the election and the action faults, those rows are absent', () => {
    const { container } = render(FaultSummary, { props: { events: withFaults(), t: 1200 } });
    expect(container.querySelector('[data-testid="fault-summary"]')).not.toBeNull();
    expect(container.querySelector('[data-key="elections"]')).toBeNull();
    expect(container.querySelector('[data-key="actions"]')).toBeNull();
  });
});
