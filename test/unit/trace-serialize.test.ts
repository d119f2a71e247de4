import { describe, expect, it } from 'vitest';
import { detectTraceFormat } from '../../src/core/trace/detect';
import type { TraceEvent } from '../../src/core/trace/events';
import { MAX_TRACE_BYTES, parseTrace, serializeTrace, utf8Length } from '../../src/core/trace/serialize';
import { asyncTwoAgentTrace, syncTwoAgentTrace } from '../fixtures/metricsTraces';

function parsedEvents(text: string): TraceEvent[] {
  const r = parseTrace(text);
  if (!r.ok) throw new Error(r.error);
  return r.events;
}

/** Replace one field of one event in a saved trace, as a corrupted file would. */
function corrupt(events: TraceEvent[], index: number, field: string, value: unknown): string {
  const doc = JSON.parse(serializeTrace(events)) as { version: number; events: Record<string, unknown>[] };
  (doc.events[index] as Record<string, unknown>)[field] = value;
  return JSON.stringify(doc);
}

describe('serializeTrace / parseTrace', () => {
  it('round-trips a trace to equal events', () => {
    for (const events of [syncTwoAgentTrace(), asyncTwoAgentTrace()]) {
      expect(parsedEvents(serializeTrace(events))).toEqual(events);
    }
  });

  it('is stable: key order does not change the text, and saving twice gives the same bytes', () => {
    const events = syncTwoAgentTrace();
    const shuffled = events.map((e) => Object.fromEntries(Object.entries(e).reverse()) as TraceEvent);
    expect(serializeTrace(shuffled)).toBe(serializeTrace(events));
    expect(serializeTrace(parsedEvents(serializeTrace(events)))).toBe(serializeTrace(events));
    expect(serializeTrace(events).startsWith('{"version":1,"events":[\n')).toBe(true);
  });

  it('names the event index and field of a wrong type', () => {
    const events = syncTwoAgentTrace();
    const i = events.findIndex((e) => e.type === 'claim');
    const r = parseTrace(corrupt(events, i, 'agent', 42));
    expect(r).toEqual({ ok: false, error: `events[${i}].agent: expected string, got number` });
  });

  it('names a nested field and a missing one', () => {
    const events = syncTwoAgentTrace();
    const i = events.findIndex((e) => e.type === 'step_end');
    const doc = JSON.parse(serializeTrace(events)) as { events: { usage: Record<string, unknown> }[] };
    delete doc.events[i]!.usage.completionTokens;
    const r = parseTrace(JSON.stringify(doc));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(new RegExp(`^events\\[${i}\\]\\.usage\\.completionTokens: expected number`));
  });

  it('names an unknown event type and a bad enum value', () => {
    const events = syncTwoAgentTrace();
    const r1 = parseTrace(corrupt(events, 1, 'type', 'teleport'));
    expect(r1.ok).toBe(false);
    if (!r1.ok) expect(r1.error).toMatch(/^events\[1\]\.type: unknown type/);
    const i = events.findIndex((e) => e.type === 'run_end');
    const r2 = parseTrace(corrupt(events, i, 'reason', 'bored'));
    expect(r2.ok).toBe(false);
    if (!r2.ok) expect(r2.error).toMatch(new RegExp(`^events\\[${i}\\]\\.reason: expected one of`));
  });

  it('rejects what is not a trace, without throwing', () => {
    expect(parseTrace('{not json')).toMatchObject({ ok: false, error: expect.stringContaining('not valid JSON') });
    expect(parseTrace('[]')).toMatchObject({ ok: false, error: expect.stringContaining('expected an object') });
    expect(parseTrace('{"version":2,"events":[]}')).toEqual({ ok: false, error: 'version: expected 1, got 2' });
    expect(parseTrace('{"version":1}')).toEqual({ ok: false, error: 'events: expected array' });
    expect(parseTrace('{"version":1,"events":[]}')).toMatchObject({ ok: false, error: expect.stringContaining('empty') });
    const noStart = serializeTrace(syncTwoAgentTrace().slice(1));
    expect(parseTrace(noStart)).toMatchObject({ ok: false, error: expect.stringContaining('events[0].type') });
    expect(parseTrace(undefined as unknown as string).ok).toBe(false);
  });

  it('rejects a trace over the size limit with a clear message', () => {
    expect(MAX_TRACE_BYTES).toBe(50 * 1024 * 1024);
    const huge = `{"version":1,"events":[],"pad":"${'x'.repeat(MAX_TRACE_BYTES)}"}`;
    expect(parseTrace(huge)).toEqual({ ok: false, error: expect.stringContaining('larger than the 50 MB limit') });
  });

  it('measures UTF-8 bytes, so multi-byte text near the limit is caught', () => {
    expect(utf8Length('aé€😀')).toBe(1 + 2 + 3 + 4);
    // 20 M three-byte characters are 60 MB: under the limit in UTF-16 units, over it in bytes.
    const wide = `{"version":1,"events":[],"pad":"${'€'.repeat(20 * 1024 * 1024)}"}`;
    expect(wide.length).toBeLessThan(MAX_TRACE_BYTES);
    expect(parseTrace(wide)).toMatchObject({ ok: false, error: expect.stringContaining('limit') });
  });
});

describe('detectTraceFormat', () => {
  it('tells a saved trace from a harness log', () => {
    expect(detectTraceFormat(serializeTrace(syncTwoAgentTrace()))).toBe('trace');
    expect(detectTraceFormat(JSON.stringify({ version: 1, events: [] }))).toBe('trace');
    expect(detectTraceFormat('{"type": "run_start", "ts": 1.5}\n{"type": "round_start", "round": 1, "ts": 2}\n')).toBe('harness');
    expect(detectTraceFormat('hello')).toBe('unknown');
  });
});
