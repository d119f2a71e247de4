/**
 * The page's run state. One trace (`events`) is the only record of a run; everything on screen
 * derives from it and the playhead `t`. A simulated run in this tab is computed at full speed
 * (it is deterministic) and replayed; a run in workers is followed live. Either way the n = 1
 * baseline of the same configuration is kept beside it for the speedup.
 */
import { EngineError } from '../../core/engine';
import type { simulateRun } from '../../core/sim/simulate';
import type { TraceEvent } from '../../core/trace/events';
import { describeEngineError, engineErrorFromUnknown } from '../../engines/errors';
import type { LoadProgress } from '../../engines/spec';
import type { WorkerTeam } from '../../runtime/workerTeam';
import { decodeError } from '../../engines/errorCodec';
import { CHUNK_LOAD_TEXT, isChunkLoadError, retryingImport } from '../chunkLoad';
import type { PageState } from '../state/hashState';
import { Playhead } from './playhead.svelte';

import { traceTimes, type TraceTimes } from './traceTimes';

export type RunPhase = 'idle' | 'loading' | 'running' | 'done' | 'stopped' | 'failed';

export interface RunNotice {
  level: 'info' | 'warn' | 'error';
  title: string;
  text: string;
  fix?: string;
}

export interface RunControllerOptions {
  /** Injected by tests; defaults to the page's shared sandbox runner. */
  simulate?: typeof simulateRun;
  createTeam?: (hooks: ConstructorParameters<typeof WorkerTeam>[0]) => WorkerTeam;
}

/** The run code, loaded on the first run rather than with the page (and again if that failed). */
const runTools = retryingImport(() => import('./runTools'));

/** How often a live run's new events are handed to the views. */
const LIVE_REDRAW_MS = 250;
/** How often live token streams are copied to the screen. */
const STREAM_FLUSH_MS = 120;
/** How often events computed in this tab are handed to the views. */
const EVENT_FLUSH_MS = 60;
/** Characters of a live stream kept per agent. */
const STREAM_KEEP = 2000;

function readable(err: unknown): RunNotice {
  if (isChunkLoadError(err)) return { level: 'error', title: CHUNK_LOAD_TEXT.title, text: `${CHUNK_LOAD_TEXT.message} (${err instanceof Error ? err.message : String(err)})`, fix: CHUNK_LOAD_TEXT.fix };
  const e = err instanceof EngineError ? err : engineErrorFromUnknown(err);
  const words = describeEngineError(e.code);
  return { level: 'error', title: words.title, text: `${words.message} (${e.message})`, fix: words.fix };
}

export class RunController {
  events = $state.raw<TraceEvent[]>([]);
  /** The n = 1 run of the same configuration; null while it is being computed or unknown. */
  baseline = $state.raw<TraceEvent[] | null>(null);
  phase = $state<RunPhase>('idle');
  /** Which placement produced the current trace. */
  placement = $state<PageState['engine']>('sim');
  /** Why there is no baseline, when there is none. */
  baselineNote = $state('');
  progress = $state.raw<Record<string, LoadProgress>>({});
  streams = $state.raw<Record<string, string>>({});
  notices = $state.raw<RunNotice[]>([]);
  readonly playhead: Playhead;

  private times: TraceTimes = { events: [], rounds: [], end: 0 };
  private timesFor: readonly TraceEvent[] | null = null;
  private abort: AbortController | null = null;
  private team: WorkerTeam | null = null;
  private runTicket = 0;
  private liveAnchor: { wall: number; t: number; scale: number } | null = null;
  private streamBuffer: Record<string, string> = {};
  private streamTimer: ReturnType<typeof setTimeout> | null = null;
  private pending: TraceEvent[] = [];
  private pendingTicket = 0;
  /** The run whose whole trace has been taken. */
  private finalTicket = 0;
  private appendTimer: ReturnType<typeof setTimeout> | null = null;
  private computing = false;
  /** Finished WebLLM runs with one agent, by configuration, to measure later teams against. */
  private readonly webllmBaselines = new Map<string, TraceEvent[]>();
  private readonly simulate?: typeof simulateRun;
  private readonly createTeam?: RunControllerOptions['createTeam'];

  constructor(options: RunControllerOptions = {}) {
    this.simulate = options.simulate;
    this.createTeam = options.createTeam;
    this.playhead = new Playhead({
      times: () => this.traceTimes(),
      growing: () => this.computing || this.phase === 'loading' || this.phase === 'running',
      liveNow: () => this.liveNow(),
    });
  }

  get busy(): boolean {
    return this.phase === 'loading' || this.phase === 'running';
  }

  get liveAgentWorkers(): number {
    return this.team?.liveCount ?? 0;
  }

  /** End of the trace, ms of run time. */
  get endT(): number {
    return this.traceTimes().end;
  }

  dismissNotice(i: number): void {
    this.notices = this.notices.filter((_, k) => k !== i);
  }

