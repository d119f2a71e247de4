/**
 * A test double behind the AgentEngine interface for runs in real workers: it answers like the
 * simulated engine but takes real time and streams its text in chunks, and a script can make
 * it misbehave (crash, hang, malformed output) to exercise the error paths.
 */
import { EngineError, type AgentEngine, type DeltaCallback, type GenerateRequest, type GenerateResult } from '../core/engine';

export type FakeScript =
  | 'ok'
  /** Throw a device-lost error on the k-th call. */
  | `device-lost:${number}`
  /** Never answer (until interrupted). */
  | 'hang'
  | 'malformed';

export class FakeEngine implements AgentEngine {
  readonly kind = 'fake' as const;
  readonly model: string;
  private calls = 0;
  private abort?: () => void;

  constructor(
    private readonly inner: AgentEngine,
    private readonly script: FakeScript,
    /** Real milliseconds per modelled millisecond. */
    private readonly timeScale = 0.01,
  ) {
    this.model = `fake:${inner.model}`;
  }

  async generate(req: GenerateRequest, onDelta?: DeltaCallback): Promise<GenerateResult> {
    this.calls++;
    const lost = /^device-lost:(\d+)$/.exec(this.script);
    if (lost && this.calls >= Number(lost[1])) throw new EngineError('device_lost', 'GPU device was lost (fake engine)');
    if (this.script === 'hang') {
      await new Promise<void>((_, reject) => (this.abort = () => reject(new EngineError('interrupted', 'generation interrupted'))));
    }
    const res = await this.inner.generate(req);
    const text = this.script === 'malformed' ? '{"actions": [ {"type": "claim"' : res.text;
    const chunks = Math.max(1, Math.ceil(text.length / 40));
    const per = (res.timings.totalMs * this.timeScale) / chunks;
    for (let i = 0; i < chunks; i++) {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(resolve, per);
        this.abort = () => {
          clearTimeout(timer);
          reject(new EngineError('interrupted', 'generation interrupted'));
        };
      });
      onDelta?.(text.slice(i * 40, (i + 1) * 40));
    }
    this.abort = undefined;
    return { ...res, text };
  }

  interrupt(): void {
    this.abort?.();
  }
}
