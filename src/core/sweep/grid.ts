/**
 * A sweep is a grid of configurations: suites x structures x team sizes x seeds. Each cell is
 * one simulated run, described by plain data (no suite object, no functions) so it can cross a
 * worker boundary, be saved beside its result, and be run again to the same trace.
 */
import { z } from 'zod';
import type { Structure } from '../trace/events';
import { stepModeSchema, structureSchema } from '../trace/schema';
import { builtinSuiteInfo } from '../workload/families';
import { FaultSyntaxError, formatFaults, formatRecovery, parseFaults, parseRecovery } from '../faults/text';

/** A built-in suite by family and p, by id alone: describing a grid loads no suite code. */
const findSuite = (family: string, p: number) => builtinSuiteInfo(`${family}-p${p}`);

export const STRUCTURE_ORDER: readonly Structure[] = ['single', 'preassign', 'leader', 'decentralized'];
/** Team sizes a sweep may ask for (workers, a leader not counted). */
export const SWEEP_N_MIN = 1;
export const SWEEP_N_MAX = 8;
/** A sweep with more runs than this is refused: its results would not fit a page's memory and
 * saving every trace would fill the browser's storage. */
export const MAX_SWEEP_CELLS = 5000;

const num = z.number();

/** Knobs every cell of a sweep shares. */
const sweepKnobsShape = {
  mode: stepModeSchema,
  /** Simulated-model preset id (core/sim/presets). */
  preset: z.string(),
  /** Chance a written solution is plausible but wrong; default: the preset's. */
  errorRate: num.optional(),
  prefillTps: num.optional(),
  decodeTps: num.optional(),
  locks: z.boolean(),
  /** One agent (the last) slower than its peers by `stragglerFactor`. */
  straggler: z.boolean(),
  maxRounds: num.optional(),
  /** Time budget in virtual ms; absent or 0 = none. */
  maxTimeMs: num.optional(),
  /** Faults and recovery protocols, in core/faults/text.ts form; absent = none. */
  faults: z.string().optional(),
  recovery: z.string().optional(),
};
export type SweepKnobs = z.infer<z.ZodObject<typeof sweepKnobsShape>>;

export interface SweepSpec extends SweepKnobs {
  families: readonly string[];
  ps: readonly number[];
  structures: readonly Structure[];
  ns: readonly number[];
  seeds: readonly number[];
  /** A fault parameter to vary: `{x}` in the template takes each value (crash:dev2@{x}s,
   * drop:*,rate={x}); every other axis is run once per value. */
  faultAxis?: { template: string; values: readonly number[] };
}

/** One run of a sweep, as plain data; the schema checks a cell read back from storage. */
export const sweepCellSchema = z.object({
  /** Stable and unique within a sweep: the configuration and the seed. */
  key: z.string(),
  /** Built-in suite id, e.g. "math-p0.9". */
  suite: z.string(),
  family: z.string(),
  p: num,
  structure: structureSchema,
  n: num,
  seed: num,
  ...sweepKnobsShape,
  /** Exact per-agent speeds; when absent they follow from the seed (and the straggler). */
  speeds: z.array(num).optional(),
  /** The fault axis value this cell was run with (its faults are the template at this value). */
  faultParam: num.optional(),
});
export type SweepCell = z.infer<typeof sweepCellSchema>;

export class SweepGridError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SweepGridError';
  }
}

function unique<T>(values: readonly T[]): T[] {
  return [...new Set(values)];
}

function plural(count: number, word: string): string {
  return `${count.toLocaleString('en-US')} ${word}${count === 1 ? '' : 's'}`;
}

export function cellKey(c: Omit<SweepCell, 'key'>): string {
  const parts = [
    c.suite,
    c.structure,
    `n${c.n}`,
    `seed${c.seed}`,
    c.mode,
    c.preset,
    c.errorRate === undefined ? 'e-preset' : `e${c.errorRate}`,
    c.locks ? 'locks' : 'nolocks',
    c.straggler ? 'straggler' : 'even',
  ];
  if (c.prefillTps !== undefined) parts.push(`prefill${c.prefillTps}`);
  if (c.decodeTps !== undefined) parts.push(`decode${c.decodeTps}`);
  if (c.maxRounds !== undefined) parts.push(`rounds${c.maxRounds}`);
  if (c.maxTimeMs) parts.push(`time${c.maxTimeMs}`);
  if (c.speeds) parts.push(`speeds${c.speeds.join(',')}`);
  if (c.faults) parts.push(`faults:${c.faults}`);
  if (c.recovery && c.recovery !== 'none') parts.push(`recovery:${c.recovery}`);
  return parts.join('|');
}

/** How many runs a spec expands to, without building the cells (for a live count in a form). */
export function countCells(spec: SweepSpec): number {
  const ns = unique(spec.ns);
  const suites = unique(spec.families).length * unique(spec.ps).length;
  let perSuite = 0;
  for (const s of unique(spec.structures)) perSuite += s === 'single' ? 1 : ns.includes(1) ? ns.length : ns.length + 1;
  return suites * perSuite * unique(spec.seeds).length * (spec.faultAxis ? Math.max(1, unique(spec.faultAxis.values).length) : 1);
}

