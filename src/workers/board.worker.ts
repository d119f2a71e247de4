/**
 * The coordination service as its own node: the board, the files and the locks live here, and
 * so does the step loop that asks agents to step. Agents are reached over their own Comlink
 * channels; messages between agents cross peer channels (decentralized) or this hub (star).
 * Keeping it off the main thread keeps the page smooth however busy the board gets.
 */
import * as Comlink from 'comlink';
import { EngineError } from '../core/engine';
import type { CostModel } from '../core/team/runTeam';
import { runTeam } from '../core/team/runTeam';
import type { Envelope, MessageTransport } from '../core/team/transport';
import type { RunConfig, TraceEvent } from '../core/trace/events';
import type { FaultSchedule } from '../core/faults/schedule';
import type { Suite } from '../core/workload/types';
import { CachedTestRunner } from '../core/harness/cachedRunner';
import { SandboxTestRunner } from '../platform/sandboxRunner';
import { WallClock } from '../platform/wallClock';
import type { AgentWorkerApi } from './agent.worker';
import { RemoteAgent, type AgentLine } from './remoteAgent';

export interface BoardAgentLink {
  /** The agents this worker hosts (several in shared engine mode). */
  agents: { id: string; role: 'worker' | 'leader'; model: string }[];
  port: MessagePort;
}

export interface BoardRunRequest {
  suite: Suite;
  config: RunConfig;
  links: BoardAgentLink[];
  /** Real ms per clock ms is 1/timeScale: >1 runs modelled time faster (simulated engines). */
  timeScale: number;
  testTimeoutMs: number;
  /** A step with no reply after this long (clock ms) is interrupted; 0 = no limit. */
  stepTimeoutMs?: number;
  costs?: Partial<CostModel>;
  /** Faults to inject and recovery protocols to run; absent = none. */
  faults?: FaultSchedule;
  /** The page can bring up a fresh worker for an agent a crash fault terminated (onRestart). */
  restarts?: boolean;
}

export interface BoardCallbacks {
  onEvents(batch: TraceEvent[]): void;
  /** A crash fault struck this agent: the page terminates its worker. */
  onCrash?(agent: string): void;
  /** A crash-and-restart fault brings the agent back: the page starts a fresh worker for it
   * (empty memory) and returns the port of its new channel to this service. */
  onRestart?(agent: string): Promise<MessagePort>;
}

let abort: AbortController | undefined;
const sandbox = new SandboxTestRunner();
// Simulated and fake agents write the same few solutions over and over, and results depend only
// on the files and the tests, so those runs share them. Real-model runs always run their tests:
// the test time is part of the cost being measured.
const cachedSandbox = new CachedTestRunner(sandbox);
const crashes = new Map<string, (err: Error) => void>();

