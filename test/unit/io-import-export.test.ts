import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { CachedTestRunner } from '../../src/core/harness/cachedRunner';
import { computeRunMetrics } from '../../src/core/metrics/runMetrics';
import { simulateRun } from '../../src/core/sim/simulate';
import type { Structure, TraceEvent } from '../../src/core/trace/events';
import { MAX_TRACE_BYTES, serializeTrace } from '../../src/core/trace/serialize';
import { findSuite } from '../../src/core/workload/suites';
import { importAndSave, readImport, type ImportFile } from '../../src/io/importRun';
import { exportTraceJson, safeFileName, traceFileName } from '../../src/io/traceExport';
import { NodeTestRunner } from '../../src/platform/nodeTestRunner';
import { RunStore } from '../../src/store/runStore';

const LOG = readFileSync('test/fixtures/harness/events.jsonl', 'utf8');
const TASKS = readFileSync('test/fixtures/harness/tasks.json', 'utf8');
const runner = new CachedTestRunner(new NodeTestRunner());

function file(name: string, text: string): ImportFile {
  return { name, size: new TextEncoder().encode(text).length, text: () => Promise.resolve(text) };
}

let store: RunStore;
let storeNo = 0;
async function freshStore(): Promise<RunStore> {
  store?.close();
  store = await RunStore.open(`io-test-${++storeNo}`);
  return store;
}
afterAll(() => store?.close());

async function storeSnapshot(s: RunStore): Promise<string> {
  const { runs, skipped } = await s.list();
  return JSON.stringify({ ids: runs.map((r) => r.id), skipped });
}

describe('export then import', () => {
  const cases: [Structure, number][] = [
    ['single', 1],
    ['preassign', 3],
    ['leader', 3],
    ['decentralized', 4],
  ];
  for (const [structure, n] of cases) {
    it(`a simulated ${structure} run (n = ${n}) imports back to the same events and identical metrics`, async () => {
      const events = await simulateRun({ suite: findSuite('math', 0.5)!, structure, n, seed: 3, testRunner: runner });
      const text = exportTraceJson(events);
      const result = await readImport([file('run.json', text)]);
      expect(result.ok).toBe(true);
      if (!result.ok) return;
      expect(result.run.events).toEqual(events);
      expect(computeRunMetrics(result.run.events)).toEqual(computeRunMetrics(events));
      expect(exportTraceJson(result.run.events)).toBe(text);
      expect(result.run.format).toBe('trace');
    }, 60_000);
  }

  it('through the store: the imported run is saved with metrics equal to the original and its trace reads back', async () => {
    const s = await freshStore();
    const events = await simulateRun({ suite: findSuite('data', 0.9)!, structure: 'decentralized', n: 3, seed: 2, testRunner: runner });
    const out = await importAndSave([file('trace-data.json', exportTraceJson(events))], s);
    expect(out.ok).toBe(true);
    if (!out.ok) return;
    expect(out.saved.origin).toBe('imported');
    expect(out.saved.source).toBe('trace-data.json');
    expect(out.saved.label).toBe('decentralized, n = 3, data-p0.9 (imported from trace-data.json)');
    expect(out.saved.metrics).toEqual(computeRunMetrics(events));
    const back = await s.trace(out.saved.id);
    expect(back.ok && computeRunMetrics(back.events)).toEqual(computeRunMetrics(events));
  }, 60_000);

  it('names files safely', () => {
    expect(traceFileName({ suite: 'math-p0.9', structure: 'leader', n: 4, seed: 7 })).toBe('trace-math-p0.9-leader-n4-seed7.json');
    expect(safeFileName('../../etc/passwd')).toBe('etc-passwd');
    expect(safeFileName('  ')).toBe('run');
  });
});

