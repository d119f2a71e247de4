/**
 * One projector per trace, shared by every view on the page, so a live run is indexed once
 * however many views draw it. A trace that grows by appending (a $state array pushed to, or a
 * fresh array holding the same events plus new ones) keeps its projector.
 */
import { createProjector, type Projector } from '../../core/trace/projection';
import type { TraceEvent } from '../../core/trace/events';

const byArray = new WeakMap<readonly TraceEvent[], Projector>();
let latest: { projector: Projector; first: TraceEvent | undefined } | undefined;

export function projectorFor(events: readonly TraceEvent[]): Projector {
  let projector = byArray.get(events);
  if (!projector) {
    // A copied array of the same run: reuse the projector so only the new tail is indexed.
    if (latest && events.length >= latest.projector.size && events[0] === latest.first) projector = latest.projector;
    else projector = createProjector([]);
    byArray.set(events, projector);
  }
  projector.update(events);
  latest = { projector, first: events[0] };
  return projector;
}
