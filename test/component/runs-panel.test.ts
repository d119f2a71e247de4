// @vitest-environment jsdom
import 'fake-indexeddb/auto';
import { fireEvent, render, waitFor } from '@testing-library/svelte';
import { openDB } from 'idb';
import { describe, expect, it, vi } from 'vitest';
import type { TraceEvent } from '../../src/core/trace/events';
import { RunStore } from '../../src/store/runStore';
import RunsPanel from '../../src/ui/lab/RunsPanel.svelte';
import { RunsLibrary } from '../../src/ui/lab/runsLibrary.svelte';
import { syncTwoAgentTrace } from '../fixtures/metricsTraces';
import { leaderTrace, syncDecentralizedTrace } from '../fixtures/traces';

let dbNo = 0;

async function setup(): Promise<{ library: RunsLibrary; store: RunStore; name: string; ids: Record<string, string> }> {
  const name = `panel-test-${++dbNo}`;
  let clock = 1_700_000_000_000;
  const store = await RunStore.open(name, () => (clock += 1000));
  const ids: Record<string, string> = {};
  ids.dec = (await store.save({ label: 'decentralized <b>three</b>', origin: 'simulated', events: syncDecentralizedTrace })).id;
  ids.lead = (await store.save({ label: 'leader run', origin: 'workers', events: leaderTrace })).id;
  ids.bad = (await store.save({ label: 'soon corrupted', origin: 'simulated', events: syncTwoAgentTrace() })).id;
  const sweepTrace: TraceEvent[] = syncTwoAgentTrace();
  ids.s1 = (await store.save({ label: 'sweep run 1', origin: 'simulated', events: sweepTrace, sweep: 'sw-a' })).id;
  ids.s2 = (await store.save({ label: 'sweep run 2', origin: 'simulated', events: sweepTrace, sweep: 'sw-a' })).id;
  const raw = await openDB(name);
  const rec = await raw.get('runs', ids.bad);
  await raw.put('runs', { ...rec, origin: 'martian' });
  raw.close();
  const library = new RunsLibrary({ open: async () => store });
  await library.refresh();
  return { library, store, name, ids };
}

function labels(container: HTMLElement): string[] {
  return [...container.querySelectorAll('td.label label')].map((l) => l.textContent ?? '');
}

describe('RunsPanel', () => {
  it('lists the saved runs as text, folds a sweep into one group, and reports the corrupted record without hiding the rest', async () => {
    const { library, ids } = await setup();
    const { container, getByTestId } = render(RunsPanel, { props: { library, selected: [], onSelect: () => {} } });
    expect(labels(container)).toEqual(['sweep run 2', 'sweep run 1', 'leader run', 'decentralized <b>three</b>']);
    expect(container.querySelector('td.label b')).toBeNull();
    const sweep = container.querySelector('tbody.sweep[data-sweep="sw-a"]');
    expect(sweep?.querySelectorAll('tr[data-run]')).toHaveLength(2);
    expect(sweep?.querySelector('.sweep-head')?.textContent).toMatch(/Sweep of 2 runs/);
    const skipped = getByTestId('skipped');
    expect(skipped.textContent).toContain('1 saved record could not be read and was skipped');
    expect(skipped.textContent).toContain(ids.bad);
    expect(skipped.textContent).toContain('record.origin: expected one of "simulated", "workers", "webllm", "imported", "fork"');
    expect(getByTestId('counts').textContent).toBe('4 runs shown, 0 selected');
  });

  it('filters by structure and by origin', async () => {
    const { library } = await setup();
    const { container, getByLabelText, getByTestId } = render(RunsPanel, { props: { library, selected: [], onSelect: () => {} } });
    await fireEvent.change(getByLabelText('Structure'), { target: { value: 'leader' } });
    expect(labels(container)).toEqual(['leader run']);
    expect(getByTestId('counts').textContent).toBe('1 run shown of 4, 0 selected');
    await fireEvent.change(getByLabelText('Structure'), { target: { value: '' } });
    await fireEvent.change(getByLabelText('Origin'), { target: { value: 'workers' } });
    expect(labels(container)).toEqual(['leader run']);
  });

  it('deletes a run from the list and from the store', async () => {
    const { library, store, ids } = await setup();
    const { container, getByLabelText } = render(RunsPanel, { props: { library, selected: [], onSelect: () => {} } });
    await fireEvent.click(getByLabelText('Delete leader run'));
    await waitFor(() => expect(labels(container)).toEqual(['sweep run 2', 'sweep run 1', 'decentralized <b>three</b>']));
    const left = (await store.list()).runs.map((r) => r.id);
    expect(left).not.toContain(ids.lead);
    expect(left).toContain(ids.dec);
  });

  it('picks runs for comparison; Compare needs two', async () => {
    const { library, ids } = await setup();
    const onSelect = vi.fn();
    const onCompare = vi.fn();
    const one = render(RunsPanel, { props: { library, selected: [ids.dec as string], onSelect, onCompare } });
    expect((one.getByRole('button', { name: /^Compare/ }) as HTMLButtonElement).disabled).toBe(true);
    await fireEvent.click(one.getByLabelText('leader run'));
    expect(onSelect).toHaveBeenCalledWith(ids.lead, true);
    one.unmount();
    const two = render(RunsPanel, { props: { library, selected: [ids.dec as string, ids.lead as string], onSelect, onCompare } });
    await fireEvent.click(two.getByRole('button', { name: 'Compare 2' }));
    expect(onCompare).toHaveBeenCalledOnce();
  });
});
