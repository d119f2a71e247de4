/**
 * Bench 7: sweep scaling. The same grid on a pool of 1, 2, ... worker threads (one more each
 * time, up to the machine's cores and at least 2), each pool fresh (threads started and test
 * caches cold, as a sweep from the command line starts). Prints runs per second for each size
 * and whether every pool gave the very results of the one-thread pool. Asserts nothing.
 */
import { availableParallelism } from 'node:os';
import { expandGrid, type SweepSpec } from '../../src/core/sweep/grid';
import type { RunMetrics } from '../../src/core/metrics/runMetrics';
import { NodeSweepPool } from '../../src/platform/nodeSweepPool';
import { info, type Figure } from './figures';

export interface ScalingOptions {
  /** Seeds per configuration (the grid has 2 structures x n = 1..4). */
  seeds?: number;
  maxWorkers?: number;
}

export async function runSweepScaling(o: ScalingOptions = {}): Promise<{ figures: Figure[]; raw: Record<string, unknown> }> {
  const group = '7. Sweep scaling (Node worker threads)';
  const spec: SweepSpec = {
    families: ['math'],
    ps: [0.5],
    structures: ['preassign', 'decentralized'],
    ns: [1, 2, 3, 4],
    seeds: Array.from({ length: o.seeds ?? 6 }, (_, i) => 100 + i),
    mode: 'sync',
    preset: 'laptop',
    locks: true,
    straggler: false,
  };
  const cells = expandGrid(spec);
  const most = o.maxWorkers ?? Math.max(2, availableParallelism());
  const figures: Figure[] = [];
  const raw: Record<string, unknown>[] = [];
  let reference: RunMetrics[] | null = null;
  let oneRate = 0;
  for (let w = 1; w <= most; w++) {
    const pool = new NodeSweepPool(w);
    const metrics: RunMetrics[] = [];
    const started = performance.now();
    try {
      await pool.run(cells, { onResults: (r) => metrics.push(...r.map((x) => x.metrics)) });
    } finally {
      await pool.close();
    }
    const seconds = (performance.now() - started) / 1000;
    const rate = cells.length / seconds;
    if (w === 1) oneRate = rate;
    reference ??= metrics;
    const same = JSON.stringify(metrics) === JSON.stringify(reference);
    raw.push({ workers: w, runs: cells.length, seconds, runsPerSecond: rate, identical: same });
    figures.push(
      info(
        group,
        `${w} worker${w === 1 ? '' : 's'}`,
        rate,
        'runs/s',
        `${cells.length} runs in ${seconds.toFixed(1)} s, ${(rate / oneRate).toFixed(2)}x one worker; results ${same ? 'identical to' : 'DIFFERENT from'} one worker's`,
      ),
    );
  }
  return { figures, raw: { cores: availableParallelism(), cells: cells.length, pools: raw } };
}
