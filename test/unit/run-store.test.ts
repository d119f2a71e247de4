import 'fake-indexeddb/auto';
import { openDB } from 'idb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { computeRunMetrics } from '../../src/core/metrics/runMetrics';
import { expandGrid } from '../../src/core/sweep/grid';
import type { TraceEvent } from '../../src/core/trace/events';
import { serializeTrace } from '../../src/core/trace/serialize';
import { QUOTA_MESSAGE, RunStore, StoreError } from '../../src/store/runStore';
import { asyncTwoAgentTrace, syncTwoAgentTrace } from '../fixtures/metricsTraces';
import { leaderTrace, syncDecentralizedTrace } from '../fixtures/traces';

let dbCount = 0;
const stores: RunStore[] = [];

async function fresh(): Promise<{ store: RunStore; name: string }> {
  const name = `runs-test-${++dbCount}`;
  let clock = 1_700_000_000_000;
  const store = await RunStore.open(name, () => clock++);
  stores.push(store);
  return { store, name };
}

afterEach(() => {
  vi.restoreAllMocks();
  for (const s of stores.splice(0)) s.close();
});

function withConfig(events: TraceEvent[], patch: Record<string, unknown>): TraceEvent[] {
  return events.map((e) => (e.type === 'run_start' ? { ...e, config: { ...e.config, ...patch } } : e));
}

