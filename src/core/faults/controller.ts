/**
 * Faults and recovery protocols during one run. The step loop calls this at a few points (a
 * step is about to start, a reply came back, a message is sent, a task is claimed or
 * completed) and lets it fire its timers (a fault begins or ends, a heartbeat timeout, a lease
 * runs out) in time order with everything else. It changes the team only through FaultHost and
 * records every decision as a trace event, so the views and metrics see exactly what happened.
 *
 * The model, in short:
 *  - crash: the agent is down (its worker terminated); the scheduler stops stepping it, but the
 *    board is not told: its tasks stay its own until a detector or a lease frees them.
 *  - stall / partition from the board: its next step waits until it is over; a reply that
 *    arrives while cut off from the board is lost.
 *  - heartbeats: every heartbeatMs an agent that is up, not stalled and can reach the board is
 *    heard; silence for timeoutMs makes the board suspect it (a stalled straggler too: a false
 *    suspicion, withdrawn when it is heard again).
 *  - reassign: a suspected agent's unfinished tasks go back to the board (self-claiming, leader)
 *    or to the live worker with the least work (pre-assignment).
 *  - leases: ownership lasts leaseMs from the claim; every reply the board gets from the owner,
 *    and its keep-alives (heartbeat ticks the board hears), renew it. A lease that runs out frees
 *    the task the same way, with no failure detector needed.
 *  - verify: the board runs the task's tests before it accepts `complete`; an agent caught three
 *    times that never passed is distrusted and its tasks freed.
 *  - retries: a lost message is sent again after retryMs (up to maxRetries); a duplicate is
 *    recognised by its id and ignored. Without retries a duplicate is shown twice. The same for
 *    an agent's actions on their way to the board (faults on links "dev2>board"): a lost one is
 *    sent again with its id after retryMs, and the board applies each id once; without retries
 *    a lost action never happens and a copy is applied a second time when it arrives.
 *  - failover (leader structure): when the board suspects the leader, the first live worker in
 *    team order (dev1, then dev2, ...) is elected leader: its own tasks go back to the board and
 *    from its next step it assigns. Each leader has a term; an assign from a leader of an earlier
 *    term (a stalled one that wakes up) is refused, and a deposed leader stands down. Without
 *    failover the team has no leader after a crash and stalls.
 */
import type { Action } from '../protocol/actions';
import type { BoardAction } from './schedule';
import type { Structure, TraceEvent } from '../trace/events';
import type { Task } from '../workload/types';
import { byzantineActions } from './byzantine';
import { BOARD, FaultInjector } from './injector';
import { formatFault } from './text';
import { isBoardLink, type Fault, type FaultSchedule } from './schedule';

export interface FaultHost {
  record(e: TraceEvent): void;
  readonly structure: Structure;
  readonly tasks: readonly Task[];
  /** Worker agent ids in order (a leader is not a worker). */
  readonly workers: readonly string[];
  /** The leader's id, when the structure has one (it heartbeats too, and can fail too). */
  readonly leader?: string;
  /** Unfinished tasks an agent owns. */
  ownedBy(agent: string): string[];
  ownerOf(task: string): string | undefined;
  isDone(task: string): boolean;
  /** Unowned and not done again. */
  release(task: string, t: number): void;
  /** Owned by `to` now, as if pre-assigned. */
  give(task: string, to: string, t: number): void;
  /** The agent goes down (a crash, `kill`: terminate its worker; or distrusted, mid-step) or
   * comes back up (a restart, its memory lost). */
  setDown(agent: string, down: boolean, t: number, why: string, kill: boolean): void;
  /** Failover: this worker leads from its next step. */
  promote(agent: string, t: number): void;
  /** A deposed leader: a worker goes back to work; the team's first leader stands down for good. */
  demote(agent: string, t: number, why: string): void;
}

/** An action the board will receive a second time. */
export interface ActionCopy {
  id: string;
  agent: string;
  action: Extract<Action, { type: BoardAction }>;
  /** What it names, for the trace. */
  about: { task?: string; path?: string };
  /** The round the original was sent in, and the sender's view then (async concurrent writes). */
  round: number;
  viewT?: number;
  attempt: number;
}

