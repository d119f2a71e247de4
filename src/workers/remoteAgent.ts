/** An agent that lives in another worker, seen from the coordination service. A crashed
 * worker never answers, so every call races a crash signal the page raises. */
import type * as Comlink from 'comlink';
import type { Observation } from '../core/protocol/observation';
import type { AgentHandle, PreparedStep, StepOutput } from '../core/team/agent';
import type { AgentWorkerApi } from './agent.worker';
import { decodeError } from '../engines/errorCodec';

/** The channel to the worker that hosts the agent now, and the signal that it died. */
export interface AgentLine {
  remote: Comlink.Remote<AgentWorkerApi>;
  /** Rejects when the page sees this worker die (or a crash fault terminates it). */
  crashed: Promise<never>;
}

export class RemoteAgent implements AgentHandle {
  private line: AgentLine;
  /** Settles once a restart has a worker to talk to; every call waits for it. */
  private ready: Promise<void> = Promise.resolve();
  /**
   * Present only when the coordination service can bring the agent back (a fresh worker, or a
   * persona that forgets); without it a crash-and-restart leaves the agent down, said in a notice.
   */
  readonly restart?: () => Promise<void>;

  constructor(
    readonly id: string,
    readonly role: 'worker' | 'leader',
    readonly model: string,
    line: AgentLine,
    /** Bring the agent back with its memory lost; resolves with the channel to use from now on. */
    reconnect?: (id: string) => Promise<AgentLine>,
  ) {
    this.line = line;
    if (reconnect) {
      this.restart = () => {
        // Calls made while the new worker starts wait for it; a failed restart fails them with
        // its reason (the step loop then records the agent as failed, readably).
        this.ready = reconnect(this.id).then((next) => {
          this.line = next;
        });
        return this.ready;
      };
    }
  }

  async prepare(obs: Observation): Promise<PreparedStep> {
    await this.ready;
    const { remote, crashed } = this.line;
    return Promise.race([remote.prepare(this.id, obs), crashed]);
  }

  async generate(): Promise<StepOutput> {
    try {
      await this.ready;
      const { remote, crashed } = this.line;
      return await Promise.race([remote.generate(this.id), crashed]);
    } catch (err) {
      throw decodeError(err);
    }
  }

  async interrupt(): Promise<void> {
    // A restart in progress has nothing running yet to interrupt.
    const { remote, crashed } = this.line;
    await Promise.race([remote.interrupt(), crashed]).catch(() => undefined);
  }
}
