/**
 * A simulated run is a pure function of its cell (configuration and seed), so a cell is a
 * recipe: it turns into simulateRun options, it can be read back from a saved run's RunConfig,
 * and changing one knob of it gives a fork. Saved sweep results keep their cell instead of
 * their trace when traces are not kept; running the cell again gives the same trace.
 */
import { agentSpeeds, simConfig } from '../sim/config';
import type { SimRunOptions } from '../sim/simulate';
import type { RunConfig, Structure } from '../trace/events';
import { builtinSuiteInfo } from '../workload/families';
import { cellKey, type SweepCell } from './grid';
import type { FaultSchedule } from '../faults/schedule';
import { scheduleFromText } from '../faults/text';

/** A straggler runs at a third of its peers' speed (the page's "one agent 3x slower"). */
export const STRAGGLER_FACTOR = 1 / 3;

/** Everything a run of this cell needs but its suite and test runner (see recipeRun.ts). */
export function cellRunOptions(cell: SweepCell): Omit<SimRunOptions, 'suite' | 'testRunner'> {
  return {
    structure: cell.structure,
    n: cell.n,
    mode: cell.mode,
    seed: cell.seed,
    preset: cell.preset,
    locks: cell.locks,
    ...(cell.errorRate !== undefined ? { errorRate: cell.errorRate } : {}),
    ...(cell.prefillTps !== undefined ? { prefillTps: cell.prefillTps } : {}),
    ...(cell.decodeTps !== undefined ? { decodeTps: cell.decodeTps } : {}),
    ...(cell.maxRounds !== undefined ? { maxRounds: cell.maxRounds } : {}),
    ...(cell.maxTimeMs ? { maxTimeMs: cell.maxTimeMs } : {}),
    ...(cell.speeds ? { speeds: cell.speeds } : {}),
    ...faultOptions(cell),
    // The last agent is the slow one, so the one-agent baseline keeps its normal speed.
    ...(cell.straggler && cell.n > 1 && !cell.speeds ? { straggler: { index: cell.n - 1, factor: STRAGGLER_FACTOR } } : {}),
  };
}

function faultOptions(cell: SweepCell): { faults?: FaultSchedule } {
  const s = cell.faults || cell.recovery ? scheduleFromText(cell.faults ?? '', cell.recovery ?? 'none') : undefined;
  return s ? { faults: s } : {};
}

/** The RunConfig a cell's run begins with (its run_start config), without running it. */
export function cellConfig(cell: SweepCell): RunConfig {
  return simConfig({ ...cellRunOptions(cell), suite: { id: cell.suite } });
}

/** The per-agent speeds a cell runs with, explicit or derived from its seed and straggler. */
export function cellSpeeds(cell: SweepCell): number[] {
  if (cell.speeds) return [...cell.speeds];
  const straggler = cell.straggler && cell.n > 1 ? { index: cell.n - 1, factor: STRAGGLER_FACTOR } : undefined;
  return agentSpeeds(cell.n, cell.seed, straggler);
}

function finiteNumber(x: unknown): number | undefined {
  return typeof x === 'number' && Number.isFinite(x) ? x : undefined;
}

/**
 * The cell a simulated run's RunConfig came from, or null when the config is not one of a
 * built-in suite run by the simulated engine in this tab (imported, worker or WebLLM runs
 * cannot be re-run from their config). Speeds are read exactly, so a straggler is kept.
 */
export function cellFromConfig(config: RunConfig): SweepCell | null {
  const m = /^sim:(.+)$/.exec(config.engine);
  const suite = builtinSuiteInfo(config.suite);
  if (!m || !suite) return null;
  const extra = config.extra ?? {};
  const speeds = Array.isArray(extra.speeds) && extra.speeds.every((s) => typeof s === 'number') ? (extra.speeds as number[]) : undefined;
  const errorRate = finiteNumber(extra.errorRate);
  const prefillTps = finiteNumber(extra.prefillTps);
  const decodeTps = finiteNumber(extra.decodeTps);
  const cell: Omit<SweepCell, 'key'> = {
    suite: suite.id,
    family: suite.family,
    p: suite.p,
    structure: config.structure,
    n: config.n,
    seed: config.seed,
    mode: config.mode,
    preset: m[1] as string,
    locks: config.locks,
    straggler: false,
    maxRounds: config.maxRounds,
    ...(config.maxTimeMs ? { maxTimeMs: config.maxTimeMs } : {}),
    ...(errorRate !== undefined ? { errorRate } : {}),
    ...(prefillTps !== undefined ? { prefillTps } : {}),
    ...(decodeTps !== undefined ? { decodeTps } : {}),
    // A run with faults re-runs with the same faults (core/sim/config.ts records them as text).
    ...(typeof extra.faults === 'string' && extra.faults !== '' ? { faults: extra.faults } : {}),
    ...(typeof extra.recovery === 'string' && extra.recovery !== 'none' ? { recovery: extra.recovery } : {}),
    ...(speeds && speeds.length === config.n ? { speeds } : {}),
  };
  return { ...cell, key: cellKey(cell) };
}

/** What a fork may change. Anything left out stays as in the parent. */
export interface ForkChanges {
  locks?: boolean;
  structure?: Structure;
  /** Make this agent (0-based worker index) slower by `factor` (0.33 = three times slower). */
  slowAgent?: { index: number; factor: number };
}

/**
 * The parent's cell with the changes applied. Speeds are made explicit first so a slower agent
 * slows exactly that agent and leaves the others' seeded speeds as they were.
 */
export function forkCell(parent: SweepCell, changes: ForkChanges): SweepCell {
  const structure = changes.structure ?? parent.structure;
  if (structure === 'single' && parent.n !== 1) throw new Error('the single structure has one agent; fork a run with n = 1, or choose another structure');
  let speeds = cellSpeeds(parent);
  if (changes.slowAgent) {
    const { index, factor } = changes.slowAgent;
    if (!Number.isInteger(index) || index < 0 || index >= parent.n) throw new Error(`agent index ${index} is out of range 0..${parent.n - 1}`);
    if (!(factor > 0 && factor <= 1)) throw new Error(`slow-down factor ${factor} must be in (0, 1]`);
    speeds = speeds.map((s, i) => (i === index ? Math.round(s * factor * 1000) / 1000 : s));
  }
  const { key: _key, ...rest } = parent;
  const cell: Omit<SweepCell, 'key'> = { ...rest, structure, locks: changes.locks ?? parent.locks, straggler: false, speeds };
  return { ...cell, key: cellKey(cell) };
}

/** "locks off, leader structure, dev3 3x slower": what a fork changed, for its label. */
export function describeFork(parent: SweepCell, child: SweepCell): string {
  const parts: string[] = [];
  if (child.structure !== parent.structure) parts.push(`${child.structure} structure`);
  if (child.locks !== parent.locks) parts.push(child.locks ? 'locks on' : 'locks off');
  const before = cellSpeeds(parent);
  (child.speeds ?? []).forEach((s, i) => {
    const b = before[i];
    if (b !== undefined && s < b) parts.push(`dev${i + 1} ${Math.round((b / s) * 10) / 10}x slower`);
  });
  return parts.length ? parts.join(', ') : 'no change';
}