  async run(state: PageState, webllm: { model: string; baseUrl?: string } | null = null): Promise<void> {
    await this.stop();
    const ticket = ++this.runTicket;
    this.events = [];
    this.baseline = null;
    this.baselineNote = '';
    this.progress = {};
    this.streams = {};
    this.streamBuffer = {};
    this.notices = [];
    this.liveAnchor = null;
    this.placement = state.engine;
    this.playhead.reset();
    this.playhead.speed = state.speed;
    try {
      if (state.engine === 'sim') await this.runInTab(state, ticket);
      // A mixed endpoint team gets a WebLLM model only when the page handed one over for its other agents.
      else await this.runInWorkers(state, state.engine === 'webllm' ? (webllm ?? { model: state.model }) : state.engine === 'endpoint' ? webllm : null, ticket);
    } catch (err) {
      if (ticket !== this.runTicket) return;
      this.phase = 'failed';
      this.notices = [...this.notices, readable(decodeError(err))];
    }
  }

  /** Ends a live run and stops playback; a computed run keeps what it has. */
  async stop(): Promise<void> {
    this.playhead.pause();
    const wasBusy = this.busy;
    this.abort?.abort();
    this.abort = null;
    if (wasBusy) {
      this.phase = 'stopped';
      this.computing = false;
      await this.team?.stop().catch(() => undefined);
    }
  }

  /** Leaving the page: unload every model and end every worker. */
  dispose(): void {
    this.runTicket++;
    this.abort?.abort();
    this.playhead.dispose();
    this.team?.dispose();
    this.team = null;
    if (this.streamTimer !== null) clearTimeout(this.streamTimer);
  }

  private traceTimes(): TraceTimes {
    if (this.timesFor !== this.events) {
      this.times = traceTimes(this.events);
      this.timesFor = this.events;
    }
    return this.times;
  }

  private liveNow(): number | null {
    if (!this.liveAnchor || this.phase !== 'running') return null;
    const a = this.liveAnchor;
    return a.t + (performance.now() - a.wall) * a.scale;
  }

  /**
   * Live batches arrive every ~50 ms; every view re-derives from the trace when it changes, so
   * the page takes them at most every LIVE_REDRAW_MS to keep each frame's work short.
   */
  private append(batch: readonly TraceEvent[], ticket: number): void {
    // Once a run's whole trace is in, a batch still on its way would only repeat part of it.
    if (ticket !== this.runTicket || ticket === this.finalTicket || batch.length === 0) return;
    this.pending.push(...batch);
    this.pendingTicket = ticket;
    this.appendTimer ??= setTimeout(() => this.flushAppends(), LIVE_REDRAW_MS);
  }

  /** The whole trace is here: batches still waiting would only repeat it. */
  private dropPending(): void {
    if (this.appendTimer !== null) clearTimeout(this.appendTimer);
    this.appendTimer = null;
    this.pending = [];
  }

  private flushAppends(): void {
    this.appendTimer = null;
    const batch = this.pending;
    this.pending = [];
    if (this.pendingTicket !== this.runTicket || batch.length === 0) return;
    this.events = [...this.events, ...batch];
    this.playhead.traceGrew();
  }

  private async runInTab(state: PageState, ticket: number): Promise<void> {
    const abort = new AbortController();
    this.abort = abort;
    this.phase = 'running';
    this.computing = true;
    const tools = await runTools();
    const simulate = this.simulate ?? tools.simulateRun;
    const options = tools.simOptions(state, tools.pageTestRunner());
    let buffer: TraceEvent[] = [];
    let timer: ReturnType<typeof setTimeout> | null = null;
    const flush = () => {
      timer = null;
      const out = buffer;
      buffer = [];
      this.append(out, ticket);
    };
    // Replay starts while the rest is still being computed.
    this.playhead.play();
    try {
      const events = await simulate({
        ...options,
        signal: abort.signal,
        onEvent: (e) => {
          buffer.push(e);
          timer ??= setTimeout(flush, EVENT_FLUSH_MS);
        },
      });
      if (timer !== null) clearTimeout(timer);
      if (ticket !== this.runTicket) return;
      this.finalTicket = ticket;
      this.dropPending();
      this.events = events;
      this.computing = false;
      this.phase = abort.signal.aborted ? 'stopped' : 'done';
      this.playhead.traceGrew();
    } finally {
      this.computing = false;
      if (this.abort === abort) this.abort = null;
    }
    if (state.n === 1) {
      this.baseline = this.events;
      return;
    }
    await this.computeBaseline(state, ticket);
  }

  /** The same configuration with one agent, simulated in this tab on the virtual clock. */
  private async computeBaseline(state: PageState, ticket: number): Promise<void> {
    try {
      const tools = await runTools();
      const base = await (this.simulate ?? tools.simulateRun)(tools.baselineOptions(tools.simOptions(state, tools.pageTestRunner())));
      if (ticket === this.runTicket) this.baseline = base;
    } catch (err) {
      if (ticket === this.runTicket) this.baselineNote = `The one-agent baseline could not be computed: ${String(err)}`;
    }
  }

