// The endpoint engine against a real HTTP server on 127.0.0.1 with scripted answers: the wire
// format it sends, streaming, usage and timings, the schema fallback, and every mapped failure.
import { afterEach, describe, expect, it } from 'vitest';
import { EngineError, type GenerateRequest } from '../../src/core/engine';
import { EndpointAgentEngine, TAG_PROTOCOL_NOTE } from '../../src/engines/endpoint/endpointEngine';
import { retryAfterSeconds, serverErrorText } from '../../src/engines/endpoint/httpErrors';
import { sseReader } from '../../src/engines/endpoint/sse';
import { jsonError, startScriptedServer, streamReply, type ScriptedServer } from '../fixtures/scriptedChatServer';

const SCHEMA = '{"type":"object","properties":{"actions":{"type":"array"}},"required":["actions"]}';
const REQ: GenerateRequest = { agentId: 'dev1', system: 'You are dev1.', prompt: 'Board: t01 ready', maxTokens: 256, temperature: 0.7, seed: 3, jsonSchema: SCHEMA };
const REPLY = '{"actions":[{"type":"claim","task":"t01"}]}';

let server: ScriptedServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'resolved';
  } catch (err) {
    return err instanceof EngineError ? err.code : `not an EngineError: ${String(err)}`;
  }
}

