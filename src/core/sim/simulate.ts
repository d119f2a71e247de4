/**
 * One simulated run in one thread: a team of SimEngine agents on a VirtualClock. Used by
 * tests, sweeps, the command line and the page's simulated mode.
 */
import { VirtualClock } from '../clock';
import type { TestRunner } from '../harness/types';
import { Agent } from '../team/agent';
import { runTeam, type CostModel } from '../team/runTeam';
import type { StepMode, Structure, TraceEvent } from '../trace/events';
import type { Suite } from '../workload/types';
import type { FaultSchedule } from '../faults/schedule';
import { simPreset } from './presets';
import { simConfig } from './config';
import { PerTaskTestRunner } from './perTaskRunner';

export { agentSpeeds, simConfig } from './config';
import { SimEngine } from './simEngine';

export interface SimRunOptions {
  suite: Suite;
  structure: Structure;
  n: number;
  mode?: StepMode;
  seed?: number;
  preset?: string;
  errorRate?: number;
  prefillTps?: number;
  decodeTps?: number;
  /** Per-agent speed factors; default: seeded spread of about ±10%. */
  speeds?: number[];
  /** One slow agent: index and factor (e.g. 0.33 = three times slower). */
  straggler?: { index: number; factor: number };
  maxRounds?: number;
  maxTimeMs?: number;
  locks?: boolean;
  testRunner: TestRunner;
  costs?: Partial<CostModel>;
  onEvent?: (e: TraceEvent) => void;
  /** Slows the virtual clock's advance for watching (injected by the page). */
  pace?: (fromMs: number, toMs: number) => Promise<void>;
  signal?: AbortSignal;
  /** Faults and recovery protocols (core/faults); absent = none, the run as it always was. */
  faults?: FaultSchedule;
}

/**
 * What the hosted presets stand for: a chat harness sending a long context, replies in the
 * harness's tags with as many actions as the model writes, and a whole-suite test run that
 * takes about as long as the paper's pytest runs (~0.45 s).
 */
const HOSTED_AGENT = { budget: { maxPromptTokens: 16000 }, maxTokens: 8192, maxTagActions: 64 };
export const HOSTED_TEST_COSTS: Partial<CostModel> = { testBaseMs: 250, testPerCaseMs: 2 };

/**
 * Simulated runs stop agent code by the work it does, not by the clock (TestRequest.workBudget):
 * every built-in suite's tests, with the reference or the wrong solutions, finish within 30
 * interrupt checks, while a hang (a wrong nextPrime makes primesInRange loop) reaches thousands
 * in its 2 s timeout. So a hang costs about a tenth of a second instead of two, and whether a
 * run counts as hung never depends on how busy the machine is.
 */
export const SIM_WORK_BUDGET = 300;

export async function simulateRun(o: SimRunOptions): Promise<TraceEvent[]> {
  const config = simConfig(o);
  const preset = simPreset(o.preset ?? 'laptop');
  const hosted = preset.behaviour.format === 'tags';
  const seed = config.seed;
  const speeds = config.extra!.speeds as number[];
  const mk = (id: string, role: 'worker' | 'leader', speed: number) =>
    new Agent({
      id,
      role,
      seed,
      ...(hosted ? HOSTED_AGENT : {}),
      engine: new SimEngine({
        suite: o.suite,
        preset,
        seed,
        agentId: id,
        speed,
        errorRate: o.errorRate,
        prefillTps: o.prefillTps,
        decodeTps: o.decodeTps,
      }),
    });
  const agents = Array.from({ length: o.n }, (_, i) => mk(`dev${i + 1}`, 'worker', speeds[i]));
  const leader = o.structure === 'leader' ? mk('lead', 'leader', 1) : undefined;
  return runTeam({
    suite: o.suite,
    config,
    agents,
    leader,
    clock: new VirtualClock(o.pace),
    testRunner: new PerTaskTestRunner(o.testRunner),
    testWorkBudget: SIM_WORK_BUDGET,
    costs: { ...(hosted ? HOSTED_TEST_COSTS : {}), ...o.costs },
    onEvent: o.onEvent,
    signal: o.signal,
    ...(o.faults ? { faults: o.faults } : {}),
  });
}
