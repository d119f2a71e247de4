/**
 * The time the views show. A computed run is replayed at a chosen speed; a live run (agents in
 * workers) is followed at the clock's own pace. Stepping moves to the next event or round.
 */
import type { PlaySpeed } from '../state/hashState';
import { nextAfter, previousBefore, type TraceTimes } from './traceTimes';

export interface PlayheadSource {
  times(): TraceTimes;
  /** More events will come (a run is still being computed or is live). */
  growing(): boolean;
  /** For a live run: the run clock now, in trace ms; null when replaying. */
  liveNow(): number | null;
}

/** Share of the run a scrub moves. */
const SCRUB_FRACTION = 0.02;

export class Playhead {
  t = $state(0);
  playing = $state(false);
  speed = $state<PlaySpeed>(10);
  private frame: number | null = null;
  private last = 0;

  constructor(private readonly source: PlayheadSource) {}

  play(): void {
    const { end } = this.source.times();
    if (this.speed === 'instant' && !this.source.growing() && this.source.liveNow() === null) {
      this.t = end;
      this.playing = false;
      return;
    }
    // Play at the end of a finished run starts it over.
    if (!this.source.growing() && this.t >= end) this.t = 0;
    this.playing = true;
    this.schedule();
  }

  pause(): void {
    this.playing = false;
    this.cancel();
  }

  toggle(): void {
    if (this.playing) this.pause();
    else this.play();
  }

  /** Back to the start, for a new run. */
  reset(): void {
    this.pause();
    this.t = 0;
  }

  seek(t: number): void {
    const { end } = this.source.times();
    this.t = Math.max(0, Math.min(end, t));
  }

  stepEvent(dir: 1 | -1 = 1): void {
    this.pause();
    const { events } = this.source.times();
    const to = dir > 0 ? nextAfter(events, this.t) : previousBefore(events, this.t);
    if (to !== undefined) this.t = to;
  }

  stepRound(dir: 1 | -1 = 1): void {
    this.pause();
    const { rounds, end } = this.source.times();
    const to = dir > 0 ? nextAfter(rounds, this.t) : previousBefore(rounds, this.t);
    this.t = to ?? (dir > 0 ? end : 0);
  }

  scrub(dir: 1 | -1): void {
    this.pause();
    const { end } = this.source.times();
    this.seek(this.t + dir * Math.max(1, end * SCRUB_FRACTION));
  }

  setSpeed(speed: PlaySpeed): void {
    this.speed = speed;
    if (speed === 'instant' && this.playing && this.source.liveNow() === null) {
      this.t = this.source.times().end;
      if (!this.source.growing()) this.pause();
    }
  }

  /** Called when the trace grows: keep an 'instant' playhead at the end. */
  traceGrew(): void {
    const live = this.source.liveNow();
    // A live run's playhead is never behind its newest event: moved in the same task as the
    // events, the views fold the new trace once, not first up to the old playhead and again a
    // frame later up to the new one.
    if (live !== null && this.playing) this.t = Math.max(this.source.times().end, live);
    else if (this.speed === 'instant' && this.playing) this.t = this.source.times().end;
    if (this.playing) this.schedule();
  }

  private schedule(): void {
    if (this.frame !== null || typeof requestAnimationFrame === 'undefined') return;
    this.last = performance.now();
    this.frame = requestAnimationFrame((now) => this.tick(now));
  }

  private cancel(): void {
    if (this.frame !== null && typeof cancelAnimationFrame !== 'undefined') cancelAnimationFrame(this.frame);
    this.frame = null;
  }

  private tick(now: number): void {
    this.frame = null;
    if (!this.playing) return;
    const dt = Math.max(0, Math.min(250, now - this.last));
    this.last = now;
    const { end } = this.source.times();
    const live = this.source.liveNow();
    if (live !== null) {
      // Follow the run: its clock keeps moving between events.
      this.t = Math.max(end, live);
    } else if (this.speed === 'instant') {
      this.t = end;
    } else {
      this.t = Math.min(end, this.t + dt * this.speed);
    }
    if (this.t >= end && live === null && !this.source.growing()) {
      this.playing = false;
      return;
    }
    // While a computed run is still being produced, wait at its end for more events.
    this.frame = requestAnimationFrame((n) => this.tick(n));
  }

  dispose(): void {
    this.pause();
  }
}
