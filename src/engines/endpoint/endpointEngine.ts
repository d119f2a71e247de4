/**
 * AgentEngine over an OpenAI-compatible chat-completions endpoint (vLLM, llama.cpp's server,
 * Ollama, LM Studio, hosted APIs). `fetch` is injected, so the same class runs in an agent worker,
 * in Node for the command line, and in tests against a real local server.
 *
 * Structured output goes through `response_format: { type: 'json_schema' }` with the decoding
 * schema WebLLM gets (`npm run -s schema`). A server that refuses it is asked again without it,
 * with the reference harness's tag protocol described in the system prompt; the team's parser
 * reads either form. That choice is remembered for the rest of the run.
 */
import { EngineError, type AgentEngine, type DeltaCallback, type GenerateRequest, type GenerateResult, type Timings, type Usage } from '../../core/engine';
import { httpError, isSchemaUnsupported, retryAfterSeconds, serverErrorText } from './httpErrors';
import { sseReader } from './sse';

export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

export interface EndpointEngineOptions {
  /** Up to and including the API version, e.g. http://127.0.0.1:8080/v1 */
  baseUrl: string;
  model: string;
  /** Sent as `Authorization: Bearer`; never recorded in the trace. */
  apiKey?: string;
  fetch?: FetchLike;
  /** Milliseconds, for timings. */
  now?: () => number;
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  /** Answers whether anything listens at `url` when a normal request failed without a status:
   * in a browser a no-cors request succeeds where CORS alone refused us. */
  reachable?: (url: string) => Promise<boolean>;
  /** 429s waited out before giving up, and the longest Retry-After worth waiting for. */
  rateLimitRetries?: number;
  maxRetryWaitS?: number;
}

/** Appended to the system prompt when the server cannot constrain output to the schema. */
export const TAG_PROTOCOL_NOTE = [
  'Reply with action tags instead of JSON, one per action:',
  '<claim_task id="t01"/>  <edit_file path="src/t01.js">file content</edit_file>  <run_tests/>',
  '<complete_task id="t01"/>  <message to="dev2">text</message>  <assign_task id="t02" to="dev2"/>  <wait/>',
].join('\n');

interface ChatChunk {
  choices?: Array<{ delta?: { content?: string | null }; message?: { content?: string | null }; finish_reason?: string | null }>;
  usage?: { prompt_tokens?: number; completion_tokens?: number } | null;
  /** llama.cpp's server reports its own rates. */
  timings?: { prompt_per_second?: number; predicted_per_second?: number };
}

const defaultSleep = (ms: number, signal: AbortSignal): Promise<void> =>
  new Promise((ok, fail) => {
    const id = setTimeout(ok, ms);
    signal.addEventListener(
      'abort',
      () => {
        clearTimeout(id);
        fail(new EngineError('interrupted', 'Generation was interrupted.'));
      },
      { once: true },
    );
  });

/** In a page, a no-cors request reaches a server that CORS refuses to let us read. */
async function browserReachable(url: string): Promise<boolean> {
  if (typeof document === 'undefined' && typeof WorkerGlobalScope === 'undefined') return false;
  try {
    await fetch(url, { mode: 'no-cors', method: 'GET' });
    return true;
  } catch {
    return false;
  }
}
declare const WorkerGlobalScope: unknown;

function finitePositive(x: unknown): number | undefined {
  return typeof x === 'number' && Number.isFinite(x) && x > 0 ? x : undefined;
}

function networkCause(err: unknown): string {
  const cause = err && typeof err === 'object' && 'cause' in err ? (err as { cause?: { code?: unknown; message?: unknown } }).cause : undefined;
  if (cause && typeof cause.code === 'string') return cause.code;
  if (cause && typeof cause.message === 'string') return cause.message;
  return err instanceof Error ? err.message : String(err);
}

function isAbort(err: unknown): boolean {
  return !!err && typeof err === 'object' && 'name' in err && (err as { name: unknown }).name === 'AbortError';
}

/** Rough token count for servers that send no usage: about four characters a token. */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4);
}

