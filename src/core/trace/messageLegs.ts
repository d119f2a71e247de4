/**
 * Messages as the wire sees them: one leg per sender-recipient pair, so a broadcast to "all"
 * becomes one leg per other agent, each delivered at its own time.
 */
import type { EventOf } from './events';

export interface MessageLeg {
  id: string;
  from: string;
  to: string;
  text: string;
  channel: string;
  round: number;
  sentT: number;
  deliveredT?: number;
}

export class MessageLegs {
  readonly legs: MessageLeg[] = [];
  private readonly byId = new Map<string, MessageLeg[]>();

  /** `team` lists every agent, so "all" can be expanded to the sender's peers. */
  send(e: EventOf<'message_send'>, team: readonly string[]): void {
    const others = team.filter((id) => id !== e.from);
    const recipients = e.to === 'all' && others.length > 0 ? others : [e.to];
    const mine = this.byId.get(e.id) ?? [];
    for (const to of recipients) {
      const leg: MessageLeg = { id: e.id, from: e.from, to, text: e.text, channel: e.channel, round: e.round, sentT: e.t };
      this.legs.push(leg);
      mine.push(leg);
    }
    this.byId.set(e.id, mine);
  }

  deliver(e: EventOf<'message_deliver'>): void {
    const mine = this.byId.get(e.id) ?? [];
    const matching = mine.filter((l) => (e.to === 'all' || l.to === e.to) && l.deliveredT === undefined);
    if (matching.length > 0) {
      for (const leg of e.to === 'all' ? matching : matching.slice(0, 1)) leg.deliveredT = e.t;
      return;
    }
    // A delivery whose send we never saw (trace cut at the start) still happened: keep it.
    const like = mine[0];
    const leg: MessageLeg = {
      id: e.id,
      from: like?.from ?? '?',
      to: e.to,
      text: like?.text ?? '',
      channel: like?.channel ?? '',
      round: like?.round ?? 0,
      sentT: like?.sentT ?? e.t,
      deliveredT: e.t,
    };
    this.legs.push(leg);
    mine.push(leg);
    this.byId.set(e.id, mine);
  }
}
