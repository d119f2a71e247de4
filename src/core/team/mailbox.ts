/**
 * Messages between agents: sent now, delivered when the transport says, and shown to the
 * receiver at its first step after delivery. Delivery events are recorded in time order.
 */
import type { TraceEvent } from '../trace/events';
import type { MessageTransport } from './transport';

interface Delivery {
  id: string;
  from: string;
  to: string;
  text: string;
  at: number;
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

  /** Messages whose delivery time has passed are delivered, in time order. */
  deliverUpTo(t: number): void {
    this.inTransit.sort((a, b) => a.at - b.at || a.id.localeCompare(b.id));
    while (this.inTransit.length && this.inTransit[0].at <= t) {
      const d = this.inTransit.shift()!;
      this.delivered.push(d);
      this.record({ type: 'message_deliver', t: d.at, id: d.id, to: d.to });
    }
  }

  /** New messages for an agent at time t; each is shown once. */
  inbox(reader: MailboxReader, agentId: string, t: number): { from: string; text: string }[] {
    const out: { from: string; text: string }[] = [];
    for (let i = reader.inboxFrom; i < this.delivered.length; i++) {
      const d = this.delivered[i];
      if (d.to === agentId && d.at <= t && !reader.seen.has(d.id)) {
        reader.seen.add(d.id);
        out.push({ from: d.from, text: d.text });
      }
    }
    // Deliveries are appended in time order, so everything before t is settled for this agent.
    while (reader.inboxFrom < this.delivered.length && this.delivered[reader.inboxFrom].at <= t) reader.inboxFrom++;
    return out;
  }
}
