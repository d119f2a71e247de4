/**
 * Saving and loading a trace. The text is stable (keys sorted, one event per line) so the same
 * run always saves to the same bytes and two saved runs diff line by line. Loading never throws:
 * a file from disk or another machine is untrusted, so every event is checked by the schema and
 * a bad one is named by index and field.
 */
import type { TraceEvent } from './events';
import { withTaskStatus } from '../team/taskRules';
import { findPrototypeKey, validateTraceMeaning } from './validateMeaning';
import { describeIssue, inTimeOrder, traceEventSchema, traceOrderError } from './schema';

/** Largest trace text accepted, in UTF-8 bytes. A 20-task run is well under 5 MB. */
export const MAX_TRACE_BYTES = 50 * 1024 * 1024;

export const TRACE_VERSION = 1;

export type ParseTraceResult = { ok: true; events: TraceEvent[] } | { ok: false; error: string };

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[key];
      if (v !== undefined) out[key] = sortKeys(v);
    }
    return out;
  }
  return value;
}

export function serializeTrace(events: readonly TraceEvent[]): string {
  const lines = events.map((e) => JSON.stringify(sortKeys(e)));
  return `{"version":${TRACE_VERSION},"events":[\n${lines.join(',\n')}\n]}\n`;
}

/** UTF-8 length of `text`, counting no further than `limit + 1` so a huge string costs little. */
export function utf8Length(text: string, limit = Number.POSITIVE_INFINITY): number {
  let bytes = 0;
  for (let i = 0; i < text.length && bytes <= limit; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      // A surrogate pair is one 4-byte code point.
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

function formatMB(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(0)} MB`;
}

/** The message used whenever a trace (or log) is over the limit. */
export function tooLargeMessage(what: string): string {
  return `${what} is larger than the ${formatMB(MAX_TRACE_BYTES)} limit; it cannot be a single run's trace`;
}

/** `savedBefore`: the trace was saved by this page before traces were kept in time order; it
 * is put in order instead of refused, so no saved run is lost. */
export function parseTrace(text: string, opts: { savedBefore?: boolean } = {}): ParseTraceResult {
  if (typeof text !== 'string') return { ok: false, error: 'trace: expected text' };
  // Every UTF-16 unit is at least one UTF-8 byte, so a long string is rejected without counting.
  if (text.length > MAX_TRACE_BYTES || utf8Length(text, MAX_TRACE_BYTES) > MAX_TRACE_BYTES) {
    return { ok: false, error: tooLargeMessage('trace file') };
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    return { ok: false, error: `trace: not valid JSON (${err instanceof Error ? err.message : String(err)})` };
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    return { ok: false, error: 'trace: expected an object {version, events}' };
  }
  // "__proto__" or "constructor" as a key would reach Object.prototype wherever a view or a
  // metric uses a parsed object as a map.
  const protoKey = findPrototypeKey(data);
  if (protoKey) return { ok: false, error: `${protoKey}: not allowed as a key` };
  const record = data as Record<string, unknown>;
  if (record.version !== TRACE_VERSION) {
    return { ok: false, error: `version: expected ${TRACE_VERSION}, got ${JSON.stringify(record.version) ?? 'nothing'}` };
  }
  if (!Array.isArray(record.events)) return { ok: false, error: 'events: expected array' };
  const events: TraceEvent[] = [];
  for (let i = 0; i < record.events.length; i++) {
    const parsed = traceEventSchema.safeParse(record.events[i]);
    if (!parsed.success) {
      const first = parsed.error.issues[0];
      return { ok: false, error: first ? describeIssue(`events[${i}]`, first) : `events[${i}]: invalid event` };
    }
    events.push(parsed.data);
  }
  if (events.length === 0) return { ok: false, error: 'events: the trace is empty' };
  if (events[0]?.type !== 'run_start') {
    return { ok: false, error: `events[0].type: a trace begins with run_start, got ${events[0]?.type}` };
  }
  // Shape is not meaning: team size, times and counts within the page's limits, names that refer.
  const meaning = validateTraceMeaning(events);
  if (meaning) return { ok: false, error: meaning };
  const disorder = traceOrderError(events);
  if (disorder && !opts.savedBefore) return { ok: false, error: disorder };
  // A trace recorded before the board wrote task_status events gets them from the board's rules.
  return { ok: true, events: withTaskStatus(disorder ? inTimeOrder(events) : events) };
}
