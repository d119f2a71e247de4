/**
 * The concurrent-write and rewrite rules, in one place for the board (as writes happen), the
 * harness-log importer (from a whole log) and the run metrics (from a trace).
 *
 * Synchronous rounds follow the paper: a (round, path) pair written by two or more agents is one
 * concurrent write. Asynchronous steps share no rounds: a write is concurrent when another agent
 * wrote the file after the writer's view was taken (it overwrote work it never saw), and each
 * such write counts. A rewrite is a write in a later round than the path's first write.
 */
import type { StepMode } from '../trace/events';

export class WriteLedger {
  private readonly writers = new Map<string, Set<string>>();
  private readonly firstRound = new Map<string, number>();
  private flagged = 0;

  /**
   * Note one write. Returns whether its (round, path) pair has two or more writers so far, and
   * whether it is a rewrite. `flaggedConcurrent` is the write's own concurrent flag when known
   * (an async write, or a write read from a trace); it is what the async count adds up.
   */
  note(round: number, path: string, agent: string, flaggedConcurrent?: boolean): { sharedRound: boolean; rewrite: boolean } {
    const key = `${round}\u0000${path}`;
    const writers = this.writers.get(key) ?? new Set<string>();
    writers.add(agent);
    this.writers.set(key, writers);
    const first = this.firstRound.get(path);
    if (first === undefined) this.firstRound.set(path, round);
    const sharedRound = writers.size >= 2;
    if (flaggedConcurrent ?? sharedRound) this.flagged++;
    return { sharedRound, rewrite: first !== undefined && first < round };
  }

  /** With hindsight: two or more agents wrote this path in this round. */
  sharedRound(round: number, path: string): boolean {
    return (this.writers.get(`${round}\u0000${path}`)?.size ?? 0) >= 2;
  }

  /** Round of the path's first write noted (a rewrite is a write in a later round). */
  firstRoundOf(path: string): number | undefined {
    return this.firstRound.get(path);
  }

  /** The run's concurrent writes: sync, distinct (round, path) pairs with two or more writers;
   * async, writes flagged concurrent. */
  count(mode: StepMode): number {
    if (mode === 'async') return this.flagged;
    let n = 0;
    for (const w of this.writers.values()) if (w.size >= 2) n++;
    return n;
  }
}

/** Async rule: the file's last version is another agent's, written after the writer looked. */
export function overwroteUnseen(prev: { writer: string; t: number } | undefined, agent: string, viewT: number): boolean {
  return !!prev && prev.writer !== agent && prev.t > viewT;
}
