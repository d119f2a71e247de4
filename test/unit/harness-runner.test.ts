import { describe, expect, it } from 'vitest';
import type { TestRequest } from '../../src/core/harness/types';
import { NodeTestRunner } from '../../src/platform/nodeTestRunner';

const runner = new NodeTestRunner();

type Suites = TestRequest['suites'];
function req(files: Record<string, string>, suites: Suites, timeoutMs = 2000): TestRequest {
  return { files, suites, timeoutMs };
}
function one(task: string, file: string, exportName: string, tests: Record<string, string>): Suites[number] {
  return { task, file, exportName, tests: Object.entries(tests).map(([name, code]) => ({ name, code })) };
}
function errors(report: { results: { name: string; ok: boolean; error?: string }[] }): Record<string, string | true> {
  return Object.fromEntries(report.results.map((r) => [r.name, r.ok ? true : (r.error ?? '(no message)')]));
}

const add = "export function add(a, b) {\n  if (typeof a !== 'number') throw new TypeError('a must be a number');\n  return a + b;\n}\n";

describe('NodeTestRunner', () => {
  it('reports passing and failing tests with readable messages', async () => {
    const report = await runner.run(
      req({ 'src/add.js': add }, [
        one('t01', 'src/add.js', 'add', {
          adds: 'assert.equal(add(2, 3), 5);',
          wrong: 'assert.equal(add(2, 2), 5);',
          deep: 'assert.deepEqual([add(1, 1)], [3]);',
          close: 'assert.close(add(0.1, 0.2), 0.3);',
          throwsType: "assert.throws(() => add('x', 1), TypeError);",
          throwsRange: "assert.throws(() => add('x', 1), RangeError);",
          ok: 'assert.ok(add(1, -1), "sum should be non-zero");',
        }),
      ]),
    );
    expect(errors(report)).toEqual({
      adds: true,
      wrong: 'expected 5, got 4',
      deep: 'expected [3], got [2] (first difference at [0]: expected 3, got 2)',
      close: true,
      throwsType: true,
      throwsRange: 'expected a RangeError, but it threw TypeError: a must be a number',
      ok: 'sum should be non-zero: expected a truthy value, got 0',
    });
    expect([report.passed, report.failed, report.timedOut, report.error]).toEqual([3, 4, false, undefined]);
  });

  it('links imports across files, including ../ paths, default and namespace imports', async () => {
    const files = {
      'src/add.js': add,
      'src/math/double.js': "import { add as plus } from '../add.js';\nexport default function double(x) { return plus(x, x); }\n",
      'lib/quad.js': "import double from '../src/math/double';\nimport * as adder from '../src/add.js';\nexport const quad = (x) => adder.add(double(x), double(x));\n",
    };
    const report = await runner.run(req(files, [one('t03', 'lib/quad.js', 'quad', { quad: 'assert.equal(quad(3), 12);' })]));
    expect(errors(report)).toEqual({ quad: true });
  });

  it('fails a test whose file has a bare import, naming the import', async () => {
    const files = { 'src/a.js': "import fs from 'fs';\nexport function a() { return 1; }\n" };
    const report = await runner.run(req(files, [one('t01', 'src/a.js', 'a', { runs: 'assert.equal(a(), 1);' })]));
    expect(report.results[0]).toMatchObject({ ok: false, error: "src/a.js imports 'fs': only relative imports of repository files are allowed" });
    expect(report.error).toBe("src/a.js imports 'fs': only relative imports of repository files are allowed");
  });

  it('reports a syntax error with file and line, only for the tests that need that file', async () => {
    const files = { 'src/add.js': add, 'src/bad.js': "import { add } from './add.js';\nexport function bad() { return add(1, ); + }\n" };
    const report = await runner.run(
      req(files, [one('t01', 'src/add.js', 'add', { adds: 'assert.equal(add(1, 1), 2);' }), one('t02', 'src/bad.js', 'bad', { bad: 'bad();' })]),
    );
    expect(report.results[0].ok).toBe(true);
    expect(report.results[1].ok).toBe(false);
    expect(report.results[1].error).toMatch(/^SyntaxError in src\/bad\.js at line 2, column \d+: /);
    expect(report.error).toMatch(/SyntaxError in src\/bad\.js at line 2/);
  });

  it('fails every test of a module that throws while loading, and of modules importing it', async () => {
    const files = {
      'src/boom.js': "throw new RangeError('no config');\nexport function boom() {}\n",
      'src/user.js': "import { boom } from './boom.js';\nexport function user() { return boom(); }\n",
      'src/add.js': add,
    };
    const report = await runner.run(
      req(files, [
        one('t01', 'src/boom.js', 'boom', { first: 'boom();', second: 'boom();' }),
        one('t02', 'src/user.js', 'user', { uses: 'user();' }),
        one('t03', 'src/add.js', 'add', { independent: 'assert.equal(add(1, 2), 3);' }),
      ]),
    );
    const message = 'src/boom.js threw while loading: RangeError: no config';
    expect(errors(report)).toEqual({ first: message, second: message, uses: message, independent: true });
  });

  it('keeps running after a test throws', async () => {
    const report = await runner.run(
      req({ 'src/add.js': add }, [one('t01', 'src/add.js', 'add', { throws: 'add(undefined, 1);', after: 'assert.equal(add(1, 1), 2);' })]),
    );
    expect(errors(report)).toEqual({ throws: 'TypeError: a must be a number', after: true });
  });

  it('explains a missing file, a missing export, a non-function export and a missing import name', async () => {
    const files = {
      'src/wrongName.js': 'export function sum(a, b) { return a + b; }\n',
      'src/value.js': 'export const value = 3;\n',
      'src/importer.js': "import { total } from './wrongName.js';\nexport function importer() { return total; }\n",
    };
    const report = await runner.run(
      req(files, [
        one('t01', 'src/missing.js', 'missing', { missing: 'missing();' }),
        one('t02', 'src/wrongName.js', 'add', { name: 'add();' }),
        one('t03', 'src/value.js', 'value', { kind: 'value();' }),
        one('t04', 'src/importer.js', 'importer', { link: 'importer();' }),
      ]),
    );
    expect(errors(report)).toEqual({
      missing: 'src/missing.js does not exist yet',
      name: "src/wrongName.js does not export 'add' (it exports: sum)",
      kind: "'value' exported by src/value.js is a number, not a function",
      link: "src/importer.js imports 'total' from src/wrongName.js, but src/wrongName.js does not export it (it exports: sum)",
    });
  });

  it('detects circular imports instead of hanging', async () => {
    const files = {
      'src/a.js': "import { b } from './b.js';\nexport function a() { return b(); }\n",
      'src/b.js': "import { a } from './a.js';\nexport function b() { return 1; }\n",
    };
    const report = await runner.run(req(files, [one('t01', 'src/a.js', 'a', { cycle: 'a();' })]));
    expect(report.results[0].error).toBe('circular import: src/a.js -> src/b.js -> src/a.js (files must not import each other in a loop)');
    expect(report.timedOut).toBe(false);
  });

  it('times out an infinite loop inside the function under test, and the process survives', async () => {
    const files = { 'src/spin.js': 'export function spin() { while (true) {} }\n', 'src/add.js': add };
    const report = await runner.run(
      req(files, [one('t01', 'src/add.js', 'add', { before: 'assert.equal(add(1, 1), 2);' }), one('t02', 'src/spin.js', 'spin', { spins: 'spin();', later: 'assert.ok(true);' })], 300),
    );
    expect(report.timedOut).toBe(true);
    expect(report.error).toMatch(/^timed out after 300 ms while running test "spins" of task t02/);
    expect(errors(report)).toEqual({
      before: true,
      spins: expect.stringMatching(/^timed out after 300 ms/),
      later: 'not run: the run was stopped at an earlier test',
    });
    expect([report.passed, report.failed]).toEqual([1, 2]);
    const again = await runner.run(req({ 'src/add.js': add }, [one('t01', 'src/add.js', 'add', { fine: 'assert.equal(add(2, 2), 4);' })]));
    expect(again.passed).toBe(1);
  });

  it('times out an infinite loop at module level, naming the file being loaded', async () => {
    const files = { 'src/hang.js': 'while (true) {}\nexport function hang() {}\n' };
    const report = await runner.run(req(files, [one('t01', 'src/hang.js', 'hang', { loads: 'hang();' })], 300));
    expect(report.timedOut).toBe(true);
    expect(report.error).toMatch(/^timed out after 300 ms while loading src\/hang\.js/);
    expect(report.results).toHaveLength(1);
    expect(report.results[0].ok).toBe(false);
  });

  it('gives agent code no fetch, require, process or host __report', async () => {
    const files = { 'src/probe.js': 'export function probe(name) { return typeof globalThis[name]; }\n' };
    const report = await runner.run(
      req(files, [
        one('t01', 'src/probe.js', 'probe', {
          fetch: "assert.equal(probe('fetch'), 'undefined');",
          require: "assert.equal(probe('require'), 'undefined');",
          process: "assert.equal(probe('process'), 'undefined');",
          report: "assert.equal(probe('__report'), 'undefined');",
          escape: "assert.equal(Function('return this')().constructor.constructor('return typeof process')(), 'undefined');",
          calls: "fetch('https://example.com');",
        }),
      ]),
    );
    expect(errors(report)).toEqual({ fetch: true, require: true, process: true, report: true, escape: true, calls: "ReferenceError: 'fetch' is not defined" });
  });

  it('runs each request in a fresh realm: globals set by one run are gone in the next', async () => {
    const files = { 'src/g.js': 'export function g() { globalThis.leak = (globalThis.leak ?? 0) + 1; return globalThis.leak; }\n' };
    const request = req(files, [one('t01', 'src/g.js', 'g', { first: 'assert.equal(g(), 1);' })]);
    expect((await runner.run(request)).passed).toBe(1);
    expect((await runner.run(request)).passed).toBe(1);
  });

  it('fails a test whose own code does not compile, and one that returns a Promise', async () => {
    const report = await runner.run(req({ 'src/add.js': add }, [one('t01', 'src/add.js', 'add', { broken: 'assert.equal(add(1, 1), 2', async: 'return Promise.resolve(1);' })]));
    expect(report.results[0].error).toMatch(/^the test code does not compile: SyntaxError/);
    expect(report.results[1].error).toBe('the test returned a Promise; tests must be synchronous');
  });
});
