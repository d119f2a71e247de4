/**
 * A sweep with real models (or simulated engines placed in workers): one configuration at a
 * time on one WorkerTeam, so the models it has loaded are reused from run to run (a worker keeps
 * its model while its slot stays; going from n = 3 to n = 4 loads only dev4). Cancel stops the
 * run in flight; a run cut short is not reported as a result.
 */
import type { RunConfig, TraceEvent } from '../core/trace/events';
import type { Suite } from '../core/workload/types';
import type { EngineSpec } from '../engines/spec';
import type { FaultSchedule } from '../core/faults/schedule';
import { slotsFor, type AgentSlot, type WorkerRunOptions } from './workerTeam';

/** The part of WorkerTeam a sweep uses, so tests can stand in a fake. */
export interface SweepTeam {
  resize(slots: AgentSlot[]): void;
  run(o: WorkerRunOptions): Promise<TraceEvent[]>;
  stop(): Promise<void>;
}

/** One configuration placed in workers (the page builds it with workerPlan). */
export interface WorkerSweepItem {
  /** The cell key, to pair the result with its configuration. */
  key: string;
  suite: Suite;
  config: RunConfig;
  /** Modelled ms per real ms: 1 for WebLLM, more for simulated engines. */
  timeScale: number;
  engineFor: (id: string, i: number) => EngineSpec;
  /** Faults and recovery protocols of this configuration (a sweep's fault axis). */
  faults?: FaultSchedule;
}

export interface WorkerSweepOptions {
  onRun: (item: WorkerSweepItem, events: TraceEvent[], done: number, total: number) => void | Promise<void>;
  onEvents?: (item: WorkerSweepItem, batch: TraceEvent[]) => void;
  signal?: AbortSignal;
  /** Several agents as personas of one engine (less GPU memory). */
  shared?: boolean;
}

export interface WorkerSweepSummary {
  total: number;
  done: number;
  cancelled: boolean;
}

export async function runWorkerSweep(team: SweepTeam, items: readonly WorkerSweepItem[], o: WorkerSweepOptions): Promise<WorkerSweepSummary> {
  const total = items.length;
  let done = 0;
  const onAbort = (): void => void team.stop().catch(() => undefined);
  o.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    for (const item of items) {
      if (o.signal?.aborted) break;
      team.resize(slotsFor(item.config, item.engineFor, o.shared ?? false));
      const events = await team.run({
        suite: item.suite,
        config: item.config,
        timeScale: item.timeScale,
        ...(item.faults ? { faults: item.faults } : {}),
        ...(o.onEvents ? { onEvents: (batch: TraceEvent[]) => o.onEvents?.(item, batch) } : {}),
      });
      if (o.signal?.aborted) break;
      done++;
      await o.onRun(item, events, done, total);
    }
  } finally {
    o.signal?.removeEventListener('abort', onAbort);
  }
  return { total, done, cancelled: o.signal?.aborted === true && done < total };
}
