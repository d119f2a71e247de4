/**
 * What a saved run looks like in IndexedDB: the zod schema every record read back is checked
 * against, and the record types it accepts (z.infer). Storage outlives the code that wrote it (and browsers, extensions or a bug
 * can leave a bad record behind), so a record is untrusted until it passes this schema.
 */
import { z } from 'zod';
import type { RunMetrics } from '../core/metrics/runMetrics';
import { sweepCellSchema } from '../core/sweep/grid';
import { runConfigSchema } from '../core/trace/schema';

export const RUN_ORIGINS = ['simulated', 'workers', 'webllm', 'imported', 'fork'] as const;
export type RunOrigin = (typeof RUN_ORIGINS)[number];

const num = z.number();
const str = z.string();
// A saved record holds the same configuration a trace's run_start does: one schema for both.
export { runConfigSchema };
const { structure, mode } = runConfigSchema.shape;

export const runMetricsSchema = z.object({
  suite: str,
  structure,
  mode,
  engine: str,
  seed: num,
  n: num,
  teamSize: num,
  wallMs: num,
  rounds: num,
  success: z.boolean(),
  correct: z.boolean().nullable(),
  stopReason: z.enum(['done', 'round_budget', 'time_budget', 'stopped', 'all_failed', 'error']).nullable(),
  tasksTotal: num,
  tasksDone: num,
  tokensIn: num,
  tokensOut: num,
  tokens: num,
  replies: num,
  messages: num,
  messageBytes: num,
  writes: num,
  concurrentWrites: num,
  rewrites: num,
  blockedClaims: num,
  claimConflicts: num,
  testRuns: num,
  testFailures: num,
  idleRounds: num,
  lockWaits: num,
  lockWaitMs: num,
  protocolErrors: num,
  failedAgents: num,
  stragglerGapMs: num,
  stragglerGaps: z.array(z.object({ round: num, steps: num, maxLatencyMs: num, meanLatencyMs: num, gapMs: num })),
  idleFraction: z.record(str, num),
  meanIdleFraction: num,
  p: num,
  criticalPath: num,
  amdahlBound: num,
});

export { sweepCellSchema };

/** One saved run, without its trace (kept in a separate object store so listing stays cheap). */
export const savedRunSchema = z.object({
  id: str.min(1),
  /** Epoch ms. */
  savedAt: num,
  label: str,
  origin: z.enum(RUN_ORIGINS),
  config: runConfigSchema,
  metrics: runMetricsSchema,
  /** False when only the recipe was kept (sweep runs); the trace is then re-simulated from `cell`. */
  hasTrace: z.boolean(),
  /** Size of the saved trace text in UTF-16 code units (0 without a trace). */
  traceChars: num,
  /** How to run it again, for simulated runs of built-in suites. */
  cell: sweepCellSchema.optional(),
  /** A fork's parent run id, and the run time (ms) it was forked at. */
  parent: str.optional(),
  forkAt: num.optional(),
  /** What the fork changed, e.g. "locks off". */
  forkNote: str.optional(),
  /** The sweep this run belongs to. */
  sweep: str.optional(),
  /** Import warnings (what the source file did not hold). */
  warnings: z.array(str).optional(),
  /** File names an imported run came from. */
  source: str.optional(),
  /** Wall time (ms) of the one-agent run the page measured this run's speedup against. */
  baselineWallMs: num.positive().optional(),
});
export type SavedRun = z.infer<typeof savedRunSchema>;

export const savedTraceSchema = z.object({ id: str.min(1), text: str });
export type SavedTrace = z.infer<typeof savedTraceSchema>;

// Drift guard: RunMetrics is computed by core/metrics (a plain interface there); the schema and
// the type must accept each other's values, so a field added to RunMetrics fails the type-check
// here until the schema learns it.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const metricsSame: Same<z.infer<typeof runMetricsSchema>, RunMetrics> = true;
void metricsSame;