describe('RunStore', () => {
  it('saves a run with its trace and metrics; list, get and trace give it back; a reopened database still has it', async () => {
    const { store, name } = await fresh();
    const events = syncTwoAgentTrace();
    const saved = await store.save({ label: 'two agents', origin: 'simulated', events });
    expect(saved.metrics).toEqual(computeRunMetrics(events));
    expect(saved.hasTrace).toBe(true);
    const { runs, skipped } = await store.list();
    expect(skipped).toEqual([]);
    expect(runs.map((r) => r.label)).toEqual(['two agents']);
    expect(await store.get(saved.id)).toEqual(saved);
    const trace = await store.trace(saved.id);
    expect(trace.ok && serializeTrace(trace.events)).toBe(serializeTrace(events));
    store.close();
    const again = await RunStore.open(name);
    stores.push(again);
    expect((await again.list()).runs.map((r) => r.id)).toEqual([saved.id]);
  });

  it('lists newest first and filters by suite, structure, n, engine kind and origin', async () => {
    const { store } = await fresh();
    await store.save({ label: 'a', origin: 'simulated', events: withConfig(syncDecentralizedTrace, { engine: 'sim:laptop' }) });
    await store.save({ label: 'b', origin: 'webllm', events: withConfig(leaderTrace, { engine: 'webllm:Qwen2.5-0.5B' }) });
    await store.save({ label: 'c', origin: 'imported', events: withConfig(syncTwoAgentTrace(), { suite: 'other', n: 2, engine: 'fake' }) });
    const labels = async (f: Parameters<RunStore['list']>[0]) => (await store.list(f)).runs.map((r) => r.label);
    expect(await labels({})).toEqual(['c', 'b', 'a']);
    expect(await labels({ engine: 'sim' })).toEqual(['a']);
    expect(await labels({ engine: 'webllm' })).toEqual(['b']);
    expect(await labels({ engine: 'webllm:Qwen2.5-0.5B' })).toEqual(['b']);
    expect(await labels({ structure: 'leader' })).toEqual(['b']);
    expect(await labels({ suite: 'other' })).toEqual(['c']);
    expect(await labels({ n: 2, origin: 'imported' })).toEqual(['c']);
    expect(await labels({ n: 2, origin: 'simulated' })).toEqual([]);
  });

  it('skips and reports a hand-corrupted record, and still lists the others', async () => {
    const { store, name } = await fresh();
    const good = await store.save({ label: 'good', origin: 'simulated', events: syncTwoAgentTrace() });
    const bad = await store.save({ label: 'bad', origin: 'simulated', events: asyncTwoAgentTrace() });
    const raw = await openDB(name);
    const rec = await raw.get('runs', bad.id);
    await raw.put('runs', { ...rec, metrics: { ...rec.metrics, wallMs: 'soon' } });
    await raw.put('runs', { id: 'junk', hello: 1 });
    raw.close();
    const { runs, skipped } = await store.list();
    expect(runs.map((r) => r.id)).toEqual([good.id]);
    expect(skipped).toEqual([
      { key: 'junk', reason: 'record.savedAt: missing (expected number)' },
      { key: bad.id, reason: 'record.metrics.wallMs: expected number, got string' },
    ].sort((a, b) => (a.key < b.key ? -1 : 1)));
    await expect(store.get(bad.id)).rejects.toThrow(`The saved run ${bad.id} is corrupted (record.metrics.wallMs: expected number, got string)`);
  });

  it('reports a corrupted trace as an error result naming the event and field', async () => {
    const { store, name } = await fresh();
    const saved = await store.save({ label: 'x', origin: 'simulated', events: syncTwoAgentTrace() });
    const raw = await openDB(name);
    const doc = JSON.parse((await raw.get('traces', saved.id)).text);
    doc.events[1].t = 'later';
    await raw.put('traces', { id: saved.id, text: JSON.stringify(doc) });
    raw.close();
    expect(await store.trace(saved.id)).toEqual({ ok: false, error: `the saved trace of run ${saved.id} is corrupted (events[1].t: expected number, got string)` });
    expect(await store.trace('nope')).toEqual({ ok: false, error: 'no trace is saved for run nope' });
  });

  it('a full quota gives the clear message and leaves the store unchanged (no half-saved run)', async () => {
    const { store } = await fresh();
    await store.save({ label: 'before', origin: 'simulated', events: syncTwoAgentTrace() });
    const put = IDBObjectStore.prototype.put;
    vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (this: IDBObjectStore, ...args) {
      if (this.name === 'traces') throw new DOMException('the quota has been exceeded', 'QuotaExceededError');
      return put.apply(this, args);
    });
    const err = await store.save({ label: 'too much', origin: 'simulated', events: asyncTwoAgentTrace() }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StoreError);
    expect((err as StoreError).code).toBe('quota');
    expect((err as StoreError).message).toBe(QUOTA_MESSAGE);
    vi.restoreAllMocks();
    const { runs, skipped } = await store.list();
    expect(runs.map((r) => r.label)).toEqual(['before']);
    expect(skipped).toEqual([]);
  });

  it('saveMany is all or nothing: one run without a configuration saves none', async () => {
    const { store } = await fresh();
    const broken = syncTwoAgentTrace().slice(1);
    await expect(
      store.saveMany([
        { label: 'ok', origin: 'simulated', events: syncTwoAgentTrace() },
        { label: 'no start', origin: 'imported', events: broken },
      ]),
    ).rejects.toThrow(/no configuration/);
    expect((await store.list()).runs).toEqual([]);
  });

  it('keeps a sweep run without its trace when it has a recipe, and deletes runs with their traces', async () => {
    const { store } = await fresh();
    const cell = expandGrid({ families: ['math'], ps: [0.9], structures: ['preassign'], ns: [1], seeds: [1], mode: 'sync', preset: 'laptop', locks: true, straggler: false })[0];
    const events = syncTwoAgentTrace();
    const start = events[0] as Extract<TraceEvent, { type: 'run_start' }>;
    const recipeOnly = await store.save({ label: 'sweep cell', origin: 'simulated', config: start.config, metrics: computeRunMetrics(events), cell, sweep: 'sw1' });
    expect(recipeOnly.hasTrace).toBe(false);
    expect((await store.get(recipeOnly.id))?.cell).toEqual(cell);
    expect(await store.trace(recipeOnly.id)).toEqual({ ok: false, error: `no trace is saved for run ${recipeOnly.id}` });
    await expect(store.save({ label: 'nothing', origin: 'simulated', config: start.config })).rejects.toThrow(/needs its trace, or a recipe/);

    const full = await store.save({ label: 'full', origin: 'simulated', events });
    expect((await store.list({ sweep: 'sw1' })).runs.map((r) => r.id)).toEqual([recipeOnly.id]);
    await store.delete([full.id, 'unknown']);
    expect((await store.list()).runs.map((r) => r.id)).toEqual([recipeOnly.id]);
    expect((await store.trace(full.id)).ok).toBe(false);
    await store.clear();
    expect((await store.list()).runs).toEqual([]);
  });
});
