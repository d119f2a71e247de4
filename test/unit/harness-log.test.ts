import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { computeBreakdown } from '../../src/core/metrics/breakdown';
import { computeRunMetrics } from '../../src/core/metrics/runMetrics';
import type { TraceEvent } from '../../src/core/trace/events';
import { importHarnessLog } from '../../src/core/trace/harnessLog';
import { parseTrace, serializeTrace } from '../../src/core/trace/serialize';

const LOG = readFileSync('test/fixtures/harness/events.jsonl', 'utf8');
const TASKS = readFileSync('test/fixtures/harness/tasks.json', 'utf8');

function imported(log = LOG, tasks: string | null = TASKS): { events: TraceEvent[]; warnings: string[] } {
  const r = importHarnessLog(log, tasks ?? undefined);
  if (!r.ok) throw new Error(r.error);
  return r;
}

function ofType<K extends TraceEvent['type']>(events: TraceEvent[], type: K): Extract<TraceEvent, { type: K }>[] {
  return events.filter((e): e is Extract<TraceEvent, { type: K }> => e.type === type);
}

describe('importHarnessLog: mapping', () => {
  const { events, warnings } = imported();

  it('starts with run_start holding the team and the task DAG', () => {
    const start = events[0];
    expect(start?.type).toBe('run_start');
    if (start?.type !== 'run_start') return;
    expect(start.t).toBe(0);
    expect(start.config).toMatchObject({ n: 2, mode: 'sync', structure: 'decentralized', engine: 'paper-harness' });
    expect(start.agents.map((a) => [a.id, a.role])).toEqual([
      ['Dev1', 'worker'],
      ['Dev2', 'worker'],
    ]);
    expect(start.suite.tasks.map((t) => [t.id, t.dependencies])).toEqual([
      ['task-1', []],
      ['task-2', ['task-1']],
      ['task-3', []],
    ]);
    // 3 tasks, critical path 2.
    expect(start.suite.p).toBeCloseTo(1 / 3, 12);
  });

  it('turns each reply into a step from the round start to the reply, with rebuilt actions', () => {
    const starts = ofType(events, 'step_start');
    const ends = ofType(events, 'step_end');
    expect(starts.map((s) => [s.agent, s.round, s.t])).toEqual([
      ['Dev1', 1, 500],
      ['Dev2', 1, 500],
      ['Dev1', 2, 6000],
      ['Dev2', 2, 6000],
      ['Dev1', 3, 9500],
      ['Dev2', 3, 9500],
    ]);
    expect(ends.map((s) => [s.agent, s.round, s.t, s.text])).toEqual([
      ['Dev1', 1, 2500, ''],
      ['Dev2', 1, 4500, ''],
      ['Dev1', 2, 7000, ''],
      ['Dev2', 2, 9000, ''],
      ['Dev1', 3, 11500, ''],
      ['Dev2', 3, 12500, ''],
    ]);
    expect(ends[1]?.actions.map((a) => a.type)).toEqual(['claim', 'write', 'run_tests']);
    expect(ends[5]?.actions).toEqual([{ type: 'message', to: 'all', text: 'subtract is done' }]);
  });

  it('closes each round where the next one starts, and the last at run_end', () => {
    expect(ofType(events, 'round_end').map((e) => [e.round, e.t])).toEqual([
      [1, 6000],
      [2, 9500],
      [3, 12500],
    ]);
  });

  it("flags writes the notebook's way", () => {
    expect(ofType(events, 'write').map((w) => [w.round, w.agent, w.path, w.version, w.concurrent, w.rewrite])).toEqual([
      [1, 'Dev1', 'add.py', 1, true, false],
      [1, 'Dev2', 'add.py', 2, true, false],
      [2, 'Dev1', 'add.py', 3, false, true],
      [2, 'Dev2', 'subtract.py', 1, false, false],
      [3, 'Dev1', 'safe_add.py', 1, false, false],
    ]);
  });

  it('maps claims, lock denials, tests and the end', () => {
    expect(ofType(events, 'claim').map((c) => [c.agent, c.task, c.ok, c.reason])).toEqual([
      ['Dev1', 'task-1', true, undefined],
      ['Dev2', 'task-2', false, 'blocked'],
      ['Dev2', 'task-3', true, undefined],
      ['Dev1', 'task-2', true, undefined],
    ]);
    expect(ofType(events, 'lock_wait').map((l) => [l.agent, l.path])).toEqual([['Dev2', 'add.py']]);
    // run_tests carries no agent: it belongs to the reply being applied. Its ts is when pytest
    // returned; our test_run starts `seconds` earlier.
    expect(ofType(events, 'test_run').map((r) => [r.agent, r.t, r.durationMs, r.passed, r.failed])).toEqual([
      ['Dev2', 4500, 1000, 1, 1],
      ['Dev1', 11500, 500, 3, 0],
    ]);
    expect(events.at(-1)).toEqual({ type: 'run_end', t: 12500, reason: 'done', rounds: 3, success: true, correct: null });
  });

  it('keeps events in time order and produces a valid trace', () => {
    for (let i = 1; i < events.length; i++) expect(events[i]!.t).toBeGreaterThanOrEqual(events[i - 1]!.t);
    const reparsed = parseTrace(serializeTrace(events));
    expect(reparsed.ok).toBe(true);
  });

  it('says what it could not know', () => {
    expect(warnings).toContain("skipped 1 'synthesize' event(s) the importer does not read");
    expect(warnings.some((w) => w.includes('token'))).toBe(true);
  });
});

