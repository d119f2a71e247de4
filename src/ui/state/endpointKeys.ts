/**
 * API keys for endpoint engines. A key lives in this tab's memory unless the learner ticks "keep
 * on this device", which puts it in localStorage for that endpoint's origin. Keys are never part
 * of the page state, so they never reach the URL, a saved run, an export or a trace: only the
 * engine spec handed to an agent worker carries one.
 */
const PREFIX = 'ltp-endpoint-key:';
const memory = new Map<string, string>();

/** Keys are per origin: the same server under another path shares its key. */
export function keyScope(baseUrl: string): string {
  try {
    return new URL(baseUrl, 'http://invalid.local/').origin;
  } catch {
    return baseUrl;
  }
}

function store(): Storage | undefined {
  try {
    return typeof localStorage === 'undefined' ? undefined : localStorage;
  } catch {
    // Storage can be disabled (privacy settings); then keys stay in memory only.
    return undefined;
  }
}

export function endpointKey(baseUrl: string): string | undefined {
  const scope = keyScope(baseUrl);
  return memory.get(scope) ?? store()?.getItem(PREFIX + scope) ?? undefined;
}

export function isKeyKept(baseUrl: string): boolean {
  return store()?.getItem(PREFIX + keyScope(baseUrl)) != null;
}

export function setEndpointKey(baseUrl: string, key: string, keep: boolean): void {
  const scope = keyScope(baseUrl);
  if (key === '') {
    forgetEndpointKey(baseUrl);
    return;
  }
  memory.set(scope, key);
  if (keep) store()?.setItem(PREFIX + scope, key);
  else store()?.removeItem(PREFIX + scope);
}

export function forgetEndpointKey(baseUrl: string): void {
  const scope = keyScope(baseUrl);
  memory.delete(scope);
  store()?.removeItem(PREFIX + scope);
}