function checkSpec(spec: SweepSpec): void {
  const empty = (['families', 'ps', 'structures', 'ns', 'seeds'] as const).filter((k) => spec[k].length === 0);
  if (empty.length > 0) throw new SweepGridError(`the sweep has nothing to run: choose at least one value for ${empty.join(', ')}`);
  for (const s of spec.structures) {
    if (!STRUCTURE_ORDER.includes(s)) throw new SweepGridError(`structure "${String(s)}" is unknown; choose from ${STRUCTURE_ORDER.join(', ')}`);
  }
  for (const n of spec.ns) {
    if (!Number.isInteger(n) || n < SWEEP_N_MIN || n > SWEEP_N_MAX) {
      throw new SweepGridError(`team size n = ${n} is out of range: a sweep takes whole numbers from ${SWEEP_N_MIN} to ${SWEEP_N_MAX}`);
    }
  }
  for (const seed of spec.seeds) {
    if (!Number.isInteger(seed) || seed < 0) throw new SweepGridError(`seed ${seed} is not a whole number >= 0`);
  }
  if (spec.errorRate !== undefined && !(spec.errorRate >= 0 && spec.errorRate <= 1)) {
    throw new SweepGridError(`error rate ${spec.errorRate} is out of range 0..1`);
  }
  for (const family of spec.families) {
    for (const p of spec.ps) {
      if (!findSuite(family, p)) throw new SweepGridError(`there is no built-in ${family} suite with p = ${p}`);
    }
  }
  checkFaults(spec);
  const count = countCells(spec);
  if (count > MAX_SWEEP_CELLS) {
    throw new SweepGridError(
      `this sweep would be ${plural(count, 'run')}, more than the ${MAX_SWEEP_CELLS.toLocaleString('en-US')} one sweep may hold; ` +
        'use fewer seeds, team sizes, structures or suites',
    );
  }
}

/** The fault texts each cell will run with, read now so a bad one is refused before any run. */
function checkFaults(spec: SweepSpec): void {
  const read = (what: string, text: string, parse: (t: string) => unknown) => {
    try {
      parse(text);
    } catch (e) {
      throw new SweepGridError(`${what} "${text}": ${e instanceof FaultSyntaxError ? e.message : String(e)}`);
    }
  };
  if (spec.faults) read('faults', spec.faults, parseFaults);
  if (spec.recovery) read('recovery', spec.recovery, parseRecovery);
  if (spec.faultAxis) {
    if (!spec.faultAxis.template.includes('{x}')) throw new SweepGridError(`the fault axis "${spec.faultAxis.template}" has no {x} for its values`);
    if (spec.faultAxis.values.length === 0) throw new SweepGridError('the fault axis has no values');
    for (const v of spec.faultAxis.values) read('fault', faultAt(spec.faultAxis.template, v, spec.faults), parseFaults);
  }
}

/** The faults of a cell on the fault axis: the template at x, after the sweep's own faults. */
export function faultAt(template: string, x: number, base?: string): string {
  const varied = template.split('{x}').join(String(x));
  return base ? `${base};${varied}` : varied;
}

/**
 * Every run of the grid, suites outermost and seeds innermost. A structure's one-agent run is
 * always included, since speedup is measured against it; 'single' only has n = 1.
 * Throws SweepGridError with a readable message for an empty, unknown or too large grid.
 */
export function expandGrid(spec: SweepSpec): SweepCell[] {
  checkSpec(spec);
  const knobs: SweepKnobs = {
    mode: spec.mode,
    preset: spec.preset,
    locks: spec.locks,
    straggler: spec.straggler,
    ...(spec.errorRate !== undefined ? { errorRate: spec.errorRate } : {}),
    ...(spec.prefillTps !== undefined ? { prefillTps: spec.prefillTps } : {}),
    ...(spec.decodeTps !== undefined ? { decodeTps: spec.decodeTps } : {}),
    ...(spec.maxRounds !== undefined ? { maxRounds: spec.maxRounds } : {}),
    ...(spec.maxTimeMs ? { maxTimeMs: spec.maxTimeMs } : {}),
    ...(spec.faults ? { faults: formatFaults(parseFaults(spec.faults)) } : {}),
    ...(spec.recovery && spec.recovery !== 'none' ? { recovery: formatRecovery(parseRecovery(spec.recovery)) } : {}),
  };
  const ns = unique([1, ...spec.ns]).sort((a, b) => a - b);
  const structures = STRUCTURE_ORDER.filter((s) => spec.structures.includes(s));
  const seeds = unique(spec.seeds);
  const cells: SweepCell[] = [];
  for (const family of unique(spec.families)) {
    for (const p of unique(spec.ps)) {
      const suite = findSuite(family, p);
      if (!suite) continue; // checkSpec has refused this already
      for (const structure of structures) {
        for (const n of structure === 'single' ? [1] : ns) {
          for (const seed of seeds) {
            const cell = { ...knobs, suite: suite.id, family, p, structure, n, seed };
            if (!spec.faultAxis) {
              cells.push({ ...cell, key: cellKey(cell) });
              continue;
            }
            for (const x of unique(spec.faultAxis.values)) {
              const varied = { ...cell, faults: formatFaults(parseFaults(faultAt(spec.faultAxis.template, x, spec.faults))), faultParam: x };
              cells.push({ ...varied, key: cellKey(varied) });
            }
          }
        }
      }
    }
  }
  return cells;
}
