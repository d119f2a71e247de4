/** How a message gets from one agent to another. In one thread it is a modelled delay; across
 * workers the runtime's transport really posts it over a MessageChannel. */
export interface Envelope {
  id: string;
  from: string;
  to: string;
  text: string;
}

export interface MessageTransport {
  /** A number is the delivery time (run ms, same base as sentAt); a promise resolves when the
   * receiver has the message. */
  deliver(msg: Envelope, sentAt: number): number | Promise<void>;
}

/** In-thread delivery after a small modelled channel latency. */
export class DirectTransport implements MessageTransport {
  constructor(
    private readonly baseMs = 2,
    private readonly bytesPerMs = 1000,
  ) {}
  deliver(msg: Envelope, sentAt: number): number {
    return sentAt + this.baseMs + msg.text.length / this.bytesPerMs;
  }
}