export type FaultTimer =
  | { kind: 'fault'; t: number; index: number; phase: 'start' | 'end' }
  | { kind: 'suspect'; t: number; agent: string; version: number }
  | { kind: 'unsuspect'; t: number; agent: string; version: number }
  | { kind: 'lease'; t: number; task: string; version: number }
  | { kind: 'copy'; t: number; copy: ActionCopy };

export interface Delivery {
  /** When it arrives. */
  at: number;
  /** A second copy of the same message (a duplicate fault). */
  copy: boolean;
}

/** Refused completions, with none passed, after which the board stops trusting an agent. */
export const DISTRUST_AFTER = 3;

const TIMER_ORDER: Record<FaultTimer['kind'], number> = { fault: 0, copy: 1, lease: 2, suspect: 3, unsuspect: 4 };

export class FaultController {
  readonly injector: FaultInjector;
  private readonly timers: FaultTimer[] = [];
  private readonly suspected = new Set<string>();
  private readonly down = new Set<string>();
  /** Agents the board no longer trusts (caught lying twice): never unsuspected. */
  private readonly distrusted = new Set<string>();
  private readonly detectorVersion = new Map<string, number>();
  private readonly leases = new Map<string, { owner: string; expires: number; version: number }>();
  private readonly caught = new Map<string, number>();
  /** Accepted completions and whether their tests passed then (ground truth for the metrics). */
  readonly completions: { task: string; agent: string; t: number; ok: boolean }[] = [];
  /** Agents with at least one completion that passed verification. */
  private readonly passed = new Set<string>();
  private leaseSeq = 0;
  /** Failover: who leads now, in which term, and who led before. */
  private leaderNow: string | undefined;
  private term = 1;
  private readonly deposed = new Set<string>();
  /** When each crashed agent went down (the detection delay of an election counts from it). */
  private readonly downAt = new Map<string, number>();
  /** Copies of actions that arrived at the board in the timers just fired, for the host. */
  private copies: { copy: ActionCopy; t: number }[] = [];
  /** Ids of actions the board applied (with retries: a copy with a known id is ignored). */
  private readonly applied = new Set<string>();

  constructor(
    readonly schedule: FaultSchedule,
    runSeed: number,
    private readonly host: FaultHost,
  ) {
    this.injector = new FaultInjector(schedule, runSeed);
    this.leaderNow = host.leader;
  }

  get recovery() {
    return this.schedule.recovery;
  }

  /** Schedule what is known at the start: faults at fixed or random times, the detectors. */
  begin(): void {
    // A fault naming only agents this team does not have (dev3 in a team of two) does nothing.
    const team = new Set(this.allAgents());
    for (const f of this.injector.timed()) if (this.applies(f.fault, team)) this.scheduleFault(f.index, f.start);
    if (this.recovery.heartbeats) for (const a of this.allAgents()) this.watch(a, 0, 0);
    // Failover needs a failure detector on the leader, whether or not the workers are watched.
    else if (this.recovery.failover && this.leaderNow) this.watch(this.leaderNow, 0, 0);
  }

  /** Is this agent's silence watched by a failure detector? */
  private watched(agent: string): boolean {
    return this.recovery.heartbeats || (this.recovery.failover && agent === this.leaderNow);
  }

  private applies(f: Fault, team: Set<string>): boolean {
    const named = faultAgents(f);
    return named.length === 0 || named.some((a) => team.has(a));
  }

  private allAgents(): string[] {
    return [...this.host.workers, ...(this.host.leader ? [this.host.leader] : [])];
  }

  private push(timer: FaultTimer): void {
    let i = this.timers.length;
    const after = (a: FaultTimer, b: FaultTimer) => a.t - b.t || TIMER_ORDER[a.kind] - TIMER_ORDER[b.kind];
    while (i > 0 && after(this.timers[i - 1], timer) > 0) i--;
    this.timers.splice(i, 0, timer);
  }

