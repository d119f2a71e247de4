import { describe, expect, it } from 'vitest';
import { ASSERT_SOURCE, createAssert, type Assert } from '../../src/core/harness/assert';

const assert = createAssert();

/** The message a failing assertion throws, or a marker when it did not throw. */
function failure(check: (a: Assert) => void): string {
  try {
    check(assert);
  } catch (e) {
    expect((e as Error).name).toBe('AssertionError');
    return (e as Error).message;
  }
  return '(no failure)';
}

describe('assert.ok', () => {
  it('passes truthy values and names the falsy one', () => {
    expect(failure((a) => a.ok(1))).toBe('(no failure)');
    expect(failure((a) => a.ok(0))).toBe('expected a truthy value, got 0');
    expect(failure((a) => a.ok('', 'name must be set'))).toBe('name must be set: expected a truthy value, got ""');
  });
});

describe('assert.equal', () => {
  it('uses Object.is', () => {
    expect(failure((a) => a.equal(NaN, NaN))).toBe('(no failure)');
    expect(failure((a) => a.equal(0, -0))).toBe('expected -0, got 0');
  });
  it('says expected before got, with strings quoted', () => {
    expect(failure((a) => a.equal(4, 3))).toBe('expected 3, got 4');
    expect(failure((a) => a.equal('a', 'b', 'first letter'))).toBe('first letter: expected "b", got "a"');
  });
  it('explains a number that should have been a string', () => {
    expect(failure((a) => a.equal(3, '3'))).toBe('expected "3", got 3 (a number, not a string)');
  });
  it('points to deepEqual when two objects have the same contents', () => {
    expect(failure((a) => a.equal([1], [1]))).toBe('expected [1], got [1] (equal compares identity; use assert.deepEqual to compare contents)');
  });
});

describe('assert.deepEqual', () => {
  it('accepts equal structures regardless of key order', () => {
    expect(failure((a) => a.deepEqual({ a: [1, { b: 2 }], c: 'x' }, { c: 'x', a: [1, { b: 2 }] }))).toBe('(no failure)');
    expect(failure((a) => a.deepEqual([NaN, -0], [NaN, 0]))).toBe('(no failure)');
  });
  it('names the first difference', () => {
    expect(failure((a) => a.deepEqual({ a: [1, 2, 3] }, { a: [1, 2, 4] }))).toBe(
      'expected {a: [1, 2, 4]}, got {a: [1, 2, 3]} (first difference at .a[2]: expected 4, got 3)',
    );
  });
  it('reports length, missing and extra keys', () => {
    expect(failure((a) => a.deepEqual([1, 2], [1, 2, 3]))).toBe('expected an array of length 3, got length 2');
    expect(failure((a) => a.deepEqual({ a: 1 }, { a: 1, b: 2 }))).toBe('expected {a: 1, b: 2}, got {a: 1} (first difference at .b: expected 2, got no such key)');
    expect(failure((a) => a.deepEqual({ a: 1, z: 0 }, { a: 1 }))).toBe('expected {a: 1}, got {a: 1, z: 0} (first difference at .z: unexpected key with value 0)');
  });
  it('does not mistake an array for an object with the same keys', () => {
    expect(failure((a) => a.deepEqual({ 0: 'x' }, ['x']))).toBe('expected ["x"] (array), got {"0": "x"} (object)');
  });
  it('compares Maps and Sets by contents', () => {
    expect(failure((a) => a.deepEqual(new Map([['a', [1]]]), new Map([['a', [1]]])))).toBe('(no failure)');
    expect(failure((a) => a.deepEqual(new Map([['a', 1]]), new Map([['a', 2]])))).toBe(
      'expected Map(1) {"a" => 2}, got Map(1) {"a" => 1} (first difference at .get("a"): expected 2, got 1)',
    );
    expect(failure((a) => a.deepEqual(new Set([{ x: 1 }]), new Set([{ x: 1 }])))).toBe('(no failure)');
    expect(failure((a) => a.deepEqual(new Set([1, 2]), new Set([1, 3])))).toBe('expected Set(2) {1, 3}, got Set(2) {1, 2} (missing 3)');
  });
});

describe('assert.close', () => {
  it('allows a difference up to eps', () => {
    expect(failure((a) => a.close(0.1 + 0.2, 0.3))).toBe('(no failure)');
    expect(failure((a) => a.close(3.14, 3.1416, 0.01))).toBe('(no failure)');
  });
  it('says how far off the value is', () => {
    expect(failure((a) => a.close(3.5, 3, 0.1))).toBe('expected 3 (within 0.1), got 3.5 (off by 0.5)');
  });
  it('rejects non-numbers and NaN against a number', () => {
    expect(failure((a) => a.close('3', 3))).toBe('expected a number close to 3, got "3"');
    expect(failure((a) => a.close(NaN, 3))).toBe('expected 3 (within 1e-9), got NaN');
  });
});

describe('assert.throws', () => {
  const thrower = (e: unknown) => () => {
    throw e;
  };
  it('matches an Error class', () => {
    expect(failure((a) => a.throws(thrower(new RangeError('too big')), RangeError))).toBe('(no failure)');
    expect(failure((a) => a.throws(thrower(new TypeError('bad type')), RangeError))).toBe('expected a RangeError, but it threw TypeError: bad type');
  });
  it('matches a RegExp against the message', () => {
    expect(failure((a) => a.throws(thrower(new Error('value is negative')), /negative/))).toBe('(no failure)');
    expect(failure((a) => a.throws(thrower(new Error('out of range')), /negative/))).toBe(
      'expected an error whose message matches /negative/, but it threw Error: out of range',
    );
  });
  it('says what the function returned when it did not throw', () => {
    expect(failure((a) => a.throws(() => 5, RangeError, 'clamp(5, 9, 1)'))).toBe('clamp(5, 9, 1): expected a RangeError, but it returned 5');
    expect(failure((a) => a.throws(() => undefined))).toBe('expected the function to throw, but it returned undefined');
  });
  it('explains a call passed instead of a function', () => {
    expect(failure((a) => a.throws(42))).toBe('assert.throws needs a function to call, got 42 (wrap the call: () => f(x))');
  });
});

describe('ASSERT_SOURCE', () => {
  it('is self-contained: evaluated alone it builds a working assert', () => {
    const make = new Function('var __name = function (f) { return f; }; return (' + ASSERT_SOURCE + ');')() as () => Assert;
    const fresh = make();
    expect(() => fresh.equal(1, 1)).not.toThrow();
    expect(() => fresh.equal(4, 3)).toThrow('expected 3, got 4');
  });
});
