/**
 * The simulated engine: a seeded stand-in for a model, for teaching and for tests. It reads the
 * prompt a real model would get, decides what to do (behaviour.ts), and answers in the protocol
 * its preset's model used: the paper harness's tags for the hosted presets (a reply may carry
 * many edits), JSON with at most four actions for the small-model preset. It writes the suite's
 * reference solution, or with `errorRate` a plausible wrong one, so tests fail and work is redone.
 *
 * Latency follows the work (the paper's single-agent fit): c0 (jittered) + input tokens /
 * prefill rate + output tokens / decode rate, where output tokens are the reply's text plus
 * hidden reasoning, so a wait reply is cheap and a reply that writes five files is not.
 * Input tokens count the prompt and, for the hosted presets, the earlier messages the harness
 * resends with it. It never sleeps: the team's clock turns the modelled latency into time.
 */
import type { AgentEngine, GenerateRequest, GenerateResult } from '../engine';
import type { Action } from '../protocol/actions';
import { estimateTokens } from '../protocol/prompts';
import { createRng, seedFor, type Rng } from '../random';
import type { Suite } from '../workload/types';
import { fitToLimit, newMemory, planReply, type AgentMemory } from './behaviour';
import type { SimPreset } from './presets';
import { readPrompt, type PromptView } from './readPrompt';
import { MAX_ACTIONS_PER_REPLY } from '../protocol/schema';

/** Upper bound on a reply's hidden reasoning tokens (hosted models cap their output). */
export const MAX_THINK_TOKENS = 6000;
/** How much longer a long reply's reasoning is than usual. */
export const LONG_REPLY_FACTOR = 6;

export interface SimEngineOptions {
  suite: Suite;
  preset: SimPreset;
  seed: number;
  agentId: string;
  /** >1 is faster, <1 slower: how stragglers appear. */
  speed: number;
  /** Overrides the preset's. */
  errorRate?: number;
  prefillTps?: number;
  decodeTps?: number;
}

export class SimEngine implements AgentEngine {
  readonly kind = 'sim' as const;
  readonly model: string;
  private readonly rng: Rng;
  private readonly memory: AgentMemory;
  /** Token counts of this agent's earlier messages (prompts and replies), oldest first. */
  private readonly context: number[] = [];

  constructor(private readonly opts: SimEngineOptions) {
    this.model = `sim:${opts.preset.id}`;
    this.rng = createRng(seedFor(opts.seed, opts.agentId, 'engine'));
    this.memory = newMemory(opts.preset.behaviour, this.rng.fork('disposition'));
  }

  async generate(req: GenerateRequest): Promise<GenerateResult> {
    const p = this.opts.preset;
    const view = readPrompt(req.prompt);
    const leader = view.workers.length > 0 || this.leaderPrompt(req.system);
    let actions = leader ? this.leaderActions(view) : planReply(view, this.memory, p.behaviour, this.rng, (id) => this.code(id)).actions;
    let text: string;
    if (p.behaviour.format === 'tags' && !leader) text = toTags(actions);
    else {
      actions = fitToLimit(actions, MAX_ACTIONS_PER_REPLY);
      text = replyJson(actions);
    }
    if (this.rng.next() < p.malformedRate) {
      // What models do now and then: cut the reply short or wrap it in chatter.
      text = this.rng.next() < 0.5 ? text.slice(0, Math.max(5, Math.floor(text.length / 2))) : `Sure! Here is my plan: claim the next task.`;
    }
    const own = estimateTokens(req.prompt);
    const resent = p.contextMessages > 0 ? this.context.slice(-p.contextMessages).reduce((a, b) => a + b, 0) : 0;
    const promptTokens = estimateTokens(req.system) + own + resent;
    const visible = estimateTokens(text);
    // Hidden reasoning is heavy-tailed, but a reply cannot outgrow the model's output limit.
    // Reasoning follows the work: a draw for the reply itself (a third of a file's) and one for
    // each file it writes, so a wait is cheap and a five-file reply is not, and big replies vary
    // less than their parts.
    let think = 0;
    if (p.thinkTokens > 0) {
      const draw = () => p.thinkTokens * Math.exp(p.thinkSigma * this.rng.normal());
      think = draw() / 3;
      for (const a of actions) if (a.type === 'write') think += draw();
      // Now and then a model writes at length (a long explanation, a whole-file rethink): the
      // heavy tail of the paper's reply latencies.
      if (this.rng.next() < p.longReplyRate) think *= LONG_REPLY_FACTOR;
      think = Math.min(MAX_THINK_TOKENS, Math.round(think));
    }
    const completionTokens = visible + think;
    if (p.contextMessages > 0) this.context.push(own, visible);
    if (this.context.length > 2 * p.contextMessages) this.context.splice(0, this.context.length - p.contextMessages);
    const prefillTps = this.opts.prefillTps ?? p.prefillTps;
    const decodeTps = this.opts.decodeTps ?? p.decodeTps;
    const speed = this.opts.speed;
    // The service's speed drifts over time and is the same for every agent at a given moment:
    // one factor per round, drawn from the run's seed, so a round is slow for everybody.
    const load = p.loadSigma > 0 ? this.loadAt(view.round) : 1;
    const c0 = (load * p.c0Ms * Math.min(20, Math.max(0.2, Math.exp(p.jitterSigma * this.rng.normal())))) / speed;
    const prefillMs = ((promptTokens / prefillTps) * 1000) / speed;
    const decodeMs = ((load * completionTokens) / decodeTps / speed) * 1000;
    return {
      text,
      usage: { promptTokens, completionTokens },
      timings: {
        totalMs: Math.round(c0 + prefillMs + decodeMs),
        ttftMs: Math.round(c0 + prefillMs),
        prefillTokensPerSec: prefillTps * speed,
        decodeTokensPerSec: decodeTps * speed,
      },
    };
  }

