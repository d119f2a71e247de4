/**
 * The fault axis of a grid sweep as a learner picks it: which fault parameter to vary (when an
 * agent crashes, how long a crashed agent takes to restart, how many messages are lost, how much
 * slower a straggler is, how long a stall lasts, how late messages arrive), on which agent, over
 * which values. It turns into the grid's `{x}` template (grid.ts), so every cell keeps its faults
 * as text and its value as `faultParam`; and it says how to print a value with its unit.
 */
import { z } from 'zod';
import type { RunMetrics } from '../metrics/runMetrics';
import { sweepPoints, type SweepPoint } from '../metrics/faultSweep';
import type { SweepCell, SweepSpec } from './grid';

export const FAULT_AXIS_KINDS = ['crash-time', 'restart-after', 'loss-rate', 'slow-factor', 'stall-length', 'delay'] as const;
export type FaultAxisKind = (typeof FAULT_AXIS_KINDS)[number];

/** How x is read and printed: seconds, a share of messages, or a factor. */
export type FaultAxisUnit = 's' | 'share' | 'factor';

export interface FaultAxisInfo {
  /** Names the parameter in a sentence and on a chart's x axis. */
  label: string;
  unit: FaultAxisUnit;
  /** The fault, with {x} where the value goes. */
  template(agent: string): string;
  /** True when the fault acts on one agent (the learner picks which). */
  perAgent: boolean;
  /** Values a learner starts from. */
  defaults: readonly number[];
  min: number;
  max: number;
  /** One sentence: what one value of x does. */
  explain(agent: string): string;
}

export const FAULT_AXES: Record<FaultAxisKind, FaultAxisInfo> = {
  'crash-time': {
    label: 'crash time',
    unit: 's',
    template: (a) => `crash:${a}@{x}s`,
    perAgent: true,
    defaults: [5, 20, 40, 80],
    min: 0,
    max: 3600,
    explain: (a) => `${a} crashes x seconds into the run and never comes back`,
  },
  'restart-after': {
    label: 'restart delay',
    unit: 's',
    template: (a) => `crash:${a}@10s,restart={x}s`,
    perAgent: true,
    defaults: [5, 20, 60],
    min: 0,
    max: 3600,
    explain: (a) => `${a} crashes at 10 s and restarts x seconds later, its memory lost`,
  },
  'loss-rate': {
    label: 'message loss rate',
    unit: 'share',
    template: () => 'drop:*,rate={x}',
    perAgent: false,
    defaults: [0, 0.1, 0.3, 0.5],
    min: 0,
    max: 1,
    explain: () => 'every link between agents loses this share of messages',
  },
  'slow-factor': {
    label: 'slow-down factor',
    unit: 'factor',
    template: (a) => `slow:${a},factor={x}`,
    perAgent: true,
    defaults: [1, 2, 4, 8],
    min: 1,
    max: 100,
    explain: (a) => `${a}'s steps take x times as long, all run`,
  },
  'stall-length': {
    label: 'stall length',
    unit: 's',
    template: (a) => `stall:${a}@10s,for={x}s`,
    perAgent: true,
    defaults: [10, 30, 60],
    min: 0,
    max: 3600,
    explain: (a) => `${a} hangs at 10 s for x seconds (no progress, no heartbeats)`,
  },
  delay: {
    label: 'message delay',
    unit: 's',
    template: () => 'delay:*,by={x}s,rate=1',
    perAgent: false,
    defaults: [0, 2, 5, 10],
    min: 0,
    max: 600,
    explain: () => 'every message between agents arrives x seconds late',
  },
};

/** The learner's choice, as plain data (it may be kept beside a sweep and read back). */
export const faultAxisChoiceSchema = z.object({
  kind: z.enum(FAULT_AXIS_KINDS),
  agent: z.string().regex(/^dev[1-8]$/, 'the agent is dev1 to dev8'),
  values: z.array(z.number().finite()).min(1).max(50),
});
export type FaultAxisChoice = z.infer<typeof faultAxisChoiceSchema>;

/** The grid's fault axis for a choice. */
export function gridFaultAxis(c: FaultAxisChoice): NonNullable<SweepSpec['faultAxis']> {
  return { template: FAULT_AXES[c.kind].template(c.agent), values: c.values };
}

export class FaultAxisValuesError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FaultAxisValuesError';
  }
}

