/**
 * Is the run on screen still the one the controls describe? The knobs a run was started with
 * are kept; any difference with the page's knobs now marks the run as stale, named in words.
 */
import type { PageState } from '../state/hashState';

const KNOBS = {
  family: 'task suite',
  p: 'p',
  n: 'agents n',
  structure: 'structure',
  mode: 'steps',
  seed: 'seed',
  engine: 'engine',
  preset: 'simulated model',
  errorRate: 'error rate',
  decodeTps: 'writing speed',
  prefillTps: 'reading speed',
  locks: 'locks',
  straggler: 'straggler',
  shared: 'shared engine',
  model: 'model',
  faults: 'faults',
  recovery: 'recovery protocols',
  endpointUrl: 'endpoint',
  endpointModel: 'endpoint model',
  endpointAgents: 'agents on the endpoint',
  endpointRest: 'engine of the other agents',
} as const satisfies Partial<Record<keyof PageState, string>>;

type Knob = keyof typeof KNOBS;
export type RunKnobs = Pick<PageState, Knob>;

/** Only the knobs that change a run (not the view, speed or sweep settings). */
export function runKnobs(s: PageState): PageState {
  return { ...s };
}

/** Readable names of the knobs that differ between the run's settings and the page's. */
export function changedSettings(ran: RunKnobs, now: RunKnobs): string[] {
  const out: string[] = [];
  for (const k of Object.keys(KNOBS) as Knob[]) {
    // The model only matters for WebLLM runs, the simulated knobs only for simulated ones.
    if (k === 'model' && now.engine !== 'webllm' && ran.engine !== 'webllm') continue;
    if ((k === 'preset' || k === 'errorRate' || k === 'decodeTps' || k === 'prefillTps') && now.engine === 'webllm' && ran.engine === 'webllm') continue;
    if ((k === 'decodeTps' || k === 'prefillTps') && now.preset !== 'laptop' && ran.preset !== 'laptop') continue;
    if (k === 'shared' && now.engine === 'sim' && ran.engine === 'sim') continue;
    if ((k === 'endpointUrl' || k === 'endpointModel' || k === 'endpointAgents' || k === 'endpointRest') && now.engine !== 'endpoint' && ran.engine !== 'endpoint') continue;
    if (ran[k] !== now[k]) out.push(KNOBS[k]);
  }
  return out;
}
