/**
 * One agent: its engine, its own history, and its step (observation -> prompt -> model ->
 * actions). The same class runs in-thread and inside an agent worker.
 */
import type { AgentEngine, DeltaCallback, Timings, Usage } from '../engine';
import type { Action } from '../protocol/actions';
import type { Observation } from '../protocol/observation';
import { parseActions, validateActionsForRole } from '../protocol/parse';
import { ACTION_JSON_SCHEMA, MAX_REPLY_TOKENS } from '../protocol/schema';
import { DEFAULT_BUDGET, type PromptBudget, stepPrompt, systemPrompt } from '../protocol/prompts';

export interface StepOutput {
  system: string;
  prompt: string;
  text: string;
  actions: Action[];
  /** Why (part of) the reply was rejected; the agent sees it next step. */
  protocolError?: string;
  usage: Usage;
  timings: Timings;
}

export interface AgentOptions {
  id: string;
  role: 'worker' | 'leader';
  engine: AgentEngine;
  budget?: PromptBudget;
  maxTokens?: number;
  temperature?: number;
  seed?: number;
  /** Most actions a reply in the harness's tag format may hold (4 when absent, as JSON). */
  maxTagActions?: number;
}

export interface PreparedStep {
  system: string;
  prompt: string;
}

/** What the coordinator needs from an agent, wherever it runs. A step is two calls so the
 * trace can record the prompt when the step starts, before the model has answered. */
export interface AgentHandle {
  readonly id: string;
  readonly role: 'worker' | 'leader';
  readonly model: string;
  prepare(obs: Observation): Promise<PreparedStep>;
  generate(onDelta?: DeltaCallback): Promise<StepOutput>;
  interrupt(): Promise<void>;
  /** Come back from a crash with no memory of earlier steps (a crash-and-restart fault). */
  restart?(): Promise<void>;
}

export class Agent implements AgentHandle {
  readonly id: string;
  readonly role: 'worker' | 'leader';
  private readonly history: string[] = [];
  private pending?: { obs: Observation; system: string; prompt: string };

  constructor(private readonly opts: AgentOptions) {
    this.id = opts.id;
    this.role = opts.role;
  }

  get model(): string {
    return this.opts.engine.model;
  }

  async prepare(obs: Observation): Promise<PreparedStep> {
    // The role of this step: a worker elected leader by failover leads from its next step.
    const system = systemPrompt(obs.role, obs.structure);
    const prompt = stepPrompt(obs, this.history, this.opts.budget ?? DEFAULT_BUDGET);
    this.pending = { obs, system, prompt };
    return { system, prompt };
  }

  async generate(onDelta?: DeltaCallback): Promise<StepOutput> {
    if (!this.pending) throw new Error(`${this.id}: generate() called before prepare()`);
    const { obs, system, prompt } = this.pending;
    this.pending = undefined;
    const res = await this.opts.engine.generate(
      {
        agentId: this.id,
        system,
        prompt,
        maxTokens: this.opts.maxTokens ?? MAX_REPLY_TOKENS,
        temperature: this.opts.temperature ?? 0.7,
        seed: this.opts.seed,
        jsonSchema: ACTION_JSON_SCHEMA,
      },
      onDelta,
    );
    const parsed = parseActions(res.text, 'auto', { maxTagActions: this.opts.maxTagActions });
    let actions = parsed.actions;
    const errors: string[] = [];
    if (!parsed.ok) errors.push(parsed.reason);
    const pathPrefix = pathPrefixOf(obs.board);
    const checked = validateActionsForRole(actions, obs.role, obs.team, { pathPrefix });
    actions = checked.actions;
    errors.push(...checked.errors);
    this.remember(obs.round, actions, errors);
    return {
      system,
      prompt,
      text: res.text,
      actions,
      protocolError: errors.length ? errors.join('; ') : undefined,
      usage: res.usage,
      timings: res.timings,
    };
  }

  async interrupt(): Promise<void> {
    await this.opts.engine.interrupt?.();
  }

  async restart(): Promise<void> {
    this.history.length = 0;
    this.pending = undefined;
  }

  private remember(round: number, actions: Action[], errors: string[]): void {
    const summary = actions.map(describeAction).join(', ') || 'no valid action';
    this.history.push(`round ${round}: ${summary}${errors.length ? ' (rejected: ' + errors.join('; ') + ')' : ''}`);
    if (this.history.length > 12) this.history.shift();
  }
}

// Agents that saw the same board rows (the observer shares them) share the answer.
const prefixes = new WeakMap<readonly Observation['board'][number][], string>();
/** Imported harness suites keep their files at the repository root. */
function pathPrefixOf(board: Observation['board']): string {
  let prefix = prefixes.get(board);
  if (prefix === undefined) prefixes.set(board, (prefix = board.every((r) => r.file.startsWith('src/')) ? 'src/' : ''));
  return prefix;
}

export function describeAction(a: Action): string {
  switch (a.type) {
    case 'claim':
      return `claim ${a.task}`;
    case 'write':
      return `write ${a.path}`;
    case 'run_tests':
      return a.task ? `run tests of ${a.task}` : 'run all tests';
    case 'complete':
      return `complete ${a.task}`;
    case 'message':
      return `message ${a.to}`;
    case 'assign':
      return `assign ${a.task} to ${a.to}`;
    case 'wait':
      return 'wait';
  }
}
