/**
 * The part of the harness that runs inside the sandbox realm (QuickJS): links the transformed
 * files, runs every test case, and tells the host about each step through `report`, a host
 * function only this closure holds. Like createAssert it travels as source text
 * (RUNTIME_SOURCE), so runHarness must stay self-contained: no imports, no outside names.
 */
import type { Assert } from './assert';
import type { TestCaseResult, TestRequest } from './types';

export interface HarnessModule {
  /** Transformed function body (see transform.ts); absent when the file could not be transformed. */
  body?: string;
  /** Why the file cannot load (syntax error, bad import), shown to every test that needs it. */
  error?: string;
}

export interface HarnessPayload {
  /** The files the requested tests can reach, by repository path. */
  modules: Record<string, HarnessModule>;
  suites: TestRequest['suites'];
  /** All transform problems, for TestReport.error. */
  error?: string;
  /** The sandbox's memory limit, named in out-of-memory messages. */
  memoryLimitMb?: number;
}

/**
 * How the harness talks to its host; only primitives cross, so the host never has to call
 * back into the realm to read them:
 *   report('running', text)                          what the harness is doing now
 *   report('result', task, name, 1 | 0, error)       one finished test ('' when it passed)
 *   report('done')                                   every test has a result
 */
export type HarnessReport = (kind: 'running' | 'result' | 'done', ...args: (string | number)[]) => void;

type Exports = Record<string, unknown>;

interface ModuleHelpers {
  require(path: string, names: string[]): Exports;
  export(name: string, getter: () => unknown): void;
  exportAll(from: Exports): void;
}