  private scheduleFault(index: number, start: number): void {
    const f = this.schedule.faults[index];
    this.push({ kind: 'fault', t: start, index, phase: 'start' });
    const end = faultEnd(f, start);
    if (end !== undefined) this.push({ kind: 'fault', t: end, index, phase: 'end' });
  }

  /** When the next timer that still matters is due (undefined: none). */
  nextAt(): number | undefined {
    while (this.timers.length && this.stale(this.timers[0])) this.timers.shift();
    return this.timers[0]?.t;
  }

  /** A renewed lease or a re-armed detector leaves its old timer queued; it does nothing. */
  private stale(x: FaultTimer): boolean {
    if (x.kind === 'lease') return this.leases.get(x.task)?.version !== x.version;
    if (x.kind === 'suspect') return this.detectorVersion.get(x.agent) !== x.version || this.suspected.has(x.agent);
    if (x.kind === 'unsuspect') return this.detectorVersion.get(x.agent) !== x.version || !this.suspected.has(x.agent);
    return false;
  }

  /** Fire every timer due at or before t, in time order. */
  fire(upTo: number): void {
    while (this.timers.length && this.timers[0].t <= upTo) this.handle(this.timers.shift()!);
  }

  /** A timer that can bring an agent back (a restart, a stall or partition ending) is pending. */
  revivalPending(): boolean {
    return this.timers.some((x) => x.kind === 'fault' && x.phase === 'end');
  }

  private handle(timer: FaultTimer): void {
    const { host } = this;
    switch (timer.kind) {
      case 'fault': {
        const f = this.schedule.faults[timer.index];
        const agents = faultAgents(f);
        host.record({
          type: 'fault',
          t: timer.t,
          fault: f.kind,
          phase: timer.phase,
          agents,
          index: timer.index,
          text: describe(f, timer.phase),
          ...(f.kind === 'partition' ? { from: f.from } : {}),
        });
        if (f.kind === 'crash') {
          if (timer.phase === 'start') {
            this.down.add(f.agent);
            this.downAt.set(f.agent, timer.t);
            host.setDown(f.agent, true, timer.t, `crashed (fault ${formatFault(f)})`, true);
          } else {
            this.down.delete(f.agent);
            this.downAt.delete(f.agent);
            host.setDown(f.agent, false, timer.t, 'restarted with its memory lost', false);
            // A leader that lost its office while it was down learns it now.
            if (this.deposed.has(f.agent)) host.demote(f.agent, timer.t, this.deposedWhy(f.agent));
          }
        }
        // Step faults become known only now; a detector watching these agents must look again.
        for (const a of agents) if (this.watched(a) && !this.suspected.has(a)) this.watch(a, timer.t, this.lastTick(timer.t));
        break;
      }
      case 'copy':
        this.arrived(timer.copy, timer.t);
        break;
      case 'suspect': {
        if (this.detectorVersion.get(timer.agent) !== timer.version || this.suspected.has(timer.agent)) return;
        this.suspected.add(timer.agent);
        host.record({ type: 'suspect', t: timer.t, agent: timer.agent, reason: 'timeout', lastHeard: timer.t - this.recovery.timeoutMs });
        if (this.recovery.reassign) this.takeTasks(timer.agent, timer.t, 'suspected');
        if (this.recovery.failover && timer.agent === this.leaderNow) this.elect(timer.t, timer.t - this.recovery.timeoutMs);
        const back = this.injector.nextHeard(timer.agent, timer.t);
        if (back !== undefined) this.push({ kind: 'unsuspect', t: back, agent: timer.agent, version: timer.version });
        break;
      }
      case 'unsuspect': {
        if (this.detectorVersion.get(timer.agent) !== timer.version || !this.suspected.has(timer.agent) || this.distrusted.has(timer.agent)) return;
        if (!this.injector.heartbeatHeard(timer.agent, timer.t)) {
          // Something new (a later fault) keeps it silent: look again from here.
          const back = this.injector.nextHeard(timer.agent, timer.t + 1);
          if (back !== undefined) this.push({ ...timer, t: back });
          return;
        }
        this.suspected.delete(timer.agent);
        host.record({ type: 'unsuspect', t: timer.t, agent: timer.agent });
        // A leader suspected falsely (stalled, cut off) was replaced meanwhile: it stands down.
        if (this.deposed.has(timer.agent) && !this.down.has(timer.agent)) host.demote(timer.agent, timer.t, this.deposedWhy(timer.agent));
        if (this.watched(timer.agent)) this.watch(timer.agent, timer.t + 1, timer.t);
        break;
      }
      case 'lease': {
        const lease = this.leases.get(timer.task);
        if (!lease || lease.version !== timer.version) return;
        // The owner's keep-alives (its heartbeats) renew the lease while the board hears them.
        const heard = this.lastHeardTick(lease.owner, timer.t, this.recovery.leaseMs);
        if (heard !== undefined && heard + this.recovery.leaseMs > timer.t) {
          lease.version = ++this.leaseSeq;
          lease.expires = heard + this.recovery.leaseMs;
          this.push({ kind: 'lease', t: lease.expires, task: timer.task, version: lease.version });
          return;
        }
        this.leases.delete(timer.task);
        if (host.isDone(timer.task) || host.ownerOf(timer.task) !== lease.owner) return;
        host.record({ type: 'lease_expired', t: timer.t, task: timer.task, owner: lease.owner });
        this.moveTask(timer.task, lease.owner, timer.t, 'lease');
        break;
      }
    }
  }

