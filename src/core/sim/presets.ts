/**
 * Latency, token and behaviour presets for simulated agents. The three hosted models are fitted
 * to the paper's published runs (scripts/analyse-paper.ts): a reply takes c0 + output tokens /
 * decode rate, with output tokens following the work the reply does, and the team behaviour
 * (how much a reply does, how often it tests, herds or meddles) follows the paper's per-reply
 * counts. The laptop preset is for a small in-browser model and its rates are meant to be
 * edited. Every number here is an assumption and is shown on screen as such.
 */
export interface SimBehaviour {
  /** 'tags': the paper harness's tag grammar (no limit on actions); 'json': at most 4 actions. */
  format: 'tags' | 'json';
  /** Most tasks one reply writes, by structure (chains included: a model writes a task and the
   * ones that need it in one go). */
  batch: { preassign: number; decentralized: number };
  /** Mean chance a reply does no work (status talk, waiting, re-reading); each agent of each run
   * draws its own around this mean, with `idleSpread` (0 = all the same). */
  idle: number;
  idleSpread: number;
  /** Extra idle chance per teammate in a self-organising team (more talk, more waiting). */
  idlePerPeer: number;
  /** Chance per reply that the agent derails for the rest of the run (loops on re-tests and
   * re-edits, completes nothing): how the paper's runs fail. Grows by `derailPerPeer` x
   * teammates in a self-organising team. */
  derail: { preassign: number; decentralized: number };
  derailPerPeer: number;
  /** Chance a self-claiming agent starts from the first ready task on the board, as its
   * teammates do: lost races and duplicated work. */
  herd: number;
  /** Chance a working reply ends with a test run... */
  testRate: number;
  /** ...of the whole suite (the paper harness) or of the one task the agent works on. */
  testScope: 'suite' | 'task';
  /** Chance the agent completes a task only after seeing its tests pass (else right after writing). */
  testFirst: number;
  /** Chance an agent that saw failing tests rewrites a failing file, and the chance that file is
   * a teammate's rather than its own. */
  fixRate: number;
  fixOthers: number;
  /** Chance per teammate that a self-claiming agent's reply reworks teammates' files. */
  meddle: number;
  /** Chance of a broadcast note in a working reply of a self-organising team (never at n = 1). */
  chatter: number;
}

export interface SimPreset {
  id: string;
  label: string;
  /** Prompt tokens read per second. */
  prefillTps: number;
  /** Output tokens written per second. */
  decodeTps: number;
  /** Fixed part of a reply's time (queueing, time to first token), ms; jittered. */
  c0Ms: number;
  /** Median hidden output tokens (reasoning) on top of the visible text, per file the reply
   * writes (a reply that writes nothing thinks about a third of that)... */
  thinkTokens: number;
  /** ...and their lognormal spread (sigma of ln tokens). */
  thinkSigma: number;
  /** Chance a reply reasons at length (LONG_REPLY_FACTOR times the usual): the latency tail. */
  longReplyRate: number;
  /** Spread of the lognormal jitter on c0 (sigma of ln). */
  jitterSigma: number;
  /** Spread of the service's load, shared by every agent in a round (sigma of ln), applied to
   * the whole reply time: latency varies more between rounds than within one. */
  loadSigma: number;
  /** The harness resends this many earlier messages (prompts and replies) with each prompt;
   * they count as input tokens. 0: only the prompt. */
  contextMessages: number;
  /** Chance a written solution is plausible but wrong. */
  errorRate: number;
  /** Chance a reply is malformed (a protocol error). */
  malformedRate: number;
  behaviour: SimBehaviour;
  /** Where the numbers come from, for the assumptions panel. */
  source: string;
}

