/**
 * What an OpenAI-compatible server's refusal means, in the engine's error codes. Servers differ
 * (vLLM, llama.cpp, Ollama, LM Studio, hosted APIs), so the status decides first and the error
 * text only refines it. Error text from the server is shown bounded: it is untrusted input.
 */
import { EngineError } from '../../core/engine';

export const MAX_SERVER_TEXT = 300;

/** `{error:{message}}`, `{error:"..."}`, `{message}`, `{detail}` or plain text, cut to a readable size. */
export function serverErrorText(body: string): string {
  let text = body;
  try {
    const parsed: unknown = JSON.parse(body);
    if (parsed && typeof parsed === 'object') {
      const o = parsed as Record<string, unknown>;
      const err = o.error;
      if (typeof err === 'string') text = err;
      else if (err && typeof err === 'object' && typeof (err as Record<string, unknown>).message === 'string') text = (err as Record<string, string>).message as string;
      else if (typeof o.message === 'string') text = o.message;
      else if (typeof o.detail === 'string') text = o.detail;
    }
  } catch {
    // Not JSON: the body itself is the message.
  }
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return oneLine.length > MAX_SERVER_TEXT ? `${oneLine.slice(0, MAX_SERVER_TEXT)}…` : oneLine;
}

/** Seconds to wait from a Retry-After header (seconds or an HTTP date); undefined when absent or unreadable. */
export function retryAfterSeconds(header: string | null, nowMs: number): number | undefined {
  if (header === null || header.trim() === '') return undefined;
  const secs = Number(header);
  if (Number.isFinite(secs) && secs >= 0) return secs;
  const at = Date.parse(header);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, (at - nowMs) / 1000);
}

const CONTEXT = /context (length|window|size)|maximum context|too many tokens|prompt is too long|n_ctx|exceeds? the (model'?s? )?(context|limit)|token limit|input is too long|too long for/i;
const SCHEMA = /response_format|json_schema|structured output|grammar|schema/i;
const MODEL = /model/i;

/** The server does not take `response_format: json_schema`: the engine falls back to the tag protocol. */
export function isSchemaUnsupported(status: number, text: string): boolean {
  return (status === 400 || status === 422 || status === 501) && SCHEMA.test(text) && !CONTEXT.test(text);
}

export function httpError(status: number, text: string, model: string, baseUrl: string, retryAfter?: number): EngineError {
  const said = text ? ` The server said: "${text}"` : '';
  if (status === 401 || status === 403) {
    return new EngineError('unauthorized', `The endpoint refused the request (HTTP ${status}): the API key is missing, wrong or not allowed to use ${model}.${said}`);
  }
  if (status === 429) {
    const wait = retryAfter !== undefined ? ` Try again in ${Math.ceil(retryAfter)} s.` : '';
    return new EngineError('rate_limited', `The endpoint is rate-limiting requests (HTTP 429).${wait}${said}`);
  }
  if (status === 404) {
    if (MODEL.test(text)) return new EngineError('unknown_model', `The endpoint has no model named "${model}" (HTTP 404).${said}`);
    return new EngineError('endpoint_not_found', `No chat-completions API at ${baseUrl} (HTTP 404): the base URL usually ends in /v1.${said}`);
  }
  if ((status === 400 || status === 413 || status === 422) && CONTEXT.test(text)) {
    return new EngineError('context_too_long', `The prompt is longer than ${model}'s context window (HTTP ${status}).${said}`);
  }
  if ((status === 400 || status === 422) && MODEL.test(text) && /not (found|exist|available)|unknown|invalid model/i.test(text)) {
    return new EngineError('unknown_model', `The endpoint has no model named "${model}" (HTTP ${status}).${said}`);
  }
  return new EngineError('engine_failed', `The endpoint failed (HTTP ${status}).${said}`);
}
