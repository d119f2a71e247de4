/**
 * Turning whatever WebLLM, WebGPU, fetch or the Cache API threw into an EngineError with a stable
 * code, and turning a code into words a learner can act on. Main-thread safe: no WebLLM runtime.
 */
import { EngineError, type EngineErrorCode } from '../core/engine';

export const ENGINE_ERROR_CODES: readonly EngineErrorCode[] = [
  'no_webgpu',
  'insecure_context',
  'software_adapter',
  'no_shader_f16',
  'out_of_memory',
  'device_lost',
  'quota_exceeded',
  'download_failed',
  'code_load_failed',
  'unknown_model',
  'interrupted',
  'bad_output',
  'engine_failed',
  'unreachable',
  'cors_refused',
  'unauthorized',
  'rate_limited',
  'context_too_long',
  'endpoint_not_found',
];

export function isEngineErrorCode(value: unknown): value is EngineErrorCode {
  return typeof value === 'string' && (ENGINE_ERROR_CODES as readonly string[]).includes(value);
}

/** What crosses a worker boundary: Comlink drops the fields of Error subclasses, so we send this. */
export interface PlainEngineError {
  code: EngineErrorCode;
  message: string;
}

export function toPlainEngineError(err: unknown): PlainEngineError {
  const e = engineErrorFromUnknown(err);
  return { code: e.code, message: e.message };
}

interface Rule {
  code: EngineErrorCode;
  names?: readonly string[];
  pattern?: RegExp;
}

// Order matters: WebLLM's DeviceLostError message mentions "out of memory (OOM)" as the usual cause,
// and an interrupted download can also say "fetch", so the more specific rules come first.
const RULES: readonly Rule[] = [
  { code: 'device_lost', names: ['DeviceLostError', 'GPUDeviceLostInfo'], pattern: /device (was |is |has been )?lost|lost the (gpu|device)|instance dropped/i },
  // Not a bare "abort": Emscripten's fatal "Aborted(...)" is a crash, not a stop the user asked for.
  { code: 'interrupted', names: ['AbortError'], pattern: /\binterrupt(ed)?\b|operation was aborted|signal is aborted|user aborted/i },
  { code: 'quota_exceeded', names: ['QuotaExceededError'], pattern: /quota|storage (is )?full|not enough (disk|storage)/i },
  {
    code: 'out_of_memory',
    names: ['GPUOutOfMemoryError'],
    pattern: /out of memory|\boom\b|allocation (failed|failure)|failed to allocate|cannot allocate|array buffer allocation/i,
  },
  { code: 'insecure_context', names: ['SecurityError'], pattern: /secure context|caches is not defined/i },
  { code: 'no_shader_f16', names: ['ShaderF16SupportError'], pattern: /shader-f16/i },
  {
    code: 'no_webgpu',
    names: ['WebGPUNotAvailableError', 'WebGPUNotFoundError'],
    pattern: /webgpu is not (supported|available)|cannot find webgpu|compatible gpu|navigator\.gpu/i,
  },
  {
    code: 'unknown_model',
    names: ['ModelNotFoundError', 'UnsupportedModelIdError', 'SpecifiedModelNotFoundError', 'MissingModelWasmError', 'MissingModelError'],
    pattern: /cannot find model record|model_id.*not found|unknown model/i,
  },
  // Before download_failed: Chromium says "Failed to fetch dynamically imported module", and that is
  // the page's own code (the WebLLM engine chunk, a worker script), not the model files.
  {
    code: 'code_load_failed',
    names: ['ChunkLoadError'],
    pattern:
      /dynamically imported module|importing a module script failed|failed to load module script|unable to preload (css|js|module)|failed to load worker script|failed to construct 'worker'|loading (css )?chunk [\w-]+ failed/i,
  },
  {
    code: 'download_failed',
    names: ['NetworkError'],
    pattern:
      /failed to fetch|fetch failed|networkerror|network (error|response)|load failed|cannot fetch|unable to fetch|request failed|err_connection|err_name_not_resolved|received status \d+|status(:| code)? ?(4|5)\d\d|\bcors\b|failed to execute 'add' on 'cache'/i,
  },
];

function nameOf(err: unknown): string {
  if (err && typeof err === 'object' && 'name' in err && typeof err.name === 'string') return err.name;
  return '';
}

function messageOf(err: unknown): string {
  if (typeof err === 'string') return err;
  if (err && typeof err === 'object' && 'message' in err && typeof err.message === 'string') return err.message;
  try {
    return String(err);
  } catch {
    return 'Unknown engine failure';
  }
}

/** Classify any thrown value; EngineErrors and plain {code, message} objects keep their code. */
export function engineErrorFromUnknown(err: unknown): EngineError {
  if (err instanceof EngineError) return err;
  if (err && typeof err === 'object' && 'code' in err && isEngineErrorCode(err.code)) {
    return new EngineError(err.code, messageOf(err));
  }
  const name = nameOf(err);
  const message = messageOf(err) || name || 'Unknown engine failure';
  // The class name is the most reliable signal; the message is a fallback for plain Errors.
  for (const rule of RULES) {
    if (rule.names?.includes(name)) return new EngineError(rule.code, message);
  }
  const haystack = `${name}: ${message}`;
  for (const rule of RULES) {
    if (rule.pattern?.test(haystack)) return new EngineError(rule.code, message);
  }
  return new EngineError('engine_failed', message);
}