  /** The last heartbeat tick at or before t, no further back than `within`, that the board heard. */
  private lastHeardTick(agent: string, t: number, within: number): number | undefined {
    const hb = this.recovery.heartbeatMs;
    for (let tick = Math.floor(t / hb) * hb; tick > t - within && tick >= 0; tick -= hb) if (this.injector.heartbeatHeard(agent, tick)) return tick;
    return undefined;
  }

  private lastTick(t: number): number {
    const hb = this.recovery.heartbeatMs;
    return Math.floor(t / hb) * hb;
  }

  /** (Re)arm the detector for one agent from `from`, last heard at `lastHeard`. */
  private watch(agent: string, from: number, lastHeard: number): void {
    const version = (this.detectorVersion.get(agent) ?? 0) + 1;
    this.detectorVersion.set(agent, version);
    const at = this.injector.nextSuspicion(agent, from, lastHeard);
    if (at !== undefined) this.push({ kind: 'suspect', t: Math.max(at, from), agent, version });
  }

  private takeTasks(agent: string, t: number, reason: 'suspected' | 'lease' | 'failover'): void {
    for (const task of this.host.ownedBy(agent)) this.moveTask(task, agent, t, reason);
  }

  /**
   * Failover: the leader is suspected; the first live worker in team order leads from now on.
   * Deterministic and visible: no votes to lose, one rule anyone can check on the trace.
   */
  private elect(t: number, lastHeard: number): void {
    const previous = this.leaderNow;
    if (previous === undefined) return;
    const candidates = this.host.workers.filter((w) => w !== previous && !this.down.has(w) && !this.suspected.has(w) && !this.distrusted.has(w));
    if (candidates.length === 0) {
      this.host.record({ type: 'notice', t, level: 'warn', text: `${previous} is suspected but no live worker is left to lead` });
      return;
    }
    const leader = candidates[0];
    this.term++;
    this.deposed.add(previous);
    this.deposed.delete(leader);
    this.leaderNow = leader;
    const failedAt = this.downAt.get(previous);
    this.host.record({ type: 'leader_elected', t, leader, previous, term: this.term, detectMs: t - (failedAt ?? lastHeard), lastHeard });
    // A leader does not code: its own unfinished tasks go back to the board for it to assign.
    this.takeTasks(leader, t, 'failover');
    this.host.promote(leader, t);
    // The board stops dealing with the old leader at once: a round no longer waits for it, and
    // if it was only slow it finds itself fenced off when it wakes.
    this.host.demote(previous, t, this.deposedWhy(previous));
    if (!this.recovery.heartbeats) this.watch(leader, t, this.lastTick(t));
  }

  private deposedWhy(agent: string): string {
    return `${agent} no longer leads: ${this.leaderNow} was elected in its place (term ${this.term})`;
  }

