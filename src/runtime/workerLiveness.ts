/**
 * Is a worker still there? A worker can die loudly (an `error` event: its script threw or failed
 * to load), garble a message (`messageerror`), or die silently: closed, out of memory, or stuck
 * in a loop, it simply stops answering, and a call waiting on it waits forever. A WorkerWatch
 * listens for the first two and, while a heartbeat runs, pings the worker; silence past the
 * limit declares it failed. Failure is reported once, with a readable reason, and `lost` rejects
 * so every call raced against it fails instead of hanging.
 */

/** The part of a Worker a watch listens to (a Worker, or a MessagePort-like test double). */
export interface WatchedWorker {
  addEventListener(type: 'error' | 'messageerror', listener: (e: Event) => void): void;
  removeEventListener(type: 'error' | 'messageerror', listener: (e: Event) => void): void;
}

export interface HeartbeatTiming {
  /** How often the worker is pinged, ms. */
  everyMs: number;
  /** Silence after which the worker is declared failed, ms. */
  silenceMs: number;
}

/** Agent and board workers answer between awaits; a model load or a step never blocks them
 * this long, so silence this long means the worker is gone. */
export const DEFAULT_HEARTBEAT: HeartbeatTiming = { everyMs: 2000, silenceMs: 60_000 };

export class WorkerLostError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WorkerLostError';
  }
}

export class WorkerWatch {
  /** Rejects (once) when the worker is declared failed; race calls against it. */
  readonly lost: Promise<never>;
  private reason: string | undefined;
  private reject: (err: Error) => void = () => undefined;
  private timer: ReturnType<typeof setInterval> | undefined;
  private readonly onError = (e: Event): void => {
    // Keep the error from also surfacing as an uncaught error on the page.
    e.preventDefault();
    const message = (e as Partial<ErrorEvent>).message;
    this.fail(message ? `stopped with an error: ${message}` : 'stopped with an error (it may have failed to load)');
  };
  private readonly onMessageError = (): void => this.fail('sent a message that could not be read');

  constructor(
    private readonly worker: WatchedWorker,
    private readonly onFail: (reason: string) => void,
    private readonly timing: HeartbeatTiming = DEFAULT_HEARTBEAT,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.lost = new Promise<never>((_, reject) => (this.reject = reject));
    // Nobody may be racing against it yet; an unobserved rejection must not reach the console.
    this.lost.catch(() => undefined);
    worker.addEventListener('error', this.onError);
    worker.addEventListener('messageerror', this.onMessageError);
  }

  /** Why the worker was declared failed, or undefined while it is fine. */
  get failure(): string | undefined {
    return this.reason;
  }

  /**
   * Starts pinging; `ping` resolves when the worker answers (a rejection is an answer too).
   * Silence is measured from a ping actually sent, so a page whose timers the browser slows
   * (a hidden tab) does not blame its workers; and an overdue answer gets one more tick, in
   * case the page itself was busy and the answer is queued behind the timer.
   */
  startHeartbeat(ping: () => Promise<unknown>): void {
    this.stopHeartbeat();
    if (this.reason) return;
    let sentAt = 0;
    let waiting = false;
    let overdue = false;
    this.timer = setInterval(() => {
      if (this.reason) return this.stopHeartbeat();
      if (waiting) {
        const silent = this.now() - sentAt;
        if (silent < this.timing.silenceMs) return;
        if (!overdue) {
          overdue = true;
          return;
        }
        this.fail(`stopped answering (no heartbeat for ${Math.round(silent / 1000)} s)`);
        return;
      }
      waiting = true;
      overdue = false;
      sentAt = this.now();
      const answered = (): void => {
        waiting = false;
      };
      ping().then(answered, answered);
    }, this.timing.everyMs);
  }

  stopHeartbeat(): void {
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Declares the worker failed (also used when the caller learns it some other way). */
  fail(reason: string): void {
    if (this.reason) return;
    this.reason = reason;
    this.stopHeartbeat();
    this.reject(new WorkerLostError(reason));
    this.onFail(reason);
  }

  /** The worker is being retired on purpose: stop listening, report nothing. */
  dispose(): void {
    this.stopHeartbeat();
    this.worker.removeEventListener('error', this.onError);
    this.worker.removeEventListener('messageerror', this.onMessageError);
  }

  /** `p`, or the worker's failure, whichever comes first. */
  race<T>(p: Promise<T>): Promise<T> {
    return Promise.race([p, this.lost]);
  }
}
