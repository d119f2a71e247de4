// Hostile imports, saved records and links (issue 11): each is refused with a message naming
// the field, nothing is half-saved, and nothing the page does with it can run away.
import 'fake-indexeddb/auto';
import { openDB } from 'idb';
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { TestRunner } from '../../src/core/harness/types';
import { computeRunMetrics } from '../../src/core/metrics/runMetrics';
import type { SweepCell } from '../../src/core/sweep/grid';
import { cellFromConfig } from '../../src/core/sweep/recipe';
import type { TraceEvent } from '../../src/core/trace/events';
import { importHarnessLog } from '../../src/core/trace/harnessLog';
import { parseTrace, serializeTrace } from '../../src/core/trace/serialize';
import { validateTraceMeaning } from '../../src/core/trace/validateMeaning';
import { importAndSave, readImport } from '../../src/io/importRun';
import { RunStore, StoreError, type NewRun } from '../../src/store/runStore';
import type { SavedRun } from '../../src/store/recordSchema';
import { inThreadResimulator, workerResimulator } from '../../src/ui/lab/resimulate';
import { groupNotices, MAX_SHOWN_NOTICES } from '../../src/ui/noticeGroups';
import { MAX_LINK_NOTICES, parseHash } from '../../src/ui/state/hashState';
import type { SweepClient } from '../../src/runtime/sweepClient';
import { syncTwoAgentTrace } from '../fixtures/metricsTraces';

const LOG = readFileSync('test/fixtures/harness/events.jsonl', 'utf8');
const TASKS = readFileSync('test/fixtures/harness/tasks.json', 'utf8');

const file = (name: string, text: string) => ({ name, size: text.length, text: async () => text });
const edit = (events: TraceEvent[], i: number, patch: Record<string, unknown>): TraceEvent[] =>
  events.map((e, k) => (k === i ? ({ ...e, ...patch } as TraceEvent) : e));
const withConfig = (events: TraceEvent[], patch: Record<string, unknown>): TraceEvent[] =>
  events.map((e) => (e.type === 'run_start' ? { ...e, config: { ...e.config, ...patch } } : e));
const indexOf = (events: TraceEvent[], type: TraceEvent['type'], nth = 0) => events.map((e, i) => (e.type === type ? i : -1)).filter((i) => i >= 0)[nth] as number;

/** A store that only counts what reaches it: a refused import must save nothing. */
function countingStore() {
  const saved: NewRun[] = [];
  return {
    saved,
    async save(run: NewRun): Promise<SavedRun> {
      saved.push(run);
      return { id: 'x', label: run.label } as SavedRun;
    },
  };
}

async function refusedImport(text: string, name = 'run.json'): Promise<string> {
  const store = countingStore();
  const r = await importAndSave([file(name, text)], store);
  expect(store.saved).toHaveLength(0);
  if (r.ok) throw new Error('expected the import to be refused');
  return r.error;
}