export class EndpointAgentEngine implements AgentEngine {
  readonly kind = 'endpoint' as const;
  readonly model: string;
  private readonly baseUrl: string;
  private readonly fetchFn: FetchLike;
  private readonly now: () => number;
  private readonly sleep: (ms: number, signal: AbortSignal) => Promise<void>;
  private readonly reachable: (url: string) => Promise<boolean>;
  private readonly rateLimitRetries: number;
  private readonly maxRetryWaitS: number;
  private controller: AbortController | undefined;
  /** Set once the server refused json_schema; later steps go straight to the tag protocol. */
  private schemaUnsupported = false;

  constructor(private readonly opts: EndpointEngineOptions) {
    this.model = opts.model;
    this.baseUrl = opts.baseUrl.replace(/\/+$/, '');
    this.fetchFn = opts.fetch ?? ((input, init) => fetch(input, init));
    this.now = opts.now ?? (() => performance.now());
    this.sleep = opts.sleep ?? defaultSleep;
    this.reachable = opts.reachable ?? browserReachable;
    this.rateLimitRetries = opts.rateLimitRetries ?? 2;
    this.maxRetryWaitS = opts.maxRetryWaitS ?? 30;
  }

  /** Whether the last request had to fall back to the tag protocol. */
  get usesTagProtocol(): boolean {
    return this.schemaUnsupported;
  }

  async generate(req: GenerateRequest, onDelta?: DeltaCallback): Promise<GenerateResult> {
    const controller = new AbortController();
    this.controller = controller;
    const started = this.now();
    try {
      const res = await this.send(req, controller.signal);
      const contentType = res.headers.get('content-type') ?? '';
      const out = contentType.includes('text/event-stream') ? await this.readStream(res, controller.signal, started, onDelta) : await this.readJson(res, onDelta);
      const totalMs = Math.max(0, this.now() - started);
      const usage: Usage = {
        promptTokens: out.usage?.prompt_tokens ?? estimateTokens(req.system + req.prompt),
        completionTokens: out.usage?.completion_tokens ?? estimateTokens(out.text),
      };
      return { text: out.text, usage, timings: this.timings(totalMs, out.ttftMs, usage, out.serverTimings) };
    } catch (err) {
      if (controller.signal.aborted || isAbort(err)) throw new EngineError('interrupted', 'Generation was interrupted.');
      throw err;
    } finally {
      if (this.controller === controller) this.controller = undefined;
    }
  }

  interrupt(): void {
    this.controller?.abort();
  }

  private body(req: GenerateRequest): Record<string, unknown> {
    const tags = this.schemaUnsupported || req.jsonSchema === undefined;
    const system = tags && req.jsonSchema !== undefined ? `${req.system}\n\n${TAG_PROTOCOL_NOTE}` : req.system;
    const messages = [...(system !== '' ? [{ role: 'system', content: system }] : []), { role: 'user', content: req.prompt }];
    const body: Record<string, unknown> = {
      model: this.opts.model,
      messages,
      stream: true,
      stream_options: { include_usage: true },
      temperature: req.temperature,
      max_tokens: req.maxTokens,
    };
    if (req.seed !== undefined) body.seed = Math.floor(req.seed);
    if (!tags && req.jsonSchema !== undefined) {
      body.response_format = { type: 'json_schema', json_schema: { name: 'step_reply', strict: true, schema: JSON.parse(req.jsonSchema) as unknown } };
    }
    return body;
  }

