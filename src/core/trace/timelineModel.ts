/**
 * The space-time diagram of a run, as data: one lane per agent with its steps and waits,
 * round barriers, message arrows between lanes, and the events a learner should notice.
 * It depends on the whole trace, not on a moment, so it is rebuilt only when events arrive.
 */
import type { AgentInfo, AgentState, EventOf, TraceEvent } from './events';
import { MessageLegs, type MessageLeg } from './messageLegs';

export interface StepSpan {
  agent: string;
  round: number;
  step: number;
  start: number;
  /** Missing while the step is still generating. */
  end?: number;
  /** Time to first token: splits the step into reading the prompt and generating. */
  ttftMs?: number;
  startEvent?: EventOf<'step_start'>;
  endEvent?: EventOf<'step_end'>;
  errors: EventOf<'protocol_error'>[];
}

/** A stretch of time an agent spent in one reported state. */
export interface StateSpan {
  agent: string;
  state: AgentState;
  detail?: string;
  start: number;
  /** Missing while the agent is still in the state. */
  end?: number;
}

export type MarkerKind = 'blocked_claim' | 'lost_race' | 'concurrent_write' | 'test_failure' | 'protocol_error' | 'agent_failed';

export interface TimelineMarker {
  kind: MarkerKind;
  agent: string;
  t: number;
  /** What happened, in words, for the tooltip and screen readers. */
  label: string;
}

export interface TimelineModel {
  agents: AgentInfo[];
  steps: StepSpan[];
  states: StateSpan[];
  markers: TimelineMarker[];
  arrows: MessageLeg[];
  rounds: { round: number; t: number }[];
  endT: number;
}

export function buildTimeline(events: readonly TraceEvent[]): TimelineModel {
  const agents: AgentInfo[] = [];
  const known = new Set<string>();
  const addAgent = (id: string): void => {
    if (known.has(id)) return;
    known.add(id);
    agents.push({ id, role: 'worker', model: '' });
  };
  const steps: StepSpan[] = [];
  const openSteps = new Map<string, StepSpan>();
  const states: StateSpan[] = [];
  const openState = new Map<string, StateSpan>();
  const markers: TimelineMarker[] = [];
  const rounds: { round: number; t: number }[] = [];
  const legs = new MessageLegs();
  let endT = 0;

  const stepKey = (agent: string, step: number): string => `${agent}\u0000${step}`;
  const enterState = (agent: string, state: AgentState, t: number, detail?: string): void => {
    const open = openState.get(agent);
    if (open) open.end = t;
    const span: StateSpan = { agent, state, detail, start: t };
    states.push(span);
    openState.set(agent, span);
  };

  for (const e of events) {
    if (e.t > endT) endT = e.t;
    switch (e.type) {
      case 'run_start':
        for (const a of e.agents) {
          if (known.has(a.id)) continue;
          known.add(a.id);
          agents.push(a);
        }
        break;
      case 'round_start':
        rounds.push({ round: e.round, t: e.t });
        break;
      case 'step_start': {
        addAgent(e.agent);
        const span: StepSpan = { agent: e.agent, round: e.round, step: e.step, start: e.t, startEvent: e, errors: [] };
        steps.push(span);
        openSteps.set(stepKey(e.agent, e.step), span);
        break;
      }
      case 'step_end': {
        addAgent(e.agent);
        const key = stepKey(e.agent, e.step);
        let span = openSteps.get(key);
        if (!span) {
          span = { agent: e.agent, round: e.round, step: e.step, start: e.t - e.timings.totalMs, errors: [] };
          steps.push(span);
        }
        span.end = e.t;
        span.ttftMs = e.timings.ttftMs;
        span.endEvent = e;
        openSteps.delete(key);
        break;
      }
      case 'protocol_error': {
        addAgent(e.agent);
        const span = openSteps.get(stepKey(e.agent, e.step)) ?? [...steps].reverse().find((s) => s.agent === e.agent && s.step === e.step);
        span?.errors.push(e);
        markers.push({ kind: 'protocol_error', agent: e.agent, t: e.t, label: `${e.agent}: reply could not be used (${e.reason})` });
        break;
      }
      case 'agent_state':
        addAgent(e.agent);
        enterState(e.agent, e.state, e.t, e.detail);
        break;
      case 'agent_failed':
        addAgent(e.agent);
        enterState(e.agent, 'failed', e.t, e.error);
        markers.push({ kind: 'agent_failed', agent: e.agent, t: e.t, label: `${e.agent} failed: ${e.error}` });
        break;
      case 'claim':
        if (e.ok) break;
        if (e.reason === 'blocked') markers.push({ kind: 'blocked_claim', agent: e.agent, t: e.t, label: `${e.agent} claimed ${e.task} before its dependencies were done` });
        else if (e.reason === 'taken') markers.push({ kind: 'lost_race', agent: e.agent, t: e.t, label: `${e.agent} lost the race for ${e.task}: another agent had claimed it` });
        break;
      case 'write':
        if (e.concurrent) markers.push({ kind: 'concurrent_write', agent: e.agent, t: e.t, label: `${e.agent} wrote ${e.path} (version ${e.version}) in the same round as another agent` });
        break;
      case 'test_run':
        if (e.failed > 0 || e.error !== undefined) {
          const what = e.error !== undefined ? e.error : `${e.failed} of ${e.passed + e.failed} tests failed`;
          markers.push({ kind: 'test_failure', agent: e.agent, t: e.t, label: `${e.agent}: test run failed${e.task ? ` for ${e.task}` : ''}: ${what}` });
        }
        break;
      case 'message_send':
        addAgent(e.from);
        legs.send(e, agents.map((a) => a.id));
        break;
      case 'message_deliver':
        legs.deliver(e);
        break;
      case 'run_end':
        for (const span of openState.values()) span.end ??= e.t;
        openState.clear();
        break;
      default:
        break;
    }
  }

  return { agents, steps, states, markers, arrows: legs.legs, rounds, endT };
}
