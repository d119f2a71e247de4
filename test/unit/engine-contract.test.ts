// The contract every AgentEngine keeps, whatever is behind it: the simulated engine, the fake
// engine used in workers, the WebLLM adapter (over a scripted MLCEngine, as no GPU runs here) and
// the endpoint engine (over a real HTTP server on 127.0.0.1). A team never knows which it has.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EngineError, type AgentEngine, type GenerateRequest } from '../../src/core/engine';
import { parseActions } from '../../src/core/protocol/parse';
import { ACTION_JSON_SCHEMA } from '../../src/core/protocol/schema';
import { simPreset } from '../../src/core/sim/presets';
import { SimEngine } from '../../src/core/sim/simEngine';
import { findSuite } from '../../src/core/workload/suites';
import { EndpointAgentEngine } from '../../src/engines/endpoint/endpointEngine';
import { FakeEngine } from '../../src/engines/fakeEngine';
import { WebLLMAgentEngine, type MLCChatRequest, type MLCChunk, type MLCEngineLike } from '../../src/engines/webllm/webllmEngine';
import { startScriptedServer, type ScriptedServer } from '../fixtures/scriptedChatServer';

const suite = findSuite('math', 0.9);
if (!suite) throw new Error('math 0.9 suite missing');
const REPLY = '{"actions":[{"type":"claim","task":"t01"},{"type":"wait","reason":"claimed"}]}';
const REQ: GenerateRequest = {
  agentId: 'dev1',
  system: 'You are dev1 on a team.',
  prompt: 'Round 1. Board:\nt01 pending (no deps) src/t01.js',
  maxTokens: 512,
  temperature: 0.7,
  seed: 7,
  jsonSchema: ACTION_JSON_SCHEMA,
};

/** Streams REPLY in pieces; when `hold` is set, stops mid-stream until interrupted. */
class ScriptedMLC implements MLCEngineLike {
  hold = false;
  private interrupted = false;
  chat = {
    completions: {
      create: async (_req: MLCChatRequest): Promise<AsyncIterable<MLCChunk>> => this.stream(),
    },
  };
  private async *stream(): AsyncGenerator<MLCChunk> {
    this.interrupted = false;
    const pieces = [REPLY.slice(0, 20), REPLY.slice(20, 50), REPLY.slice(50)];
    for (const [i, p] of pieces.entries()) {
      if (this.hold && i === 1) while (!this.interrupted) await new Promise((ok) => setTimeout(ok, 5));
      if (this.interrupted) {
        yield { choices: [{ delta: { content: '' }, finish_reason: 'abort' }] };
        return;
      }
      yield { choices: [{ delta: { content: p }, finish_reason: null }] };
    }
    yield { choices: [{ delta: {}, finish_reason: 'stop' }], usage: { prompt_tokens: 30, completion_tokens: 25, extra: { e2e_latency_s: 0.2, time_to_first_token_s: 0.05 } } };
  }
  interruptGenerate(): void {
    this.interrupted = true;
  }
  async unload(): Promise<void> {}
}

let server: ScriptedServer;
let holdEndpoint = false;
beforeAll(async () => {
  server = await startScriptedServer((_r, res) => {
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    const pieces = [REPLY.slice(0, 20), REPLY.slice(20, 50), REPLY.slice(50)];
    res.write(`data: ${JSON.stringify({ choices: [{ delta: { content: pieces[0] } }] })}\n\n`);
    if (holdEndpoint) return; // the client's Stop closes the connection
    for (const p of pieces.slice(1)) res.write(`data: ${JSON.stringify({ choices: [{ delta: { content: p } }] })}\n\n`);
    res.write(`data: ${JSON.stringify({ choices: [], usage: { prompt_tokens: 30, completion_tokens: 25 } })}\n\n`);
    res.end('data: [DONE]\n\n');
  });
});
afterAll(() => server.close());

interface Subject {
  name: string;
  make(): AgentEngine;
  /** Streams its text through onDelta. */
  streams: boolean;
  /** Puts the engine mid-generation so interrupt() has something to stop; undefined where a
   * generation takes no real time (the simulated engine answers on a virtual clock). */
  holdNext?: (engine: AgentEngine) => void;
  /** Whether the reply is the scripted REPLY (real suites' answers vary). */
  scripted: boolean;
}

const sim = () => new SimEngine({ suite, preset: simPreset('laptop'), seed: 1, agentId: 'dev1', speed: 1 });
const subjects: Subject[] = [
  { name: 'simulated', make: sim, streams: false, scripted: false },
  { name: 'fake (workers)', make: () => new FakeEngine(sim(), 'ok', 0), streams: true, scripted: false },
  {
    name: 'WebLLM adapter',
    make: () => new WebLLMAgentEngine(new ScriptedMLC(), { model: 'scripted-mlc', batchMs: 0, schedule: (fn) => (fn(), () => undefined) }),
    streams: true,
    scripted: true,
    holdNext: (e) => {
      ((e as unknown as { mlc: ScriptedMLC }).mlc).hold = true;
    },
  },
  {
    name: 'endpoint',
    make: () => {
      holdEndpoint = false;
      return new EndpointAgentEngine({ baseUrl: server.baseUrl, model: 'scripted-endpoint' });
    },
    streams: true,
    scripted: true,
    holdNext: () => {
      holdEndpoint = true;
    },
  },
];

describe.each(subjects)('engine contract: $name', (s) => {
  it('names its model and kind', () => {
    const e = s.make();
    expect(e.model.length).toBeGreaterThan(0);
    expect(['sim', 'webllm', 'fake', 'shared', 'endpoint']).toContain(e.kind);
  });

  it('answers a step with text the team can parse, whole-number usage and a measured time', async () => {
    const e = s.make();
    const deltas: string[] = [];
    const out = await e.generate(REQ, (d) => deltas.push(d));
    if (s.scripted) expect(out.text).toBe(REPLY);
    const parsed = parseActions(out.text, 'auto');
    expect(parsed.ok, parsed.ok ? '' : parsed.reason).toBe(true);
    expect(parsed.actions.length).toBeGreaterThan(0);
    for (const n of [out.usage.promptTokens, out.usage.completionTokens]) {
      expect(Number.isInteger(n) && n >= 0).toBe(true);
    }
    expect(out.usage.completionTokens).toBeGreaterThan(0);
    expect(Number.isFinite(out.timings.totalMs) && out.timings.totalMs >= 0).toBe(true);
    if (s.streams) expect(deltas.join('')).toBe(out.text);
  });

  it('interrupt() stops a generation in flight with an "interrupted" error, and the engine answers again after', async () => {
    const e = s.make();
    if (s.holdNext) {
      s.holdNext(e);
      const pending = e.generate(REQ);
      await new Promise((ok) => setTimeout(ok, 30));
      await e.interrupt?.();
      const err = await pending.then(
        () => undefined,
        (x: unknown) => x,
      );
      expect(err).toBeInstanceOf(EngineError);
      expect((err as EngineError).code).toBe('interrupted');
      if (s.name === 'WebLLM adapter') ((e as unknown as { mlc: ScriptedMLC }).mlc).hold = false;
      holdEndpoint = false;
    } else {
      // Nothing is in flight: interrupting an idle engine is harmless.
      await e.interrupt?.();
    }
    const again = await e.generate(REQ);
    expect(parseActions(again.text, 'auto').ok).toBe(true);
  });
});