  private async send(req: GenerateRequest, signal: AbortSignal): Promise<Response> {
    const url = `${this.baseUrl}/chat/completions`;
    let rateLimited = 0;
    for (;;) {
      const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'text/event-stream, application/json' };
      if (this.opts.apiKey) headers.authorization = `Bearer ${this.opts.apiKey}`;
      let res: Response;
      try {
        res = await this.fetchFn(url, { method: 'POST', headers, body: JSON.stringify(this.body(req)), signal });
      } catch (err) {
        if (signal.aborted || isAbort(err)) throw err;
        throw await this.unreachable(err);
      }
      if (res.ok) return res;
      const text = serverErrorText(await res.text().catch(() => ''));
      if (!this.schemaUnsupported && req.jsonSchema !== undefined && isSchemaUnsupported(res.status, text)) {
        this.schemaUnsupported = true;
        continue;
      }
      const wait = res.status === 429 ? retryAfterSeconds(res.headers.get('retry-after'), Date.now()) : undefined;
      if (res.status === 429 && rateLimited < this.rateLimitRetries && (wait ?? 1) <= this.maxRetryWaitS) {
        rateLimited++;
        await this.sleep((wait ?? 2 ** rateLimited) * 1000, signal);
        continue;
      }
      throw httpError(res.status, text, this.opts.model, this.baseUrl, wait);
    }
  }

  private async unreachable(err: unknown): Promise<EngineError> {
    const cause = networkCause(err);
    if (await this.reachable(`${this.baseUrl}/models`).catch(() => false)) {
      return new EngineError(
        'cors_refused',
        `The endpoint at ${this.baseUrl} answered, but its CORS settings do not let this page read the reply. Allow this page's origin on the server (for example OLLAMA_ORIGINS, or vLLM's --allowed-origins).`,
      );
    }
    return new EngineError('unreachable', `Nothing answered at ${this.baseUrl} (${cause}). Is the server running, and is the base URL right?`);
  }

  private async readJson(res: Response, onDelta?: DeltaCallback): Promise<{ text: string; usage?: ChatChunk['usage']; ttftMs?: number; serverTimings?: ChatChunk['timings'] }> {
    let parsed: ChatChunk;
    try {
      parsed = JSON.parse(await res.text()) as ChatChunk;
    } catch {
      throw new EngineError('bad_output', 'The endpoint answered with something that is not a chat completion (not JSON).');
    }
    const text = parsed.choices?.[0]?.message?.content ?? '';
    if (typeof text !== 'string') throw new EngineError('bad_output', 'The endpoint answered without a message.');
    if (text !== '') onDelta?.(text);
    return { text, usage: parsed.usage ?? undefined, serverTimings: parsed.timings };
  }

  private async readStream(
    res: Response,
    signal: AbortSignal,
    started: number,
    onDelta?: DeltaCallback,
  ): Promise<{ text: string; usage?: ChatChunk['usage']; ttftMs?: number; serverTimings?: ChatChunk['timings'] }> {
    if (!res.body) throw new EngineError('bad_output', 'The endpoint sent an empty stream.');
    const reader = res.body.getReader();
    const decoder = new TextDecoder();
    const sse = sseReader();
    let text = '';
    let usage: ChatChunk['usage'];
    let serverTimings: ChatChunk['timings'];
    let ttftMs: number | undefined;
    let done = false;
    const onPayload = (payload: string): void => {
      if (payload === '[DONE]') {
        done = true;
        return;
      }
      let chunk: ChatChunk;
      try {
        chunk = JSON.parse(payload) as ChatChunk;
      } catch {
        throw new EngineError('bad_output', 'The endpoint streamed a chunk that is not JSON.');
      }
      const delta = chunk.choices?.[0]?.delta?.content;
      if (typeof delta === 'string' && delta !== '') {
        ttftMs ??= Math.max(0, this.now() - started);
        text += delta;
        onDelta?.(delta);
      }
      if (chunk.usage) usage = chunk.usage;
      if (chunk.timings) serverTimings = chunk.timings;
    };
    try {
      while (!done) {
        if (signal.aborted) throw new EngineError('interrupted', 'Generation was interrupted.');
        const { value, done: ended } = await reader.read();
        if (ended) break;
        for (const p of sse.push(decoder.decode(value, { stream: true }))) onPayload(p);
      }
      for (const p of sse.end()) onPayload(p);
    } finally {
      // Closing the body tells the server to stop generating (Stop, or an early [DONE]).
      reader.cancel().catch(() => undefined);
    }
    return { text, usage, ttftMs, serverTimings };
  }

  private timings(totalMs: number, ttftMs: number | undefined, usage: Usage, server?: ChatChunk['timings']): Timings {
    const t: Timings = { totalMs };
    if (ttftMs !== undefined) t.ttftMs = ttftMs;
    const prefill = finitePositive(server?.prompt_per_second) ?? (ttftMs && ttftMs > 0 ? finitePositive(usage.promptTokens / (ttftMs / 1000)) : undefined);
    const decodeMs = ttftMs !== undefined ? totalMs - ttftMs : 0;
    const decode = finitePositive(server?.predicted_per_second) ?? (decodeMs > 0 ? finitePositive(usage.completionTokens / (decodeMs / 1000)) : undefined);
    if (prefill !== undefined) t.prefillTokensPerSec = prefill;
    if (decode !== undefined) t.decodeTokensPerSec = decode;
    return t;
  }
}
