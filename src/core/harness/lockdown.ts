/**
 * Seals the sandbox realm before any agent code runs in it: every built-in object reachable from
 * the global object (or only through syntax, like generator prototypes) is frozen, and the global
 * names of the built-ins are made read-only. After this, agent code cannot change what
 * `Function.prototype.call`, `Object.is`, `JSON` or `Array.isArray` mean to the harness and its
 * assertions, nor add `Object.prototype.toJSON` or a `then` to every object.
 *
 * Frozen prototypes turn ordinary assignments like `this.name = 'ParseError'` (an Error subclass)
 * or `obj.toString = ...` into TypeErrors (the "override mistake"), so a few such properties become
 * accessors whose setter gives the assigned object its own property, as plain JavaScript would.
 *
 * Like createAssert, lockDownRealm travels into the sandbox as source text (LOCKDOWN_SOURCE): it
 * must stay self-contained, with no imports and no outside names.
 */
export function lockDownRealm(global: object): void {
  const getOwnPropertyDescriptor = Object.getOwnPropertyDescriptor;
  const defineProperty = Object.defineProperty;
  const getPrototypeOf = Object.getPrototypeOf;
  const freeze = Object.freeze;
  const ownKeys = Reflect.ownKeys;
  const hasOwn = Object.prototype.hasOwnProperty;
  const SetClass = Set;
  type Key = string | symbol;

  // Properties that code commonly assigns on its own objects while a built-in prototype has them.
  const OVERRIDABLE: Key[] = ['constructor', 'toString', 'valueOf', 'toLocaleString', 'toJSON', 'name', 'message'];

  function enableOverride(proto: object, key: Key): void {
    const desc = getOwnPropertyDescriptor(proto, key);
    if (!desc || !('value' in desc) || !desc.configurable) return;
    const value: unknown = desc.value;
    // Method syntax: these functions have no `prototype` object that would need freezing too.
    const pair = {
      get(): unknown {
        return value;
      },
      set(this: unknown, next: unknown): void {
        if (this === proto) throw new TypeError('Cannot assign to ' + String(key) + ' of a built-in prototype: built-ins are frozen in the test sandbox');
        if (this === null || (typeof this !== 'object' && typeof this !== 'function')) throw new TypeError('Cannot assign to ' + String(key) + ' of a primitive');
        if (hasOwn.call(this, key)) (this as Record<Key, unknown>)[key] = next;
        else defineProperty(this, key, { value: next, writable: true, enumerable: true, configurable: true });
      },
    };
    freeze(pair.get);
    freeze(pair.set);
    defineProperty(proto, key, { get: pair.get, set: pair.set, enumerable: desc.enumerable, configurable: false });
  }

  // Built-ins not named by any global: reachable only through syntax or through instances.
  const hidden: unknown[] = [];
  const tryAdd = (make: () => unknown): void => {
    try {
      hidden.push(make());
    } catch {
      // An engine without this feature has nothing to freeze here.
    }
  };
  tryAdd(() => getPrototypeOf(function* () {}));
  tryAdd(() => getPrototypeOf(async function () {}));
  tryAdd(() => getPrototypeOf(async function* () {}));
  tryAdd(() => getPrototypeOf([][Symbol.iterator]()));
  tryAdd(() => getPrototypeOf(new Map()[Symbol.iterator]()));
  tryAdd(() => getPrototypeOf(new Set()[Symbol.iterator]()));
  tryAdd(() => getPrototypeOf(''[Symbol.iterator]()));
  tryAdd(() => getPrototypeOf(/a/g[Symbol.matchAll]('a')));
  tryAdd(() => getPrototypeOf(Int8Array));
  tryAdd(() => getPrototypeOf((function* () {})()));
  tryAdd(() => getPrototypeOf((async function* () {})()));
  // eslint-disable-next-line prefer-rest-params -- the arguments object's own prototype is what is frozen
  tryAdd(() => getPrototypeOf((function () { return arguments; })()));
  tryAdd(() => getPrototypeOf(([1] as unknown as { values(): { map(f: (x: unknown) => unknown): unknown } }).values().map((x) => x)));
  tryAdd(() => getPrototypeOf((global as { Iterator: { from(o: object): unknown } }).Iterator.from({ next: () => ({ done: true, value: undefined }) })));

  const roots: unknown[] = hidden.slice();
  for (const key of ownKeys(global)) {
    const desc = getOwnPropertyDescriptor(global, key);
    if (!desc) continue;
    if ('value' in desc) {
      roots.push(desc.value);
      // The name itself is pinned too, so `globalThis.Object = fake` cannot swap the harness's Object.
      if (desc.configurable || desc.writable) defineProperty(global, key, { value: desc.value, writable: false, enumerable: desc.enumerable, configurable: false });
    } else {
      roots.push(desc.get, desc.set);
      if (desc.configurable) defineProperty(global, key, { get: desc.get, set: desc.set, enumerable: desc.enumerable, configurable: false });
    }
  }

  // One pass: each object reached gets its overridable properties turned into accessors (if it
  // is a prototype), its children queued, then is frozen.
  const seen = new SetClass<unknown>([global]);
  const stack = roots.slice();
  while (stack.length > 0) {
    const value = stack.pop();
    if (value === null || (typeof value !== 'object' && typeof value !== 'function') || seen.has(value)) continue;
    seen.add(value);
    const obj = value as object;
    const keys = ownKeys(obj);
    if (hasOwn.call(obj, 'constructor')) {
      const ctor = getOwnPropertyDescriptor(obj, 'constructor');
      if (obj === Object.prototype || (ctor !== undefined && 'value' in ctor && typeof ctor.value === 'function')) {
        for (const key of obj === Object.prototype ? keys : OVERRIDABLE) if (hasOwn.call(obj, key)) enableOverride(obj, key);
      }
    }
    stack.push(getPrototypeOf(obj));
    const isFunction = typeof obj === 'function';
    for (const key of keys) {
      // A built-in function's length and name are numbers and strings (no agent code has run
      // yet to change that); skipping them halves the descriptors read, most of the cost here.
      if (isFunction && (key === 'length' || key === 'name')) continue;
      const desc = getOwnPropertyDescriptor(obj, key);
      if (!desc) continue;
      if ('value' in desc) stack.push(desc.value);
      else stack.push(desc.get, desc.set);
    }
    freeze(obj);
  }
}
/** Source text of lockDownRealm, for embedding into the harness prelude. */
export const LOCKDOWN_SOURCE: string = lockDownRealm.toString();