/**
 * "5, 20, 40" (seconds, factors) or "0, 10%, 0.3" (shares: a percent sign reads as a percentage).
 * Commas or spaces separate values; duplicates are dropped, the order kept. Throws
 * FaultAxisValuesError naming the piece it could not read or the range it breaks.
 */
export function parseAxisValues(text: string, kind: FaultAxisKind): number[] {
  const info = FAULT_AXES[kind];
  const pieces = text.split(/[\s,;]+/).filter((p) => p !== '');
  if (pieces.length === 0) throw new FaultAxisValuesError(`give at least one ${info.label}, like ${formatExample(kind)}`);
  const out: number[] = [];
  for (const piece of pieces) {
    const m = /^(\d+(?:\.\d+)?|\.\d+)(%|s|x|×)?$/.exec(piece);
    if (!m) throw new FaultAxisValuesError(`"${piece}" is not a number; write values like ${formatExample(kind)}`);
    const suffix = m[2];
    if (suffix === '%' && info.unit !== 'share') throw new FaultAxisValuesError(`"${piece}": a percentage only fits a share such as the loss rate`);
    if (suffix === 's' && info.unit !== 's') throw new FaultAxisValuesError(`"${piece}": the ${info.label} is not a time`);
    if ((suffix === 'x' || suffix === '×') && info.unit !== 'factor') throw new FaultAxisValuesError(`"${piece}": the ${info.label} is not a factor`);
    const v = suffix === '%' ? Number(m[1]) / 100 : Number(m[1]);
    if (v < info.min || v > info.max) {
      throw new FaultAxisValuesError(`${formatAxisValue(kind, v)} is out of range: the ${info.label} goes from ${formatAxisValue(kind, info.min)} to ${formatAxisValue(kind, info.max)}`);
    }
    if (!out.includes(v)) out.push(v);
  }
  if (out.length > 50) throw new FaultAxisValuesError(`${out.length} values are too many for one axis: at most 50`);
  return out;
}

function formatExample(kind: FaultAxisKind): string {
  return FAULT_AXES[kind].defaults.map((v) => formatAxisValue(kind, v)).join(', ');
}

/** A value with its unit: "20 s", "30%", "4×". */
export function formatAxisValue(kind: FaultAxisKind, x: number): string {
  const unit = FAULT_AXES[kind].unit;
  if (unit === 'share') return `${Math.round(x * 1000) / 10}%`;
  if (unit === 'factor') return `${x}×`;
  return `${x} s`;
}

/** The values as a learner would type them again ("0%, 10%" for shares). */
export function formatAxisValues(kind: FaultAxisKind, values: readonly number[]): string {
  return values.map((v) => (FAULT_AXES[kind].unit === 'share' ? `${Math.round(v * 1000) / 10}%` : String(v))).join(', ');
}

/** The chart's x axis: the parameter and its unit. */
export function axisTitle(kind: FaultAxisKind): string {
  const unit = FAULT_AXES[kind].unit;
  return `${FAULT_AXES[kind].label}${unit === 's' ? ' (s)' : unit === 'share' ? ' (%)' : ' (×)'}`;
}

/** x as the chart plots it: shares in percent, the rest as they are. */
export function plottedX(kind: FaultAxisKind, x: number): number {
  return FAULT_AXES[kind].unit === 'share' ? Math.round(x * 1000) / 10 : x;
}

/** One point of the fault-axis chart: every run of one suite, structure, team size and x. */
export interface FaultAxisRow extends SweepPoint {
  suite: string;
}

/** Rows for the chart and the table, from a sweep's results; cells without a fault value are left out. */
export function faultAxisRows(results: readonly { cell: SweepCell; metrics: RunMetrics }[]): FaultAxisRow[] {
  const bySuite = new Map<string, { x: number; run: RunMetrics }[]>();
  for (const r of results) {
    if (r.cell.faultParam === undefined) continue;
    const list = bySuite.get(r.cell.suite) ?? [];
    list.push({ x: r.cell.faultParam, run: r.metrics });
    bySuite.set(r.cell.suite, list);
  }
  const rows: FaultAxisRow[] = [...bySuite].flatMap(([suite, list]) => sweepPoints(list).map(({ point }) => ({ suite, ...point })));
  const order = ['single', 'preassign', 'leader', 'decentralized'];
  return rows.sort((a, b) => a.suite.localeCompare(b.suite) || order.indexOf(a.structure) - order.indexOf(b.structure) || a.n - b.n || a.x - b.x);
}
