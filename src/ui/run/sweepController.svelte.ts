/** A sweep's progress and results on the page; the runs themselves happen in runSweep. */
import type { RunMetrics } from '../../core/metrics/runMetrics';
import { countCells, type SweepSpec } from '../../core/sweep/grid';
import { CHUNK_LOAD_TEXT, isChunkLoadError } from '../chunkLoad';
import type { PageState } from '../state/hashState';
import type { SimKnobs } from './runOptions';

/** The seeds a sweep uses, from the page's seed on. (Kept here, with pageSweepSpec, so the
 * sweep code itself loads only when a sweep starts.) */
export function sweepSeeds(base: number, count: number): number[] {
  return Array.from({ length: count }, (_, i) => base + i);
}

/** The page's sweep as a grid: its suite and structure, n = 1..nMax, the given seeds, and the
 * same knobs a single run of the page gets (simOptions). */
export function pageSweepSpec(s: SimKnobs, nMax: number, seeds: number[]): SweepSpec {
  return {
    families: [s.family],
    ps: [s.p],
    structures: [s.structure],
    ns: Array.from({ length: nMax }, (_, i) => i + 1),
    seeds,
    mode: s.mode,
    preset: s.preset,
    errorRate: s.errorRate,
    // Only the laptop preset's rates are the learner's to edit; the hosted presets are calibrated.
    ...(s.preset === 'laptop' ? { decodeTps: s.decodeTps, prefillTps: s.prefillTps } : {}),
    locks: s.locks,
    straggler: s.straggler,
  };
}

export class SweepController {
  runs = $state.raw<RunMetrics[]>([]);
  done = $state(0);
  total = $state(0);
  running = $state(false);
  error = $state('');
  /** The configuration swept, for the chart's title. */
  spec = $state.raw<SweepSpec | null>(null);
  private abort: AbortController | null = null;

  async start(state: PageState): Promise<void> {
    this.cancel();
    const abort = new AbortController();
    this.abort = abort;
    const spec = pageSweepSpec(state, state.sweepMax, sweepSeeds(state.seed, state.sweepSeeds));
    this.spec = spec;
    this.runs = [];
    this.done = 0;
    this.error = '';
    this.running = true;
    try {
      this.total = countCells(spec);
      const { runSweep } = await import('../sweep');
      await runSweep(
        spec,
        (r, done) => {
          if (abort.signal.aborted) return;
          this.runs = [...this.runs, r.metrics];
          this.done = done;
        },
        abort.signal,
      );
    } catch (err) {
      if (!abort.signal.aborted) this.error = isChunkLoadError(err) ? `${CHUNK_LOAD_TEXT.title}: ${CHUNK_LOAD_TEXT.fix}` : err instanceof Error ? err.message : String(err);
    } finally {
      if (this.abort === abort) {
        this.running = false;
        this.abort = null;
      }
    }
  }

  cancel(): void {
    this.abort?.abort();
    this.abort = null;
    this.running = false;
  }
}
