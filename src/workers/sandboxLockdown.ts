/**
 * Removes a worker's ways to reach the network (or persistent storage, or more workers) before
 * agent code runs in it. Each one is replaced by something that throws a clear error when
 * used, so an agent that calls fetch learns why it failed instead of seeing "undefined".
 * Kept apart from the worker entry so it can be unit-tested on a plain object.
 */

export const NETWORK_DISABLED = 'network access is disabled in the sandbox';

/** Globals that are functions or classes: calling or constructing them throws. */
export const BLOCKED_FUNCTIONS = [
  'fetch',
  'XMLHttpRequest',
  'WebSocket',
  'WebSocketStream',
  'WebTransport',
  'EventSource',
  'importScripts',
  'Worker',
  'SharedWorker',
] as const;

/** Globals that are objects: reading any property of them throws. */
export const BLOCKED_OBJECTS = ['indexedDB', 'caches'] as const;

function blockedError(name: string): Error {
  return new Error(`${NETWORK_DISABLED} (${name} is not available)`);
}

function blockedFunction(name: string): () => never {
  // A function expression, not an arrow, so `new XMLHttpRequest()` throws our error too.
  return function blocked(): never {
    throw blockedError(name);
  };
}

function blockedObject(name: string): object {
  return new Proxy(
    {},
    {
      get() {
        throw blockedError(name);
      },
    },
  );
}

function replace(scope: object, name: string, value: unknown): boolean {
  try {
    Object.defineProperty(scope, name, { value, writable: false, configurable: false, enumerable: false });
    return true;
  } catch {
    try {
      (scope as Record<string, unknown>)[name] = value;
      return (scope as Record<string, unknown>)[name] === value;
    } catch {
      return false;
    }
  }
}

/** Locks `scope` (a worker's global object) down; returns the names it could not replace. */
export function lockDownNetwork(scope: object): string[] {
  const failed: string[] = [];
  for (const name of BLOCKED_FUNCTIONS) if (!replace(scope, name, blockedFunction(name))) failed.push(name);
  for (const name of BLOCKED_OBJECTS) if (!replace(scope, name, blockedObject(name))) failed.push(name);
  const navigator = (scope as { navigator?: object }).navigator;
  if (navigator && 'sendBeacon' in navigator && !replace(navigator, 'sendBeacon', blockedFunction('navigator.sendBeacon'))) {
    failed.push('navigator.sendBeacon');
  }
  return failed;
}
