import { describe, expect, it } from 'vitest';
import { EngineError } from '../../src/core/engine';
import { engineErrorFromUnknown } from '../../src/engines/errors';
import { isChunkLoadError, retryingImport } from '../../src/ui/chunkLoad';

describe('isChunkLoadError', () => {
  it('knows what each browser says when a module did not arrive', () => {
    for (const message of [
      'Failed to fetch dynamically imported module: http://127.0.0.1:5173/assets/runTools-Brpdvzr3.js',
      'error loading dynamically imported module: http://x/assets/LabPanel.js',
      'Importing a module script failed.',
      'Unable to preload CSS for /assets/LabPanel-Cpy3KqZl.css',
    ]) {
      expect(isChunkLoadError(new TypeError(message)), message).toBe(true);
    }
  });

  it('still knows it after a worker turned it into an engine error', () => {
    // What decodeError hands the run controller: an EngineError whatever its code; the words tell.
    const wrapped = engineErrorFromUnknown(new TypeError('Failed to fetch dynamically imported module: http://h/a.js'));
    expect(wrapped).toBeInstanceOf(EngineError);
    expect(isChunkLoadError(wrapped)).toBe(true);
    expect(isChunkLoadError(new Error('outer', { cause: new TypeError('Importing a module script failed.') }))).toBe(true);
  });

  it('leaves model download failures and other errors alone', () => {
    expect(isChunkLoadError(new TypeError('Failed to fetch'))).toBe(false);
    expect(isChunkLoadError(new EngineError('download_failed', 'received status 404 for https://huggingface.co/x/params_shard_0.bin'))).toBe(false);
    expect(isChunkLoadError(new Error('model returned garbage'))).toBe(false);
    expect(isChunkLoadError(null)).toBe(false);
    expect(isChunkLoadError(undefined)).toBe(false);
    expect(isChunkLoadError(42)).toBe(false);
  });
});

describe('retryingImport', () => {
  it('loads once while it works, and tries again after a failure', async () => {
    let calls = 0;
    let fail = true;
    const load = retryingImport(async () => {
      calls++;
      if (fail) throw new TypeError('Failed to fetch dynamically imported module: x');
      return { ok: calls };
    });
    await expect(load()).rejects.toThrow(/dynamically imported/);
    fail = false;
    const first = await load();
    expect(first).toEqual({ ok: 2 });
    expect(await load()).toBe(first);
    expect(calls).toBe(2);
  });
});