const api = {
  async run(req: BoardRunRequest, cb: BoardCallbacks): Promise<TraceEvent[]> {
    abort?.abort();
    abort = new AbortController();
    const remotes = new Map<string, Comlink.Remote<AgentWorkerApi>>();
    const lines = new Map<string, AgentLine>();
    const handles: RemoteAgent[] = [];
    const pendingDeliveries = new Map<string, () => void>();
    /** Wire one agent worker's channel: its crash signal, its delivery receipts, its agents. */
    const connect = async (agents: BoardAgentLink['agents'], port: MessagePort): Promise<AgentLine> => {
      const remote = Comlink.wrap<AgentWorkerApi>(port);
      const crashed = new Promise<never>((_, reject) => {
        for (const a of agents) crashes.set(a.id, reject);
      });
      crashed.catch(() => undefined);
      await remote.setDeliveryCallback(
        Comlink.proxy((id: string) => {
          pendingDeliveries.get(id)?.();
          pendingDeliveries.delete(id);
        }),
      );
      const line = { remote, crashed };
      for (const a of agents) {
        remotes.set(a.id, remote);
        lines.set(a.id, line);
      }
      return line;
    };
    const linkOf = (agent: string) => req.links.find((l) => l.agents.some((a) => a.id === agent));
    /**
     * A crash-and-restart: an agent alone in its worker gets a fresh worker from the page (its
     * memory lost with the old one); a persona of a shared engine, whose worker was left
     * running, forgets its earlier steps.
     */
    const reconnect = async (agent: string): Promise<AgentLine> => {
      const link = linkOf(agent);
      const line = lines.get(agent);
      if (!link || !line) throw new EngineError('engine_failed', `${agent} cannot restart: it has no worker here`);
      if (link.agents.length > 1) {
        await Promise.race([line.remote.reset(agent), line.crashed]);
        return line;
      }
      let port: MessagePort;
      try {
        port = await cb.onRestart!(agent);
      } catch (err) {
        throw new EngineError('engine_failed', `${agent} could not restart: ${err instanceof Error ? err.message : String(err)}`);
      }
      return connect(link.agents, port);
    };
    for (const link of req.links) {
      const line = await connect(link.agents, link.port);
      for (const a of link.agents) handles.push(new RemoteAgent(a.id, a.role, a.model, line, req.restarts ? reconnect : undefined));
    }
    /** A crash fault: the page terminates a worker that hosts only this agent, so calls waiting
     * on it fail now (told here rather than by the page, so a restart's new channel is never
     * mistaken for the dead one). */
    const crashFault = (agent: string): void => {
      if (linkOf(agent)?.agents.length === 1) crashes.get(agent)?.(new EngineError('engine_failed', `the worker of ${agent} was terminated by a crash fault`));
      void Promise.resolve(cb.onCrash?.(agent)).catch(() => undefined);
    };
    const decentralized = req.config.structure === 'decentralized';
    const transport: MessageTransport = {
      deliver(msg: Envelope): Promise<void> {
        return new Promise<void>((resolve) => {
          pendingDeliveries.set(msg.id, resolve);
          const sender = remotes.get(msg.from);
          const receiver = remotes.get(msg.to);
          // Peers talk directly; in a star the hub (this worker) passes the message on.
          const sent = decentralized && sender ? sender.sendPeer(msg) : receiver ? receiver.receive(msg).then(() => true) : Promise.resolve(false);
          void Promise.resolve(sent).then((ok) => {
            if (!ok && receiver) void receiver.receive(msg);
          });
        });
      },
    };
    let buffer: TraceEvent[] = [];
    let timer: ReturnType<typeof setTimeout> | undefined;
    const flush = (): Promise<void> => {
      timer = undefined;
      if (buffer.length === 0) return Promise.resolve();
      const out = buffer;
      buffer = [];
      // Over Comlink this is a call on the callback's own port; its promise settles once the
      // page has taken the batch.
      return Promise.resolve(cb.onEvents(out)).catch(() => undefined);
    };
    try {
      const events = await runTeam({
        suite: req.suite,
        config: req.config,
        agents: handles.filter((h) => h.role === 'worker'),
        leader: handles.find((h) => h.role === 'leader'),
        clock: new WallClock(req.timeScale),
        testRunner: /^(sim|fake)/.test(req.config.engine) ? cachedSandbox : sandbox,
        transport,
        costs: req.costs,
        testTimeoutMs: req.testTimeoutMs,
        stepTimeoutMs: req.stepTimeoutMs,
        signal: abort.signal,
        ...(req.faults ? { faults: req.faults, onCrash: crashFault } : {}),
        onEvent: (e) => {
          buffer.push(e);
          if (timer === undefined) timer = setTimeout(() => void flush(), 50);
        },
      });
      return events;
    } finally {
      if (timer !== undefined) clearTimeout(timer);
      // The last batch travels on the callback's port and the result on this one; without the
      // wait the page could take the whole trace first and then append the last batch again
      // (a second span for the same step, "duplicate key dev2#100" in the timeline).
      await flush();
      crashes.clear();
    }
  },

  stop(): void {
    abort?.abort();
  },

  /** The page saw an agent worker die: every call waiting on it fails now instead of hanging. */
  agentCrashed(agentIds: string[], message: string): void {
    for (const id of agentIds) crashes.get(id)?.(new EngineError('engine_failed', `the worker of ${id} crashed: ${message}`));
  },

  /** The page's heartbeat: an answer means this worker is alive and its event loop is free. */
  ping(): string {
    return 'pong';
  },
};

export type BoardWorkerApi = typeof api;
Comlink.expose(api);
