/**
 * Messages between agents: sent now, delivered when the transport says, and shown to the
 * receiver at its first step after delivery. Delivery events are recorded in time order.
 */
import type { FaultController } from '../faults/controller';
import type { TraceEvent } from '../trace/events';
import { DirectTransport, type MessageTransport } from './transport';

interface Delivery {
  id: string;
  from: string;
  to: string;
  text: string;
  at: number;
  /** A second copy of a message (a duplicate fault): shown again, not delivered again. */
  copy?: boolean;
}

export interface MailboxReader {
  /** Ids of messages already shown to this agent. */
  seen: Set<string>;
  /** Index into the delivery log before which nothing is new for this agent. */
  inboxFrom: number;
}

export class Mailbox {
  private readonly delivered: Delivery[] = [];
  private readonly inTransit: Delivery[] = [];
  private seq = 0;
  /** Message faults and retries (faultRules.ts sets these when the run has a fault schedule). */
  faults?: FaultController;
  until?: (t: number) => Promise<void>;

  constructor(
    private readonly transport: MessageTransport,
    private readonly record: (e: TraceEvent) => void,
    /** Run time now, for deliveries a real channel confirms. */
    private readonly now: () => number,
    /** Called when a confirmed delivery arrives, so a waiting loop looks again. */
    private readonly wake: () => void,
  ) {}

  nextId(): string {
    return `m${++this.seq}`;
  }

  send(msg: { id: string; from: string; to: string; text: string }, at: number): void {
    if (this.faults) return this.sendWithFaults(msg, at, this.faults);
    const d: Delivery = { ...msg, at };
    const when = this.transport.deliver(msg, at);
    if (typeof when === 'number') {
      d.at = when;
      this.inTransit.push(d);
    } else {
      void when.then(() => {
        d.at = Math.max(this.now(), at);
        this.inTransit.push(d);
        this.wake();
      });
    }
  }

  /**
   * Each attempt's fate comes from the fault schedule (lost, late, twice). A modelled channel is
   * asked for its latency; a real one is only used for attempts that get through, when they go.
   */
  private sendWithFaults(msg: { id: string; from: string; to: string; text: string }, at: number, faults: FaultController): void {
    const modelled = this.transport instanceof DirectTransport;
    const channel = (sendAt: number): number => {
      const when = modelled ? this.transport.deliver(msg, sendAt) : sendAt;
      return typeof when === 'number' ? when : sendAt;
    };
    for (const plan of faults.planMessage(msg, at, channel)) {
      const d: Delivery = { ...msg, at: plan.at, ...(plan.copy ? { copy: true } : {}) };
      if (modelled || plan.copy || !this.until) {
        this.inTransit.push(d);
        continue;
      }
      // A real channel: post the message when its (possibly late) attempt goes out.
      void this.until(plan.at)
        .then(async () => {
          await this.transport.deliver(msg, plan.at);
        })
        .then(() => {
          d.at = Math.max(this.now(), plan.at);
          this.inTransit.push(d);
          this.wake();
        });
    }
  }

  /** Messages whose delivery time has passed are delivered, in time order. */
  deliverUpTo(t: number): void {
    this.inTransit.sort((a, b) => a.at - b.at || a.id.localeCompare(b.id));
    while (this.inTransit.length && this.inTransit[0].at <= t) {
      const d = this.inTransit.shift()!;
      this.delivered.push(d);
      if (!d.copy) this.record({ type: 'message_deliver', t: d.at, id: d.id, to: d.to });
    }
  }

  /** New messages for an agent at time t; each is shown once. */
  inbox(reader: MailboxReader, agentId: string, t: number): { from: string; text: string }[] {
    const out: { from: string; text: string }[] = [];
    for (let i = reader.inboxFrom; i < this.delivered.length; i++) {
      const d = this.delivered[i];
      if (d.to === agentId && d.at <= t && (d.copy || !reader.seen.has(d.id))) {
        reader.seen.add(d.id);
        out.push({ from: d.from, text: d.text });
      }
    }
    // Deliveries are appended in time order, so everything before t is settled for this agent.
    while (reader.inboxFrom < this.delivered.length && this.delivered[reader.inboxFrom].at <= t) reader.inboxFrom++;
    return out;
  }
}