describe('traces checked for meaning, not only shape', () => {
  const good = syncTwoAgentTrace();

  it('the fixtures and the page own traces pass (a check that refuses everything would fail here)', () => {
    expect(validateTraceMeaning(good)).toBeNull();
    const parsed = parseTrace(serializeTrace(good));
    expect(parsed.ok).toBe(true);
  });

  it('config.n = 1e7 (the drawer built ten million options) is refused naming the field', async () => {
    expect(await refusedImport(serializeTrace(withConfig(good, { n: 1e7 })))).toMatch(/events\[0\]\.config\.n: must be between 1 and 8, got 10000000/);
  });

  it('a simulated config with errorRate 1 and maxRounds 1e9 is refused before anything re-simulates it', async () => {
    const bad = withConfig(good, { engine: 'sim:laptop', maxRounds: 1e9, extra: { errorRate: 1 } });
    expect(await refusedImport(serializeTrace(bad))).toMatch(/config\.maxRounds: must be between 0 and 10000/);
    expect(await refusedImport(serializeTrace(withConfig(good, { extra: { errorRate: 1.5 } })))).toMatch(/config\.extra\.errorRate/);
  });

  it('t = 1e308 ("Invalid array length") and negative or infinite times are refused', async () => {
    const i = indexOf(good, 'step_end');
    expect(await refusedImport(serializeTrace(edit(good, i, { t: 1e308 })))).toMatch(new RegExp(`events\\[${i}\\]\\.t: must be between`));
    expect(await refusedImport(serializeTrace(edit(good, i, { t: -5 })))).toMatch(/\.t: must be between/);
    // JSON has no Infinity, but 1e999 parses to it.
    const text = serializeTrace(good).replace('"totalMs":', '"totalMs":1e999,"x":');
    expect(await refusedImport(text)).toMatch(/totalMs|expected number/);
  });

  it('duplicate ids are refused: agents, steps, rounds, messages, file versions, tasks', async () => {
    const start = good[0] as Extract<TraceEvent, { type: 'run_start' }>;
    const twins = [{ ...start, agents: [start.agents[0]!, start.agents[0]!] }, ...good.slice(1)];
    expect(await refusedImport(serializeTrace(twins))).toMatch(/agents\[1\]\.id: "[^"]+" appears twice/);
    const s = indexOf(good, 'step_start');
    const dupStep = [...good.slice(0, s + 1), good[s]!, ...good.slice(s + 1)];
    expect(await refusedImport(serializeTrace(dupStep))).toMatch(/step: \w+ step \d+ appears twice/);
    const r = indexOf(good, 'round_start');
    expect(await refusedImport(serializeTrace([...good.slice(0, r + 1), good[r]!, ...good.slice(r + 1)]))).toMatch(/round \d+ starts twice/);
    const tasks = start.suite.tasks;
    const dupTask = [{ ...start, suite: { ...start.suite, tasks: [...tasks, tasks[0]!] } }, ...good.slice(1)];
    expect(await refusedImport(serializeTrace(dupTask))).toMatch(/suite\.tasks\[\d+\]\.id: ".*" appears twice/);
  });

  it('events must name the run own agents and tasks, and deliver only messages that were sent', () => {
    const s = indexOf(good, 'step_start');
    expect(validateTraceMeaning(edit(good, s, { agent: 'mallory' }))).toMatch(/agent: "mallory" is not an agent of this run/);
    const claim = good.findIndex((e) => e.type === 'claim' && e.ok);
    expect(validateTraceMeaning(edit(good, claim, { task: 'nope' }))).toMatch(/task: "nope" is not a task/);
    const deliver = good.findIndex((e) => e.type === 'message_deliver');
    if (deliver >= 0) expect(validateTraceMeaning(edit(good, deliver, { id: 'never-sent' }))).toMatch(/never sent/);
  });

  it('prototype keys are refused wherever they are, as keys and as names', async () => {
    const text = serializeTrace(withConfig(good, { extra: { errorRate: 0.1 } })).replace('"errorRate":0.1', '"errorRate":0.1,"__proto__":{"polluted":true}');
    expect(await refusedImport(text)).toMatch(/__proto__: not allowed as a key/);
    const nested = serializeTrace(good).replace('"version":1', '"version":1,"meta":{"a":[{"constructor":{"prototype":1}}]}');
    expect(await refusedImport(nested)).toMatch(/meta\.a\[0\]\.constructor: not allowed as a key/);
    const start = good[0] as Extract<TraceEvent, { type: 'run_start' }>;
    const named = [{ ...start, agents: [{ ...start.agents[0]!, id: 'constructor' }, ...start.agents.slice(1)] }, ...good.slice(1)];
    expect(validateTraceMeaning(named)).toMatch(/agents\[0\]\.id: "constructor" is not allowed as a name/);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('paper harness logs', () => {
  it('{"type":"constructor"} gives a readable error instead of throwing out of the importer', async () => {
    for (const type of ['constructor', '__proto__', 'prototype']) {
      const r = importHarnessLog(`${LOG.trim()}\n{"type":"${type}","ts":1001}\n`, TASKS);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error).toMatch(new RegExp(`line \\d+: field 'type'`));
    }
    // Other names on Object.prototype are simply types the importer does not read.
    const r = importHarnessLog(`${LOG.trim()}\n{"type":"toString","ts":1001}\n`, TASKS);
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.warnings.join(' ')).toMatch(/skipped 1 'toString'/);
    const store = countingStore();
    const saved = await importAndSave([file('events.jsonl', `${LOG.trim()}\n{"type":"constructor","ts":1001}\n`), file('tasks.json', TASKS)], store);
    expect(saved.ok).toBe(false);
    expect(store.saved).toHaveLength(0);
  });

  it('a tasks file with prototype keys or a task named "constructor" is refused naming the tasks file', async () => {
    for (const [tasks, want] of [
      [TASKS.replace('{', '{"__proto__":{"x":1},'), /^tasks\.json: __proto__: not allowed as a key$/],
      [TASKS.replace(/"task-1"/g, '"constructor"'), /^tasks\.json: tasks\[0\]\.id: "constructor" is not allowed as a name$/],
    ] as const) {
      const r = await readImport([file('events.jsonl', LOG), file('tasks.json', tasks)]);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error).toMatch(want);
    }
  });

  it('a timestamp of 1e308 is refused naming the time, and a million odd types warn in one line', () => {
    const far = importHarnessLog(LOG.replace('"ts": 1002.5', '"ts": 1e308'), TASKS);
    expect(far.ok).toBe(false);
    if (!far.ok) expect(far.error).toMatch(/\.t: must be a finite number|\.t: must be between/);
    const odd = Array.from({ length: 5000 }, (_, i) => `{"type":"odd${i}","ts":1001}`).join('\n');
    const r = importHarnessLog(`${LOG.trim()}\n${odd}\n`, TASKS);
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.warnings.length).toBeLessThan(40);
  });
});

