/**
 * The `assert` object that suite tests see. It is written once, here, as a real function so it is
 * type-checked and unit-testable; the harness script embeds its source text (ASSERT_SOURCE) so the
 * same code runs inside a node:vm context or a sandbox worker, with that realm's own built-ins.
 *
 * createAssert must stay self-contained: no imports, no references to anything outside its body,
 * because only its text travels into the sandbox.
 */

/** An Error class (TypeError, RangeError, Error...) or a RegExp tested against the message. */
export type ThrowsMatcher = RegExp | (abstract new (...args: never[]) => unknown);

export interface Assert {
  ok(value: unknown, msg?: string): void;
  /** Object.is equality. */
  equal(actual: unknown, expected: unknown, msg?: string): void;
  /** Structural equality over arrays, plain objects, Maps, Sets, Dates and primitives. Leaves compare
   * with SameValueZero, so NaN equals NaN and -0 equals 0 (rounding often yields -0). */
  deepEqual(actual: unknown, expected: unknown, msg?: string): void;
  close(actual: unknown, expected: number, eps?: number, msg?: string): void;
  throws(fn: unknown, matcher?: ThrowsMatcher, msg?: string): void;
}

export function createAssert(): Assert {
  const MAX_TEXT = 200;

  class AssertionError extends Error {
    constructor(message: string) {
      super(message);
      this.name = 'AssertionError';
    }
  }

  function clip(text: string): string {
    return text.length > MAX_TEXT ? text.slice(0, MAX_TEXT - 3) + '...' : text;
  }

  function isPlainObject(v: object): boolean {
    const proto = Object.getPrototypeOf(v);
    return proto === Object.prototype || proto === null;
  }

  // A learner and a small model both read these messages, so values print the way they are
  // written in source (strings quoted, -0 kept, arrays and objects inline) rather than via String().
  function show(v: unknown, depth = 0, seen: object[] = []): string {
    if (typeof v === 'string') return JSON.stringify(v);
    if (typeof v === 'number') return Object.is(v, -0) ? '-0' : String(v);
    if (typeof v === 'bigint') return String(v) + 'n';
    if (typeof v === 'symbol') return v.toString();
    if (typeof v === 'function') return v.name ? '[Function ' + v.name + ']' : '[Function]';
    if (v === null || typeof v !== 'object') return String(v);
    if (seen.indexOf(v) >= 0) return '[Circular]';
    if (depth > 3) return Array.isArray(v) ? '[...]' : '{...}';
    const inner = seen.concat([v]);
    if (Array.isArray(v)) {
      const parts: string[] = [];
      for (let i = 0; i < v.length && i < 20; i++) parts.push(show(v[i], depth + 1, inner));
      if (v.length > 20) parts.push('... ' + (v.length - 20) + ' more');
      return '[' + parts.join(', ') + ']';
    }
    if (v instanceof Error) return v.name + ': ' + v.message;
    if (v instanceof Date) return 'Date(' + (isNaN(v.getTime()) ? 'Invalid' : v.toISOString()) + ')';
    if (v instanceof RegExp) return String(v);
    if (v instanceof Map) {
      const parts: string[] = [];
      v.forEach((val, key) => parts.push(show(key, depth + 1, inner) + ' => ' + show(val, depth + 1, inner)));
      return 'Map(' + v.size + ') {' + parts.join(', ') + '}';
    }
    if (v instanceof Set) {
      const parts: string[] = [];
      v.forEach((val) => parts.push(show(val, depth + 1, inner)));
      return 'Set(' + v.size + ') {' + parts.join(', ') + '}';
    }
    const keys = Object.keys(v);
    const record = v as Record<string, unknown>;
    const body = keys.map((k) => (/^[A-Za-z_$][\w$]*$/.test(k) ? k : JSON.stringify(k)) + ': ' + show(record[k], depth + 1, inner));
    const name = isPlainObject(v) ? '' : (v.constructor && v.constructor.name ? v.constructor.name + ' ' : '');
    return name + '{' + body.join(', ') + '}';
  }

  function fmt(v: unknown): string {
    return clip(show(v));
  }

  function fail(message: string, msg: string | undefined): never {
    throw new AssertionError(msg ? msg + ': ' + message : message);
  }

  function sameValueZero(a: unknown, b: unknown): boolean {
    return a === b || (a !== a && b !== b);
  }

  function kind(v: unknown): string {
    if (v === null) return 'null';
    if (Array.isArray(v)) return 'array';
    if (v instanceof Map) return 'Map';
    if (v instanceof Set) return 'Set';
    if (v instanceof Date) return 'Date';
    return typeof v;
  }

  /** The first place where two values differ, as [path, description], or null when they are equal. */
  function difference(actual: unknown, expected: unknown, path: string, seen: object[]): [string, string] | null {
    if (sameValueZero(actual, expected)) return null;
    const mismatch: [string, string] = [path, 'expected ' + fmt(expected) + ', got ' + fmt(actual)];
    if (typeof actual !== 'object' || typeof expected !== 'object' || actual === null || expected === null) return mismatch;
    if (kind(actual) !== kind(expected)) {
      return [path, 'expected ' + fmt(expected) + ' (' + kind(expected) + '), got ' + fmt(actual) + ' (' + kind(actual) + ')'];
    }
    if (seen.indexOf(actual) >= 0) return null;
    const inner = seen.concat([actual]);
    if (Array.isArray(actual) && Array.isArray(expected)) {
      if (actual.length !== expected.length) {
        return [path, 'expected an array of length ' + expected.length + ', got length ' + actual.length];
      }
      for (let i = 0; i < actual.length; i++) {
        const d = difference(actual[i], expected[i], path + '[' + i + ']', inner);
        if (d) return d;
      }
      return null;
    }
    if (actual instanceof Date && expected instanceof Date) {
      return sameValueZero(actual.getTime(), expected.getTime()) ? null : mismatch;
    }
    if (actual instanceof Map && expected instanceof Map) {
      if (actual.size !== expected.size) return [path, 'expected a Map of size ' + expected.size + ', got size ' + actual.size];
      let found: [string, string] | null = null;
      expected.forEach((val, key) => {
        if (found) return;
        if (!actual.has(key)) found = [path + '.get(' + fmt(key) + ')', 'expected ' + fmt(val) + ', got no such key'];
        else found = difference(actual.get(key), val, path + '.get(' + fmt(key) + ')', inner);
      });
      return found;
    }
    if (actual instanceof Set && expected instanceof Set) {
      if (actual.size !== expected.size) return [path, 'expected a Set of size ' + expected.size + ', got size ' + actual.size];
      const rest: unknown[] = [];
      actual.forEach((val) => {
        if (!expected.has(val)) rest.push(val);
      });
      let missing: unknown = undefined;
      let anyMissing = false;
      expected.forEach((val) => {
        if (anyMissing || actual.has(val)) return;
        // Objects in a Set only match by structure, so look for a structurally equal leftover.
        const at = rest.findIndex((r) => difference(r, val, '', inner) === null);
        if (at >= 0) rest.splice(at, 1);
        else {
          missing = val;
          anyMissing = true;
        }
      });
      return anyMissing ? [path, 'expected ' + fmt(expected) + ', got ' + fmt(actual) + ' (missing ' + fmt(missing) + ')'] : null;
    }
    if (Object.getPrototypeOf(actual) !== Object.getPrototypeOf(expected) && !(isPlainObject(actual) && isPlainObject(expected))) {
      return mismatch;
    }
    const a = actual as Record<string, unknown>;
    const e = expected as Record<string, unknown>;
    const expectedKeys = Object.keys(e);
    for (const k of expectedKeys) {
      const at = path + (/^[A-Za-z_$][\w$]*$/.test(k) ? '.' + k : '[' + JSON.stringify(k) + ']');
      if (!Object.prototype.hasOwnProperty.call(a, k)) return [at, 'expected ' + fmt(e[k]) + ', got no such key'];
      const d = difference(a[k], e[k], at, inner);
      if (d) return d;
    }
    for (const k of Object.keys(a)) {
      if (!Object.prototype.hasOwnProperty.call(e, k)) {
        return [path + (/^[A-Za-z_$][\w$]*$/.test(k) ? '.' + k : '[' + JSON.stringify(k) + ']'), 'unexpected key with value ' + fmt(a[k])];
      }
    }
    return null;
  }

  function describeThrown(e: unknown): string {
    if (e instanceof Error || (e !== null && typeof e === 'object' && 'message' in e && 'name' in e)) {
      const err = e as { name: unknown; message: unknown };
      return clip(String(err.name) + ': ' + String(err.message));
    }
    return 'the non-Error value ' + fmt(e);
  }

  return {
    ok(value, msg) {
      if (!value) fail('expected a truthy value, got ' + fmt(value), msg);
    },
    equal(actual, expected, msg) {
      if (Object.is(actual, expected)) return;
      let hint = '';
      if (typeof actual === 'object' && actual !== null && typeof expected === 'object' && expected !== null) {
        hint = ' (equal compares identity; use assert.deepEqual to compare contents)';
      } else if (typeof actual !== typeof expected && String(actual) === String(expected)) {
        hint = ' (a ' + typeof actual + ', not a ' + typeof expected + ')';
      }
      fail('expected ' + fmt(expected) + ', got ' + fmt(actual) + hint, msg);
    },
    deepEqual(actual, expected, msg) {
      const d = difference(actual, expected, '', []);
      if (!d) return;
      const whole = 'expected ' + fmt(expected) + ', got ' + fmt(actual);
      fail(d[0] === '' ? d[1] : whole + ' (first difference at ' + d[0] + ': ' + d[1] + ')', msg);
    },
    close(actual, expected, eps = 1e-9, msg) {
      if (typeof actual !== 'number') fail('expected a number close to ' + fmt(expected) + ', got ' + fmt(actual), msg);
      if (Object.is(actual, expected) || (actual !== actual && expected !== expected)) return;
      const off = Math.abs(actual - expected);
      if (!(off <= eps)) {
        fail('expected ' + fmt(expected) + ' (within ' + eps + '), got ' + fmt(actual) + (off === off ? ' (off by ' + off + ')' : ''), msg);
      }
    },
    throws(fn, matcher, msg) {
      if (typeof fn !== 'function') {
        fail('assert.throws needs a function to call, got ' + fmt(fn) + ' (wrap the call: () => f(x))', msg);
      }
      if (matcher !== undefined && typeof matcher !== 'function' && !(matcher instanceof RegExp)) {
        fail('assert.throws matcher must be an Error class (like TypeError) or a RegExp, got ' + fmt(matcher), msg);
      }
      const wanted =
        matcher === undefined
          ? 'the function to throw'
          : matcher instanceof RegExp
            ? 'an error whose message matches ' + String(matcher)
            : 'a ' + ((matcher as { name?: string }).name || 'matching error');
      let returned: unknown;
      try {
        returned = (fn as () => unknown)();
      } catch (e) {
        if (matcher === undefined) return;
        if (matcher instanceof RegExp) {
          matcher.lastIndex = 0;
          const message = e !== null && typeof e === 'object' && 'message' in e ? String((e as { message: unknown }).message) : String(e);
          if (matcher.test(message)) return;
        } else if (e instanceof (matcher as abstract new (...args: never[]) => unknown)) {
          return;
        }
        fail('expected ' + wanted + ', but it threw ' + describeThrown(e), msg);
      }
      fail('expected ' + wanted + ', but it returned ' + fmt(returned), msg);
    },
  };
}

/** Source text of createAssert, for embedding into the harness script. */
export const ASSERT_SOURCE: string = createAssert.toString();