describe('importHarnessLog: metrics worked out by hand', () => {
  const { events } = imported();
  const m = computeRunMetrics(events);

  it('matches the hand count', () => {
    expect(m).toMatchObject({
      wallMs: 12500,
      rounds: 3,
      n: 2,
      success: true,
      tasksDone: 3,
      replies: 6,
      messages: 1,
      concurrentWrites: 1,
      rewrites: 1,
      blockedClaims: 1,
      claimConflicts: 0,
      testRuns: 2,
      testFailures: 1,
      idleRounds: 1,
      lockWaits: 1,
      tokens: 0,
    });
    // Latencies from round start: r1 2.0/4.0 s, r2 1.0/3.0 s, r3 2.0/3.0 s -> gaps 1, 1, 0.5 s.
    expect(m.stragglerGaps.map((g) => g.gapMs)).toEqual([1000, 1000, 500]);
    expect(m.stragglerGapMs).toBeCloseTo(2500 / 3, 9);
    expect(m.p).toBeCloseTo(1 / 3, 12);
    expect(m.amdahlBound).toBeCloseTo(1.2, 12);
    // Dev1 busy 2000 + 1000 + 2000 + test 500 of 12500; Dev2 4000 + 3000 + 3000 + test 1000.
    expect(m.idleFraction.Dev1).toBeCloseTo(0.56, 12);
    expect(m.idleFraction.Dev2).toBeCloseTo(0.12, 12);
  });

  it('breaks the agent-time down', () => {
    const b = computeBreakdown(events);
    expect(b.buckets).toEqual({
      useful: 8000,
      // Dev2's round-1 add.py was overwritten in round 2 after the failed test.
      rework: 4000,
      // Dev2's round-3 step only broadcast.
      coordination: 3000,
      dependencyWait: 0,
      testing: 1500,
      lockWait: 0,
      straggler: 4500,
      barrierWait: 3000,
      // Before round 1 (500 ms per agent).
      other: 1000,
      // No faults in a paper harness log.
      fault: 0,
      recovery: 0,
    });
  });
});

describe('importHarnessLog: without a tasks file', () => {
  it('takes success from the run_end reason and warns', () => {
    const r = imported(LOG, null);
    expect(r.events.at(-1)).toMatchObject({ type: 'run_end', success: true });
    expect(r.warnings.some((w) => w.startsWith('no tasks file'))).toBe(true);
  });

  it('is not a success when a task was never completed', () => {
    const log = LOG.split('\n')
      .filter((l) => !l.includes('"complete_task", "agent": "Dev2"'))
      .join('\n');
    expect(imported(log).events.at(-1)).toMatchObject({ type: 'run_end', success: false });
  });

  it('closes a log cut short with a stopped run_end', () => {
    const log = LOG.split('\n').slice(0, 20).join('\n');
    const r = imported(log);
    expect(r.events.at(-1)).toMatchObject({ type: 'run_end', reason: 'stopped', success: false, rounds: 2 });
    expect(r.warnings).toContain('the log has no run_end: the run was cut short');
  });
});

describe('importHarnessLog: bad input', () => {
  const lines = LOG.split('\n');
  const replace = (lineNo: number, text: string): string => lines.map((l, i) => (i === lineNo - 1 ? text : l)).join('\n');

  it('names the line and field of a wrong type', () => {
    expect(importHarnessLog(replace(7, '{"type": "edit_file", "agent": "Dev1", "path": "add.py", "ts": 1002.5, "round": "one"}'))).toEqual({
      ok: false,
      error: "line 7: field 'round' must be a number",
    });
  });

  it('names a missing field', () => {
    expect(importHarnessLog(replace(5, '{"type": "claim_task", "task": "task-1", "ts": 1002.5, "round": 1}'))).toEqual({
      ok: false,
      error: "line 5: field 'agent' is missing",
    });
    expect(importHarnessLog(replace(3, '{"round": 1, "ts": 1000.5}'))).toEqual({ ok: false, error: "line 3: field 'type' is missing" });
  });

  it('names a line that is not JSON', () => {
    expect(importHarnessLog(replace(9, '{"type": "claim_blocked",'))).toEqual({ ok: false, error: 'line 9: not valid JSON' });
  });

  it('reports a bad tasks file', () => {
    const r = importHarnessLog(LOG, '{"project": "x"}');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(/^tasks file: /);
  });

  it('rejects an empty log', () => {
    expect(importHarnessLog('\n\n')).toEqual({ ok: false, error: 'events log: no events' });
  });
});
