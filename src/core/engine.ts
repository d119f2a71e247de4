/** The one interface every engine implements: simulated, fake (tests) and WebLLM. */

export interface GenerateRequest {
  agentId: string;
  system: string;
  prompt: string;
  maxTokens: number;
  temperature: number;
  seed?: number;
  /** JSON schema (as a string) for constrained decoding; engines may ignore it. */
  jsonSchema?: string;
}

export interface Usage {
  promptTokens: number;
  completionTokens: number;
}

export interface Timings {
  /** Total duration of the generation, measured (real engines) or modelled (simulated). */
  totalMs: number;
  ttftMs?: number;
  prefillTokensPerSec?: number;
  decodeTokensPerSec?: number;
}

export interface GenerateResult {
  text: string;
  usage: Usage;
  timings: Timings;
}

export type DeltaCallback = (delta: string) => void;

export interface AgentEngine {
  readonly kind: 'sim' | 'webllm' | 'fake' | 'shared' | 'endpoint';
  /** Human-readable model name for the UI and the trace. */
  readonly model: string;
  generate(req: GenerateRequest, onDelta?: DeltaCallback): Promise<GenerateResult>;
  /** Stop the generation in flight, if any; generate then rejects or returns early. */
  interrupt?(): Promise<void> | void;
  unload?(): Promise<void>;
}

/** Error raised by engines, with a stable code the UI maps to a readable message. */
export class EngineError extends Error {
  constructor(
    readonly code: EngineErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'EngineError';
  }
}

export type EngineErrorCode =
  | 'no_webgpu'
  | 'insecure_context'
  | 'software_adapter'
  | 'no_shader_f16'
  | 'out_of_memory'
  | 'device_lost'
  | 'quota_exceeded'
  | 'download_failed'
  /** The page's own code (a chunk or worker script) did not load: not the model's download. */
  | 'code_load_failed'
  | 'unknown_model'
  | 'interrupted'
  | 'bad_output'
  | 'engine_failed'
  // An OpenAI-compatible endpoint's failures.
  | 'unreachable'
  | 'cors_refused'
  | 'unauthorized'
  | 'rate_limited'
  | 'context_too_long'
  | 'endpoint_not_found';
