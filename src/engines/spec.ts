/** What an agent worker is asked to host. Importable on the main thread: no WebLLM runtime here. */
export type EngineSpec =
  | { kind: 'sim'; preset: string; seed: number; speed: number; errorRate: number; suiteId: string; decodeTps?: number; prefillTps?: number }
  | { kind: 'webllm'; model: string; /** Absolute or page-relative base URL of MLC model folders; empty = WebLLM's default hosts. */ baseUrl?: string; contextWindow?: number }
  | { kind: 'fake'; script: string }
  /** An OpenAI-compatible server. The key crosses to the worker in memory only: never into a
   * trace, a saved run, an export or the URL (see ui/state/endpointKeys.ts). */
  | { kind: 'endpoint'; baseUrl: string; model: string; apiKey?: string };

/** 'compiling' is WebLLM's GPU shaders; 'grammar' is the reply grammar, compiled before the first step needs it. */
export type LoadPhase = 'queued' | 'fetching' | 'loading' | 'compiling' | 'grammar' | 'ready' | 'failed';

/** Words for a phase, shared by the model panel and the per-agent load list. */
export const LOAD_PHASE_LABEL: Record<LoadPhase, string> = {
  queued: 'Waiting',
  fetching: 'Downloading',
  loading: 'Loading from cache',
  compiling: 'Compiling GPU shaders',
  grammar: 'Compiling the reply grammar',
  ready: 'Ready',
  failed: 'Failed',
};

export interface LoadProgress {
  agent: string;
  phase: LoadPhase;
  /** 0..1 */
  fraction: number;
  /** Megabytes loaded so far and in total, when the engine reports them. */
  loadedMB?: number;
  totalMB?: number;
  text: string;
}
