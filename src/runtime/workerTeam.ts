/**
 * Main-thread glue for a team placed across workers: it spawns and terminates agent workers
 * as the team is resized, loads their engines one after another (so the first download fills
 * the cache for the rest), wires the channels the structure calls for, and forwards the trace.
 * It imports WebLLM nowhere: the runtime stays in the worker chunk.
 */
import * as Comlink from 'comlink';
import type { TraceEvent, RunConfig } from '../core/trace/events';
import type { CostModel } from '../core/team/runTeam';
import type { FaultSchedule } from '../core/faults/schedule';
import type { Suite } from '../core/workload/types';
import type { EngineSpec, LoadProgress } from '../engines/spec';
import type { AgentWorkerApi } from '../workers/agent.worker';
import type { BoardWorkerApi } from '../workers/board.worker';
import { decodeError } from '../engines/errorCodec';
import { EngineError } from '../core/engine';
import { DEFAULT_HEARTBEAT, WorkerLostError, WorkerWatch, type HeartbeatTiming } from './workerLiveness';

export interface AgentSlot {
  /** Agents this worker hosts: one, or several personas in shared engine mode. */
  agents: { id: string; role: 'worker' | 'leader' }[];
  engine: EngineSpec;
}

interface LiveAgentWorker {
  key: string;
  worker: Worker;
  remote: Comlink.Remote<AgentWorkerApi>;
  slot: AgentSlot;
  model?: string;
  /** JSON of the engine spec it has loaded, to reuse a loaded model across runs. */
  loaded?: string;
  crashed?: string;
  /** Which agent worker this is, counting every one the team created (a restart makes a new one). */
  serial: number;
  /** Error events, unreadable messages, and silence while a heartbeat runs. */
  watch: WorkerWatch;
}

export interface WorkerRunOptions {
  suite: Suite;
  config: RunConfig;
  timeScale: number;
  testTimeoutMs?: number;
  /** Interrupt a step with no reply after this long (clock ms); default 3 minutes for real
   * models, none for simulated ones. */
  stepTimeoutMs?: number;
  costs?: Partial<CostModel>;
  onEvents?: (batch: TraceEvent[]) => void;
  /** Faults and recovery protocols; a crash fault really terminates the agent's worker. */
  faults?: FaultSchedule;
}

export interface WorkerTeamHooks {
  onProgress?: (p: LoadProgress) => void;
  onDelta?: (agent: string, text: string) => void;
  onCrash?: (agentIds: string[], message: string) => void;
  /** The board worker died or went silent: the run was ended with what it had. */
  onBoardLost?: (message: string) => void;
}

export class WorkerTeam {
  private readonly workers = new Map<string, LiveAgentWorker>();
  private board?: { worker: Worker; remote: Comlink.Remote<BoardWorkerApi>; watch: WorkerWatch };
  private running = false;

  constructor(
    private readonly hooks: WorkerTeamHooks = {},
    /** How often workers are pinged during a run, and the silence that counts as death. */
    private readonly heartbeat: HeartbeatTiming = DEFAULT_HEARTBEAT,
  ) {}

  /** Number of agent workers alive now. */
  get liveCount(): number {
    return this.workers.size;
  }

  /**
   * Make the live workers exactly these slots: workers for slots that vanished are unloaded
   * and terminated, new slots get new workers. A slot's key is its agent ids.
   */
  resize(slots: AgentSlot[]): void {
    const wanted = new Map(slots.map((s) => [slotKey(s), s]));
    for (const [key, w] of this.workers) {
      if (!wanted.has(key)) {
        this.retire(w);
        this.workers.delete(key);
      }
    }
    for (const [key, slot] of wanted) {
      const existing = this.workers.get(key);
      if (existing && !existing.crashed) {
        existing.slot = slot;
        continue;
      }
      // A worker that crashed would never answer again: its slot gets a new one.
      if (existing) this.retire(existing);
      this.spawn(key, slot);
    }
    // A slot waiting for a restart that no run will bring is simply spawned again next time.
    this.downByFault.clear();
  }

