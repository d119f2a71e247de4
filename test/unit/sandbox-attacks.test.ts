/**
 * Agent code written as an attacker would, against the QuickJS sandbox in Node (the same code the
 * page's sandbox worker runs). Each attack must end as a failed test with a readable message, and
 * the host must stay usable. Where an attack could silently do nothing (so a broken sandbox would
 * pass too), a sanity test shows the same attack code working against a naive in-host harness.
 */
import vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import { createAssert } from '../../src/core/harness/assert';
import type { TestReport, TestRequest } from '../../src/core/harness/types';
import { NodeTestRunner } from '../../src/platform/nodeTestRunner';

const runner = new NodeTestRunner();

function attack(module: string, tests: Record<string, string>, timeoutMs = 2000): TestRequest {
  return {
    files: { 'src/attack.js': module },
    suites: [{ task: 't01', file: 'src/attack.js', exportName: 'attack', tests: Object.entries(tests).map(([name, code]) => ({ name, code })) }],
    timeoutMs,
  };
}

function outcome(report: TestReport): Record<string, string | true> {
  return Object.fromEntries(report.results.map((r) => [r.name, r.ok ? true : (r.error ?? '(no message)')]));
}

/** After every attack: a normal request still runs and passes, so the host survived. */
async function hostSurvives(): Promise<void> {
  const report = await runner.run(attack('export function attack(a, b) { return a + b; }\n', { adds: 'assert.equal(attack(2, 3), 5);' }));
  expect(outcome(report)).toEqual({ adds: true });
}

// The forging attacks: module code that, in a shared realm, turns assert failures into passes.
const FORGE_CALL = `
try { Function.prototype.call = function () { return undefined; }; } catch (e) { globalThis.callRefused = String(e); }
export function attack() { return 0; }
`;
const FORGE_TOJSON = `
try { Object.defineProperty(Object.prototype, 'toJSON', { value: function () { return { task: this.task, name: this.name, ok: true }; }, configurable: true }); }
catch (e) { globalThis.toJSONRefused = String(e); }
export function attack() { return 0; }
`;

describe('sanity: the forging attacks work against a naive harness sharing the realm', () => {
  // What the old sandbox did: agent module and harness in one realm, test run via check.call,
  // results sent as JSON made in that realm.
  function naiveRun(module: string): { ok: boolean } {
    const context = vm.createContext({});
    const setup = module.replace(/export function/g, 'function') + '\nattack;';
    const fn = vm.runInContext(setup, context) as () => unknown;
    const assert = vm.runInContext(`(${createAssert.toString()})()`, context) as ReturnType<typeof createAssert>;
    const harness = vm.runInContext(
      `(function (check, assert, fn) { const r = { ok: false }; try { check.call(undefined, assert, fn); r.ok = true; } catch (e) {} return JSON.stringify(r); })`,
      context,
    ) as (check: unknown, a: unknown, f: unknown) => string;
    const check = vm.runInContext('(function (assert, attack) { assert.equal(attack(), 42); })', context);
    return JSON.parse(harness(check, assert, fn)) as { ok: boolean };
  }

  it('Function.prototype.call turns a failing assert into a pass there', () => {
    expect(naiveRun('export function attack() { return 0; }').ok).toBe(false);
    expect(naiveRun(FORGE_CALL).ok).toBe(true);
  });

  it('Object.prototype.toJSON rewrites the reported result there', () => {
    expect(naiveRun(FORGE_TOJSON).ok).toBe(true);
  });
});

