/**
 * An agent node: one engine (WebLLM, simulated or fake) and the agent(s) it serves, exposed
 * with Comlink. Usually one agent per worker; in shared engine mode several personas queue on
 * one engine. Messages to peers cross this worker's own MessageChannels.
 *
 * Start-up: Comlink.expose (at the end) runs while the module is first evaluated, before any
 * await, so the page's first message (init) always finds the handler; the WebLLM runtime is a
 * dynamic import inside init, never a top-level await.
 */
import * as Comlink from 'comlink';
import type { AgentEngine } from '../core/engine';
import type { Observation } from '../core/protocol/observation';
import { Agent, type PreparedStep, type StepOutput } from '../core/team/agent';
import { QueuedEngine } from '../core/team/queuedEngine';
import type { Envelope } from '../core/team/transport';
import type { Suite } from '../core/workload/types';
import { simPreset } from '../core/sim/presets';
import { SimEngine } from '../core/sim/simEngine';
import type { EngineSpec, LoadProgress } from '../engines/spec';
import { FakeEngine, type FakeScript } from '../engines/fakeEngine';
import { batchDeltas } from './deltaBatcher';
import { encodeError } from '../engines/errorCodec';

export interface AgentWorkerInit {
  agents: { id: string; role: 'worker' | 'leader' }[];
  engine: EngineSpec;
  /** Needed by simulated and fake engines (they write the suite's solutions). */
  suite?: Suite;
}

export interface AgentWorkerCallbacks {
  onProgress(p: LoadProgress): void;
  onDelta(agent: string, text: string): void;
}

let engine: AgentEngine | undefined;
const agents = new Map<string, Agent>();
const peers = new Map<string, MessagePort>();
const inbox: Envelope[] = [];
let callbacks: AgentWorkerCallbacks | undefined;
let onDelivered: ((id: string, to: string) => void) | undefined;

async function createEngine(spec: EngineSpec, init: AgentWorkerInit, report: (p: LoadProgress) => void): Promise<AgentEngine> {
  const first = init.agents[0]?.id ?? 'agent';
  if (spec.kind === 'webllm') {
    // Loaded lazily so simulated teams never pull in the WebLLM runtime.
    const { createWebLLMEngine } = await import('../engines/webllm/createWebLLMEngine');
    return createWebLLMEngine(spec, report, first);
  }
  if (spec.kind === 'endpoint') {
    const { EndpointAgentEngine } = await import('../engines/endpoint/endpointEngine');
    report({ agent: first, phase: 'ready', fraction: 1, text: `endpoint ${spec.model} at ${spec.baseUrl}` });
    return new EndpointAgentEngine({ baseUrl: spec.baseUrl, model: spec.model, ...(spec.apiKey ? { apiKey: spec.apiKey } : {}) });
  }
  if (!init.suite) throw new Error('a simulated engine needs the suite');
  // A fake engine is a test double for the plumbing: it answers correctly unless its script says
  // otherwise, so a test of workers does not hang on the simulated team's own failures.
  const simSpec = spec.kind === 'sim' ? spec : { kind: 'sim' as const, preset: 'laptop', seed: 1, speed: 1, errorRate: 0, suiteId: init.suite.id };
  const sim = new SimEngine({
    suite: init.suite,
    preset: simPreset(simSpec.preset),
    seed: simSpec.seed,
    agentId: first,
    speed: simSpec.speed,
    errorRate: simSpec.errorRate,
    prefillTps: simSpec.prefillTps,
    decodeTps: simSpec.decodeTps,
  });
  report({ agent: first, phase: 'ready', fraction: 1, text: 'simulated engine ready' });
  return spec.kind === 'fake' ? new FakeEngine(sim, spec.script as FakeScript) : sim;
}

const api = {
  async init(init: AgentWorkerInit, cb: AgentWorkerCallbacks): Promise<{ model: string }> {
    callbacks = cb;
    try {
      const base = await createEngine(init.engine, init, (p) => cb.onProgress(p));
      engine = init.agents.length > 1 ? new QueuedEngine(base) : base;
      const seed = init.engine.kind === 'sim' ? init.engine.seed : 1;
      for (const a of init.agents) agents.set(a.id, new Agent({ id: a.id, role: a.role, engine, seed }));
      return { model: engine.model };
    } catch (err) {
      throw encodeError(err);
    }
  },

  async prepare(agentId: string, obs: Observation): Promise<PreparedStep> {
    return agentOf(agentId).prepare(obs);
  },

  async generate(agentId: string): Promise<StepOutput> {
    const deltas = batchDeltas((text) => callbacks?.onDelta(agentId, text));
    try {
      return await agentOf(agentId).generate((d) => deltas.push(d));
    } catch (err) {
      throw encodeError(err);
    } finally {
      deltas.flush();
    }
  },

  async interrupt(): Promise<void> {
    await engine?.interrupt?.();
  },

  /** A crash-and-restart of one persona in shared engine mode (its worker is not terminated,
   * since the others share it): that agent forgets its earlier steps. */
  async reset(agentId: string): Promise<void> {
    await agentOf(agentId).restart();
  },

  async unload(): Promise<void> {
    await engine?.unload?.();
    engine = undefined;
    agents.clear();
  },

  /** A peer channel: messages to `peerId` go over this port, and its messages arrive on it. */
  connectPeer(peerId: string, port: MessagePort): void {
    peers.set(peerId, port);
    port.onmessage = (e: MessageEvent<Envelope>) => api.receive(e.data);
  },

  /** Send a message to a peer over its channel (decentralized teams). */
  sendPeer(msg: Envelope): boolean {
    const port = peers.get(msg.to);
    if (!port) return false;
    port.postMessage(msg);
    return true;
  },

  /** A message arrived, over a peer channel or from the hub. */
  receive(msg: Envelope): void {
    inbox.push(msg);
    onDelivered?.(msg.id, msg.to);
  },

  /** The coordination service talks to this agent over its own channel. */
  attachBoard(port: MessagePort): void {
    Comlink.expose(api, port);
  },

  /** Where delivery receipts go; set by the coordination service for each run. */
  setDeliveryCallback(cb: (id: string, to: string) => void): void {
    onDelivered = cb;
  },

  inboxSize(): number {
    return inbox.length;
  },

  ping(): string {
    return 'pong';
  },
};

function agentOf(id: string): Agent {
  const a = agents.get(id);
  if (!a) throw new Error(`this worker does not host agent ${id}`);
  return a;
}

export type AgentWorkerApi = typeof api;
Comlink.expose(api);