  private spawn(key: string, slot: AgentSlot): LiveAgentWorker {
    const worker = new Worker(new URL('../workers/agent.worker.ts', import.meta.url), { type: 'module', name: `agent ${key}` });
    const live = { key, worker, remote: Comlink.wrap<AgentWorkerApi>(worker), slot, serial: ++this.spawnCount } as LiveAgentWorker;
    live.watch = new WorkerWatch(worker, (reason) => this.crashed(live, reason), this.heartbeat);
    this.workers.set(key, live);
    return live;
  }

  /** Load every engine, one worker after another. Throws the first failure as an EngineError. */
  async load(suite: Suite): Promise<void> {
    for (const w of this.workers.values()) await this.loadOne(w, suite);
  }

  private async loadOne(w: LiveAgentWorker, suite: Suite): Promise<void> {
    const spec = JSON.stringify(w.slot.engine);
    // Simulated engines are cheap and carry the run's seed, so they are always rebuilt;
    // a loaded model is kept.
    if (w.loaded === spec && w.slot.engine.kind === 'webllm') return;
    const cb = Comlink.proxy({
      onProgress: (p: LoadProgress) => this.hooks.onProgress?.(p),
      onDelta: (agent: string, text: string) => this.hooks.onDelta?.(agent, text),
    });
    try {
      const res = await w.watch.race(w.remote.init({ agents: w.slot.agents, engine: w.slot.engine, suite }, cb));
      w.model = res.model;
      w.loaded = spec;
    } catch (err) {
      w.loaded = undefined;
      const e = err instanceof WorkerLostError ? new EngineError('engine_failed', `the worker of ${w.key} ${err.message}`) : decodeError(err);
      this.hooks.onProgress?.({ agent: w.slot.agents[0].id, phase: 'failed', fraction: 0, text: e.message });
      throw e;
    }
  }

  async run(o: WorkerRunOptions): Promise<TraceEvent[]> {
    if (this.running) throw new Error('a run is already going');
    this.running = true;
    const list = [...this.workers.values()];
    // Every worker is pinged for the whole run, loading included: one that goes silent is
    // declared failed instead of leaving the run "running" forever.
    for (const w of list) w.watch.startHeartbeat(() => w.remote.ping());
    const board = this.ensureBoard();
    board.watch.startHeartbeat(() => board.remote.ping());
    const received: TraceEvent[] = [];
    try {
      await this.load(o.suite);
      const links = [];
      const transfers: MessagePort[] = [];
      for (const w of list) {
        const ch = new MessageChannel();
        await w.watch.race(w.remote.attachBoard(Comlink.transfer(ch.port1, [ch.port1])));
        links.push({ agents: w.slot.agents.map((a) => ({ ...a, model: w.model ?? 'unknown' })), port: ch.port2 });
        transfers.push(ch.port2);
      }
      if (o.config.structure === 'decentralized') {
        // A channel for every pair of agent workers: peers message each other directly.
        for (let i = 0; i < list.length; i++) {
          for (let j = i + 1; j < list.length; j++) {
            const ch = new MessageChannel();
            for (const a of list[j].slot.agents) await list[i].watch.race(list[i].remote.connectPeer(a.id, Comlink.transfer(ch.port1, [ch.port1])));
            for (const a of list[i].slot.agents) await list[j].watch.race(list[j].remote.connectPeer(a.id, Comlink.transfer(ch.port2, [ch.port2])));
          }
        }
      }
      const cb = Comlink.proxy({
        onEvents: (batch: TraceEvent[]) => {
          received.push(...batch);
          o.onEvents?.(batch);
        },
        onCrash: (agent: string) => this.crashAgent(agent),
        onRestart: async (agent: string) => {
          const port = await this.respawn(agent, o);
          return Comlink.transfer(port, [port]);
        },
      });
      const result = board.remote.run(
        Comlink.transfer(
          {
            suite: o.suite,
            config: o.config,
            links,
            timeScale: o.timeScale,
            testTimeoutMs: o.testTimeoutMs ?? 2000,
            stepTimeoutMs: o.stepTimeoutMs ?? (o.config.engine.startsWith('webllm') ? 180_000 : 0),
            costs: o.costs,
            ...(o.faults ? { faults: o.faults, restarts: true } : {}),
          },
          transfers,
        ),
        cb,
      );
      try {
        return await board.watch.race(result);
      } catch (err) {
        if (err instanceof WorkerLostError) return this.boardLost(board, received, err.message);
        throw err;
      }
    } catch (err) {
      // The board may have gone before the run began (while models loaded, say).
      if (err instanceof WorkerLostError && board.watch.failure) return this.boardLost(board, received, board.watch.failure);
      throw err;
    } finally {
      // Workers a restart brought up during the run are pinged too until now.
      for (const w of new Set([...list, ...this.workers.values()])) w.watch.stopHeartbeat();
      board.watch.stopHeartbeat();
      this.running = false;
    }
  }

