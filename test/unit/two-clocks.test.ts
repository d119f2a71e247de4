import { describe, expect, it } from 'vitest';
import { soloCalibration, twoClocks } from '../../src/core/metrics/twoClocks';
import type { RunConfig, TraceEvent } from '../../src/core/trace/events';

const config: RunConfig = { suite: 's', structure: 'decentralized', n: 2, mode: 'sync', seed: 1, engine: 'webllm:x', maxRounds: 9, maxTimeMs: 0, locks: true };
const start = (agent: string, round: number, t: number): TraceEvent => ({ type: 'step_start', t, agent, round, step: round, system: '', prompt: '' });
const end = (agent: string, round: number, t: number, prefill: number, decode: number): TraceEvent => ({
  type: 'step_end',
  t,
  agent,
  round,
  step: round,
  text: '',
  actions: [],
  usage: { promptTokens: 1000, completionTokens: 100 },
  timings: { totalMs: 0, prefillTokensPerSec: prefill, decodeTokensPerSec: decode },
});

/** Round 1: dev1 alone (solo speed). Round 2: both at once, each at half speed. */
const trace: TraceEvent[] = [
  { type: 'run_start', t: 0, config, suite: { id: 's', name: 's', p: 0.5, tasks: [] }, agents: [] },
  { type: 'round_start', t: 0, round: 1 },
  start('dev1', 1, 0),
  end('dev1', 1, 2000, 1000, 100),
  { type: 'round_end', t: 2000, round: 1 },
  { type: 'round_start', t: 2000, round: 2 },
  start('dev1', 2, 2000),
  start('dev2', 2, 2000),
  end('dev1', 2, 6000, 500, 50),
  end('dev2', 2, 6000, 500, 50),
  { type: 'test_run', t: 6000, round: 2, agent: 'dev2', passed: 1, failed: 0, durationMs: 500, results: [] },
  { type: 'round_end', t: 6500, round: 2 },
  { type: 'run_end', t: 6500, reason: 'done', rounds: 2, success: true, correct: true },
];

describe('two clocks', () => {
  it('calibrates solo speed from the steps that ran alone', () => {
    expect(soloCalibration(trace)).toMatchObject({ prefillTps: 1000, decodeTps: 100, samples: 1 });
  });

  it('prices every step at solo speed: the rest of the measured time is GPU contention', () => {
    const c = twoClocks(trace, soloCalibration(trace)!);
    // Solo, a step is 1000/1000 s + 100/100 s = 2 s. Round 2's slowest agent also ran 0.5 s of tests.
    expect(c.idealMs).toBe(2000 + 2500);
    expect(c.measuredMs).toBe(6500);
    expect(c.contentionMs).toBe(2000);
  });

  it('falls back to the fastest steps when none ran alone, and to null without rates', () => {
    const overlapped = trace.filter((e) => !(e.type === 'step_start' || e.type === 'step_end') || e.round === 2);
    expect(soloCalibration(overlapped)).toMatchObject({ prefillTps: 500, decodeTps: 50 });
    const noRates = trace.map((e) => (e.type === 'step_end' ? { ...e, timings: { totalMs: 1 } } : e));
    expect(soloCalibration(noRates)).toBeNull();
  });
});