describe('QuickJS sandbox: forged results are impossible', () => {
  it('overriding Function.prototype.call fails at the assignment, and the failing assertion still fails', async () => {
    const report = await runner.run(attack(FORGE_CALL, { forged: 'assert.equal(attack(), 42);', refused: "assert.equal(typeof globalThis.callRefused, 'undefined');" }));
    expect(report.results[0]).toEqual({ task: 't01', name: 'forged', ok: false, error: 'expected 42, got 0' });
    expect(report.results[1].ok).toBe(false);
    expect(report.results[1].error).toMatch(/^expected "undefined", got "string"/);
    expect(report.passed).toBe(0);
    await hostSurvives();
  });

  it('Object.prototype.toJSON cannot be added', async () => {
    const report = await runner.run(attack(FORGE_TOJSON, { forged: 'assert.equal(attack(), 42);', refused: 'assert.ok(!globalThis.toJSONRefused, globalThis.toJSONRefused);' }));
    expect(outcome(report)).toEqual({
      forged: 'expected 42, got 0',
      refused: expect.stringMatching(/^TypeError: .*: expected a truthy value, got false$/),
    });
  });

  it('replacing the global Object, JSON, Array or String does not reach the assertions', async () => {
    const module = `
const tried = [];
for (const name of ['Object', 'JSON', 'Array', 'String', 'Math', 'Reflect', 'Function']) {
  try { globalThis[name] = { is: () => true, isArray: () => true, stringify: () => '{"ok":true}', keys: () => [] }; tried.push(name + ' replaced'); }
  catch (e) { tried.push(name + ' refused'); }
}
export function attack() { return tried; }
`;
    const report = await runner.run(attack(module, { forged: 'assert.deepEqual(attack(), []);', same: "assert.equal(Object.is(1, 2), false); assert.equal(attack().filter((t) => t.endsWith('replaced')).length, 0);" }));
    expect(report.results[0].ok).toBe(false);
    expect(report.results[0].error).toBe('expected an array of length 0, got length 7');
    expect(report.results[1]).toMatchObject({ ok: true });
  });

  it('an assert handed to agent code cannot be rewritten', async () => {
    const module = 'export function attack(a) { a.equal = function () {}; a.ok = function () {}; }\n';
    const report = await runner.run(attack(module, { forged: 'attack(assert); assert.equal(1, 2);' }));
    expect(report.results[0].ok).toBe(false);
    expect(report.results[0].error).toMatch(/^TypeError: .*(read-only|not extensible)/);
  });

  it('Promise tricks: no then on every object, no later callback flips a result', async () => {
    const module = `
let flipped = false;
try { Object.defineProperty(Object.prototype, 'then', { value: (ok) => ok(true), configurable: true }); } catch {}
try { Promise.prototype.then = function () { return this; }; } catch {}
Promise.resolve().then(() => { flipped = true; });
export function attack() { return flipped; }
`;
    const report = await runner.run(attack(module, { later: 'assert.equal(attack(), true);', thenable: "assert.equal(typeof ({}).then, 'function');" }));
    expect(outcome(report)).toEqual({ later: 'expected true, got false', thenable: 'expected "function", got "undefined"' });
  });

  it('Symbol.hasInstance and Error.prototype tricks do not fake an expected throw', async () => {
    const module = `
try { Object.defineProperty(TypeError, Symbol.hasInstance, { value: () => true }); } catch {}
try { Error.prototype.name = 'TypeError'; } catch {}
export function attack() { return 1; }
`;
    const report = await runner.run(attack(module, { throws: 'assert.throws(() => attack(), TypeError);' }));
    expect(outcome(report)).toEqual({ throws: 'expected a TypeError, but it returned 1' });
  });

  it('no way up the call stack to the harness: caller chains stop at agent code', async () => {
    const module = `
export function attack() {
  const sloppy = Function('return [typeof arguments.callee.caller, String(sloppyCaller())]; function sloppyCaller() { return sloppyCaller.caller; }');
  let viaStrict;
  try { viaStrict = typeof attack.caller; } catch (e) { viaStrict = e.name; }
  return sloppy().concat([viaStrict]).join(' ');
}
`;
    const report = await runner.run(attack(module, { chain: "assert.equal(attack(), 'undefined undefined TypeError');" }));
    expect(outcome(report)).toEqual({ chain: true });
  });

  it('thrown values that fight back: a 1 MB message is clipped, a throwing getter is contained', async () => {
    const module = `
export function attack(how) {
  if (how === 'long') throw new Error('x'.repeat(1e6));
  throw { get name() { throw new Error('gotcha'); }, get message() { throw new Error('gotcha'); } };
}
`;
    const report = await runner.run(attack(module, { long: "attack('long');", getter: "attack('getter');", after: 'assert.ok(true);' }));
    expect(report.results[0].error).toHaveLength(1000);
    expect(report.results[0].error).toMatch(/^Error: xxx.*\.\.\.$/);
    expect(report.results[1].error).toBe('threw a value that cannot be described');
    expect(report.results[2].ok).toBe(true);
  });

  it('iteration and coercion hooks on built-ins cannot be replaced', async () => {
    const module = `
const refused = [];
for (const [target, key] of [[Array.prototype, Symbol.iterator], [Object.prototype, Symbol.toPrimitive], [String.prototype, 'slice'], [Array, 'isArray'], [Object, 'is']]) {
  try { target[key] = function () { return true; }; } catch (e) { refused.push(String(key)); }
}
export function attack() { return refused.length; }
`;
    const report = await runner.run(attack(module, { refused: 'assert.equal(attack(), 5);', stillWorks: 'assert.deepEqual([...[1, 2]], [1, 2]);' }));
    expect(outcome(report)).toEqual({ refused: true, stillWorks: true });
  });

  it('ordinary code that assigns name/toString on its own objects still works with frozen built-ins', async () => {
    const module = `
export class ParseError extends Error { constructor(m) { super(m); this.name = 'ParseError'; } }
export function attack() {
  const o = { n: 3 };
  o.toString = function () { return 'n=' + this.n; };
  const e = new ParseError('bad');
  return String(o) + ' ' + e.name + ' ' + e.message;
}
`;
    const report = await runner.run(attack(module, { works: "assert.equal(attack(), 'n=3 ParseError bad');", builtin: "assert.throws(() => { Array.prototype.sum = 1; }, TypeError);" }));
    expect(outcome(report)).toEqual({ works: true, builtin: true });
  });
});

