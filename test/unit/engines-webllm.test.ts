import { describe, expect, it } from 'vitest';
import { EngineError, type GenerateRequest } from '../../src/core/engine';
import {
  RETRY_MARKER,
  WebLLMAgentEngine,
  type MLCChatRequest,
  type MLCChunk,
  type MLCEngineLike,
  type MLCUsage,
  type Schedule,
} from '../../src/engines/webllm/webllmEngine';

const SCHEMA = '{"type":"object","properties":{"actions":{"type":"array"}},"required":["actions"]}';

interface Reply {
  deltas: string[];
  usage?: MLCUsage;
  /** Thrown by create() itself. */
  createError?: unknown;
  /** Thrown by the stream after this many deltas. */
  streamError?: { after: number; error: unknown };
  /** Called after each delta chunk has been consumed. */
  afterChunk?: (index: number) => void | Promise<void>;
  /** create() waits for this before returning the stream. */
  gate?: Promise<void>;
}

/** Behaves like WebLLM's MLCEngine as far as the adapter can see. */
class FakeMLC implements MLCEngineLike {
  requests: MLCChatRequest[] = [];
  interruptCalls = 0;
  unloadCalls = 0;
  resetCalls = 0;
  private interruptSignal = false;
  constructor(private readonly replies: Reply[]) {}

  chat = {
    completions: {
      create: async (req: MLCChatRequest): Promise<AsyncIterable<MLCChunk>> => {
        this.requests.push(structuredClone(req));
        const reply = this.replies.shift();
        if (!reply) throw new Error('fake: no reply scripted');
        if (reply.gate) await reply.gate;
        if (reply.createError !== undefined) throw reply.createError;
        return this.stream(reply);
      },
    },
  };

  private async *stream(reply: Reply): AsyncGenerator<MLCChunk> {
    // WebLLM clears the interrupt flag when a stream starts.
    this.interruptSignal = false;
    let aborted = false;
    for (let i = 0; i < reply.deltas.length; i++) {
      if (this.interruptSignal) {
        aborted = true;
        break;
      }
      if (reply.streamError && reply.streamError.after === i) throw reply.streamError.error;
      yield { choices: [{ delta: { content: reply.deltas[i] }, finish_reason: null }] };
      await reply.afterChunk?.(i);
    }
    yield { choices: [{ delta: {}, finish_reason: aborted ? 'abort' : 'stop' }] };
    if (reply.usage) yield { choices: [], usage: reply.usage };
  }

  interruptGenerate(): void {
    this.interruptCalls++;
    this.interruptSignal = true;
  }
  async unload(): Promise<void> {
    this.unloadCalls++;
  }
  async resetChat(): Promise<void> {
    this.resetCalls++;
  }
}

/** A timer the test fires by hand. */
function manualSchedule() {
  const pending: Array<{ fn: () => void; ms: number; cancelled: boolean }> = [];
  const schedule: Schedule = (fn, ms) => {
    const t = { fn, ms, cancelled: false };
    pending.push(t);
    return () => {
      t.cancelled = true;
    };
  };
  const fire = () => {
    for (const t of pending.splice(0)) if (!t.cancelled) t.fn();
  };
  return { schedule, fire, pending };
}

function req(over: Partial<GenerateRequest> = {}): GenerateRequest {
  return { agentId: 'Dev1', system: 'You are Dev1.', prompt: 'Claim a task.', maxTokens: 256, temperature: 0.7, seed: 7, ...over };
}

function usage(prompt: number, completion: number, e2e = 1, extra: Partial<NonNullable<MLCUsage['extra']>> = {}): MLCUsage {
  return {
    prompt_tokens: prompt,
    completion_tokens: completion,
    extra: { e2e_latency_s: e2e, prefill_tokens_per_s: 400, decode_tokens_per_s: 25, time_to_first_token_s: 0.3, ...extra },
  };
}

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    return e instanceof EngineError ? e.code : `not an EngineError: ${String(e)}`;
  }
  return 'did not throw';
}