  /**
   * The leader's engine or worker failed and the board saw it (no timeout needed). With failover
   * another leader is elected at once; false means the team has none now.
   */
  leaderFailed(agent: string, t: number): boolean {
    if (!this.recovery.failover || agent !== this.leaderNow) return false;
    this.down.add(agent);
    this.downAt.set(agent, t);
    this.elect(t, t);
    return this.leaderNow !== agent;
  }

  /** The current leader (failover moves it), if the structure has one. */
  get leader(): string | undefined {
    return this.leaderNow;
  }

  /** May this agent assign tasks? Only the leader of the current term: a deposed one is fenced off. */
  assignRefusal(agent: string): string | undefined {
    if (this.leaderNow === undefined || agent === this.leaderNow) return undefined;
    return `${agent} is not the leader: ${this.leaderNow} leads (term ${this.term})`;
  }

  /** Who takes over an orphaned task: the board (self-claiming, leader) or a live worker. */
  private moveTask(task: string, from: string, t: number, reason: 'suspected' | 'lease' | 'failover'): void {
    const { host } = this;
    this.leases.delete(task);
    if (host.structure === 'preassign') {
      const live = host.workers.filter((w) => w !== from && !this.down.has(w) && !this.suspected.has(w));
      if (live.length > 0) {
        const load = (w: string) => host.ownedBy(w).length;
        const to = live.reduce((best, w) => (load(w) < load(best) ? w : best), live[0]);
        host.give(task, to, t);
        host.record({ type: 'reassign', t, task, from, to, reason });
        this.onOwned(task, to, t);
        return;
      }
    }
    host.release(task, t);
    host.record({ type: 'reassign', t, task, from, reason });
  }

  // ---- hooks the step loop calls ----

  /**
   * An agent is due to start its `step`-th step at t. Undefined: go ahead. A time: not now, try
   * again then (Infinity: never; t itself: a fault of this step fires first). A crash, a stall
   * or a partition from the board holds it.
   */
  gateStart(agent: string, step: number, t: number): number | undefined {
    const fired = this.injector.triggerStep(agent, step, t);
    const team = new Set(this.allAgents());
    for (const { index, fault } of fired) if (this.applies(fault, team)) this.scheduleFault(index, t);
    if (fired.length) return t;
    if (this.down.has(agent)) return Infinity;
    const held = this.injector.heldUntil(agent, t);
    if (held > t) return held;
    const reach = this.injector.boardReachableAt(agent, t);
    return reach > t ? reach : undefined;
  }

  /** When a reply that the engine says is due at `due` (step started at startT) really comes. */
  replyDue(agent: string, startT: number, due: number): number {
    const factor = this.injector.slowFactor(agent, startT);
    let at = startT + (due - startT) * factor;
    // A stall that begins during the step holds the reply for as long as it lasts.
    for (let guard = 0; guard < 16; guard++) {
      const stallStart = this.firstStallIn(agent, startT, at);
      if (stallStart === undefined) break;
      const end = this.injector.heldUntil(agent, stallStart);
      if (end === Infinity) break;
      at += end - stallStart;
      startT = end;
    }
    return Math.round(at);
  }

  private firstStallIn(agent: string, from: number, to: number): number | undefined {
    let first: number | undefined;
    for (const f of this.injector.timed()) {
      if (f.fault.kind === 'stall' && f.fault.agent === agent && f.start > from && f.start < to) first = Math.min(first ?? Infinity, f.start);
    }
    return first;
  }

  /** A reply reached the coordinator at t. A reason means the board never got it. */
  replyLost(agent: string, t: number): string | undefined {
    if (this.down.has(agent)) return 'the agent crashed during the step';
    if (this.injector.isPartitioned(agent, BOARD, t)) return 'the agent is cut off from the board';
    if (this.recovery.leases) this.renew(agent, t);
    return undefined;
  }

  /** The actions the board receives from this agent (a Byzantine agent's are rewritten). */
  actionsFrom(agent: string, actions: Action[], t: number, team: readonly string[]): Action[] {
    const mode = this.injector.byzantine(agent, t);
    if (!mode) return actions;
    const notDone = this.host.tasks.filter((x) => !this.host.isDone(x.id)).map((x) => x.id);
    return byzantineActions(actions, mode, { agent, tasks: this.host.tasks, notDone, peers: team.filter((x) => x !== agent) });
  }

