import { describe, expect, it } from 'vitest';
import { EngineError, type EngineErrorCode } from '../../src/core/engine';
import { ENGINE_ERROR_CODES, describeEngineError, engineErrorFromUnknown, toPlainEngineError } from '../../src/engines/errors';

function named(name: string, message: string): Error {
  const e = new Error(message);
  e.name = name;
  return e;
}

// Messages as WebLLM 0.2.86, Chrome and the Cache API word them.
const CASES: Array<[string, unknown, EngineErrorCode]> = [
  [
    'WebLLM DeviceLostError (its message also mentions OOM)',
    named(
      'DeviceLostError',
      'The WebGPU device was lost while loading the model. This issue often occurs due to running out of memory (OOM). To resolve this, try reloading with a model that has fewer parameters or uses a smaller context length.',
    ),
    'device_lost',
  ],
  ['plain Error saying the device is lost', new Error('GPUBuffer.mapAsync failed: Device is lost'), 'device_lost'],
  ['GPU out-of-memory error class', named('GPUOutOfMemoryError', 'Out of memory'), 'out_of_memory'],
  ['wasm allocation failure', new Error('Cannot allocate 1073741824 bytes in Wasm memory'), 'out_of_memory'],
  ['array buffer allocation', new RangeError('Array buffer allocation failed'), 'out_of_memory'],
  ['QuotaExceededError DOMException', named('QuotaExceededError', 'The quota has been exceeded.'), 'quota_exceeded'],
  ['fetch network failure', new TypeError('Failed to fetch'), 'download_failed'],
  ['Cache.add on a 404', new TypeError("Failed to execute 'add' on 'Cache': Request failed"), 'download_failed'],
  ['tvmjs cannot fetch', new Error('Cannot fetch https://x/params_shard_0.bin'), 'download_failed'],
  ['OPFS cache status', new Error('ArtifactOPFSCache: Unable to fetch https://x/a, received status 404'), 'download_failed'],
  [
    'WebLLM ModelNotFoundError',
    named('ModelNotFoundError', 'Cannot find model record in appConfig for Foo. Please check if the model ID is correct'),
    'unknown_model',
  ],
  ['AbortError', named('AbortError', 'signal is aborted without reason'), 'interrupted'],
  // The engine's own code chunk failing to arrive is not a model download failure.
  ['Chromium dynamic import failure', new TypeError('Failed to fetch dynamically imported module: http://127.0.0.1/assets/createWebLLMEngine-x.js'), 'code_load_failed'],
  ['Safari module import failure', new TypeError('Importing a module script failed.'), 'code_load_failed'],
  ['worker script failure', new Error("Failed to construct 'Worker': Script at 'x' cannot be accessed"), 'code_load_failed'],
  ['WebGPUNotAvailableError', named('WebGPUNotAvailableError', 'WebGPU is not supported in your current environment'), 'no_webgpu'],
  ['no adapter', new Error("Unable to find a compatible GPU. This issue might be because your computer doesn't have a GPU"), 'no_webgpu'],
  ['ShaderF16SupportError', named('ShaderF16SupportError', 'This model requires WebGPU extension shader-f16'), 'no_shader_f16'],
  ['Cache API missing on insecure pages', new ReferenceError('caches is not defined'), 'insecure_context'],
  ['emscripten abort is a crash, not an interruption', new Error('Aborted(RuntimeError: unreachable)'), 'engine_failed'],
  ['a bare string', 'something odd', 'engine_failed'],
];

describe('engineErrorFromUnknown', () => {
  it.each(CASES)('%s', (_label, err, code) => {
    const e = engineErrorFromUnknown(err);
    expect(e).toBeInstanceOf(EngineError);
    expect(e.code).toBe(code);
  });

  it('keeps the original message so the details reach the learner', () => {
    expect(engineErrorFromUnknown(new TypeError('Failed to fetch')).message).toBe('Failed to fetch');
    expect(engineErrorFromUnknown('something odd').message).toBe('something odd');
  });

  it('passes EngineErrors through unchanged', () => {
    const original = new EngineError('quota_exceeded', 'full');
    expect(engineErrorFromUnknown(original)).toBe(original);
  });

  it('rebuilds plain {code, message} objects that crossed a worker boundary', () => {
    const e = engineErrorFromUnknown({ code: 'device_lost', message: 'gone' });
    expect(e).toBeInstanceOf(EngineError);
    expect([e.code, e.message]).toEqual(['device_lost', 'gone']);
    // An unknown code is not trusted: the object is classified like any other value.
    expect(engineErrorFromUnknown({ code: 'nonsense', message: 'Failed to fetch' }).code).toBe('download_failed');
  });

  it('toPlainEngineError gives a structured-cloneable object with the code', () => {
    const plain = toPlainEngineError(new TypeError('Failed to fetch'));
    expect(plain).toEqual({ code: 'download_failed', message: 'Failed to fetch' });
    expect(Object.getPrototypeOf(plain)).toBe(Object.prototype);
  });
});

describe('describeEngineError', () => {
  it('has a title, message and fix for every code, all different', () => {
    const titles = new Set<string>();
    for (const code of ENGINE_ERROR_CODES) {
      const t = describeEngineError(code);
      expect(t.title.length).toBeGreaterThan(3);
      expect(t.message.length).toBeGreaterThan(10);
      expect(t.fix.length).toBeGreaterThan(10);
      titles.add(t.title);
    }
    expect(titles.size).toBe(ENGINE_ERROR_CODES.length);
  });

  it('tells the learner what to do about the common failures', () => {
    expect(describeEngineError('download_failed').fix).toMatch(/base URL/);
    expect(describeEngineError('no_shader_f16').fix).toMatch(/q4f32/);
    expect(describeEngineError('insecure_context').fix).toMatch(/https|localhost/);
    expect(describeEngineError('out_of_memory').fix).toMatch(/smaller/);
    // Said in those words when WebLLM cannot run for lack of a GPU, never "could not be downloaded".
    expect(describeEngineError('no_webgpu').title).toBe('No usable GPU');
    expect(describeEngineError('code_load_failed').fix).toMatch(/Reload the page/);
  });
});
