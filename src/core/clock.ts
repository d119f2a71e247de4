/**
 * Time is injected. Core code reads time only through a Clock, so the same team runs
 * deterministically on a VirtualClock (tests, sweeps) and for real on a wall clock.
 */
export interface Clock {
  /** Milliseconds since the clock's origin. */
  now(): number;
  /** Resolve once `now() >= t`. On a virtual clock this advances time. */
  until(t: number): Promise<void>;
  /** True when time only moves because the run moves it. */
  readonly virtual: boolean;
}

/** Discrete-event time. `pace` (injected by the page) may slow the advance down for watching. */
export class VirtualClock implements Clock {
  readonly virtual = true;
  private t = 0;
  constructor(private readonly pace?: (fromMs: number, toMs: number) => Promise<void>) {}
  now(): number {
    return this.t;
  }
  async until(t: number): Promise<void> {
    if (t <= this.t) return;
    const from = this.t;
    if (this.pace) await this.pace(from, t);
    // Another waiter may have moved time past t while we were paced.
    if (t > this.t) this.t = t;
  }
}
