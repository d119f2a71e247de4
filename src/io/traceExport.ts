/**
 * A run's trace as a file. The text is serializeTrace's stable form, so exporting the same run
 * twice gives the same bytes, and importing it gives back the same events and the same metrics.
 */
import type { RunConfig, TraceEvent } from '../core/trace/events';
import { serializeTrace } from '../core/trace/serialize';

export function exportTraceJson(events: readonly TraceEvent[]): string {
  return serializeTrace(events);
}

/** A file name safe on every system: letters, digits, dots, dashes. */
export function safeFileName(text: string, fallback = 'run'): string {
  const cleaned = text
    .normalize('NFKD')
    .replace(/[^\w.-]+/g, '-')
    .replace(/-+/g, '-')
    .replace(/^[-.]+|[-.]+$/g, '')
    .slice(0, 80);
  return cleaned || fallback;
}

/** e.g. "trace-math-p0.9-decentralized-n4-seed1.json". */
export function traceFileName(config: Pick<RunConfig, 'suite' | 'structure' | 'n' | 'seed'>): string {
  return `${safeFileName(`trace-${config.suite}-${config.structure}-n${config.n}-seed${config.seed}`)}.json`;
}
