/**
 * AgentEngine over a WebLLM MLCEngine. The MLCEngine is injected (a structural type, no runtime
 * import), so this file is tested against fakes and the WebLLM runtime stays in the worker chunk.
 */
import { EngineError, type AgentEngine, type DeltaCallback, type GenerateRequest, type GenerateResult, type Timings, type Usage } from '../../core/engine';
import { engineErrorFromUnknown } from '../errors';

export interface MLCChatMessage {
  role: 'system' | 'user';
  content: string;
}

export interface MLCChatRequest {
  messages: MLCChatMessage[];
  stream: true;
  stream_options: { include_usage: true };
  temperature: number;
  max_tokens: number;
  seed?: number;
  response_format?: { type: 'json_object'; schema?: string };
  extra_body?: { enable_thinking?: boolean };
}

/** The WebLLM-only usage fields (CompletionUsage.extra). */
export interface MLCUsageExtra {
  prefill_tokens_per_s?: number;
  decode_tokens_per_s?: number;
  time_to_first_token_s?: number;
  e2e_latency_s?: number;
}

export interface MLCUsage {
  prompt_tokens: number;
  completion_tokens: number;
  extra?: MLCUsageExtra;
}

export interface MLCChunk {
  choices: ReadonlyArray<{ delta?: { content?: string | null }; finish_reason?: string | null }>;
  usage?: MLCUsage;
}

/** The slice of WebLLM's MLCEngine this adapter needs. */
export interface MLCEngineLike {
  chat: { completions: { create(request: MLCChatRequest): Promise<AsyncIterable<MLCChunk>> } };
  interruptGenerate(): void | Promise<void>;
  unload(): Promise<void>;
  resetChat?(keepStats?: boolean): Promise<void>;
  runtimeStatsText?(): Promise<string>;
}

/** Run `fn` after `ms`; returns a cancel function. Injected so tests decide when batches flush. */
export type Schedule = (fn: () => void, ms: number) => () => void;

export interface WebLLMEngineOptions {
  /** Model name shown in the UI and the trace. */
  model: string;
  schedule?: Schedule;
  /** Milliseconds; only used when WebLLM reports no e2e latency. */
  now?: () => number;
  /** How long deltas are gathered before one onDelta call. */
  batchMs?: number;
  /** Qwen3-style models: send enable_thinking=false so replies are the answer, not a monologue. */
  disableThinking?: boolean;
}

const defaultSchedule: Schedule = (fn, ms) => {
  const id = setTimeout(fn, ms);
  return () => clearTimeout(id);
};

/** Shown in the stream between a reply that was not JSON and its retry. */
export const RETRY_MARKER = '\n[not valid JSON: asking again]\n';

const NOT_LOADED_NAMES = ['ModelNotLoadedError', 'EngineNotLoadedError', 'WorkerEngineModelNotLoadedError'];

/** Gathers stream deltas and hands them on at most once per batch window. */
class DeltaBatcher {
  private buffer = '';
  private cancel: (() => void) | undefined;
  constructor(
    private readonly sink: DeltaCallback | undefined,
    private readonly schedule: Schedule,
    private readonly ms: number,
  ) {}
  push(delta: string): void {
    if (!this.sink || delta === '') return;
    this.buffer += delta;
    this.cancel ??= this.schedule(() => {
      this.cancel = undefined;
      this.flush();
    }, this.ms);
  }
  flush(): void {
    this.cancel?.();
    this.cancel = undefined;
    if (!this.sink || this.buffer === '') return;
    const text = this.buffer;
    this.buffer = '';
    try {
      // Across Comlink the sink returns a promise; a closed page must not fail the agent's step.
      const r: unknown = this.sink(text);
      if (r instanceof Promise) r.catch(() => undefined);
    } catch {
      // Same reason: watching the stream is optional, generating is not.
    }
  }
}

interface Attempt {
  text: string;
  usage: MLCUsage | undefined;
  aborted: boolean;
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

function finite(x: number | undefined): number | undefined {
  return typeof x === 'number' && Number.isFinite(x) ? x : undefined;
}

export class WebLLMAgentEngine implements AgentEngine {
  readonly kind = 'webllm' as const;
  readonly model: string;
  private readonly schedule: Schedule;
  private readonly now: () => number;
  private readonly batchMs: number;
  private readonly disableThinking: boolean;
  private interruptRequested = false;
  private unloadedByUs = false;

  constructor(
    private readonly mlc: MLCEngineLike,
    options: WebLLMEngineOptions,
  ) {
    this.model = options.model;
    this.schedule = options.schedule ?? defaultSchedule;
    this.now = options.now ?? (() => performance.now());
    this.batchMs = options.batchMs ?? 50;
    this.disableThinking = options.disableThinking ?? false;
  }

  /**
   * One reply. With a jsonSchema the reply must parse as JSON: one retry (with another seed, since
   * the same seed would give the same reply), then the last text is returned anyway and the
   * team's parser reports the protocol error. Usage counts every attempt: all tokens cost time.
   */
  async generate(req: GenerateRequest, onDelta?: DeltaCallback): Promise<GenerateResult> {
    if (this.unloadedByUs) throw new EngineError('engine_failed', 'The model was unloaded; load it again before generating.');
    this.interruptRequested = false;
    const started = this.now();
    const batcher = new DeltaBatcher(onDelta, this.schedule, this.batchMs);
    const attempts: Attempt[] = [];
    const maxAttempts = req.jsonSchema !== undefined ? 2 : 1;
    try {
      for (let i = 0; i < maxAttempts; i++) {
        if (i > 0) batcher.push(RETRY_MARKER);
        const attempt = await this.attempt(req, i, batcher);
        attempts.push(attempt);
        if (attempt.aborted || this.interruptRequested) {
          await this.mlc.resetChat?.().catch(() => undefined);
          throw new EngineError('interrupted', 'Generation was interrupted.');
        }
        if (req.jsonSchema === undefined || isJson(attempt.text)) break;
      }
    } catch (err) {
      throw this.classify(err);
    } finally {
      batcher.flush();
    }
    const last = attempts[attempts.length - 1] as Attempt;
    return { text: last.text, usage: this.sumUsage(attempts), timings: this.timings(attempts, started) };
  }