  /** The agent now owns the task (a claim, an assignment, a pre-assignment). */
  onOwned(task: string, owner: string, t: number): void {
    if (!this.recovery.leases) return;
    const version = ++this.leaseSeq;
    const expires = t + this.recovery.leaseMs;
    this.leases.set(task, { owner, expires, version });
    this.push({ kind: 'lease', t: expires, task, version });
  }

  private renew(agent: string, t: number): void {
    for (const [task, lease] of this.leases) {
      if (lease.owner !== agent) continue;
      const version = ++this.leaseSeq;
      lease.version = version;
      lease.expires = t + this.recovery.leaseMs;
      this.push({ kind: 'lease', t: lease.expires, task, version });
    }
    // Old lease timers stay queued; their version no longer matches, so they do nothing.
  }

  onDone(task: string): void {
    this.leases.delete(task);
  }

  /** Is completion checked by the board's own test run. */
  get verifies(): boolean {
    return this.recovery.verify;
  }

  /**
   * The board's verification of a completion came back. An agent caught DISTRUST_AFTER times that
   * never once passed is distrusted: honest agents are wrong now and then, a liar always.
   */
  onVerified(agent: string, task: string, ok: boolean, t: number): void {
    if (ok) {
      this.passed.add(agent);
      return;
    }
    const n = (this.caught.get(agent) ?? 0) + 1;
    this.caught.set(agent, n);
    if (n >= DISTRUST_AFTER && !this.passed.has(agent) && !this.distrusted.has(agent)) {
      this.distrusted.add(agent);
      this.suspected.add(agent);
      this.host.record({ type: 'suspect', t, agent, reason: 'verification' });
      this.takeTasks(agent, t, 'suspected');
      // The board stops dealing with it (its worker is left running: it is not dead, it lies).
      this.host.setDown(agent, true, t, `distrusted by the board: caught ${n} times by verification, never passed (last on ${task})`, false);
    }
  }

  /** May this agent take work (claims, assignments)? Not once the board distrusts it. */
  trusted(agent: string): boolean {
    return !this.distrusted.has(agent);
  }

  isSuspected(agent: string): boolean {
    return this.suspected.has(agent);
  }

  isDown(agent: string): boolean {
    return this.down.has(agent);
  }

  // ---- actions on their way to the board ----

  /** Can actions be lost or duplicated on the way to the board in this run? */
  get actionFaults(): boolean {
    return this.injector.hasActionFaults;
  }

  /** The board applied this action (its first delivery). */
  appliedAction(id: string): void {
    this.applied.add(id);
  }

  /** A copy of an applied action will reach the board at t. */
  sendCopy(copy: ActionCopy, t: number): void {
    this.push({ kind: 'copy', t, copy });
  }

  private arrived(copy: ActionCopy, t: number): void {
    const { agent, id, action, about, attempt } = copy;
    // Idempotent actions (with retries): the board knows the id and does not apply it again.
    const ignored = this.recovery.retries && this.applied.has(id);
    this.host.record({ type: 'action_fault', t, agent, id, action: action.type, ...about, fault: 'duplicate', attempt, ...(ignored ? { ignored: true } : {}) });
    if (!ignored) this.copies.push({ copy, t });
  }

  /** Copies that reached the board in the timers just fired, for the host to apply (once). */
  takeCopies(): { copy: ActionCopy; t: number }[] {
    const out = this.copies;
    this.copies = [];
    return out;
  }

