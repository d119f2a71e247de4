/**
 * Which kind of run file a text is, from its first line: the paper harness writes one JSON
 * object per line with a numeric `ts`; a saved trace is one JSON document {version, events}.
 */
export type TraceFileFormat = 'trace' | 'harness' | 'unknown';

export function detectTraceFormat(text: string): TraceFileFormat {
  const trimmed = text.trimStart();
  if (!trimmed.startsWith('{')) return 'unknown';
  const newline = trimmed.indexOf('\n');
  const firstLine = (newline === -1 ? trimmed : trimmed.slice(0, newline)).trim();
  try {
    const first: unknown = JSON.parse(firstLine);
    if (first !== null && typeof first === 'object' && !Array.isArray(first)) {
      const rec = first as Record<string, unknown>;
      if (typeof rec.type === 'string' && typeof rec.ts === 'number') return 'harness';
    }
  } catch {
    // A multi-line trace document does not parse line by line: it is a trace, or nothing.
  }
  return 'trace';
}
