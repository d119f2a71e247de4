/**
 * Code the page loads on demand (the run code, workers, the lab drawer, Plot, the WebLLM engine)
 * can fail to arrive: offline before the service worker saved it, or a new version replaced the
 * old chunks on the server. That is not a model download failure and must not be reported as one.
 */

/**
 * What browsers and Vite say when a script or module could not be fetched:
 * Chromium "Failed to fetch dynamically imported module", Firefox "error loading dynamically
 * imported module", Safari "Importing a module script failed", Vite's CSS/JS preload
 * "Unable to preload CSS for …", and a worker whose script did not load.
 */
const CHUNK_LOAD = [
  /failed to fetch dynamically imported module/i,
  /error loading dynamically imported module/i,
  /importing a module script failed/i,
  /unable to preload (css|js|module)/i,
  /failed to load module script/i,
  /loading (css )?chunk [\w-]+ failed/i,
  /failed to load worker script|worker script (could not|failed to) load|failed to construct 'worker'/i,
];

function textOf(err: unknown): string {
  if (typeof err === 'string') return err;
  if (err && typeof err === 'object') {
    const name = 'name' in err && typeof err.name === 'string' ? err.name : '';
    const message = 'message' in err && typeof err.message === 'string' ? err.message : '';
    return `${name}: ${message}`;
  }
  return '';
}

/** True when `err` says that part of the page's own code could not be loaded. */
export function isChunkLoadError(err: unknown): boolean {
  if (err && typeof err === 'object' && 'name' in err && err.name === 'ChunkLoadError') return true;
  const text = textOf(err);
  if (CHUNK_LOAD.some((re) => re.test(text))) return true;
  // Errors that wrap another keep it in `cause` (Vite's preload error does).
  if (err && typeof err === 'object' && 'cause' in err && err.cause !== err) return isChunkLoadError(err.cause);
  return false;
}

export interface ChunkLoadText {
  title: string;
  message: string;
  fix: string;
}

export const CHUNK_LOAD_TEXT: ChunkLoadText = {
  title: 'This part of the page could not be loaded',
  message:
    'Its code is loaded on demand, and this time it did not arrive: you may be offline and this part was never cached, or the page was updated on the server since it was opened.',
  fix: 'Reconnect and try again, or reload the page. Once the page says “Ready to work offline”, every part of it works without a network.',
};

/**
 * Memoises a dynamic import, but forgets a failed one so the next use tries again (a cached
 * rejected promise would keep the part broken after the network is back).
 */
export function retryingImport<T>(load: () => Promise<T>): () => Promise<T> {
  let pending: Promise<T> | undefined;
  return () => {
    pending ??= load().catch((err: unknown) => {
      pending = undefined;
      throw err;
    });
    return pending;
  };
}
