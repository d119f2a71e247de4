/**
 * The simulated engine: a seeded stand-in for a model, for teaching and for tests. It reads the
 * prompt a real model would get, answers with valid actions in the JSON protocol, and reports a
 * modelled latency (prompt tokens / prefill rate + output tokens / decode rate, with jitter and
 * the agent's speed factor). It writes the suite's reference solution, or with `errorRate` a
 * plausible wrong one, so tests fail and work is redone. It never sleeps: the team's clock turns
 * the modelled latency into time.
 */
import type { AgentEngine, GenerateRequest, GenerateResult } from '../engine';
import type { Action } from '../protocol/actions';
import { estimateTokens } from '../protocol/prompts';
import { createRng, seedFor, type Rng } from '../random';
import type { Suite } from '../workload/types';
import type { SimPreset } from './presets';
import { readPrompt, type PromptView } from './readPrompt';

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

  constructor(private readonly opts: SimEngineOptions) {
    this.model = `sim:${opts.preset.id}`;
    this.rng = createRng(seedFor(opts.seed, opts.agentId, 'engine'));
  }

  async generate(req: GenerateRequest): Promise<GenerateResult> {
    const view = readPrompt(req.prompt);
    const actions = view.workers.length || /lead a team/.test(req.system) ? this.leaderActions(view) : this.workerActions(view);
    let text = JSON.stringify({ actions });
    if (this.rng.next() < this.opts.preset.malformedRate) {
      // What small models do: cut the reply short or wrap it in chatter.
      text = this.rng.next() < 0.5 ? text.slice(0, Math.max(5, Math.floor(text.length / 2))) : `Sure! Here is my plan: claim the next task.`;
    }
    const p = this.opts.preset;
    const promptTokens = estimateTokens(req.system) + estimateTokens(req.prompt);
    const completionTokens = estimateTokens(text) + p.hiddenOutputTokens;
    const prefillTps = this.opts.prefillTps ?? p.prefillTps;
    const decodeTps = this.opts.decodeTps ?? p.decodeTps;
    const jitter = Math.min(20, Math.max(0.2, Math.exp(p.jitterSigma * this.rng.normal())));
    const scale = jitter / this.opts.speed;
    const prefillMs = (promptTokens / prefillTps) * 1000 * scale;
    const decodeMs = (completionTokens / decodeTps) * 1000 * scale;
    return {
      text,
      usage: { promptTokens, completionTokens },
      timings: {
        totalMs: Math.round(prefillMs + decodeMs),
        ttftMs: Math.round(prefillMs),
        prefillTokensPerSec: prefillTps / scale,
        decodeTokensPerSec: decodeTps / scale,
      },
    };
  }

  private code(taskId: string): string {
    const task = this.opts.suite.tasks.find((t) => t.id === taskId);
    if (!task) return '';
    const errorRate = this.opts.errorRate ?? this.opts.preset.errorRate;
    const wrong = task.wrong && this.rng.next() < errorRate;
    // Without a reference (imported suites) the sim writes a stub that exports the function.
    return (wrong ? task.wrong : task.reference) ?? `export function ${task.exportName}() {\n  return undefined;\n}\n`;
  }

  /** Write (or just re-test, when someone else's version is untested) and run the tests. */
  private work(id: string, file: string): Action[] {
    return [
      { type: 'write', path: file, content: this.code(id) },
      { type: 'run_tests', task: id },
    ];
  }

  private workerActions(v: PromptView): Action[] {
    const rows = new Map(v.board.map((r) => [r.id, r]));
    const depsDone = (id: string) => (rows.get(id)?.dependencies ?? []).every((d) => rows.get(d)?.status === 'done');
    const actions: Action[] = [];
    const selfClaim = v.structure === 'decentralized' || v.structure === 'single';
    let free = true;

    const focus = v.focus;
    if (focus && depsDone(focus.id)) {
      const tested = v.lastTest && v.lastTest.version === focus.version && focus.version > 0;
      // Zero passed and zero failed happens only for a task without tests (imported suites).
      if (tested && v.lastTest!.failed === 0) {
        actions.push({ type: 'complete', task: focus.id });
        if (v.structure === 'decentralized' && this.rng.next() < 0.3) actions.push({ type: 'message', to: 'all', text: `done ${focus.id}` });
        if (v.structure === 'leader' && this.rng.next() < 0.5) actions.push({ type: 'message', to: 'lead', text: `done ${focus.id}` });
        // Carry straight on with the next task of mine that is ready, if any.
        const next = v.mine.find((id) => id !== focus.id && depsDone(id));
        if (next) {
          actions.push(...this.work(next, rows.get(next)!.file));
          free = false;
        }
      } else {
        actions.push(...this.work(focus.id, focus.file || rows.get(focus.id)!.file));
        free = false;
      }
    } else if (focus) {
      free = false;
      const blocking = (rows.get(focus.id)?.dependencies ?? []).find((d) => rows.get(d)?.status !== 'done');
      const owner = blocking ? rows.get(blocking)?.owner : undefined;
      actions.push({ type: 'wait', reason: `${focus.id} needs ${blocking ?? 'its dependencies'}` });
      if (owner && owner !== v.agentId && this.rng.next() < 0.15) actions.push({ type: 'message', to: owner, text: `waiting on ${blocking}` });
    }

    if (free && selfClaim && actions.length < 2) {
      const ready = v.board.filter((r) => r.status === 'ready');
      const blockedRows = v.board.filter((r) => r.status === 'blocked');
      if (ready.length && blockedRows.length && this.rng.next() < 0.1) {
        // Agents misread the board now and then and claim work whose dependencies are not
        // done: the paper's blocked claims ("temporal violations").
        actions.push({ type: 'claim', task: blockedRows[0].id });
      } else if (ready.length) {
        // Most agents take the first ready task they see; some look further down the list.
        const pick = this.rng.next() < 0.55 ? ready[0] : ready[this.rng.int(ready.length)];
        actions.push({ type: 'claim', task: pick.id }, ...this.work(pick.id, pick.file));
        if (v.structure === 'decentralized' && this.rng.next() < 0.5) {
          actions.splice(1, 0, { type: 'message', to: 'all', text: `taking ${pick.id}` });
          actions.length = Math.min(actions.length, 4);
        }
      } else {
        const blocked = v.board.filter((r) => r.status === 'blocked');
        // Eager agents claim work whose dependencies are not done yet: a blocked claim.
        if (blocked.length && this.rng.next() < 0.35) actions.push({ type: 'claim', task: blocked[0].id });
        else actions.push({ type: 'wait', reason: 'no ready task' });
      }
    } else if (actions.length === 0) {
      actions.push({ type: 'wait', reason: 'nothing assigned to me is ready' });
    }
    return actions.slice(0, 4);
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