  /**
   * The board worker is gone: the run cannot go on (the board, the files and the step loop lived
   * there). It ends cleanly with what the page received, closed by a notice and a run_end that
   * say why, so the trace is complete and the page stops showing "running".
   */
  private boardLost(board: NonNullable<WorkerTeam['board']>, received: TraceEvent[], reason: string): TraceEvent[] {
    board.watch.dispose();
    board.worker.terminate();
    if (this.board === board) this.board = undefined;
    for (const w of this.workers.values()) void w.remote.interrupt().catch(() => undefined);
    const message = `the board worker ${reason}`;
    this.hooks.onBoardLost?.(message);
    if (received[0]?.type !== 'run_start') throw new EngineError('engine_failed', `${message} before the run began`);
    if (received.at(-1)?.type === 'run_end') return received;
    const t = Math.max(0, ...received.map((e) => e.t));
    let rounds = 0;
    for (const e of received) if (e.type === 'round_start' || e.type === 'step_start') rounds = Math.max(rounds, e.round);
    return [
      ...received,
      { type: 'notice', t, level: 'error', text: `The run was ended: ${message}.` },
      { type: 'run_end', t, reason: 'error', rounds, success: false, correct: null, detail: message },
    ];
  }

  async stop(): Promise<void> {
    // A dead worker never answers; its watch turns the wait into a failure.
    const board = this.board;
    if (board) await board.watch.race(board.remote.stop()).catch(() => undefined);
    await Promise.all([...this.workers.values()].map((w) => w.watch.race(w.remote.interrupt()).catch(() => undefined)));
  }

  /** Unload every model and terminate every worker (page leave, or the team is removed). */
  dispose(): void {
    for (const w of this.workers.values()) this.retire(w);
    this.workers.clear();
    this.board?.watch.dispose();
    this.board?.worker.terminate();
    this.board = undefined;
  }

  /** Agents whose workers a crash fault terminated (the next resize spawns new ones). */
  readonly terminatedByFault: string[] = [];
  /** Agents a crash-and-restart brought back in a fresh worker, in order. */
  readonly restartedByFault: string[] = [];
  /** Agent workers created so far; each has this serial (a debug hook for tests). */
  private spawnCount = 0;
  /** Slots whose worker a crash fault terminated, by agent, until a restart replaces it. */
  private readonly downByFault = new Map<string, AgentSlot>();

  /** Serials of the agent workers alive now, by slot key (a restarted agent has a new one). */
  workerSerials(): Record<string, number> {
    return Object.fromEntries([...this.workers].map(([key, w]) => [key, w.serial]));
  }

  /** How many agent workers this team has created. */
  get spawned(): number {
    return this.spawnCount;
  }

  /** A crash fault: the agent's worker is really terminated, mid-step if need be. */
  private crashAgent(agent: string): void {
    for (const [key, w] of this.workers) {
      if (!w.slot.agents.some((a) => a.id === agent)) continue;
      // One shared engine hosts the whole team: terminating it would crash everyone, so then only
      // the persona stops (the board no longer steps it).
      if (w.slot.agents.length > 1) return;
      w.crashed = 'terminated by a crash fault';
      // Its liveness watch stops first: the silence that follows is the fault, not a surprise.
      // The board fails the calls waiting on it itself (board.worker.ts), before any restart.
      w.watch.dispose();
      w.worker.terminate();
      w.remote[Comlink.releaseProxy]();
      this.workers.delete(key);
      this.downByFault.set(agent, w.slot);
      this.terminatedByFault.push(agent);
      return;
    }
  }