let dbCount = 0;
const stores: RunStore[] = [];
afterEach(() => {
  for (const s of stores.splice(0)) s.close();
});

async function storeWith(records: Record<string, unknown>[]): Promise<RunStore> {
  const name = `attacks-${++dbCount}`;
  const store = await RunStore.open(name);
  stores.push(store);
  const db = await openDB(name, 1);
  for (const r of records) await db.put('runs', r);
  db.close();
  return store;
}

describe('saved records', () => {
  const events = syncTwoAgentTrace();
  const start = events[0] as Extract<TraceEvent, { type: 'run_start' }>;
  const record = (over: Record<string, unknown>) => ({
    id: 'run-x',
    savedAt: 1,
    label: 'x',
    origin: 'simulated',
    config: start.config,
    metrics: computeRunMetrics(events),
    hasTrace: false,
    traceChars: 0,
    ...over,
  });

  it('a stored record with n = 1e7, a recipe of 1e9 rounds or a __proto__ key is skipped with the field named; the good one is listed', async () => {
    const cell: SweepCell = { key: 'k', suite: 'math-p0.9', family: 'math', p: 0.9, structure: 'decentralized', n: 2, seed: 1, mode: 'sync', preset: 'laptop', locks: true, straggler: false };
    const store = await storeWith([
      record({ id: 'good' }),
      record({ id: 'huge-team', config: { ...start.config, n: 1e7 } }),
      record({ id: 'forever', cell: { ...cell, errorRate: 1, maxRounds: 1e9 } }),
      record({ id: 'proto', config: { ...start.config, extra: { constructor: { prototype: 1 } } } }),
    ]);
    const { runs, skipped } = await store.list();
    expect(runs.map((r) => r.id)).toEqual(['good']);
    const reasons = Object.fromEntries(skipped.map((s) => [s.key, s.reason]));
    expect(reasons['huge-team']).toMatch(/record\.config\.n: must be between 1 and 8/);
    expect(reasons.forever).toMatch(/record\.cell\.maxRounds: must be between 0 and 1000/);
    expect(reasons.proto).toMatch(/record\.config\.extra\.constructor: not allowed as a key/);
    await expect(store.get('huge-team')).rejects.toThrow(StoreError);
    await expect(store.get('huge-team')).rejects.toThrow(/config\.n/);
  });

  it('saving a run whose trace or recipe is out of bounds saves nothing at all', async () => {
    const store = await storeWith([]);
    const bad = withConfig(events, { n: 1e7 });
    await expect(store.saveMany([{ label: 'ok', origin: 'simulated', events }, { label: 'bad', origin: 'imported', events: bad }])).rejects.toThrow(/Saving failed.*config\.n/);
    expect((await store.list()).runs).toHaveLength(0);
    const cell = cellFromConfig({ ...start.config, suite: 'math-p0.9', engine: 'sim:laptop' })!;
    await expect(store.save({ label: 'forever', origin: 'simulated', cell: { ...cell, maxRounds: 1e9 }, config: start.config, metrics: computeRunMetrics(events) })).rejects.toThrow(/cell\.maxRounds/);
    expect((await store.list()).runs).toHaveLength(0);
  });
});

