/**
 * The one colour scheme of the playground: Okabe-Ito, readable with the common forms of colour
 * blindness. Colour is never the only cue: every state also has a glyph and a text label, and
 * waiting states get a dashed outline.
 */
import type { AgentState, Structure } from '../core/trace/events';
import type { BreakdownBucket } from '../core/metrics/breakdown';
import type { TaskStatus } from '../core/trace/projection';
import type { MarkerKind } from '../core/trace/timelineModel';

export const OKABE_ITO = {
  orange: '#E69F00',
  skyBlue: '#56B4E9',
  bluishGreen: '#009E73',
  yellow: '#F0E442',
  blue: '#0072B2',
  vermillion: '#D55E00',
  reddishPurple: '#CC79A7',
  black: '#000000',
  grey: '#999999',
} as const;

/** Messages are bluish green in the team graph, the timeline and the breakdown. */
const MESSAGE_COLOR_VALUE = OKABE_ITO.bluishGreen;

export interface Swatch {
  fill: string;
  /** Text drawn on top of `fill`, chosen for contrast. */
  ink: string;
  glyph: string;
  label: string;
  /** SVG stroke-dasharray for the outline; empty = solid. */
  dash: string;
}

export const AGENT_STATE_STYLE: Record<AgentState, Swatch> = {
  reading: { fill: OKABE_ITO.skyBlue, ink: '#000', glyph: '◔', label: 'reading the prompt', dash: '' },
  generating: { fill: OKABE_ITO.blue, ink: '#fff', glyph: '✎', label: 'generating', dash: '' },
  waiting_lock: { fill: OKABE_ITO.vermillion, ink: '#000', glyph: '⊠', label: 'waiting on lock', dash: '6 3' },
  waiting_dependency: { fill: OKABE_ITO.orange, ink: '#000', glyph: '⧖', label: 'waiting on dependency', dash: '6 3' },
  waiting_barrier: { fill: OKABE_ITO.yellow, ink: '#000', glyph: '‖', label: 'waiting at barrier', dash: '6 3' },
  testing: { fill: OKABE_ITO.reddishPurple, ink: '#000', glyph: '⚙', label: 'running tests', dash: '' },
  idle: { fill: '#D9D9D9', ink: '#000', glyph: '·', label: 'idle', dash: '2 3' },
  failed: { fill: OKABE_ITO.black, ink: '#fff', glyph: '✕', label: 'failed', dash: '' },
  done: { fill: OKABE_ITO.bluishGreen, ink: '#000', glyph: '✓', label: 'done', dash: '' },
};

export const AGENT_STATES = Object.keys(AGENT_STATE_STYLE) as AgentState[];

export const TASK_STATUS_STYLE: Record<TaskStatus, Swatch> = {
  pending: { fill: '#EEEEEE', ink: '#000', glyph: '○', label: 'pending', dash: '' },
  assigned: { fill: OKABE_ITO.skyBlue, ink: '#000', glyph: '◔', label: 'assigned', dash: '' },
  in_progress: { fill: OKABE_ITO.orange, ink: '#000', glyph: '◑', label: 'in progress', dash: '' },
  done: { fill: OKABE_ITO.bluishGreen, ink: '#000', glyph: '●', label: 'done', dash: '' },
};

export const TASK_STATUSES = Object.keys(TASK_STATUS_STYLE) as TaskStatus[];

/** Events a learner should notice on the timeline; each has its own marker shape. */

export const MARKER_STYLE: Record<MarkerKind, { color: string; shape: 'square' | 'diamond' | 'triangle' | 'cross' | 'circle' | 'x'; label: string }> = {
  blocked_claim: { color: OKABE_ITO.orange, shape: 'square', label: 'blocked claim' },
  lost_race: { color: OKABE_ITO.reddishPurple, shape: 'diamond', label: 'lost race (claim taken)' },
  concurrent_write: { color: OKABE_ITO.vermillion, shape: 'triangle', label: 'concurrent write' },
  test_failure: { color: OKABE_ITO.black, shape: 'cross', label: 'test failure' },
  protocol_error: { color: OKABE_ITO.grey, shape: 'circle', label: 'unparsable reply' },
  agent_failed: { color: OKABE_ITO.black, shape: 'x', label: 'agent failed' },
};

export const MESSAGE_COLOR = MESSAGE_COLOR_VALUE;
export const CRITICAL_PATH_COLOR = OKABE_ITO.vermillion;
export const CURSOR_COLOR = OKABE_ITO.black;

/**
 * "Where did the speedup go": one colour per bucket, in the order the bar stacks them. Each bucket
 * takes the colour of the same activity elsewhere on the page, so a colour means one thing in
 * every view: generating (useful work), a message (coordination), waiting on a dependency, running
 * tests, waiting on a lock, waiting at the barrier (the straggler gap, and a paler tint for the
 * rest of the barrier), failed (work redone) and idle.
 */
export const BREAKDOWN_COLORS: Record<BreakdownBucket, string> = {
  useful: AGENT_STATE_STYLE.generating.fill,
  rework: AGENT_STATE_STYLE.failed.fill,
  coordination: MESSAGE_COLOR_VALUE,
  dependencyWait: AGENT_STATE_STYLE.waiting_dependency.fill,
  testing: AGENT_STATE_STYLE.testing.fill,
  lockWait: AGENT_STATE_STYLE.waiting_lock.fill,
  straggler: AGENT_STATE_STYLE.waiting_barrier.fill,
  barrierWait: '#F8F3B5',
  // Two colours used nowhere else: a fault's dark red, the recovery protocols' lavender.
  fault: '#6B0F1A',
  recovery: '#B8A9D9',
  other: AGENT_STATE_STYLE.idle.fill,
};

/** Structures on the speedup chart; the point shape differs too. */
export const STRUCTURE_STYLE: Record<Structure, { color: string; symbol: 'circle' | 'square' | 'diamond' | 'triangle' }> = {
  single: { color: OKABE_ITO.grey, symbol: 'circle' },
  preassign: { color: OKABE_ITO.blue, symbol: 'square' },
  leader: { color: OKABE_ITO.reddishPurple, symbol: 'diamond' },
  decentralized: { color: OKABE_ITO.vermillion, symbol: 'triangle' },
};
