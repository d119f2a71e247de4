/** A sweep's progress and results on the page; the runs themselves happen in runSweep. */
import type { RunMetrics } from '../../core/metrics/runMetrics';
import { CHUNK_LOAD_TEXT, isChunkLoadError } from '../chunkLoad';
import type { PageState } from '../state/hashState';
import type { SweepSpec } from '../sweep';

/** The seeds a sweep uses, from the page's seed on. (Kept here so the sweep code itself loads
 * only when a sweep starts.) */
export function sweepSeeds(base: number, count: number): number[] {
  return Array.from({ length: count }, (_, i) => base + i);
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
    const { n: _n, seed, sweepMax, sweepSeeds: count, ...rest } = state;
    const spec: SweepSpec = { ...rest, nMax: sweepMax, seeds: sweepSeeds(seed, count) };
    this.spec = spec;
    this.runs = [];
    this.done = 0;
    this.total = spec.nMax * spec.seeds.length;
    this.error = '';
    this.running = true;
    try {
      const { runSweep } = await import('../sweep');
      await runSweep(
        spec,
        (r) => {
          if (abort.signal.aborted) return;
          this.runs = [...this.runs, r.metrics];
          this.done = r.done;
        },
        abort.signal,
      );
    } catch (err) {
      if (!abort.signal.aborted) this.error = isChunkLoadError(err) ? `${CHUNK_LOAD_TEXT.title}: ${CHUNK_LOAD_TEXT.fix}` : String(err);
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
