/** An agent that lives in another worker, seen from the coordination service. A crashed
 * worker never answers, so every call races a crash signal the page raises. */
import type * as Comlink from 'comlink';
import type { Observation } from '../core/protocol/observation';
import type { AgentHandle, PreparedStep, StepOutput } from '../core/team/agent';
import type { AgentWorkerApi } from './agent.worker';
import { decodeError } from '../engines/errorCodec';

export class RemoteAgent implements AgentHandle {
  constructor(
    readonly id: string,
    readonly role: 'worker' | 'leader',
    readonly model: string,
    private readonly remote: Comlink.Remote<AgentWorkerApi>,
    private readonly crashed: Promise<never>,
  ) {}

  prepare(obs: Observation): Promise<PreparedStep> {
    return Promise.race([this.remote.prepare(this.id, obs), this.crashed]);
  }

  async generate(): Promise<StepOutput> {
    try {
      return await Promise.race([this.remote.generate(this.id), this.crashed]);
    } catch (err) {
      throw decodeError(err);
    }
  }

  async interrupt(): Promise<void> {
    await Promise.race([this.remote.interrupt(), this.crashed]).catch(() => undefined);
  }
}
