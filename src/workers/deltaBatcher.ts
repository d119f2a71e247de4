/** Streams arrive token by token; the page only needs them every ~50 ms. */
export function batchDeltas(send: (text: string) => void, everyMs = 50): { push(d: string): void; flush(): void } {
  let buf = '';
  let timer: ReturnType<typeof setTimeout> | undefined;
  const flush = () => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    if (buf) {
      const out = buf;
      buf = '';
      send(out);
    }
  };
  return {
    push(d: string) {
      buf += d;
      if (timer === undefined) timer = setTimeout(flush, everyMs);
    },
    flush,
  };
}
