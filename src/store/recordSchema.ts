/**
 * What a saved run looks like in IndexedDB, and the zod schema every record read back is
 * checked against. Storage outlives the code that wrote it (and browsers, extensions or a bug
 * can leave a bad record behind), so a record is untrusted until it passes this schema.
 */
import { z } from 'zod';
import type { RunMetrics } from '../core/metrics/runMetrics';
import type { SweepCell } from '../core/sweep/grid';
import type { RunConfig } from '../core/trace/events';
import { runConfigSchema } from '../core/trace/schema';

export type RunOrigin = 'simulated' | 'workers' | 'webllm' | 'imported' | 'fork';
export const RUN_ORIGINS: readonly RunOrigin[] = ['simulated', 'workers', 'webllm', 'imported', 'fork'];

/** One saved run, without its trace (kept in a separate object store so listing stays cheap). */
export interface SavedRun {
  id: string;
  /** Epoch ms. */
  savedAt: number;
  label: string;
  origin: RunOrigin;
  config: RunConfig;
  metrics: RunMetrics;
  /** False when only the recipe was kept (sweep runs); the trace is then re-simulated from `cell`. */
  hasTrace: boolean;
  /** Size of the saved trace text in UTF-16 code units (0 without a trace). */
  traceChars: number;
  /** How to run it again, for simulated runs of built-in suites. */
  cell?: SweepCell;
  /** A fork's parent run id, and the run time (ms) it was forked at. */
  parent?: string;
  forkAt?: number;
  /** What the fork changed, e.g. "locks off". */
  forkNote?: string;
  /** The sweep this run belongs to. */
  sweep?: string;
  /** Import warnings (what the source file did not hold). */
  warnings?: string[];
  /** File names an imported run came from. */
  source?: string;
  /** Wall time (ms) of the one-agent run the page measured this run's speedup against. */
  baselineWallMs?: number;
}

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

export const sweepCellSchema = z.object({
  key: str,
  suite: str,
  family: str,
  p: num,
  structure,
  n: num,
  seed: num,
  mode,
  preset: str,
  errorRate: num.optional(),
  prefillTps: num.optional(),
  decodeTps: num.optional(),
  locks: z.boolean(),
  straggler: z.boolean(),
  maxRounds: num.optional(),
  maxTimeMs: num.optional(),
  speeds: z.array(num).optional(),
});

export const savedRunSchema = z.object({
  id: str.min(1),
  savedAt: num,
  label: str,
  origin: z.enum(['simulated', 'workers', 'webllm', 'imported', 'fork']),
  config: runConfigSchema,
  metrics: runMetricsSchema,
  hasTrace: z.boolean(),
  traceChars: num,
  cell: sweepCellSchema.optional(),
  parent: str.optional(),
  forkAt: num.optional(),
  forkNote: str.optional(),
  sweep: str.optional(),
  warnings: z.array(str).optional(),
  source: str.optional(),
  baselineWallMs: num.positive().optional(),
});

export const savedTraceSchema = z.object({ id: str.min(1), text: str });
export interface SavedTrace {
  id: string;
  text: string;
}

// Drift guards: the schemas and the types must accept each other's values, so a field added to
// RunMetrics or RunConfig fails the type-check here until the schema learns it.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const metricsSame: Same<z.infer<typeof runMetricsSchema>, RunMetrics> = true;
const configSame: Same<z.infer<typeof runConfigSchema>, RunConfig> = true;
const cellSame: Same<z.infer<typeof sweepCellSchema>, SweepCell> = true;
const runSame: Same<z.infer<typeof savedRunSchema>, SavedRun> = true;
void metricsSame;
void configSame;
void cellSame;
void runSame;