describe('re-simulating a saved recipe', () => {
  const cell: SweepCell = { key: 'k', suite: 'math-p0.9', family: 'math', p: 0.9, structure: 'decentralized', n: 2, seed: 1, mode: 'sync', preset: 'laptop', locks: true, straggler: false };

  it('a recipe out of bounds is refused before a single test runs', async () => {
    let runs = 0;
    const runner: TestRunner = { run: async () => { runs++; return { passed: 0, failed: 0, results: [], durationMs: 0 } as never; } };
    await expect(inThreadResimulator(() => runner).run({ ...cell, errorRate: 1, maxRounds: 1e9 })).rejects.toThrow(/maxRounds/);
    await expect(workerResimulator(() => { throw new Error('no worker may start'); }).run({ ...cell, maxRounds: 1e9 })).rejects.toThrow(/maxRounds/);
    expect(runs).toBe(0);
  });

  it('a re-simulation past its deadline is stopped by terminating its worker, with a message', async () => {
    let disposed = 0;
    const stuck = { run: () => new Promise(() => {}), dispose: () => { disposed++; } } as unknown as SweepClient;
    await expect(workerResimulator(() => stuck, 20).run(cell)).rejects.toThrow(/longer than 0 s, so it was stopped|so it was stopped/);
    expect(disposed).toBe(1);
  });
});

describe('links and notices', () => {
  it('a 1 MB link is refused with one notice', () => {
    const hash = `#${'x=1&'.repeat(262_144)}`;
    const { notices, state } = parseHash(hash);
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatch(/more than the 4,000/);
    expect(state.n).toBe(parseHash('').state.n);
  });

  it('a link just under the limit with hundreds of bad parts raises a capped list of notices', () => {
    const hash = `#${'zz=1&'.repeat(700)}n=99&n=98`.slice(0, 3999);
    const { notices } = parseHash(hash);
    expect(notices.length).toBeLessThanOrEqual(MAX_LINK_NOTICES);
    expect(notices.at(-1)).toMatch(/more problems with the link/);
  });

  it('the notice list groups repeats and draws a handful of rows whatever arrives', () => {
    const many = Array.from({ length: 100_000 }, (_, i) => ({ level: 'warn' as const, title: 'Link setting ignored:', text: i % 2 ? 'same' : `part ${i % 50}` }));
    const groups = groupNotices(many);
    expect(groups.length).toBe(26);
    expect(groups.find((g) => g.notice.text === 'same')?.indices.length).toBe(50_000);
    expect(MAX_SHOWN_NOTICES).toBeLessThanOrEqual(6);
  });
});
