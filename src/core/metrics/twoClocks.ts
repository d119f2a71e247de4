/**
 * Two clocks for runs with real models: the measured wall time next to the "ideal cluster" time,
 * the time the same run would take if every agent had a GPU of its own. Agents that share one GPU
 * slow each other down; the ideal clock prices every step at solo speed, so
 *   measured - ideal     = GPU contention
 *   ideal - useful work  = coordination cost (waiting, barriers, rework) that no GPU can buy back.
 */
import type { TraceEvent } from '../trace/events';
import { collectRounds, collectSteps, runSpan, type StepRecord } from './steps';

export interface SoloCalibration {
  /** Tokens per second with one agent alone on the device. */
  prefillTps: number;
  decodeTps: number;
  /** Where the numbers came from, shown next to them. */
  source: string;
  samples: number;
}

export interface TwoClocks {
  measuredMs: number;
  idealMs: number;
  /** measured - ideal, never below 0. */
  contentionMs: number;
  calibration: SoloCalibration;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? 0 : s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

interface Rates {
  prefill?: number;
  decode?: number;
}

function stepRates(events: readonly TraceEvent[]): Map<string, Rates> {
  const out = new Map<string, Rates>();
  for (const e of events) {
    if (e.type === 'step_end') out.set(`${e.agent}\u0000${e.step}`, { prefill: e.timings.prefillTokensPerSec, decode: e.timings.decodeTokensPerSec });
  }
  return out;
}

/**
 * Solo speed from the steps that ran with no other step in flight (their engines had the GPU to
 * themselves). Pass a separate one-agent run's trace to calibrate from that instead. Null when
 * no step reported its rates.
 */
export function soloCalibration(events: readonly TraceEvent[], source = 'steps of this run that had the GPU to themselves'): SoloCalibration | null {
  const steps = collectSteps(events).filter((s) => s.end !== null);
  const rates = stepRates(events);
  const alone = steps.filter((s) => !steps.some((o) => o !== s && o.start < s.end! && o.end! > s.start));
  const pick = (list: StepRecord[]) => {
    const r = list.map((s) => rates.get(`${s.agent}\u0000${s.step}`)).filter((x): x is Rates => !!x && !!x.prefill && !!x.decode);
    return { prefill: r.map((x) => x.prefill!), decode: r.map((x) => x.decode!) };
  };
  let used = pick(alone);
  let label = source;
  if (used.decode.length === 0) {
    // Every step overlapped another: the fastest quarter of the steps is the best estimate of solo speed.
    const all = pick(steps);
    if (all.decode.length === 0) return null;
    const top = (xs: number[]) => [...xs].sort((a, b) => b - a).slice(0, Math.max(1, Math.ceil(xs.length / 4)));
    used = { prefill: top(all.prefill), decode: top(all.decode) };
    label = 'the fastest quarter of this run\'s steps (no step ran alone)';
  }
  return { prefillTps: median(used.prefill), decodeTps: median(used.decode), source: label, samples: used.decode.length };
}

/**
 * Reprice every step at solo speed and replay the run's structure: in synchronous rounds a
 * round lasts as long as its slowest agent (step + its tests and lock waits); asynchronously
 * the run lasts as long as the busiest agent's chain of steps.
 */
export function twoClocks(events: readonly TraceEvent[], calibration: SoloCalibration): TwoClocks {
  const span = runSpan(events);
  const measuredMs = span.end - span.start;
  const steps = collectSteps(events);
  const extra = new Map<string, number>();
  for (const e of events) {
    if (e.type === 'test_run') extra.set(`${e.agent}\u0000${e.round}`, (extra.get(`${e.agent}\u0000${e.round}`) ?? 0) + e.durationMs);
    if (e.type === 'lock_wait') extra.set(`${e.agent}\u0000${e.round}`, (extra.get(`${e.agent}\u0000${e.round}`) ?? 0) + e.waitedMs);
  }
  const idealStep = (s: StepRecord) =>
    (s.promptTokens / calibration.prefillTps + s.completionTokens / calibration.decodeTps) * 1000 + (extra.get(`${s.agent}\u0000${s.round}`) ?? 0);
  let idealMs: number;
  const rounds = collectRounds(events);
  if (rounds.length > 0) {
    idealMs = 0;
    for (const r of rounds) {
      const inRound = steps.filter((s) => s.round === r.round);
      idealMs += inRound.length ? Math.max(...inRound.map(idealStep)) : 0;
    }
  } else {
    const perAgent = new Map<string, number>();
    for (const s of steps) perAgent.set(s.agent, (perAgent.get(s.agent) ?? 0) + idealStep(s));
    idealMs = Math.max(0, ...perAgent.values());
  }
  return { measuredMs, idealMs, contentionMs: Math.max(0, measuredMs - idealMs), calibration };
}
