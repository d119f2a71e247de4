/**
 * The trace: one typed, serializable record of everything that happened in a run.
 * Views, metrics, export, replay and import all read this and nothing else.
 * The records are declared once, as zod schemas in schema.ts (with what each field means);
 * these are the types those schemas accept.
 */
import type { z } from 'zod';
import type {
  agentInfoSchema,
  agentStateSchema,
  runConfigSchema,
  stepModeSchema,
  stopReasonSchema,
  structureSchema,
  taskInfoSchema,
  taskStatusSchema,
  traceEventSchema,
} from './schema';

export type Structure = z.infer<typeof structureSchema>;
export type StepMode = z.infer<typeof stepModeSchema>;
export type AgentState = z.infer<typeof agentStateSchema>;
export type RunConfig = z.infer<typeof runConfigSchema>;
export type TaskInfo = z.infer<typeof taskInfoSchema>;
export type AgentInfo = z.infer<typeof agentInfoSchema>;
export type TaskStatus = z.infer<typeof taskStatusSchema>;
export type StopReason = z.infer<typeof stopReasonSchema>;
export type TraceEvent = z.infer<typeof traceEventSchema>;

export type TraceEventType = TraceEvent['type'];
export type EventOf<K extends TraceEventType> = Extract<TraceEvent, { type: K }>;

export interface Trace {
  /** Format version of this serialization. */
  version: 1;
  events: TraceEvent[];
}
