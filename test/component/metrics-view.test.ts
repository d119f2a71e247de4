// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { render, waitFor } from '@testing-library/svelte';
import MetricsView from '../../src/ui/views/MetricsView.svelte';
import { syncDecentralizedTrace } from '../fixtures/traces';
import { computeBreakdown } from '../../src/core/metrics/breakdown';
import { computeRunMetrics, type RunMetrics } from '../../src/core/metrics/runMetrics';
import { formatMs, formatPercent } from '../../src/ui/format';

function metric(container: HTMLElement, key: string): { value: string; note: string } {
  const el = container.querySelector(`.counter[data-metric="${key}"]`);
  if (!el) throw new Error(`no counter ${key}`);
  return { value: el.querySelector('.value')?.textContent ?? '', note: el.querySelector('.note')?.textContent ?? '' };
}

describe('MetricsView', () => {
  it('shows the counters of the fixture run with their units', () => {
    const { container } = render(MetricsView, { props: { events: syncDecentralizedTrace, t: 4600 } });
    expect(metric(container, 'wall')).toEqual({ value: '4.6 s', note: '3 rounds' });
    expect(metric(container, 'tasks').value).toBe('2 / 4');
    expect(metric(container, 'messages')).toEqual({ value: '2', note: '51 B' });
    expect(metric(container, 'replies').value).toBe('9');
    expect(metric(container, 'tokens-in').value).toBe('9.0k');
    expect(metric(container, 'tokens-out').value).toBe('900');
    expect(metric(container, 'concurrent-writes').value).toBe('1');
    expect(metric(container, 'rewrites').value).toBe('4');
    expect(metric(container, 'blocked-claims').value).toBe('1');
    expect(metric(container, 'lost-races').value).toBe('0');
    expect(metric(container, 'lock-waits')).toEqual({ value: '120 ms', note: '1 wait' });
    expect(metric(container, 'test-failures')).toEqual({ value: '1', note: 'of 1 test run' });
    // Straggler gaps by hand: round 1 2000-1500 = 500, round 2 1380-3580/3 = 186.7, round 3 1100-900 = 200; mean 295.6 ms.
    expect(metric(container, 'straggler-gap').value).toBe('0.3 s');
    expect(metric(container, 'idle').value).toBe(formatPercent(computeRunMetrics(syncDecentralizedTrace).meanIdleFraction));
    expect(metric(container, 'amdahl').note).toBe('p = 0.25, n = 3');
  });

  it('counts only what had happened by t', () => {
    const { container } = render(MetricsView, { props: { events: syncDecentralizedTrace, t: 1750 } });
    expect(metric(container, 'messages').value).toBe('1');
    expect(metric(container, 'replies').value).toBe('2');
    expect(metric(container, 'blocked-claims').value).toBe('1');
    expect(metric(container, 'test-failures').value).toBe('0');
  });

  it('splits agent time into buckets that add up to agents x wall time', async () => {
    const { container } = render(MetricsView, { props: { events: syncDecentralizedTrace, t: 4600 } });
    // Plot loads on first use.
    await waitFor(() => expect(container.querySelector('.plot-figure svg')).not.toBeNull());
    const b = computeBreakdown(syncDecentralizedTrace);
    expect(container.querySelector('.explain')?.textContent).toContain('3 agents × 4.6 s = 13.8 s of agent time');
    const row = (k: string) => [...(container.querySelector(`tr[data-bucket="${k}"]`)?.querySelectorAll('td') ?? [])].map((td) => td.textContent);
    expect(row('lockWait')).toEqual([formatMs(b.buckets.lockWait), formatPercent(b.buckets.lockWait / b.totalMs)]);
    expect(row('lockWait')[0]).toBe('120 ms');
    expect(row('useful')).toEqual([formatMs(b.buckets.useful), formatPercent(b.buckets.useful / b.totalMs)]);
    // The stacked bar: one bar segment per agent and bucket with time in it.
    const bars = container.querySelectorAll('.plot-figure svg rect');
    const nonEmpty = Object.values(b.perAgent).reduce((n, per) => n + Object.values(per).filter((v) => v > 0).length, 0);
    expect(bars.length).toBe(nonEmpty);
  });

  it('shows no speedup for a run that ran out of rounds', () => {
    const single: RunMetrics = { ...computeRunMetrics(syncDecentralizedTrace), n: 1, wallMs: 9200, seed: 1 };
    const { container } = render(MetricsView, { props: { events: syncDecentralizedTrace, t: 4600, baselineRuns: [single] } });
    expect(container.querySelector('[data-metric="speedup"]')).toBeNull();
  });

  it('shows the speedup against one-agent runs when given', () => {
    // The same trace, but as if the team had finished: only a finished run has a speedup.
    const finished = syncDecentralizedTrace.map((e) => (e.type === 'run_end' ? { ...e, reason: 'done' as const, success: true } : e));
    const single: RunMetrics = { ...computeRunMetrics(finished), n: 1, wallMs: 9200, seed: 1 };
    const { container } = render(MetricsView, { props: { events: finished, t: 4600, baselineRuns: [single] } });
    const text = container.querySelector('[data-metric="speedup"]')?.textContent?.replace(/\s+/g, ' ') ?? '';
    expect(text).toContain('Speedup 2.00× with 3 agents');
    // Amdahl bound for p = 0.25, n = 3: 1 / (0.75 + 0.25/3) = 1.2.
    expect(text).toContain('Amdahl bound of 1.20×');
  });

  it('says there is no run before run_start', () => {
    const { container } = render(MetricsView, { props: { events: [], t: 0 } });
    expect(container.textContent).toContain('No run yet.');
  });
});