export interface EngineErrorText {
  title: string;
  message: string;
  fix: string;
}

const TEXT: Record<EngineErrorCode, EngineErrorText> = {
  no_webgpu: {
    title: 'No usable GPU',
    message: 'The browser offered the page no WebGPU adapter (WebGPU is off or missing, or it found no GPU it may use), so real models cannot run here.',
    fix: 'Use the simulated engine here, or open the page in a recent Chrome, Edge or Safari with WebGPU turned on, on a machine with a GPU (see webgpureport.org).',
  },
  insecure_context: {
    title: 'The page is not in a secure context',
    message: 'WebGPU and the model cache only work on https:// pages or on localhost.',
    fix: 'Open the page over https:// or from http://localhost (or 127.0.0.1).',
  },
  software_adapter: {
    title: 'Only a software GPU was found',
    message: 'The browser offered a fallback (software) adapter that runs on the CPU; models will be very slow or fail to load.',
    fix: 'Enable hardware acceleration in the browser settings, update the GPU driver, or use the simulated engine.',
  },
  no_shader_f16: {
    title: 'No 16-bit float shaders on this GPU',
    message: 'The GPU lacks the shader-f16 feature, so the q4f16 model variants cannot run.',
    fix: 'Pick a q4f32 variant (chosen for you): it needs a bit more memory but works without shader-f16.',
  },
  out_of_memory: {
    title: 'The GPU ran out of memory',
    message: 'The model (or this many copies of it) does not fit in the memory the GPU can give the page.',
    fix: 'Choose a smaller model, a smaller team, or close other tabs that use the GPU.',
  },
  device_lost: {
    title: 'The GPU device was lost',
    message: 'The browser reset the GPU while the model was loaded or running, often because memory ran out.',
    fix: 'Reload the model; if it happens again choose a smaller model or fewer agents.',
  },
  quota_exceeded: {
    title: 'Not enough storage for the model',
    message: 'The browser refused to store the model files: the storage quota for this site is full.',
    fix: 'Delete cached models you no longer need (Delete button), free disk space, or allow more site storage.',
  },
  download_failed: {
    title: 'The model could not be downloaded',
    message: 'Fetching the model files failed: the server is unreachable, a file is missing, or the network is offline.',
    fix: 'Check the base URL (leave it empty for the default hosts) and your connection, then try again.',
  },
  code_load_failed: {
    title: 'Part of the page could not be loaded',
    message: 'The code that runs the model engine did not arrive: the page went offline before it was saved, or a newer version of the page replaced it on the server.',
    fix: 'Reload the page (while online once, so it can be saved for offline use), then try again.',
  },
  unknown_model: {
    title: 'Unknown model',
    message: 'This model id is not in the playground\'s catalog.',
    fix: 'Pick a model from the list.',
  },
  interrupted: {
    title: 'Stopped',
    message: 'The load or generation was stopped before it finished.',
    fix: 'Start it again when you are ready.',
  },
  bad_output: {
    title: 'The model replied with something unusable',
    message: 'The reply could not be read as the expected actions.',
    fix: 'Try again, lower the temperature, or pick a larger model.',
  },
  unreachable: {
    title: 'The endpoint did not answer',
    message: 'Nothing answered at the endpoint\'s base URL: the server is not running, the address or port is wrong, or the network is down.',
    fix: 'Start the server (vLLM, llama.cpp, Ollama, LM Studio…) and check the base URL, e.g. http://127.0.0.1:8000/v1.',
  },
  cors_refused: {
    title: 'The endpoint refused this page (CORS)',
    message: 'The server answered, but it does not allow pages from this origin to read its replies.',
    fix: 'Allow this page\'s origin on the server: OLLAMA_ORIGINS for Ollama, --allowed-origins for vLLM, CORS on in LM Studio.',
  },
  unauthorized: {
    title: 'The endpoint refused the API key',
    message: 'The server answered 401 or 403: the key is missing, wrong, or not allowed to use this model.',
    fix: 'Enter the right API key for this endpoint (it stays in this tab unless you choose to keep it).',
  },
  rate_limited: {
    title: 'The endpoint is rate-limiting',
    message: 'The server answered 429: too many requests or tokens for now. Short waits are retried automatically.',
    fix: 'Wait the time the server asked for, use a smaller team, or raise the limit on the server.',
  },
  context_too_long: {
    title: 'The prompt does not fit the model',
    message: 'The server refused the request because the prompt is longer than the model\'s context window.',
    fix: 'Serve the model with a larger context (for example vLLM --max-model-len, llama.cpp -c), or pick a model with a longer context.',
  },
  endpoint_not_found: {
    title: 'No chat API at this address',
    message: 'The server answered 404 for /chat/completions under this base URL.',
    fix: 'Use the OpenAI-compatible base URL, which usually ends in /v1 (Ollama: http://127.0.0.1:11434/v1).',
  },
  engine_failed: {
    title: 'The engine failed',
    message: 'The model engine stopped with an unexpected error.',
    fix: 'Reload the page and try again; the details below may help if it keeps happening.',
  },
};

export function describeEngineError(code: EngineErrorCode): EngineErrorText {
  return TEXT[code];
}
