/**
 * A lesson step's page: the settings of every step up to it, applied in order, so a link that
 * opens a lesson at step 3 shows what steps 1 to 3 set up, and the same run on every machine.
 */
import type { Lesson } from '../../lessons/schema';
import { defaultState, type PageState, type ViewId } from '../state/hashState';

/** The knobs that change a run: a lesson starts them from the defaults, so it sets up the same
 * run whatever the learner did before. View settings (speed, projector, hidden controls) stay. */
const RUN_KNOBS = ['family', 'p', 'n', 'structure', 'mode', 'seed', 'engine', 'preset', 'errorRate', 'decodeTps', 'prefillTps', 'locks', 'straggler', 'shared'] as const;

export function settingsAt(lesson: Lesson, step: number, base: PageState): PageState {
  const defaults = defaultState();
  let next: PageState = { ...base };
  for (const k of RUN_KNOBS) (next as unknown as Record<string, unknown>)[k] = defaults[k];
  let view: ViewId | undefined;
  for (const s of lesson.steps.slice(0, Math.max(1, step))) {
    if (s.set) next = { ...next, ...s.set };
    if (s.view) view = s.view;
  }
  // Single means one agent, whatever order the steps set things in.
  if (next.structure === 'single') next.n = 1;
  return view ? { ...next, view } : next;
}

/** Where a prediction lands against the measured value: the choice whose range holds it. */
export function choiceFor(options: readonly { id: string; range?: [number, number] }[], measured: number): string | undefined {
  return options.find((o) => o.range && measured >= o.range[0] && measured < o.range[1])?.id;
}