describe('EndpointAgentEngine', () => {
  it('sends an OpenAI chat request with the schema as json_schema and streams the reply with usage', async () => {
    server = await startScriptedServer((_r, res) => streamReply(res, ['{"actions":[', '{"type":"claim","task":"t01"}', ']}'], { prompt_tokens: 40, completion_tokens: 12 }));
    const engine = new EndpointAgentEngine({ baseUrl: `${server.baseUrl}/`, model: 'tiny', apiKey: 'sk-test' });
    const deltas: string[] = [];
    const out = await engine.generate(REQ, (d) => deltas.push(d));
    expect(out.text).toBe(REPLY);
    expect(deltas.join('')).toBe(REPLY);
    expect(out.usage).toEqual({ promptTokens: 40, completionTokens: 12 });
    expect(out.timings.totalMs).toBeGreaterThanOrEqual(0);
    const sent = server.received[0];
    expect(sent?.url).toBe('/v1/chat/completions');
    expect(sent?.headers.authorization).toBe('Bearer sk-test');
    expect(sent?.body).toMatchObject({
      model: 'tiny',
      stream: true,
      max_tokens: 256,
      seed: 3,
      messages: [
        { role: 'system', content: 'You are dev1.' },
        { role: 'user', content: 'Board: t01 ready' },
      ],
      response_format: { type: 'json_schema', json_schema: { name: 'step_reply', strict: true, schema: JSON.parse(SCHEMA) } },
    });
  });

  it('reads a non-streamed JSON completion too, and estimates usage when the server sends none', async () => {
    server = await startScriptedServer((_r, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ choices: [{ message: { role: 'assistant', content: REPLY } }] }));
    });
    const out = await new EndpointAgentEngine({ baseUrl: server.baseUrl, model: 'tiny' }).generate(REQ);
    expect(out.text).toBe(REPLY);
    expect(out.usage.completionTokens).toBe(Math.ceil(REPLY.length / 4));
    expect(server.received[0]?.headers.authorization).toBeUndefined();
  });

  it('falls back to the tag protocol when the server refuses json_schema, and remembers it', async () => {
    server = await startScriptedServer((r, res) => {
      if (r.body.response_format) return jsonError(res, 400, "response_format 'json_schema' is not supported");
      streamReply(res, ['<claim_task id="t01"/>']);
    });
    const engine = new EndpointAgentEngine({ baseUrl: server.baseUrl, model: 'tiny' });
    expect((await engine.generate(REQ)).text).toBe('<claim_task id="t01"/>');
    await engine.generate(REQ);
    expect(server.received.map((r) => 'response_format' in r.body)).toEqual([true, false, false]);
    const system = (server.received[1]?.body.messages as { content: string }[])[0]?.content;
    expect(system).toContain(TAG_PROTOCOL_NOTE);
    expect(engine.usesTagProtocol).toBe(true);
  });

  it('maps refusals to clear codes: 401, 404 model, 404 path, context too long, 500', async () => {
    const cases: Array<[number, string, string]> = [
      [401, 'Incorrect API key provided', 'unauthorized'],
      [404, 'The model `tiny` does not exist', 'unknown_model'],
      [404, 'Not Found', 'endpoint_not_found'],
      [400, "This model's maximum context length is 2048 tokens", 'context_too_long'],
      [500, 'boom', 'engine_failed'],
    ];
    for (const [status, message, code] of cases) {
      server = await startScriptedServer((_r, res) => jsonError(res, status, message));
      const err = await new EndpointAgentEngine({ baseUrl: server.baseUrl, model: 'tiny' }).generate(REQ).catch((e: unknown) => e);
      expect(err, `${status} ${message}`).toBeInstanceOf(EngineError);
      expect((err as EngineError).code).toBe(code);
      expect((err as EngineError).message).toContain(message.slice(0, 20));
      await server.close();
      server = undefined;
    }
  });

  it('waits out a 429 with Retry-After, and gives up with the wait in the message when it is too long', async () => {
    const waits: number[] = [];
    const sleep = async (ms: number) => void waits.push(ms);
    server = await startScriptedServer((_r, res, i) => (i === 0 ? jsonError(res, 429, 'slow down', { 'retry-after': '2' }) : streamReply(res, [REPLY])));
    const ok = await new EndpointAgentEngine({ baseUrl: server.baseUrl, model: 'tiny', sleep }).generate(REQ);
    expect(ok.text).toBe(REPLY);
    expect(waits).toEqual([2000]);
    await server.close();
    server = await startScriptedServer((_r, res) => jsonError(res, 429, 'quota', { 'retry-after': '120' }));
    const err = (await new EndpointAgentEngine({ baseUrl: server.baseUrl, model: 'tiny', sleep }).generate(REQ).catch((e: unknown) => e)) as EngineError;
    expect(err.code).toBe('rate_limited');
    expect(err.message).toContain('120 s');
    expect(server.received).toHaveLength(1);
  });

  it('tells an unreachable server from one that CORS refuses', async () => {
    server = await startScriptedServer((_r, res) => streamReply(res, [REPLY]));
    const base = server.baseUrl;
    await server.close();
    server = undefined;
    expect(await codeOf(new EndpointAgentEngine({ baseUrl: base, model: 'tiny', reachable: async () => false }).generate(REQ))).toBe('unreachable');
    const corsBlocked = (): Promise<Response> => Promise.reject(new TypeError('Failed to fetch'));
    expect(await codeOf(new EndpointAgentEngine({ baseUrl: base, model: 'tiny', fetch: corsBlocked, reachable: async () => true }).generate(REQ))).toBe('cors_refused');
  });

  it('Stop closes the connection mid-stream and rejects as interrupted; the engine works again after', async () => {
    let release: () => void = () => undefined;
    server = await startScriptedServer((r, res, i) => {
      if (i > 0) return streamReply(res, [REPLY]);
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write(`data: ${JSON.stringify({ choices: [{ delta: { content: '{"actions":[' } }] })}\n\n`);
      release();
      void r;
    });
    const engine = new EndpointAgentEngine({ baseUrl: server.baseUrl, model: 'tiny' });
    const started = new Promise<void>((ok) => (release = ok));
    const pending = engine.generate(REQ);
    await started;
    engine.interrupt();
    expect(await codeOf(pending)).toBe('interrupted');
    await new Promise((ok) => setTimeout(ok, 50));
    expect(server.aborted).toBe(1);
    expect((await engine.generate(REQ)).text).toBe(REPLY);
  });

  it('a chunk that is not JSON is a bad_output error, not a crash', async () => {
    server = await startScriptedServer((_r, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.end('data: {not json\n\n');
    });
    expect(await codeOf(new EndpointAgentEngine({ baseUrl: server.baseUrl, model: 'tiny' }).generate(REQ))).toBe('bad_output');
  });
});

describe('endpoint helpers', () => {
  it('splits server-sent events across arbitrary chunk boundaries', () => {
    const sse = sseReader();
    expect(sse.push('data: {"a"')).toEqual([]);
    expect(sse.push(':1}\n\n: keep-alive\ndata: [DO')).toEqual(['{"a":1}']);
    expect(sse.push('NE]\r\n')).toEqual(['[DONE]']);
    expect(sse.end()).toEqual([]);
  });

  it('bounds server error text and reads Retry-After in seconds or as a date', () => {
    expect(serverErrorText(JSON.stringify({ error: { message: 'x'.repeat(5000) } })).length).toBeLessThanOrEqual(301);
    expect(serverErrorText('plain\n  words')).toBe('plain words');
    expect(retryAfterSeconds('7', 0)).toBe(7);
    expect(retryAfterSeconds(new Date(10_000).toUTCString(), 4_000)).toBe(6);
    expect(retryAfterSeconds('soon', 0)).toBeUndefined();
  });
});