describe('QuickJS sandbox: nothing of the host exists inside', () => {
  it('has no network, storage, workers, timers, WebAssembly, process or require', async () => {
    const names = ['fetch', 'XMLHttpRequest', 'WebSocket', 'EventSource', 'importScripts', 'Worker', 'indexedDB', 'caches', 'FontFace', 'navigator', 'self', 'postMessage', 'WebAssembly', 'setTimeout', 'queueMicrotask', 'process', 'require', 'Buffer', 'Deno', 'Bun', 'std', 'os', 'Atomics'];
    const module = `export function attack(name) { return typeof globalThis[name]; }\n`;
    const tests = Object.fromEntries(names.map((n) => [n, `assert.equal(attack(${JSON.stringify(n)}), 'undefined');`]));
    const report = await runner.run(attack(module, tests));
    expect(report.passed).toBe(names.length);
  });

  it('every way to a function constructor leads to QuickJS, not the host', async () => {
    const module = `
export function attack() {
  const viaCtor = (function () {}).constructor('return typeof process + typeof fetch')();
  const viaGen = Object.getPrototypeOf(function* () {}).constructor('yield typeof require')().next().value;
  const viaEval = (0, eval)('typeof globalThis.fetch');
  return [viaCtor, viaGen, viaEval].join(' ');
}
`;
    const report = await runner.run(attack(module, { escape: "assert.equal(attack(), 'undefinedundefined undefined undefined');", fetch: 'attack(); fetch("http://127.0.0.1:9/");' }));
    expect(outcome(report)).toEqual({ escape: true, fetch: "ReferenceError: 'fetch' is not defined" });
  });

  it("eval('import(url)') loads nothing; its promise never settles", async () => {
    const module = `
export function attack() {
  let state = 'pending';
  eval("import('http://127.0.0.1:9/x.js')").then(() => { state = 'loaded'; }, (e) => { state = 'refused: ' + e; });
  return () => state;
}
`;
    const report = await runner.run(attack(module, { imports: "const s = attack(); assert.equal(s(), 'loaded');" }));
    expect(outcome(report)).toEqual({ imports: 'expected "loaded", got "pending"' });
  });
});