  /**
   * How one message travels: every attempt's fate recorded, the deliveries it makes. `channel`
   * says when an attempt sent at a time arrives without faults.
   */
  planMessage(msg: { id: string; from: string; to: string }, sentAt: number, channel: (at: number) => number): Delivery[] {
    const { recovery, host } = this;
    const attempts = recovery.retries ? recovery.maxRetries + 1 : 1;
    for (let attempt = 0; attempt < attempts; attempt++) {
      const at = sentAt + attempt * recovery.retryMs;
      if (attempt > 0) host.record({ type: 'message_retry', t: at, id: msg.id, from: msg.from, to: msg.to, attempt });
      const fate = this.injector.messageFate(msg, at, attempt);
      if (fate.dropped) {
        host.record({ type: 'message_fault', t: at, id: msg.id, from: msg.from, to: msg.to, fault: fate.dropReason === 'partition' ? 'partition' : 'drop', attempt });
        continue;
      }
      const arrive = channel(at) + fate.extraMs;
      if (fate.delayedBy) host.record({ type: 'message_fault', t: at, id: msg.id, from: msg.from, to: msg.to, fault: fate.delayedBy, attempt, ms: fate.extraMs });
      const out: Delivery[] = [{ at: arrive, copy: false }];
      if (fate.duplicateAfterMs !== undefined) {
        const copyAt = arrive + fate.duplicateAfterMs;
        // Idempotent delivery (with retries): the receiver knows the id and drops the copy.
        host.record({ type: 'message_fault', t: copyAt, id: msg.id, from: msg.from, to: msg.to, fault: 'duplicate', attempt, ...(recovery.retries ? { ignored: true } : {}) });
        if (!recovery.retries) out.push({ at: copyAt, copy: true });
      }
      return out;
    }
    return [];
  }
}

function faultAgents(f: Fault): string[] {
  if ('agent' in f) return [f.agent];
  if (f.kind === 'partition') return [...f.agents];
  if ('link' in f) return f.link.split('>').filter((x) => x !== '*' && x !== BOARD);
  return [];
}

function faultEnd(f: Fault, start: number): number | undefined {
  if (f.kind === 'crash') return f.restartMs === undefined ? undefined : start + f.restartMs;
  if ('forMs' in f && f.forMs !== undefined) return start + f.forMs;
  return undefined;
}

function describe(f: Fault, phase: 'start' | 'end'): string {
  switch (f.kind) {
    case 'crash':
      return phase === 'start' ? `${f.agent} crashed` : `${f.agent} restarted, its memory lost`;
    case 'stall':
      return phase === 'start' ? `${f.agent} stalls for ${Math.round(f.forMs / 1000)} s` : `${f.agent} is moving again`;
    case 'slow':
      return phase === 'start' ? `${f.agent} runs ${f.factor}x slower` : `${f.agent} is back to normal speed`;
    case 'partition': {
      const side = f.from === 'peers' ? 'its peers' : f.from === 'board' ? 'the board' : 'everyone';
      return phase === 'start' ? `${f.agents.join(', ')} cut off from ${side}` : `partition of ${f.agents.join(', ')} healed`;
    }
    case 'byzantine': {
      const how = f.mode === 'done' ? 'marks tasks done untested, with wrong code' : f.mode === 'code' ? 'writes plausible wrong code' : 'sends false "done" messages';
      return `${f.agent} turns Byzantine: ${how}`;
    }
    case 'drop': {
      const what = isBoardLink(f.link) ? `${f.action ? `${f.action} ` : ''}actions` : 'messages';
      return phase === 'start' ? `link ${f.link} loses ${Math.round(f.rate * 100)}% of ${what}` : `link ${f.link} stops losing ${what}`;
    }
    case 'delay':
      return phase === 'start' ? `link ${f.link} delays ${Math.round(f.rate * 100)}% of messages by ${f.ms / 1000} s` : `link ${f.link} back to normal`;
    case 'duplicate': {
      const what = isBoardLink(f.link) ? `${f.action ? `${f.action} ` : ''}actions` : 'messages';
      const late = f.ms !== undefined ? `, the copy ${f.ms / 1000} s later` : '';
      return phase === 'start' ? `link ${f.link} duplicates ${Math.round(f.rate * 100)}% of ${what}${late}` : `link ${f.link} back to normal`;
    }
    case 'reorder':
      return phase === 'start' ? `link ${f.link} reorders ${Math.round(f.rate * 100)}% of messages (up to ${f.ms / 1000} s)` : `link ${f.link} back to normal`;
  }
}
