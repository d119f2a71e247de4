/**
 * Shared engine mode: one model serves several agents (personas with their own histories).
 * Requests queue on it one at a time, which is the contention the learner sees next to the
 * memory it saves.
 */
import type { AgentEngine, DeltaCallback, GenerateRequest, GenerateResult } from '../engine';

export class QueuedEngine implements AgentEngine {
  readonly kind = 'shared' as const;
  private tail: Promise<unknown> = Promise.resolve();
  private active?: string;
  waiting = 0;

  constructor(private readonly inner: AgentEngine) {}

  get model(): string {
    return this.inner.model;
  }

  generate(req: GenerateRequest, onDelta?: DeltaCallback): Promise<GenerateResult> {
    this.waiting++;
    const run = this.tail.then(async () => {
      this.waiting--;
      this.active = req.agentId;
      try {
        return await this.inner.generate(req, onDelta);
      } finally {
        this.active = undefined;
      }
    });
    this.tail = run.catch(() => undefined);
    return run;
  }

  /** Interrupts the request being served; queued ones still run (their agents may stop too). */
  interrupt(): void | Promise<void> {
    return this.inner.interrupt?.();
  }

  unload(): Promise<void> {
    return this.inner.unload?.() ?? Promise.resolve();
  }

  get serving(): string | undefined {
    return this.active;
  }
}