describe('QuickJS sandbox: limits hold and the host survives', () => {
  const cases: [string, string, RegExp][] = [
    ['infinite loop', 'export function attack() { while (true) {} }\n', /^timed out after 500 ms while running test "attack" of task t01/],
    ['long builtin', 'export function attack() { return new Array(1.2e8).fill(0).length; }\n', /^InternalError: out of memory \(the test sandbox allows 64 MB/],
    ['heap bomb', "export function attack() { const a = []; for (;;) a.push({ i: a.length, s: 'x' + a.length }); }\n", /^(InternalError: out of memory|timed out after 500 ms)/],
    ['typed-array bomb', 'export function attack() { const a = []; for (;;) a.push(new Float64Array(1e7)); }\n', /^InternalError: out of memory/],
    ['string bomb', "export function attack() { let s = 'x'; for (;;) s += s; }\n", /^(InternalError: out of memory|RangeError: invalid string length|InternalError: string too long)/],
    ['deep recursion', 'export function attack(n = 0) { return attack(n + 1) + 1; }\n', /^InternalError: stack overflow \(recursion too deep/],
    ['recursion through getters', "const o = { get x() { return this.x; } };\nexport function attack() { return o.x; }\n", /^InternalError: stack overflow/],
    ['recursion through toString', 'const o = { toString() { return String(this); } };\nexport function attack() { return String(o); }\n', /^InternalError: stack overflow/],
    ['catastrophic regex', "export function attack() { return /^(a+)+$/.test('a'.repeat(40) + 'b'); }\n", /^timed out after 500 ms/],
    ['long sort', 'export function attack() { const a = Array.from({ length: 3e5 }, (_, i) => -i); for (;;) a.sort((x, y) => x - y); }\n', /^(timed out after 500 ms|InternalError: out of memory)/],
  ];
  for (const [name, module, message] of cases) {
    it(`${name}: fails as a test with a readable message`, async () => {
      const report = await runner.run(attack(module, { attack: 'attack();', after: 'assert.ok(true);' }, 500));
      expect(report.results[0].ok).toBe(false);
      expect(report.results[0].error).toMatch(message);
      await hostSurvives();
    }, 20000);
  }

  it('huge builtin calls between two interrupt checks: the thread is terminated and replaced', async () => {
    const module = 'export function attack() { for (;;) JSON.stringify(Array(1e6).fill({ a: [1, 2, 3] })); }\n';
    const report = await runner.run(attack(module, { attack: 'attack();' }, 300));
    expect(report.timedOut).toBe(true);
    expect(report.results[0].error).toMatch(/^timed out after 300 ms/);
    await hostSurvives();
  }, 30000);

  it('an attack that swallows out-of-memory errors is still stopped by the deadline', async () => {
    const module = 'export function attack() { for (;;) { try { const a = []; for (;;) a.push(new Array(1e5).fill(1)); } catch (e) {} } }\n';
    const report = await runner.run(attack(module, { attack: 'attack();' }, 500));
    expect(report.timedOut).toBe(true);
    expect(report.results[0].error).toMatch(/^timed out after 500 ms/);
    await hostSurvives();
  }, 20000);

  it('the interrupt cannot be caught by agent code', async () => {
    const module = 'export function attack() { for (;;) { try { while (true) {} } catch (e) {} finally { continue; } } }\n';
    const report = await runner.run(attack(module, { attack: 'attack();' }, 300));
    expect(report.timedOut).toBe(true);
    await hostSurvives();
  }, 20000);
});
