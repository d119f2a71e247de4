/**
 * The paper's per-condition results (mode x model x suite family x p x n), for the "compare with
 * the paper" overlay and as expectations in tests. The rows themselves are generated from the
 * paper's summary CSV by scripts/build-paper-data.mjs into paperTable.generated.ts.
 * Numbers are means over a cell's successful runs; null where no run of the cell succeeded.
 */
import type { SuiteFamily } from '../workload/types';
import { PAPER_ROWS } from './paperTable.generated';
import { PAPER_CELLS_POOLED } from './paperFidelity.generated';

export { PAPER_ROWS };

/** The two analysed conditions: system pre-assignment (no lead) and self-claiming. */
export type PaperMode = 'preassign' | 'decentralized';
export type PaperModel = 'claude-sonnet-4-6' | 'gemini-3-flash' | 'gpt-5.2';
export const PAPER_MODELS: readonly PaperModel[] = ['claude-sonnet-4-6', 'gemini-3-flash', 'gpt-5.2'];

export interface PaperRow {
  mode: PaperMode;
  model: PaperModel;
  /** The harness's run-directory name for the model, e.g. "openai_gpt-5.2". */
  modelDir: string;
  family: SuiteFamily;
  /** The harness's task_type, e.g. "mathutilities20". */
  taskType: string;
  p: number;
  n: number;
  runs: number;
  successRate: number;
  nSuccess: number | null;
  wallS: number | null;
  rounds: number | null;
  tokens: number | null;
  /** Agent replies (the paper's "messages"). */
  messages: number | null;
  concurrentWrites: number | null;
  rewrites: number | null;
  claimsBlocked: number | null;
  testFailures: number | null;
  idleRounds: number | null;
  /** mean wall(n = 1) / mean wall(n), same model, suite and p. */
  speedup: number | null;
  amdahl: number | null;
  tokenMult: number | null;
  efficiency: number | null;
}

export interface PaperPoint {
  model: PaperModel;
  n: number;
  speedup: number | null;
  amdahl: number | null;
  successRate: number;
  wallS: number | null;
  runs: number;
  rounds: number | null;
  tokens: number | null;
  tokenMult: number | null;
  efficiency: number | null;
  messages: number | null;
  concurrentWrites: number | null;
  rewrites: number | null;
  claimsBlocked: number | null;
  testFailures: number | null;
  idleRounds: number | null;
}

/**
 * The paper's points for one suite family and p, one per model and team size, ordered by model
 * then n. Cells where no run succeeded are included with null numbers (their success rate, 0,
 * is the information); a plot drops them.
 */
export function paperPoints(mode: PaperMode, family: SuiteFamily, p: number): PaperPoint[] {
  return PAPER_ROWS.filter((r) => r.mode === mode && r.family === family && Math.abs(r.p - p) < 1e-9)
    .map((r) => ({
      model: r.model,
      n: r.n,
      speedup: r.speedup,
      amdahl: r.amdahl,
      successRate: r.successRate,
      wallS: r.wallS,
      runs: r.runs,
      rounds: r.rounds,
      tokens: r.tokens,
      tokenMult: r.tokenMult,
      efficiency: r.efficiency,
      messages: r.messages,
      concurrentWrites: r.concurrentWrites,
      rewrites: r.rewrites,
      claimsBlocked: r.claimsBlocked,
      testFailures: r.testFailures,
      idleRounds: r.idleRounds,
    }))
    .sort((a, b) => PAPER_MODELS.indexOf(a.model) - PAPER_MODELS.indexOf(b.model) || a.n - b.n);
}

/**
 * The paper's side of the fidelity report (npm run fidelity) for one condition and p: speedup
 * per team size pooled over the three suites and the three models, over successful runs, as the
 * notebook pools them. The page draws it beside a simulated sweep so a teacher can show "this is
 * what the paper measured; this is the simulation" with the same numbers the report prints.
 */
export function paperPooledPoints(mode: PaperMode, p: number): { n: number; speedup: number; successRate: number }[] {
  return PAPER_CELLS_POOLED.filter((c) => c.mode === mode && Math.abs(c.p - p) < 1e-9 && c.speedup !== null)
    .map((c) => ({ n: c.n, speedup: c.speedup as number, successRate: c.successRate }))
    .sort((a, b) => a.n - b.n);
}
