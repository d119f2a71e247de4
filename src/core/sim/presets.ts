/**
 * Latency and token presets for simulated agents. The three hosted models are calibrated from
 * the paper's published per-reply latencies and token counts; the laptop preset is for a small
 * in-browser model and its rates are meant to be edited. Every number here is an assumption
 * and is shown on screen as such.
 */
export interface SimPreset {
  id: string;
  label: string;
  /** Prompt tokens read per second. */
  prefillTps: number;
  /** Output tokens written per second. */
  decodeTps: number;
  /** Hidden output tokens per reply (reasoning) on top of the visible text. */
  hiddenOutputTokens: number;
  /** Spread of the lognormal latency jitter (sigma of ln latency). */
  jitterSigma: number;
  /** Chance a written solution is plausible but wrong. */
  errorRate: number;
  /** Chance a reply is malformed (a protocol error). */
  malformedRate: number;
  /** Where the numbers come from, for the assumptions panel. */
  source: string;
}

export const SIM_PRESETS: readonly SimPreset[] = [
  {
    id: 'laptop',
    label: 'Small model on a laptop GPU',
    prefillTps: 800,
    decodeTps: 40,
    hiddenOutputTokens: 0,
    jitterSigma: 0.15,
    errorRate: 0.25,
    malformedRate: 0.03,
    source: 'Assumed: a 0.5B-1.5B 4-bit model on an integrated GPU; edit the rates to match yours.',
  },
  {
    id: 'gpt-5.2',
    label: 'gpt-5.2 (hosted, paper)',
    prefillTps: 20000,
    decodeTps: 560,
    hiddenOutputTokens: 800,
    jitterSigma: 0.8,
    errorRate: 0.12,
    malformedRate: 0.01,
    source: 'Paper data: reply latency median 1.83 s (p10 0.87 s, p90 6.77 s); ~950 output tokens per reply.',
  },
  {
    id: 'claude-sonnet-4-6',
    label: 'claude-sonnet-4-6 (hosted, paper)',
    prefillTps: 20000,
    decodeTps: 480,
    hiddenOutputTokens: 1450,
    jitterSigma: 1.3,
    errorRate: 0.05,
    malformedRate: 0.005,
    source: 'Paper data: reply latency median 3.49 s (p10 1.18 s, p90 33.4 s, heavy tail); ~1650 output tokens per reply.',
  },
  {
    id: 'gemini-3-flash',
    label: 'gemini-3-flash (hosted, paper)',
    prefillTps: 8000,
    decodeTps: 95,
    hiddenOutputTokens: 120,
    jitterSigma: 0.6,
    errorRate: 0.1,
    malformedRate: 0.01,
    source: 'Paper data: reply latency median 4.07 s (p10 2.24 s, p90 10.6 s); ~270 output tokens per reply.',
  },
];

export function simPreset(id: string): SimPreset {
  const p = SIM_PRESETS.find((x) => x.id === id);
  if (!p) throw new Error(`unknown simulated-model preset "${id}"; choose one of ${SIM_PRESETS.map((x) => x.id).join(', ')}`);
  return p;
}
