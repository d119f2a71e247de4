/**
 * The trace as each view has it. While a run grows, every batch made all five views fold it in
 * one task: tens of milliseconds of main thread with nothing else let in. A grown trace is
 * handed to the views in three steps instead, each in a task of its own (the views that share
 * the projector together, then the metrics, then the timeline), so the page stays responsive
 * between them. The steps are one task apart, far below a frame of a live run; anything else
 * (a new run, a run opened from the drawer) reaches every view at once.
 */
import type { TraceEvent } from '../../core/trace/events';

type Trace = readonly TraceEvent[];

export class ViewTraces {
  /** Team graph, task graph and files: they share one projector, so they move together. */
  board = $state.raw<Trace>([]);
  metrics = $state.raw<Trace>([]);
  timeline = $state.raw<Trace>([]);

  private latest: Trace = [];
  private step = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;

  /** The trace changed: the views follow, in steps when it only grew. */
  set(events: Trace): void {
    const grew = events.length > 0 && this.latest.length > 0 && events[0] === this.latest[0] && events.length >= this.latest.length;
    this.latest = events;
    if (!grew) {
      this.cancel();
      this.board = events;
      this.metrics = events;
      this.timeline = events;
      return;
    }
    // A pass under way hands on the newest trace at its next steps, then makes one more.
    if (this.timer !== null) return;
    this.step = 0;
    this.next();
  }

  dispose(): void {
    this.cancel();
  }

  private next(): void {
    this.timer = null;
    const events = this.latest;
    if (this.step === 0) this.board = events;
    else if (this.step === 1) this.metrics = events;
    else this.timeline = events;
    this.step += 1;
    if (this.step <= 2) this.timer = setTimeout(() => this.next(), 0);
    else if (this.board !== this.latest) {
      // The trace grew again during the pass: one more.
      this.step = 0;
      this.timer = setTimeout(() => this.next(), 0);
    }
  }

  private cancel(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }
}