export function runHarness(payload: HarnessPayload, makeAssert: () => Assert, report: HarnessReport): void {
  // The realm's built-ins are frozen before this runs (lockdown.ts); keeping references is a
  // second fence in case a host runs it without that.
  const stringify = JSON.stringify;
  const freeze = Object.freeze;
  const defineProperty = Object.defineProperty;
  const ownKeys = Object.keys;
  const createObject = Object.create;
  const hasOwn = Object.prototype.hasOwnProperty;
  const compile = Function;
  const MAX_ERROR = 1000;

  /** A load problem whose message is already complete; it is not wrapped again up the chain. */
  class LoadFailure extends Error {}

  const send = (running: string): void => {
    report('running', running);
  };
  const record = (result: TestCaseResult): void => {
    report('result', result.task, result.name, result.ok ? 1 : 0, result.error ?? '');
  };
  const memory = payload.memoryLimitMb ? 'the test sandbox allows ' + payload.memoryLimitMb + ' MB' : 'the test sandbox has a memory limit';

  function describe(e: unknown): string {
    let text: string;
    try {
      if (e instanceof LoadFailure) text = e.message;
      else if (e !== null && typeof e === 'object' && 'message' in e) {
        const name = 'name' in e ? String((e as { name: unknown }).name) : 'Error';
        const message = String((e as { message: unknown }).message);
        // Assertion messages are written to be read as they are ("expected 3, got 4").
        text = name === 'AssertionError' ? message : name + ': ' + message;
        if (name === 'InternalError' && message === 'out of memory') text += ' (' + memory + '; a runaway loop building an array or string?)';
        else if (name === 'InternalError' && message === 'stack overflow') text += ' (recursion too deep: a missing base case?)';
        else if (name === 'TypeError' && /not extensible|read-only|frozen/.test(message)) text += ' (built-in objects such as Array.prototype are frozen in the test sandbox)';
      } else {
        let shown: string;
        try {
          shown = typeof e === 'string' ? stringify(e) : String(e);
        } catch {
          shown = typeof e;
        }
        text = 'threw a non-Error value: ' + shown;
        // QuickJS throws null when it runs out of memory while building its own "out of memory"
        // error, so a bare null is most often a heap bomb, not agent code that wrote `throw null`.
        if (e === null) text += ' (or ran out of memory: ' + memory + ')';
      }
    } catch {
      text = 'threw a value that cannot be described';
    }
    return text.length > MAX_ERROR ? text.slice(0, MAX_ERROR - 3) + '...' : text;
  }

  function exportList(exports: Exports): string {
    const names = ownKeys(exports);
    return names.length ? 'it exports: ' + names.join(', ') : 'it exports nothing';
  }

  type Record_ = { state: 'loading' | 'loaded' | 'failed'; exports: Exports; failure?: LoadFailure };
  const records: Record<string, Record_> = createObject(null);
  const loading: string[] = [];

  function load(path: string): Exports {
    const existing = records[path];
    if (existing) {
      if (existing.state === 'loaded') return existing.exports;
      if (existing.state === 'failed') throw existing.failure;
      const cycle = loading.slice(loading.indexOf(path)).concat([path]).join(' -> ');
      throw new LoadFailure('circular import: ' + cycle + ' (files must not import each other in a loop)');
    }
    const module = hasOwn.call(payload.modules, path) ? payload.modules[path] : undefined;
    if (!module) throw new LoadFailure(path + ' does not exist yet');
    const exports: Exports = createObject(null);
    const record: Record_ = { state: 'loading', exports };
    records[path] = record;
    loading.push(path);
    send('loading ' + path);
    try {
      if (module.error !== undefined || module.body === undefined) throw new LoadFailure(module.error ?? path + ' could not be read');
      let body: (helpers: ModuleHelpers) => void;
      try {
        body = compile('$$h', module.body + '\n//# sourceURL=' + path) as (helpers: ModuleHelpers) => void;
      } catch (e) {
        throw new LoadFailure(path + ' does not compile: ' + describe(e));
      }
      const helpers: ModuleHelpers = {
        require(target, names) {
          const imported = load(target);
          for (const name of names) {
            if (!(name in imported)) {
              throw new LoadFailure(
                path + " imports '" + name + "' from " + target + ', but ' + target + ' does not export it (' + exportList(imported) + ')',
              );
            }
          }
          return imported;
        },
        export(name, getter) {
          defineProperty(exports, name, { get: getter, enumerable: true, configurable: false });
        },
        exportAll(from) {
          for (const name of ownKeys(from)) {
            if (name !== 'default' && !hasOwn.call(exports, name)) {
              defineProperty(exports, name, { get: () => from[name], enumerable: true, configurable: false });
            }
          }
        },
      };
      body(helpers);
      record.state = 'loaded';
      return exports;
    } catch (e) {
      record.state = 'failed';
      record.failure = e instanceof LoadFailure ? e : new LoadFailure(path + ' threw while loading: ' + describe(e));
      throw record.failure;
    } finally {
      loading.pop();
    }
  }

  const assert = makeAssert();
  freeze(assert);

  for (const suite of payload.suites) {
    let fn: unknown;
    let problem: string | undefined;
    try {
      const exports = load(suite.file);
      if (!(suite.exportName in exports)) problem = suite.file + " does not export '" + suite.exportName + "' (" + exportList(exports) + ')';
      else {
        fn = exports[suite.exportName];
        if (typeof fn !== 'function') problem = "'" + suite.exportName + "' exported by " + suite.file + ' is a ' + (fn === null ? 'null' : typeof fn) + ', not a function';
      }
    } catch (e) {
      problem = describe(e);
    }
    for (const test of suite.tests) {
      const result: TestCaseResult = { task: suite.task, name: test.name, ok: false };
      if (problem !== undefined) {
        result.error = problem;
        record(result);
        continue;
      }
      send('running test ' + stringify(test.name) + ' of task ' + suite.task);
      let check: ((a: Assert, f: unknown) => unknown) | undefined;
      try {
        check = compile('assert', suite.exportName, '"use strict";\n' + test.code) as (a: Assert, f: unknown) => unknown;
      } catch (e) {
        result.error = 'the test code does not compile: ' + describe(e);
      }
      if (check) {
        try {
          const returned = check(assert, fn);
          if (returned !== null && typeof returned === 'object' && typeof (returned as { then?: unknown }).then === 'function') {
            result.error = 'the test returned a Promise; tests must be synchronous';
          } else result.ok = true;
        } catch (e) {
          result.error = describe(e);
        }
      }
      record(result);
    }
  }
  report('done');
}

/** Source text of runHarness, for embedding into the harness script. */
export const RUNTIME_SOURCE: string = runHarness.toString();