export const SIM_PRESETS: readonly SimPreset[] = [
  {
    id: 'laptop',
    label: 'Small model on a laptop GPU',
    prefillTps: 800,
    decodeTps: 40,
    c0Ms: 150,
    thinkTokens: 0,
    thinkSigma: 0,
    longReplyRate: 0,
    jitterSigma: 0.15,
    loadSigma: 0,
    contextMessages: 0,
    errorRate: 0.25,
    malformedRate: 0.03,
    behaviour: {
      format: 'json',
      batch: { preassign: 1, decentralized: 1 },
      idle: 0.05,
      idleSpread: 0,
      idlePerPeer: 0.01,
      derail: { preassign: 0, decentralized: 0.0003 },
      derailPerPeer: 0.5,
      herd: 0.5,
      testRate: 0.8,
      testScope: 'task',
      testFirst: 1,
      fixRate: 0.9,
      fixOthers: 0.1,
      meddle: 0.02,
      chatter: 0.3,
    },
    source:
      'Assumed: a 0.5B-1.5B 4-bit model on an integrated GPU with a 4k context; one task per reply (at most 4 actions), runs its own task\'s tests (the whole suite\'s output would not fit its context) and completes only after they pass; edit the rates to match yours.',
  },
  {
    id: 'gpt-5.2',
    label: 'gpt-5.2 (hosted, paper)',
    prefillTps: 20000,
    decodeTps: 90,
    c0Ms: 700,
    thinkTokens: 70,
    thinkSigma: 0.5,
    longReplyRate: 0.03,
    jitterSigma: 0.25,
    loadSigma: 0.5,
    contextMessages: 20,
    errorRate: 0.12,
    malformedRate: 0.01,
    behaviour: {
      format: 'tags',
      batch: { preassign: 20, decentralized: 2 },
      idle: 0.25,
      idleSpread: 0.1,
      idlePerPeer: 0.06,
      derail: { preassign: 0.02, decentralized: 0.006 },
      derailPerPeer: 0.6,
      herd: 0.6,
      testRate: 0.4,
      testScope: 'suite',
      testFirst: 0.05,
      fixRate: 0.5,
      fixOthers: 0.5,
      meddle: 0.12,
      chatter: 0.3,
    },
    source: 'Paper data: reply latency p10/p50/p90 0.87/1.83/6.77 s; ~90 output tokens/s (single-agent fit); lazy replies, small batches when self-claiming.',
  },
  {
    id: 'claude-sonnet-4-6',
    label: 'claude-sonnet-4-6 (hosted, paper)',
    prefillTps: 20000,
    decodeTps: 121,
    c0Ms: 800,
    thinkTokens: 200,
    thinkSigma: 0.6,
    longReplyRate: 0.05,
    jitterSigma: 0.3,
    loadSigma: 0.85,
    contextMessages: 20,
    errorRate: 0.08,
    malformedRate: 0.005,
    behaviour: {
      format: 'tags',
      batch: { preassign: 20, decentralized: 8 },
      idle: 0.03,
      idleSpread: 0.05,
      idlePerPeer: 0.06,
      derail: { preassign: 0, decentralized: 0.003 },
      derailPerPeer: 1.2,
      herd: 0.7,
      testRate: 0.45,
      testScope: 'suite',
      testFirst: 0.03,
      fixRate: 0.6,
      fixOthers: 0.5,
      meddle: 0.15,
      chatter: 0.4,
    },
    source: 'Paper data: reply latency p10/p50/p90 1.18/3.49/33.4 s (heavy tail: long code replies); ~121 output tokens/s; writes whole chains in one reply.',
  },
  {
    id: 'gemini-3-flash',
    label: 'gemini-3-flash (hosted, paper)',
    prefillTps: 20000,
    decodeTps: 207,
    c0Ms: 2000,
    thinkTokens: 180,
    thinkSigma: 0.4,
    longReplyRate: 0.1,
    jitterSigma: 0.15,
    loadSigma: 0.45,
    contextMessages: 20,
    errorRate: 0.1,
    malformedRate: 0.01,
    behaviour: {
      format: 'tags',
      batch: { preassign: 8, decentralized: 1 },
      idle: 0.04,
      idleSpread: 0.05,
      idlePerPeer: 0.05,
      derail: { preassign: 0, decentralized: 0.001 },
      derailPerPeer: 0.5,
      herd: 0.95,
      testRate: 0.9,
      testScope: 'suite',
      testFirst: 0.1,
      fixRate: 0.7,
      fixOthers: 0.4,
      meddle: 0.08,
      chatter: 0.2,
    },
    source: 'Paper data: reply latency p10/p50/p90 2.24/4.07/10.6 s; ~207 output tokens/s; one task per reply when self-claiming, tests almost every reply.',
  },
];

export function simPreset(id: string): SimPreset {
  const p = SIM_PRESETS.find((x) => x.id === id);
  if (!p) throw new Error(`unknown simulated-model preset "${id}"; choose one of ${SIM_PRESETS.map((x) => x.id).join(', ')}`);
  return p;
}
