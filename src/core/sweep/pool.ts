/**
 * A sweep spread over several lanes (sweep workers on the page, worker threads in Node), with
 * results identical to one lane: every cell is a pure function of its configuration and seed,
 * and results are handed on in the cells' order whichever lane finished first.
 *
 * Lanes take small chunks of cells from one queue, so a fast lane takes more and a slow one
 * (a big team, a cold test cache) holds up nobody. Core knows nothing of workers: a lane is
 * anything that runs cells and reports each result.
 */
import type { SweepCell } from './grid';
import type { SweepFailure, SweepResult } from './runCells';

export interface LaneRun {
  keepTraces: boolean;
  signal?: AbortSignal;
  onResult(r: SweepResult): void;
  onFailure(f: SweepFailure): void;
}

export interface SweepLane {
  /** Runs the cells in order, reporting each; resolves when done or cancelled. */
  run(cells: readonly SweepCell[], o: LaneRun): Promise<void>;
}

export interface PoolRun {
  keepTraces?: boolean;
  signal?: AbortSignal;
  /** Results and failures in the cells' order, as soon as every earlier cell has reported. */
  onResults?: (results: SweepResult[], failures: SweepFailure[], done: number, total: number) => void;
  /** Cells per chunk; default: about four chunks per lane, at most 16 cells. */
  chunk?: number;
}

export interface PoolSummary {
  total: number;
  done: number;
  cancelled: boolean;
  failures: SweepFailure[];
  /** Lanes that took part. */
  lanes: number;
}

export function chunkSize(total: number, lanes: number): number {
  return Math.max(1, Math.min(16, Math.ceil(total / (Math.max(1, lanes) * 4))));
}

type Outcome = { result: SweepResult } | { failure: SweepFailure };

export async function runOnLanes(cells: readonly SweepCell[], lanes: readonly SweepLane[], o: PoolRun = {}): Promise<PoolSummary> {
  const total = cells.length;
  const index = new Map(cells.map((c, i) => [c.key, i]));
  if (index.size !== total) throw new Error('every cell of a sweep needs its own key');
  const chunk = o.chunk ?? chunkSize(total, lanes.length);
  const used = Math.min(lanes.length, Math.ceil(total / chunk));
  const slots: (Outcome | undefined)[] = new Array(total);
  const failures: SweepFailure[] = [];
  let next = 0;
  let released = 0;
  let done = 0;

  // Hand on the longest finished prefix (or, at the end, everything finished) in cell order.
  const release = (all: boolean): void => {
    const results: SweepResult[] = [];
    const failed: SweepFailure[] = [];
    let i = released;
    for (; i < total; i++) {
      const s = slots[i];
      if (s === undefined) {
        if (all) continue;
        break;
      }
      slots[i] = undefined;
      if ('result' in s) results.push(s.result);
      else failed.push(s.failure);
    }
    if (!all) released = i;
    if (results.length === 0 && failed.length === 0) return;
    failures.push(...failed);
    done += results.length + failed.length;
    o.onResults?.(results, failed, done, total);
  };

  const place = (cell: SweepCell, outcome: Outcome): void => {
    const i = index.get(cell.key);
    if (i === undefined) return; // not one of ours
    slots[i] = outcome;
    release(false);
  };

  const lane = async (l: SweepLane): Promise<void> => {
    while (next < total && !o.signal?.aborted) {
      const from = next;
      next = Math.min(total, next + chunk);
      await l.run(cells.slice(from, next), {
        keepTraces: o.keepTraces ?? false,
        ...(o.signal ? { signal: o.signal } : {}),
        onResult: (result) => place(result.cell, { result }),
        onFailure: (failure) => place(failure.cell, { failure }),
      });
    }
  };

  await Promise.all(lanes.slice(0, used).map(lane));
  // A cancel leaves holes: what finished is still a result.
  release(true);
  return { total, done, cancelled: o.signal?.aborted === true && done < total, failures, lanes: used };
}
