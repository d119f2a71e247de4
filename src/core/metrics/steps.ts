/** Pairs each step's start and end events, and indexes rounds, for the metric functions. */
import type { Action } from '../protocol/actions';
import type { EventOf, TraceEvent } from '../trace/events';

export interface StepRecord {
  agent: string;
  round: number;
  step: number;
  /** step_start time; for a step_end with no start, its round's start (or its own time). */
  start: number;
  /** step_end time; null when the trace stops before the reply arrived. */
  end: number | null;
  actions: Action[];
  promptTokens: number;
  completionTokens: number;
  protocolError: boolean;
}

export interface RoundWindow {
  round: number;
  start: number;
  /** round_end time; null when the trace stops inside the round. */
  end: number | null;
}

const stepKey = (agent: string, step: number): string => `${agent}\u0000${step}`;

export function collectRounds(events: readonly TraceEvent[]): RoundWindow[] {
  const byRound = new Map<number, RoundWindow>();
  for (const e of events) {
    if (e.type === 'round_start') byRound.set(e.round, { round: e.round, start: e.t, end: null });
    else if (e.type === 'round_end') {
      const w = byRound.get(e.round);
      if (w) w.end = e.t;
    }
  }
  return [...byRound.values()].sort((a, b) => a.round - b.round);
}

function openRecord(agent: string, round: number, step: number, start: number): StepRecord {
  return { agent, round, step, start, end: null, actions: [], promptTokens: 0, completionTokens: 0, protocolError: false };
}

export function collectSteps(events: readonly TraceEvent[]): StepRecord[] {
  const roundStart = new Map<number, number>();
  const steps = new Map<string, StepRecord>();
  const order: StepRecord[] = [];
  for (const e of events) {
    if (e.type === 'round_start') roundStart.set(e.round, e.t);
    else if (e.type === 'step_start') {
      const rec = openRecord(e.agent, e.round, e.step, e.t);
      steps.set(stepKey(e.agent, e.step), rec);
      order.push(rec);
    } else if (e.type === 'step_end') {
      let rec = steps.get(stepKey(e.agent, e.step));
      if (!rec) {
        rec = openRecord(e.agent, e.round, e.step, roundStart.get(e.round) ?? e.t - e.timings.totalMs);
        steps.set(stepKey(e.agent, e.step), rec);
        order.push(rec);
      }
      rec.end = e.t;
      rec.actions = e.actions;
      rec.promptTokens = e.usage.promptTokens;
      rec.completionTokens = e.usage.completionTokens;
    } else if (e.type === 'protocol_error') {
      const rec = steps.get(stepKey(e.agent, e.step));
      if (rec) rec.protocolError = true;
    }
  }
  return order;
}

export function runStartOf(events: readonly TraceEvent[]): EventOf<'run_start'> | undefined {
  return events.find((e): e is EventOf<'run_start'> => e.type === 'run_start');
}

export function runEndOf(events: readonly TraceEvent[]): EventOf<'run_end'> | undefined {
  for (let i = events.length - 1; i >= 0; i--) {
    const e = events[i] as TraceEvent;
    if (e.type === 'run_end') return e;
  }
  return undefined;
}

/** Run start and end on the trace clock; the end is run_end, or the last event of a cut trace. */
export function runSpan(events: readonly TraceEvent[]): { start: number; end: number } {
  const start = runStartOf(events)?.t ?? events[0]?.t ?? 0;
  const endEvent = runEndOf(events);
  let end = endEvent?.t ?? start;
  if (!endEvent) for (const e of events) end = Math.max(end, e.t);
  return { start, end: Math.max(start, end) };
}