  /**
   * Compiles the reply grammar now, while the model is loading, instead of at the agent's first
   * step. WebLLM (0.2.86, LLMChatPipeline.prepareGrammarMatcherForSampling) compiles a
   * response_format schema on the first constrained request, keeps the matcher while later requests
   * send the same schema string, and its GrammarCompiler caches compiled grammars; so one request
   * with the step schema and a single token leaves the grammar ready. Returns the milliseconds spent.
   */
  async prepareGrammar(schema: string): Promise<number> {
    const started = this.now();
    try {
      const request: MLCChatRequest = {
        messages: [{ role: 'user', content: 'Reply with {"actions": [{"type": "wait"}]}' }],
        stream: true,
        stream_options: { include_usage: true },
        temperature: 0,
        max_tokens: 1,
        response_format: { type: 'json_object', schema },
      };
      if (this.disableThinking) request.extra_body = { enable_thinking: false };
      const stream = await this.mlc.chat.completions.create(request);
      for await (const chunk of stream) void chunk;
      // The one-token exchange must not become context for the first real step.
      await this.mlc.resetChat?.();
    } catch (err) {
      throw this.classify(err);
    }
    return Math.max(0, this.now() - started);
  }

  async interrupt(): Promise<void> {
    this.interruptRequested = true;
    await this.mlc.interruptGenerate();
  }

  async unload(): Promise<void> {
    this.unloadedByUs = true;
    await this.mlc.unload();
  }

  private request(req: GenerateRequest, attempt: number): MLCChatRequest {
    const messages: MLCChatMessage[] = [];
    if (req.system !== '') messages.push({ role: 'system', content: req.system });
    messages.push({ role: 'user', content: req.prompt });
    const out: MLCChatRequest = {
      messages,
      stream: true,
      stream_options: { include_usage: true },
      temperature: req.temperature,
      max_tokens: req.maxTokens,
    };
    // WebLLM rejects non-integer seeds.
    if (req.seed !== undefined) out.seed = Math.floor(req.seed) + attempt;
    if (req.jsonSchema !== undefined) out.response_format = { type: 'json_object', schema: req.jsonSchema };
    if (this.disableThinking) out.extra_body = { enable_thinking: false };
    return out;
  }

  private async attempt(req: GenerateRequest, index: number, batcher: DeltaBatcher): Promise<Attempt> {
    const stream = await this.mlc.chat.completions.create(this.request(req, index));
    let text = '';
    let usage: MLCUsage | undefined;
    let aborted = false;
    let interruptForwarded = false;
    for await (const chunk of stream) {
      // WebLLM clears its interrupt flag when a stream starts; an interrupt that arrived before
      // that would be lost, so forward it once more from inside the stream.
      if (this.interruptRequested && !interruptForwarded) {
        interruptForwarded = true;
        await this.mlc.interruptGenerate();
      }
      const choice = chunk.choices[0];
      const delta = choice?.delta?.content ?? '';
      if (delta !== '') {
        text += delta;
        batcher.push(delta);
      }
      if (choice?.finish_reason === 'abort') aborted = true;
      if (chunk.usage) usage = chunk.usage;
    }
    return { text, usage, aborted };
  }

  private classify(err: unknown): EngineError {
    const name = err && typeof err === 'object' && 'name' in err ? String(err.name) : '';
    const message = err instanceof Error ? err.message : String(err);
    // WebLLM unloads the model itself when the GPU device is lost; the next request then finds no
    // model. If we did not unload it, that is the device loss surfacing.
    if (!this.unloadedByUs && (NOT_LOADED_NAMES.includes(name) || /model not loaded/i.test(message))) {
      return new EngineError('device_lost', `The GPU device was lost and the model was unloaded (${message})`);
    }
    return engineErrorFromUnknown(err);
  }

  private sumUsage(attempts: readonly Attempt[]): Usage {
    let promptTokens = 0;
    let completionTokens = 0;
    for (const a of attempts) {
      promptTokens += a.usage?.prompt_tokens ?? 0;
      completionTokens += a.usage?.completion_tokens ?? 0;
    }
    return { promptTokens, completionTokens };
  }

  private timings(attempts: readonly Attempt[], started: number): Timings {
    const e2e = attempts.map((a) => finite(a.usage?.extra?.e2e_latency_s));
    const measured = e2e.every((s) => s !== undefined)
      ? e2e.reduce<number>((sum, s) => sum + (s ?? 0), 0) * 1000
      : Math.max(0, this.now() - started);
    const first = attempts[0]?.usage?.extra;
    const last = attempts[attempts.length - 1]?.usage?.extra;
    const timings: Timings = { totalMs: measured };
    // The first attempt's first token is when the agent first saw output; rates from the last
    // attempt describe the device as well as any.
    const ttft = finite(first?.time_to_first_token_s);
    if (ttft !== undefined) timings.ttftMs = ttft * 1000;
    const prefill = finite(last?.prefill_tokens_per_s);
    if (prefill !== undefined) timings.prefillTokensPerSec = prefill;
    const decode = finite(last?.decode_tokens_per_s);
    if (decode !== undefined) timings.decodeTokensPerSec = decode;
    return timings;
  }
}
