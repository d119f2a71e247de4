/**
 * Server-sent events as OpenAI-compatible servers stream them: `data: <json>` lines, blank-line
 * separated, ending with `data: [DONE]`. Bytes arrive in arbitrary pieces, so lines are buffered;
 * a line longer than the cap is a broken server, not a reply, and stops the stream.
 */
export const MAX_SSE_LINE = 1_000_000;

export interface SseReader {
  /** Feed decoded text; returns the `data:` payloads completed by it. */
  push(text: string): string[];
  /** Whatever is left when the body ends (a last line without its newline). */
  end(): string[];
}

export function sseReader(): SseReader {
  let buffer = '';
  const take = (line: string, out: string[]): void => {
    const trimmed = line.replace(/\r$/, '');
    // Comments (": keep-alive") and other fields (event:, id:, retry:) carry no reply text.
    if (!trimmed.startsWith('data:')) return;
    out.push(trimmed.slice(5).replace(/^ /, ''));
  };
  return {
    push(text) {
      buffer += text;
      const out: string[] = [];
      let nl = buffer.indexOf('\n');
      while (nl >= 0) {
        take(buffer.slice(0, nl), out);
        buffer = buffer.slice(nl + 1);
        nl = buffer.indexOf('\n');
      }
      if (buffer.length > MAX_SSE_LINE) throw new Error(`the server sent a stream line over ${MAX_SSE_LINE} characters`);
      return out;
    },
    end() {
      const out: string[] = [];
      if (buffer !== '') take(buffer, out);
      buffer = '';
      return out;
    },
  };
}
