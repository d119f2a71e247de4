/**
 * The page's sweeps on a pool of sweep workers, one per spare core
 * (navigator.hardwareConcurrency less one for the page), each with its own test cache. Results
 * come back in the cells' order, exactly as one worker gives them (core/sweep/pool.ts).
 *
 *   const outcome = await pageSweepClient().run(expandGrid(spec), { onResults, onProgress, signal });
 */
import type { SweepCell } from '../core/sweep/grid';
import { runOnLanes, type SweepLane } from '../core/sweep/pool';
import { SweepClient, type SweepOutcome, type SweepRunOptions } from './sweepClient';

/** Largest pool: beyond this the test caches, not the cores, are the limit. */
export const MAX_SWEEP_WORKERS = 8;

/** Workers for a machine with `cores` logical cores: all but one, at least one. */
export function poolSizeFor(cores: number | undefined): number {
  const c = cores && Number.isFinite(cores) ? Math.floor(cores) : 2;
  return Math.max(1, Math.min(MAX_SWEEP_WORKERS, c - 1));
}

/** What a sweep panel needs from a sweep runner: one worker or a pool. */
export interface SweepRunner {
  run(cells: readonly SweepCell[], options?: SweepRunOptions): Promise<SweepOutcome>;
  cancel(): Promise<void>;
  dispose(): void;
}

export class SweepPool implements SweepRunner {
  private readonly clients: SweepClient[] = [];

  constructor(
    readonly size: number = poolSizeFor(typeof navigator === 'undefined' ? undefined : navigator.hardwareConcurrency),
    private readonly createClient: () => SweepClient = () => new SweepClient(),
  ) {}

  async run(cells: readonly SweepCell[], options: SweepRunOptions = {}): Promise<SweepOutcome> {
    const started = performance.now();
    const cache = new Map<SweepClient, { hits: number; misses: number }>();
    const lanes: SweepLane[] = [];
    while (this.clients.length < this.size) this.clients.push(this.createClient());
    for (const client of this.clients) {
      lanes.push({
        run: async (chunk, o) => {
          const out = await client.run(chunk, {
            keepTraces: o.keepTraces,
            ...(o.signal ? { signal: o.signal } : {}),
            onResults: (results, failures) => {
              for (const r of results) o.onResult(r);
              for (const f of failures) o.onFailure(f);
            },
          });
          cache.set(client, out.testCache);
        },
      });
    }
    const summary = await runOnLanes(cells, lanes, {
      keepTraces: options.keepTraces ?? false,
      ...(options.signal ? { signal: options.signal } : {}),
      onResults: (results, failures, done, total) => {
        options.onResults?.(results, failures);
        options.onProgress?.(done, total);
      },
    });
    const elapsedMs = performance.now() - started;
    let hits = 0;
    let misses = 0;
    for (const c of cache.values()) {
      hits += c.hits;
      misses += c.misses;
    }
    return {
      total: summary.total,
      done: summary.done,
      cancelled: summary.cancelled,
      failures: summary.failures,
      elapsedMs,
      runsPerSecond: elapsedMs > 0 ? (summary.done / elapsedMs) * 1000 : 0,
      testCache: { hits, misses },
    };
  }

  async cancel(): Promise<void> {
    await Promise.all(this.clients.map((c) => c.cancel()));
  }

  dispose(): void {
    for (const c of this.clients.splice(0)) c.dispose();
  }
}

let shared: SweepPool | null = null;

/** The page's one sweep pool (its workers and their warm test caches live as long as the page). */
export function pageSweepClient(): SweepPool {
  shared ??= new SweepPool();
  return shared;
}
