import vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import { referenceFiles, testRequestFor } from '../../src/core/harness/request';
import { harnessPayload, HARNESS_PRELUDE } from '../../src/core/harness/script';
import { checkReport, interruptedReport } from '../../src/core/harness/snapshot';
import type { Suite } from '../../src/core/workload/types';
import { NodeTestRunner } from '../../src/platform/nodeTestRunner';
import { tinySuite } from '../fixtures/tinySuite';

const suite: Suite = {
  ...tinySuite,
  tasks: [...tinySuite.tasks, { id: 't05', title: 'untested', description: '', dependencies: [], file: 'src/untested.js', exportName: 'untested' }],
};

describe('testRequestFor', () => {
  it('requests every task with tests, in suite order, skipping tasks without tests', () => {
    const req = testRequestFor(suite, { 'src/add.js': 'x' });
    expect(req.suites.map((s) => s.task)).toEqual(['t01', 't02', 't03', 't04']);
    expect(req.suites[1]).toEqual({ task: 't02', file: 'src/double.js', exportName: 'double', tests: tinySuite.tasks[1].tests });
    expect(req.files).toEqual({ 'src/add.js': 'x' });
    expect(req.timeoutMs).toBe(2000);
  });

  it('narrows to the given task ids and ignores ids the suite lacks', () => {
    const req = testRequestFor(suite, {}, ['t04', 't02', 't99', 't05'], 500);
    expect(req.suites.map((s) => s.task)).toEqual(['t02', 't04']);
    expect(req.timeoutMs).toBe(500);
  });
});

describe('referenceFiles', () => {
  it('maps each task file to its reference solution, and those pass all tests', async () => {
    const files = referenceFiles(suite);
    expect(Object.keys(files).sort()).toEqual(['src/add.js', 'src/double.js', 'src/negate.js', 'src/square.js']);
    const report = await new NodeTestRunner().run(testRequestFor(suite, files));
    expect([report.passed, report.failed, report.error]).toEqual([6, 0, undefined]);
  });

  it('lets a wrong solution fail its own tests and those of the tasks built on it', async () => {
    const files = { ...referenceFiles(suite), 'src/add.js': tinySuite.tasks[0].wrong! };
    const report = await new NodeTestRunner().run(testRequestFor(suite, files, ['t01', 't02']));
    expect(report.results.filter((r) => !r.ok).map((r) => `${r.task}/${r.name}`)).toEqual(['t01/adds', 't01/throws', 't02/doubles', 't02/throws']);
  });
});

describe('harness script', () => {
  it('only parses files the requested tests can reach', () => {
    const payload = harnessPayload({
      files: { './src/a.js': "import { b } from './b.js';\nexport const a = b;", 'src/b.js': 'export const b = 1;', 'src/scratch.js': 'this is not javascript' },
      suites: [{ task: 't01', file: 'src/a.js', exportName: 'a', tests: [] }],
      timeoutMs: 100,
    });
    expect(Object.keys(payload.modules).sort()).toEqual(['src/a.js', 'src/b.js']);
    expect(payload.error).toBeUndefined();
  });

  it('is a prelude that evaluates to start(report, payload); report gets only primitives and never reaches the global object', () => {
    // A node:vm realm only to watch the protocol; the sandbox itself is QuickJS.
    const context = vm.createContext(Object.create(null));
    const start = vm.runInContext(HARNESS_PRELUDE, context) as (report: (...a: unknown[]) => void, json: string) => void;
    const calls: unknown[][] = [];
    start((...args) => calls.push(args), JSON.stringify(harnessPayload(testRequestFor(tinySuite, referenceFiles(tinySuite), ['t01']))));
    expect(calls.every((args) => args.every((a) => typeof a === 'string' || typeof a === 'number'))).toBe(true);
    expect(calls.filter((c) => c[0] === 'result').map((c) => c.slice(1))).toEqual([
      ['t01', 'adds', 1, ''],
      ['t01', 'throws', 1, ''],
    ]);
    expect(calls[calls.length - 1]).toEqual(['done']);
    expect(vm.runInContext('Object.isFrozen(Object.prototype) && Object.isFrozen(Function.prototype) && typeof report', context)).toBe('undefined');
  });
});

describe('reports from another thread', () => {
  it('rejects anything that is not a report, and recounts passed and failed', () => {
    expect(checkReport({ results: [{ task: 't01' }], timedOut: false, durationMs: 1 })).toBeNull();
    expect(checkReport('not a report')).toBeNull();
    expect(checkReport({ results: [], timedOut: 'no', durationMs: 1 })).toBeNull();
    const forged = { results: [{ task: 't01', name: 'a', ok: false, error: 'x', extra: 1 }], passed: 5, failed: 0, timedOut: false, durationMs: 2 };
    expect(checkReport(forged)).toEqual({ results: [{ task: 't01', name: 'a', ok: false, error: 'x' }], passed: 0, failed: 1, timedOut: false, durationMs: 2 });
  });

  it('accounts for every requested test when a run is interrupted', () => {
    const req = testRequestFor(tinySuite, {}, ['t01', 't02']);
    const snapshot = { results: [{ task: 't01', name: 'adds', ok: true }], done: false, running: 'running test "throws" of task t01' };
    const report = interruptedReport(req, snapshot, { timedOut: true, message: 'timed out after 9 ms' }, 12);
    expect(report.results.map((r) => [r.task, r.name, r.ok, r.error])).toEqual([
      ['t01', 'adds', true, undefined],
      ['t01', 'throws', false, 'timed out after 9 ms'],
      ['t02', 'doubles', false, 'not run: the run was stopped at an earlier test'],
      ['t02', 'throws', false, 'not run: the run was stopped at an earlier test'],
    ]);
    expect([report.passed, report.failed, report.timedOut, report.error, report.durationMs]).toEqual([1, 3, true, 'timed out after 9 ms', 12]);
  });
});
