/** Real time for runs across workers. `scale` > 1 runs modelled (simulated) time faster than
 * real time: now() reports scaled milliseconds, so a 40 s simulated step takes 40/scale s. */
import type { Clock } from '../core/clock';

export class WallClock implements Clock {
  readonly virtual = false;
  private readonly origin = performance.now();
  constructor(private readonly scale = 1) {}
  now(): number {
    return (performance.now() - this.origin) * this.scale;
  }
  until(t: number): Promise<void> {
    const ms = (t - this.now()) / this.scale;
    if (ms <= 0) return Promise.resolve();
    return new Promise((resolve) => setTimeout(resolve, ms));
  }
}