  // An agent's system prompt is the same every step: whether it is a leader's is read once.
  private lastSystem = '';
  private lastSystemIsLeader = false;
  private leaderPrompt(system: string): boolean {
    if (system !== this.lastSystem) {
      this.lastSystem = system;
      this.lastSystemIsLeader = /lead a team/.test(system);
    }
    return this.lastSystemIsLeader;
  }

  /** The service's load factor for a round, drawn from the run's seed (the same for every agent). */
  private loadRound = -1;
  private loadFactor = 1;
  private loadAt(round: number): number {
    if (round !== this.loadRound) {
      this.loadRound = round;
      this.loadFactor = Math.exp(this.opts.preset.loadSigma * createRng(seedFor(this.opts.seed, 'load', round)).normal());
    }
    return this.loadFactor;
  }

  private code(taskId: string): string {
    const task = this.opts.suite.tasks.find((t) => t.id === taskId);
    if (!task) return '';
    const errorRate = this.opts.errorRate ?? this.opts.preset.errorRate;
    const wrong = task.wrong && this.rng.next() < errorRate;
    // Without a reference (imported suites) the sim writes a stub that exports the function.
    return (wrong ? task.wrong : task.reference) ?? `export function ${task.exportName}() {\n  return undefined;\n}\n`;
  }

  private leaderActions(v: PromptView): Action[] {
    const free = v.workers.filter((w) => !w.failed && w.owns.length === 0).map((w) => w.id);
    const ready = v.board.filter((r) => r.status === 'ready');
    const actions: Action[] = [];
    for (let i = 0; i < Math.min(free.length, ready.length, 4); i++) actions.push({ type: 'assign', task: ready[i].id, to: free[i] });
    if (actions.length === 0) actions.push({ type: 'wait', reason: free.length ? 'no ready task' : 'everyone is busy' });
    return actions;
  }
}

/**
 * `JSON.stringify({ actions })`, byte for byte, but each distinct string (a file's code: the
 * suite's few solutions, written again and again) is escaped once, not once per reply. Actions
 * are plain objects of own fields; a value that is not a string goes to JSON.stringify whole.
 */
export function replyJson(actions: readonly Action[]): string {
  let out = '{"actions":[';
  for (let i = 0; i < actions.length; i++) {
    if (i > 0) out += ',';
    out += actionJson(actions[i]);
  }
  return out + ']}';
}

const ENCODE_MEMO_LIMIT = 5000;
const encoded = new Map<string, string>();

function stringJson(value: string): string {
  let hit = encoded.get(value);
  if (hit === undefined) {
    if (encoded.size >= ENCODE_MEMO_LIMIT) encoded.clear();
    encoded.set(value, (hit = JSON.stringify(value)));
  }
  return hit;
}

function actionJson(a: Action): string {
  let out = '{';
  const fields = a as unknown as Record<string, unknown>;
  for (const key in fields) {
    const value = fields[key];
    // As JSON.stringify: keys whose value is undefined (or a function) are left out.
    if (value === undefined || typeof value === 'function') continue;
    out += `${out.length > 1 ? ',' : ''}${stringJson(key)}:${typeof value === 'string' ? stringJson(value) : JSON.stringify(value)}`;
  }
  return out + '}';
}

const attr = (s: string) => s.replace(/"/g, "'");

/** The paper harness's tag grammar (parsed back by protocol/parseXml). */
export function toTags(actions: readonly Action[]): string {
  return actions
    .map((a) => {
      switch (a.type) {
        case 'write':
          return `<edit_file path="${attr(a.path)}">\n${a.content}</edit_file>`;
        case 'claim':
          return `<claim_task id="${attr(a.task)}"/>`;
        case 'complete':
          return `<complete_task id="${attr(a.task)}"/>`;
        case 'run_tests':
          return a.task ? `<run_tests id="${attr(a.task)}"/>` : '<run_tests/>';
        case 'message':
          return a.to === 'all' ? `<broadcast>${a.text}</broadcast>` : `<message to="${attr(a.to)}">${a.text}</message>`;
        case 'assign':
          return `<assign_task id="${attr(a.task)}" to="${attr(a.to)}"/>`;
        case 'wait':
          return a.reason ? `<wait reason="${attr(a.reason)}"/>` : '<wait/>';
      }
    })
    .join('\n');
}