describe('WebLLMAgentEngine request shape', () => {
  it('sends system + user, streams with usage, and passes the JSON schema through for constrained decoding', async () => {
    const mlc = new FakeMLC([{ deltas: ['{"actions":[]}'], usage: usage(10, 5) }]);
    const engine = new WebLLMAgentEngine(mlc, { model: 'm', schedule: manualSchedule().schedule });
    await engine.generate(req({ jsonSchema: SCHEMA }));
    expect(mlc.requests).toEqual([
      {
        messages: [
          { role: 'system', content: 'You are Dev1.' },
          { role: 'user', content: 'Claim a task.' },
        ],
        stream: true,
        stream_options: { include_usage: true },
        temperature: 0.7,
        max_tokens: 256,
        seed: 7,
        response_format: { type: 'json_object', schema: SCHEMA },
      },
    ]);
    expect(engine.kind).toBe('webllm');
    expect(engine.model).toBe('m');
  });

  it('omits response_format without a schema, an empty system message, and floors seeds WebLLM would reject', async () => {
    const mlc = new FakeMLC([{ deltas: ['hi'], usage: usage(1, 1) }]);
    const engine = new WebLLMAgentEngine(mlc, { model: 'm' });
    await engine.generate(req({ system: '', seed: 3.7 }));
    const sent = mlc.requests[0];
    expect(sent?.response_format).toBeUndefined();
    expect(sent?.messages).toEqual([{ role: 'user', content: 'Claim a task.' }]);
    expect(sent?.seed).toBe(3);
    expect(sent?.extra_body).toBeUndefined();
  });

  it('switches thinking off for thinking models', async () => {
    const mlc = new FakeMLC([{ deltas: ['{}'], usage: usage(1, 1) }]);
    await new WebLLMAgentEngine(mlc, { model: 'Qwen3', disableThinking: true }).generate(req());
    expect(mlc.requests[0]?.extra_body).toEqual({ enable_thinking: false });
  });
});

describe('WebLLMAgentEngine results', () => {
  it('maps WebLLM usage and its extra timing fields into Usage and Timings', async () => {
    const mlc = new FakeMLC([
      { deltas: ['{"a"', ':1}'], usage: usage(120, 30, 1.5, { prefill_tokens_per_s: 410.5, decode_tokens_per_s: 22.5, time_to_first_token_s: 0.25 }) },
    ]);
    const r = await new WebLLMAgentEngine(mlc, { model: 'm' }).generate(req({ jsonSchema: SCHEMA }));
    expect(r.text).toBe('{"a":1}');
    expect(r.usage).toEqual({ promptTokens: 120, completionTokens: 30 });
    expect(r.timings).toEqual({ totalMs: 1500, ttftMs: 250, prefillTokensPerSec: 410.5, decodeTokensPerSec: 22.5 });
  });

  it('falls back to the injected clock when WebLLM reports no latency', async () => {
    let t = 1000;
    const mlc = new FakeMLC([{ deltas: ['x'], afterChunk: () => void (t += 640) }]);
    const r = await new WebLLMAgentEngine(mlc, { model: 'm', now: () => t }).generate(req());
    expect(r.timings.totalMs).toBe(640);
    expect(r.usage).toEqual({ promptTokens: 0, completionTokens: 0 });
  });

  it('batches stream deltas per timer window and flushes the rest at the end', async () => {
    const timer = manualSchedule();
    const seen: string[] = [];
    const mlc = new FakeMLC([
      {
        deltas: ['{"ac', 'tions"', ':[', ']}'],
        usage: usage(1, 4),
        afterChunk: (i) => {
          if (i === 1) {
            // One window was opened by the first delta, with the batch length asked for.
            expect(timer.pending.filter((p) => !p.cancelled).map((p) => p.ms)).toEqual([50]);
            timer.fire();
          }
        },
      },
    ]);
    const engine = new WebLLMAgentEngine(mlc, { model: 'm', schedule: timer.schedule });
    const r = await engine.generate(req(), (d) => seen.push(d));
    expect(seen).toEqual(['{"actions"', ':[]}']);
    expect(seen.join('')).toBe(r.text);
    // The end-of-stream flush cancelled the open window rather than leaving it to fire later.
    expect(timer.pending.every((p) => p.cancelled)).toBe(true);
  });

  it('a failing delta sink does not fail the generation', async () => {
    const mlc = new FakeMLC([{ deltas: ['{}'], usage: usage(1, 1) }]);
    const r = await new WebLLMAgentEngine(mlc, { model: 'm', schedule: manualSchedule().schedule }).generate(req(), () => {
      throw new Error('page closed');
    });
    expect(r.text).toBe('{}');
  });
});