describe('import of the paper harness logs', () => {
  it('takes events.jsonl plus the tasks JSON in either order, with the importer warnings', async () => {
    for (const files of [
      [file('events.jsonl', LOG), file('tasks.json', TASKS)],
      [file('tasks.json', TASKS), file('events.jsonl', LOG)],
    ]) {
      const r = await readImport(files);
      expect(r.ok).toBe(true);
      if (!r.ok) continue;
      expect(r.run.format).toBe('harness');
      const m = computeRunMetrics(r.run.events);
      expect(m.n).toBe(2);
      expect(m.tasksTotal).toBe(3);
      expect(r.run.warnings.some((w) => /structure/.test(w))).toBe(true);
      expect(r.run.label).toMatch(/^paper harness run, Mini Math \(imported from /);
    }
  });

  it('takes events.jsonl alone, warning that p and success cannot be checked', async () => {
    const r = await readImport([file('events.jsonl', LOG)]);
    expect(r.ok && r.run.warnings.some((w) => /no tasks file/.test(w))).toBe(true);
  });
});

describe('bad files are refused with the line or field named, and the store is unchanged', () => {
  async function refused(files: ImportFile[]): Promise<string> {
    const s = await freshStore();
    await s.save({ label: 'already there', origin: 'simulated', events: await simulateRun({ suite: findSuite('math', 0.9)!, structure: 'preassign', n: 2, seed: 1, testRunner: runner }) });
    const before = await storeSnapshot(s);
    const out = await importAndSave(files, s);
    expect(out.ok).toBe(false);
    expect(await storeSnapshot(s)).toBe(before);
    return out.ok ? '' : out.error;
  }

  it('a trace with a wrong field type names the event index and the field', async () => {
    const events = await simulateRun({ suite: findSuite('math', 0.9)!, structure: 'preassign', n: 2, seed: 1, testRunner: runner });
    const doc = JSON.parse(serializeTrace(events)) as { events: Record<string, unknown>[] };
    const i = events.findIndex((e) => e.type === 'write');
    (doc.events[i] as Record<string, unknown>).path = 12;
    expect(await refused([file('broken.json', JSON.stringify(doc))])).toBe(`broken.json: events[${i}].path: expected string, got number`);
  }, 60_000);

  it('a trace that is not JSON, or not a trace', async () => {
    expect(await refused([file('half.json', '{"version":1,"events":[')])).toMatch(/^half\.json: trace: not valid JSON/);
    expect(await refused([file('other.json', '{"version":2,"events":[]}')])).toBe('other.json: version: expected 1, got 2');
  });

  it('a harness log with a bad line names the file and the line', async () => {
    const lines = LOG.split('\n');
    lines[2] = '{"type": "round_start", "round": "one", "ts": 1000.5}';
    expect(await refused([file('events.jsonl', lines.join('\n')), file('tasks.json', TASKS)])).toBe("events.jsonl: line 3: field 'round' must be a number");
    lines[2] = '{"type": "round_start", "round": 1, "ts": 1000.5';
    expect(await refused([file('events.jsonl', lines.join('\n'))])).toMatch(/^events\.jsonl: line 3: /);
  });

  it('a broken tasks file is named as such', async () => {
    const err = await refused([file('events.jsonl', LOG), file('tasks.json', '{"project": "x", "tasks": [{"id": "a"}]}')]);
    expect(err).toMatch(/^tasks\.json: /);
    expect(err).toMatch(/files/);
  });

  it('an oversized file is refused before it is read', async () => {
    let read = false;
    const huge: ImportFile = {
      name: 'huge.json',
      size: MAX_TRACE_BYTES + 1,
      text: () => {
        read = true;
        return Promise.resolve('');
      },
    };
    expect(await refused([huge])).toBe('huge.json is larger than the 50 MB limit; it cannot be a single run\'s trace');
    expect(read).toBe(false);
  });

  it('combinations that are not one run', async () => {
    const trace = serializeTrace(await simulateRun({ suite: findSuite('math', 0.9)!, structure: 'preassign', n: 2, seed: 1, testRunner: runner }));
    expect(await refused([file('tasks.json', TASKS)])).toBe("tasks.json: a tasks file holds no run; add the harness's events.jsonl");
    expect(await refused([file('a.json', trace), file('b.json', trace)])).toMatch(/^choose one run at a time/);
    expect(await refused([file('a.json', trace), file('events.jsonl', LOG)])).toMatch(/^choose one run at a time/);
    expect(await refused([])).toBe('no file was chosen');
  }, 60_000);

  it('a save the store refuses (a full quota) comes back as an error', async () => {
    const events: TraceEvent[] = await simulateRun({ suite: findSuite('math', 0.9)!, structure: 'preassign', n: 2, seed: 1, testRunner: runner });
    const out = await importAndSave([file('t.json', serializeTrace(events))], {
      save: () => Promise.reject(new Error("The browser's storage for this page is full: delete some saved runs or export them first")),
    });
    expect(out).toEqual({ ok: false, error: "The browser's storage for this page is full: delete some saved runs or export them first" });
  }, 60_000);
});