  /**
   * A crash-and-restart fault: a fresh worker for the agent, with a new engine and no memory of
   * the old one's steps, wired to the board (the port returned) and, in a self-organising team,
   * to every live peer. Throws a readable error when it cannot start.
   */
  private async respawn(agent: string, o: WorkerRunOptions): Promise<MessagePort> {
    const slot = this.downByFault.get(agent);
    if (!slot) throw new Error(`no terminated worker of ${agent} to replace`);
    this.downByFault.delete(agent);
    const live = this.spawn(slotKey(slot), slot);
    live.watch.startHeartbeat(() => live.remote.ping());
    await this.loadOne(live, o.suite);
    const ch = new MessageChannel();
    await live.watch.race(live.remote.attachBoard(Comlink.transfer(ch.port1, [ch.port1])));
    if (o.config.structure === 'decentralized') {
      for (const peer of this.workers.values()) {
        if (peer === live || peer.crashed) continue;
        const pc = new MessageChannel();
        for (const a of peer.slot.agents) await live.watch.race(live.remote.connectPeer(a.id, Comlink.transfer(pc.port1, [pc.port1])));
        for (const a of slot.agents) await peer.watch.race(peer.remote.connectPeer(a.id, Comlink.transfer(pc.port2, [pc.port2])));
      }
    }
    this.restartedByFault.push(agent);
    return ch.port2;
  }

  private ensureBoard() {
    if (!this.board) {
      const worker = new Worker(new URL('../workers/board.worker.ts', import.meta.url), { type: 'module', name: 'board' });
      const board = { worker, remote: Comlink.wrap<BoardWorkerApi>(worker) } as NonNullable<WorkerTeam['board']>;
      // A run waiting on it handles its failure (boardLost); between runs a dead board is
      // replaced at the next run.
      board.watch = new WorkerWatch(
        worker,
        () => {
          if (!this.running && this.board === board) this.board = undefined;
        },
        this.heartbeat,
      );
      this.board = board;
    }
    return this.board;
  }

  private retire(w: LiveAgentWorker): void {
    w.watch.dispose();
    // Give the engine a moment to free GPU memory, then terminate regardless.
    const unload = w.remote.unload().catch(() => undefined);
    void Promise.race([unload, new Promise((r) => setTimeout(r, 1000))]).then(() => w.worker.terminate());
    w.remote[Comlink.releaseProxy]();
  }

  private crashed(w: LiveAgentWorker, message: string): void {
    if (w.crashed) return;
    w.crashed = message;
    // Silent or stuck, it is not coming back; a stuck one would hold a core.
    w.watch.stopHeartbeat();
    w.worker.terminate();
    const ids = w.slot.agents.map((a) => a.id);
    this.hooks.onCrash?.(ids, message);
    void this.board?.remote.agentCrashed(ids, message);
  }
}

function slotKey(s: AgentSlot): string {
  return s.agents.map((a) => a.id).join('+');
}

/** One agent per worker, or every agent as a persona of one shared engine. */
export function slotsFor(config: Pick<RunConfig, 'n' | 'structure'>, engineFor: (id: string, i: number) => EngineSpec, shared = false): AgentSlot[] {
  const agents = Array.from({ length: config.n }, (_, i) => ({ id: `dev${i + 1}`, role: 'worker' as const }));
  if (config.structure === 'leader') agents.push({ id: 'lead', role: 'worker' as const });
  const withRoles = agents.map((a) => ({ ...a, role: a.id === 'lead' ? ('leader' as const) : ('worker' as const) }));
  if (shared) return [{ agents: withRoles, engine: engineFor(withRoles[0].id, 0) }];
  return withRoles.map((a, i) => ({ agents: [a], engine: engineFor(a.id, i) }));
}
