/**
 * Events leave the step loop in (time, sequence) order by construction. A rule may record an
 * event stamped later than the step being handled (a write after a lock wait, the idle state
 * after a test run); it waits here until the loop's time reaches it, so an earlier event
 * recorded afterwards (a message delivered meanwhile, another agent's reply) still goes out
 * first. Nothing is ever recorded earlier than what has already gone out: that would be a
 * bug in a rule, and it fails loudly instead of producing a disordered trace.
 */
import type { TraceEvent } from '../trace/events';

interface Held {
  e: TraceEvent;
  seq: number;
}

export class TraceQueue {
  /** Every event released so far, in order. */
  readonly released: TraceEvent[] = [];
  /** Min-heap on (t, seq). */
  private readonly heap: Held[] = [];
  private seq = 0;
  /** Everything at or before this time has gone out. */
  private horizon = -Infinity;

  constructor(private readonly sink?: (e: TraceEvent) => void) {}

  record(e: TraceEvent): void {
    if (e.t < this.horizon) {
      throw new Error(`trace order: ${e.type} at ${e.t} ms recorded after events up to ${this.horizon} ms went out`);
    }
    this.heap.push({ e, seq: this.seq++ });
    this.up(this.heap.length - 1);
  }

  /** Let out every held event stamped at or before t. */
  releaseUpTo(t: number): void {
    if (t > this.horizon) this.horizon = t;
    while (this.heap.length && this.heap[0].e.t <= t) {
      const { e } = this.pop();
      this.released.push(e);
      this.sink?.(e);
    }
  }

  /** Let out everything (the run is over). */
  releaseAll(): void {
    this.releaseUpTo(Infinity);
  }

  /** Forget held events the predicate picks (they never happened). */
  discard(pred: (e: TraceEvent) => boolean): void {
    const keep = this.heap.filter((h) => !pred(h.e));
    this.heap.length = 0;
    for (const h of keep) {
      this.heap.push(h);
      this.up(this.heap.length - 1);
    }
  }

  /** Latest time among held events, or -Infinity. */
  latestHeld(): number {
    let m = -Infinity;
    for (const h of this.heap) if (h.e.t > m) m = h.e.t;
    return m;
  }

  private less(a: Held, b: Held): boolean {
    return a.e.t < b.e.t || (a.e.t === b.e.t && a.seq < b.seq);
  }

  private up(i: number): void {
    const h = this.heap;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.less(h[i], h[p])) break;
      [h[i], h[p]] = [h[p], h[i]];
      i = p;
    }
  }

  private pop(): Held {
    const h = this.heap;
    const top = h[0];
    const last = h.pop()!;
    if (h.length) {
      h[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < h.length && this.less(h[l], h[m])) m = l;
        if (r < h.length && this.less(h[r], h[m])) m = r;
        if (m === i) break;
        [h[i], h[m]] = [h[m], h[i]];
        i = m;
      }
    }
    return top;
  }
}