  private async ensureTeam(): Promise<WorkerTeam> {
    if (this.team) return this.team;
    const { WorkerTeam: Team } = await runTools();
    const create = this.createTeam ?? ((hooks: ConstructorParameters<typeof WorkerTeam>[0]) => new Team(hooks));
    this.team = create({
      onProgress: (p) => {
        this.progress = { ...this.progress, [p.agent]: p };
      },
      onDelta: (agent, text) => {
        this.streamBuffer[agent] = ((this.streamBuffer[agent] ?? this.streams[agent] ?? '') + text).slice(-STREAM_KEEP);
        this.streamTimer ??= setTimeout(() => this.flushStreams(), STREAM_FLUSH_MS);
      },
      onCrash: (ids, message) => {
        this.notices = [
          ...this.notices,
          { level: 'error', title: `The worker of ${ids.join(', ')} crashed`, text: message, fix: 'The run goes on without it; reload the page if workers keep crashing.' },
        ];
      },
      onBoardLost: (message) => {
        this.notices = [
          ...this.notices,
          { level: 'error', title: 'The run was ended', text: `${message}.`, fix: 'What the run did so far is kept. Run it again; reload the page if it keeps happening.' },
        ];
      },
    });
    return this.team;
  }

  private flushStreams(): void {
    this.streamTimer = null;
    if (Object.keys(this.streamBuffer).length === 0) return;
    this.streams = { ...this.streams, ...this.streamBuffer };
    this.streamBuffer = {};
  }

  private async runInWorkers(state: PageState, webllm: { model: string; baseUrl?: string } | null, ticket: number): Promise<void> {
    const tools = await runTools();
    const plan = tools.workerPlan(state, webllm);
    const team = await this.ensureTeam();
    team.resize(tools.slotsFor(plan.config, plan.engineFor, state.shared));
    this.phase = 'loading';
    this.playhead.play();
    const baselineKey = `${plan.config.suite}|${plan.config.structure}|${plan.config.mode}|${plan.config.engine}|${plan.config.locks}`;
    // Real engines (WebLLM, an endpoint) are measured against a real one-agent run, never a simulated one.
    const real = webllm !== null || state.engine === 'endpoint';
    if (!real && state.n > 1) void this.computeBaseline(state, ticket);
    const faults = tools.faultsFor(state);
    const events = await team.run({
      suite: plan.suite,
      config: plan.config,
      timeScale: plan.timeScale,
      ...(faults ? { faults } : {}),
      onEvents: (batch) => {
        if (ticket !== this.runTicket) return;
        for (const e of batch) {
          if (e.type === 'run_start') {
            this.phase = 'running';
            this.liveAnchor = { wall: performance.now(), t: e.t, scale: plan.timeScale };
          }
          // A new step starts a new stream; the old text stays in the trace.
          if (e.type === 'step_start') {
            delete this.streamBuffer[e.agent];
            this.streams = { ...this.streams, [e.agent]: '' };
          }
        }
        this.append(batch, ticket);
      },
    });
    if (ticket !== this.runTicket) return;
    this.finalTicket = ticket;
    this.flushStreams();
    this.dropPending();
    if (events.length >= this.events.length) this.events = keepShown(this.events, events);
    const end = this.events.at(-1);
    this.phase = end?.type === 'run_end' && end.reason === 'stopped' ? 'stopped' : 'done';
    this.liveAnchor = null;
    this.playhead.traceGrew();
    if (real) {
      if (state.n === 1 && end?.type === 'run_end') this.webllmBaselines.set(baselineKey, this.events);
      const base = this.webllmBaselines.get(baselineKey);
      this.baseline = base ?? null;
      if (!base) this.baselineNote = 'No one-agent run of this model and configuration yet: run it with n = 1 to measure the speedup.';
    } else if (state.n === 1) {
      this.baseline = this.events;
    }
  }
}

/**
 * The whole trace a run returns, built on the events already shown: it repeats them (copies of
 * the same events, sent again), and handing the views fresh copies would redraw every step of
 * the run at its end. The shown events are kept when the returned trace starts with them.
 */
export function keepShown(shown: readonly TraceEvent[], whole: TraceEvent[]): TraceEvent[] {
  if (shown.length === 0 || shown.length > whole.length) return whole;
  for (let i = 0; i < shown.length; i++) {
    const a = shown[i] as TraceEvent;
    const b = whole[i] as TraceEvent;
    if (a.type !== b.type || a.t !== b.t) return whole;
  }
  return shown.length === whole.length ? (shown as TraceEvent[]) : [...shown, ...whole.slice(shown.length)];
}