describe('WebLLMAgentEngine retry on invalid JSON', () => {
  it('retries once with another seed, counts both attempts, and returns the valid reply', async () => {
    const seen: string[] = [];
    const mlc = new FakeMLC([
      { deltas: ['Sure! Here'], usage: usage(100, 3, 0.5) },
      { deltas: ['{"actions":[]}'], usage: usage(100, 6, 0.7) },
    ]);
    const r = await new WebLLMAgentEngine(mlc, { model: 'm', schedule: manualSchedule().schedule }).generate(req({ jsonSchema: SCHEMA }), (d) =>
      seen.push(d),
    );
    expect(mlc.requests.map((q) => q.seed)).toEqual([7, 8]);
    expect(r.text).toBe('{"actions":[]}');
    expect(r.usage).toEqual({ promptTokens: 200, completionTokens: 9 });
    expect(r.timings.totalMs).toBeCloseTo(1200, 6);
    expect(seen.join('')).toBe(`Sure! Here${RETRY_MARKER}{"actions":[]}`);
  });

  it('gives up after the second invalid reply and returns it for the parser to report', async () => {
    const mlc = new FakeMLC([
      { deltas: ['nope'], usage: usage(1, 1) },
      { deltas: ['still nope'], usage: usage(1, 2) },
      { deltas: ['{"never":"asked"}'], usage: usage(1, 1) },
    ]);
    const r = await new WebLLMAgentEngine(mlc, { model: 'm' }).generate(req({ jsonSchema: SCHEMA }));
    expect(mlc.requests).toHaveLength(2);
    expect(r.text).toBe('still nope');
  });

  it('does not retry when no JSON was asked for (the XML tag protocol)', async () => {
    const mlc = new FakeMLC([
      { deltas: ['<claim_task id="T1"/>'], usage: usage(1, 1) },
      { deltas: ['unused'], usage: usage(1, 1) },
    ]);
    const r = await new WebLLMAgentEngine(mlc, { model: 'm' }).generate(req());
    expect(mlc.requests).toHaveLength(1);
    expect(r.text).toBe('<claim_task id="T1"/>');
  });
});

describe('WebLLMAgentEngine interrupt and unload', () => {
  it('interrupt() stops the stream via interruptGenerate and generate rejects with interrupted, without retrying', async () => {
    let engine: WebLLMAgentEngine | undefined;
    const mlc = new FakeMLC([
      { deltas: ['{"a', '":', '1', '}'], usage: usage(1, 2), afterChunk: async (i) => (i === 0 ? engine?.interrupt() : undefined) },
      { deltas: ['{}'], usage: usage(1, 1) },
    ]);
    engine = new WebLLMAgentEngine(mlc, { model: 'm', schedule: manualSchedule().schedule });
    expect(await codeOf(engine.generate(req({ jsonSchema: SCHEMA })))).toBe('interrupted');
    expect(mlc.interruptCalls).toBeGreaterThanOrEqual(1);
    expect(mlc.requests).toHaveLength(1);
    expect(mlc.resetCalls).toBe(1);
  });

  it('an interrupt that arrives before the stream starts is not lost', async () => {
    let open!: () => void;
    const gate = new Promise<void>((r) => (open = r));
    const mlc = new FakeMLC([{ deltas: ['a', 'b', 'c', 'd'], usage: usage(1, 4), gate }]);
    const engine = new WebLLMAgentEngine(mlc, { model: 'm' });
    const pending = engine.generate(req());
    await engine.interrupt();
    open();
    expect(await codeOf(pending)).toBe('interrupted');
    expect(mlc.interruptCalls).toBe(2);
  });

  it('unload() unloads the model and later generations fail clearly', async () => {
    const mlc = new FakeMLC([]);
    const engine = new WebLLMAgentEngine(mlc, { model: 'm' });
    await engine.unload();
    expect(mlc.unloadCalls).toBe(1);
    expect(await codeOf(engine.generate(req()))).toBe('engine_failed');
    expect(mlc.requests).toHaveLength(0);
  });
});

describe('WebLLMAgentEngine error mapping', () => {
  function named(name: string, message: string): Error {
    const e = new Error(message);
    e.name = name;
    return e;
  }
  it.each([
    ['DeviceLostError', named('DeviceLostError', 'The WebGPU device was lost while loading the model. ... running out of memory (OOM).'), 'device_lost'],
    ['model unloaded by WebLLM after a device loss', named('ModelNotLoadedError', 'Model not loaded before trying to complete ChatCompletionRequest.'), 'device_lost'],
    ['GPU out of memory', named('GPUOutOfMemoryError', 'Out of memory'), 'out_of_memory'],
    ['anything else', new Error('kaboom'), 'engine_failed'],
  ])('%s from create() becomes %s', async (_label, error, code) => {
    const mlc = new FakeMLC([{ deltas: [], createError: error }]);
    expect(await codeOf(new WebLLMAgentEngine(mlc, { model: 'm' }).generate(req()))).toBe(code);
  });

  it('errors thrown mid-stream are mapped too, and the partial deltas are still flushed', async () => {
    const seen: string[] = [];
    const mlc = new FakeMLC([{ deltas: ['{"a"', ':1}'], streamError: { after: 1, error: new Error('Device is lost') } }]);
    const engine = new WebLLMAgentEngine(mlc, { model: 'm', schedule: manualSchedule().schedule });
    expect(await codeOf(engine.generate(req(), (d) => seen.push(d)))).toBe('device_lost');
    expect(seen).toEqual(['{"a"']);
  });
});
