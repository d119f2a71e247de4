/**
 * What a simulated worker decides to do in one reply, from what its prompt shows. The rules
 * are the paper harness's as its models used them: a reply may write several files and
 * complete them at once (a chain in one go), actions apply grouped as the harness applies them
 * (edits, then claims, then completions, then the test run, then notes), and nothing stops an
 * agent from writing a file it does not own. The mechanisms the paper's teams show come out of
 * these choices, each visible in the trace as what it is:
 *  - duplicated work: self-claiming agents start from the same first ready task, write it,
 *    and lose the claim race (a concurrent write and a refused claim);
 *  - blocked claims: a chain's later tasks are claimed before the earlier ones are complete;
 *  - rework: after a failing whole-suite test run an agent rewrites a failing file, its own or
 *    a teammate's (rewrites, and concurrent writes when two fix the same file in one round);
 *  - idle replies: status talk and waiting, more of it in bigger self-organising teams.
 */
import type { Action } from '../protocol/actions';
import type { Rng } from '../random';
import type { SimBehaviour } from './presets';
import type { BoardRow } from '../protocol/observation';
import type { PromptView } from './readPrompt';

/** What an agent remembers between its replies (a model's own conversation). */
export interface AgentMemory {
  /** This agent's chance of an idle reply, drawn once per run. */
  idle: number;
  /** Derailed: the agent has lost the thread and only re-tests and re-edits what it already
   * wrote (the paper's failed runs loop until the round budget). */
  stuck: boolean;
  /** Pre-assigned agents claim everything they were given once, at the start. */
  claimedMine: boolean;
  /** Tasks written and waiting for a passing test run before being completed. */
  awaiting: Set<string>;
  /** Tasks whose file this agent has written. */
  wrote: Set<string>;
}

export interface ReplyPlan {
  actions: Action[];
  /** Why the reply looks the way it does, for the reply text (a model's own words). */
  note: string;
}

export function newMemory(b: SimBehaviour, rng: Rng): AgentMemory {
  // A per-agent, per-run disposition: some runs of the same model are much lazier than others.
  const idle = Math.min(0.95, Math.max(0, b.idle + b.idleSpread * rng.normal()));
  return { idle, stuck: false, claimedMine: false, awaiting: new Set(), wrote: new Set() };
}

// Agents that read the same board (readPrompt shares its rows) share its index too.
const rowIndex = new WeakMap<readonly BoardRow[], ReadonlyMap<string, BoardRow>>();
function indexRows(board: readonly BoardRow[]): ReadonlyMap<string, BoardRow> {
  let index = rowIndex.get(board);
  if (!index) rowIndex.set(board, (index = new Map(board.map((r) => [r.id, r]))));
  return index;
}

export function planReply(v: PromptView, mem: AgentMemory, b: SimBehaviour, rng: Rng, code: (task: string) => string): ReplyPlan {
  return new ReplyPlanner(v, mem, b, rng, code).plan();
}

/**
 * One reply's planning. A class rather than closures over locals: the step loop plans a reply
 * for every simulated step, and per-call closures were a measurable share of a sweep's time.
 */
class ReplyPlanner {
  private readonly rows: ReadonlyMap<string, BoardRow>;
  private readonly n: number;
  private readonly selfClaim: boolean;
  private readonly me: string;
  private readonly edits: Action[] = [];
  private readonly claims: Action[] = [];
  private readonly completes: Action[] = [];
  private readonly notes: Action[] = [];
  private readonly written = new Set<string>();
  private readonly why: string[] = [];
  private readonly failing = new Set<string>();
  private suiteKnown = false;
  private runTests = false;

  constructor(
    private readonly v: PromptView,
    private readonly mem: AgentMemory,
    private readonly b: SimBehaviour,
    private readonly rng: Rng,
    private readonly code: (task: string) => string,
  ) {
    this.rows = indexRows(v.board);
    this.n = Math.max(1, v.team.length);
    this.selfClaim = v.structure === 'decentralized' || v.structure === 'single';
    this.me = v.agentId;
  }

  private done(id: string): boolean {
    return this.rows.get(id)?.status === 'done';
  }

  private depsDone(id: string): boolean {
    for (const d of this.rows.get(id)?.dependencies ?? []) if (!this.done(d)) return false;
    return true;
  }

  private write(id: string): void {
    if (this.written.has(id)) return;
    this.written.add(id);
    this.mem.wrote.add(id);
    this.edits.push({ type: 'write', path: this.rows.get(id)?.file ?? '', content: this.code(id) });
  }

  private finish(id: string): void {
    if (this.rng.next() < this.b.testFirst) this.mem.awaiting.add(id);
    else this.completes.push({ type: 'complete', task: id });
  }

  private passed(id: string): boolean {
    const t = this.v.taskTests;
    return id in t ? t[id] : this.suiteKnown && !this.failing.has(id);
  }

  plan(): ReplyPlan {
    const { v, mem, b, rng, rows, n, selfClaim, me, edits, claims, why, failing } = this;
    // Test results this agent saw: a whole-suite run names its failing tasks (everything else
    // passed); a one-task run speaks for that task only.
    for (const id of v.suiteTest?.failing ?? []) failing.add(id);
    for (const id in v.taskTests) if (!v.taskTests[id]) failing.add(id);
    this.suiteKnown = !!v.suiteTest && (v.suiteTest.failed === 0 || v.suiteTest.failing.length > 0);
    // Tasks written earlier and waiting for their tests: complete the ones that now pass.
    for (const id of [...mem.awaiting]) {
      const row = rows.get(id);
      if (!row || row.status === 'done' || (row.owner && row.owner !== me)) {
        mem.awaiting.delete(id);
        continue;
      }
      if (this.passed(id)) {
        mem.awaiting.delete(id);
        if (!row.owner && selfClaim) claims.push({ type: 'claim', task: id });
        this.completes.push({ type: 'complete', task: id });
        why.push(`${id} passes its tests`);
      }
    }

    const peers = selfClaim ? n - 1 : 0;
    if (!mem.stuck && rng.next() < b.derail[selfClaim ? 'decentralized' : 'preassign'] * (1 + b.derailPerPeer * peers)) mem.stuck = true;
    if (mem.stuck) {
      // A derailed agent loops: it rewrites something it already worked on and re-runs the
      // tests, or talks, and completes nothing (ping-pong edits when a teammate does the same).
      // It holds on to a task: one it owns, or one it grabs now and never lets go of.
      const heldNow = v.board.some((r) => r.owner === me && r.status !== 'done');
      const grab = v.board.find((r) => r.status === 'ready' && selfClaim);
      if (!heldNow && grab) {
        claims.push({ type: 'claim', task: grab.id });
        this.write(grab.id);
      }
      const touched = v.board.filter((r) => r.owner === me || failing.has(r.id)).map((r) => r.id);
      if (touched.length && rng.next() < 0.5) this.write(touched[rng.int(touched.length)]);
      this.runTests = rng.next() < b.testRate;
      if (n > 1 && rng.next() < b.chatter) this.notes.push({ type: 'message', to: 'all', text: 'still working on it' });
      why.push('going round in circles');
      return this.assemble();
    }
    const idleP = Math.min(0.97, mem.idle + b.idlePerPeer * peers);
    if (rng.next() < idleP) {
      // A reply that does no work: it re-reads the board, asks around or waits.
      if (mem.awaiting.size > 0 || rng.next() < b.testRate * 0.3) this.runTests = true;
      if (n > 1 && selfClaim && rng.next() < b.chatter) this.notes.push({ type: 'message', to: 'all', text: 'status: reading the board and the test output' });
      why.push('checking where things stand');
      return this.assemble();
    }

    // Rework: after failing tests, rewrite a failing file: one of its own (what it wrote or
    // holds) first, a teammate's sometimes.
    if (failing.size > 0 && rng.next() < b.fixRate) this.fixFailing();

    // Self-organising teams rework each other's files: an agent reviews what a teammate wrote and
    // "improves" it (a rewrite; a concurrent write when the owner touches it in the same round;
    // ping-pong when the new version is wrong and the owner fixes it back). More teammates, more
    // of it, and a reply spent on rework does no new work.
    if (selfClaim && peers > 0 && rng.next() < Math.min(0.85, b.meddle * peers)) {
      const theirs = v.board.filter((r) => r.owner && r.owner !== me && !this.written.has(r.id)).map((r) => r.id);
      for (let k = rng.next() < 0.8 ? 1 : 2; k > 0 && theirs.length; k--) {
        const id = theirs.splice(rng.int(theirs.length), 1)[0];
        this.write(id);
        why.push(`reworking ${id} (${rows.get(id)!.owner}'s file)`);
      }
      if (edits.length && rng.next() < 0.2) {
        if (rng.next() < b.testRate) this.runTests = true;
        return this.assemble();
      }
    }

    if (!selfClaim) this.assignedWork();
    else this.selfClaimedWork();

    if (mem.awaiting.size > 0 || (edits.length > 0 && rng.next() < b.testRate)) this.runTests = true;
    return this.assemble();
  }

  private fixFailing(): void {
    const { mem, b, rng, rows, me, why, failing } = this;
    const fixable = [...failing].filter((id) => rows.has(id));
    const own = fixable.filter((id) => rows.get(id)!.owner === me || (!rows.get(id)!.owner && mem.wrote.has(id)));
    const others = fixable.filter((id) => !own.includes(id) && rows.get(id)!.owner !== undefined);
    let pool = own.length && !(others.length && rng.next() < b.fixOthers) ? own : others;
    // Most of the time the model finds a root cause: a failing task whose dependencies pass.
    const roots = pool.filter((id) => !(rows.get(id)!.dependencies ?? []).some((d) => failing.has(d)));
    if (roots.length && rng.next() < 0.75) pool = roots;
    if (!pool.length) return;
    let id = pool[rng.int(pool.length)];
    // A file that fails although rewritten may be failing because of what it imports: half
    // the time the model looks one level down, at a dependency it wrote itself.
    const mineBelow = (rows.get(id)!.dependencies ?? []).filter((d) => mem.wrote.has(d) || rows.get(d)?.owner === me);
    if (mem.wrote.has(id) && mineBelow.length && rng.next() < 0.5) id = mineBelow[rng.int(mineBelow.length)];
    const owner = rows.get(id)!.owner;
    this.write(id);
    why.push(`fixing ${id} after failing tests${owner && owner !== me ? ` (${owner}'s file)` : ''}`);
    if ((owner === me || !owner) && rows.get(id)!.status !== 'done') mem.awaiting.add(id);
  }

  /** Pre-assigned or leader-assigned: work down its own list. */
  private assignedWork(): void {
    const { v, mem, b, rng, rows, n, me, edits, claims, why } = this;
    const mine = v.mine.filter((id) => !this.done(id));
    if (v.structure === 'preassign' && !mem.claimedMine && mine.length) {
      // The paper's pre-assigned agents claim what they were given, all at once: every task
      // of a chain after the first is refused as blocked.
      mem.claimedMine = true;
      for (const id of mine) claims.push({ type: 'claim', task: id });
    }
    const batch: string[] = [];
    for (const id of mine) {
      if (batch.length >= b.batch.preassign) break;
      if (mem.awaiting.has(id) || this.written.has(id)) continue;
      const deps = rows.get(id)?.dependencies ?? [];
      if (deps.every((d) => this.done(d) || batch.includes(d) || mem.awaiting.has(d))) batch.push(id);
    }
    for (const id of batch) {
      this.write(id);
      this.finish(id);
    }
    if (batch.length) why.push(`writing ${batch.join(', ')}`);
    else if (!edits.length && !mine.length && n > 1 && rng.next() < b.meddle * 4) {
      // Nothing left of its own: it "helps" with a teammate's unfinished task, writing that
      // file too (the pre-assigned teams' few concurrent writes and rewrites).
      const open = v.board.filter((r) => r.status !== 'done' && r.owner && r.owner !== me && this.depsDone(r.id));
      if (open.length) {
        const r = open[rng.int(open.length)];
        this.write(r.id);
        why.push(`helping with ${r.id} (${r.owner}'s task)`);
      }
    } else if (!edits.length) why.push(mine.length ? 'waiting for what my tasks need' : 'nothing left for me');
  }

  /** Self-organising: finish what it wrote, then take ready tasks off the board. */
  private selfClaimedWork(): void {
    const { v, mem, b, rng, rows, n, me, edits, claims, why } = this;
    // Files it already wrote whose task is now ready (a chain link whose claim came too early,
    // a completion refused): claim and complete them, rewriting now and then. The harness
    // applies claims before completions, so a chain advances one link per reply this way.
    // One pass for both lists: finishing a task of `ownReady` cannot change `ready`, which
    // holds only tasks this agent has not written.
    const ownReady: BoardRow[] = [];
    const ready: string[] = [];
    for (const r of v.board) {
      if (r.status === 'done') continue;
      const wrote = mem.wrote.has(r.id);
      if (wrote && (r.status === 'ready' || r.owner === me) && !mem.awaiting.has(r.id) && this.depsDone(r.id)) ownReady.push(r);
      else if (!wrote && r.status === 'ready' && !mem.awaiting.has(r.id)) ready.push(r.id);
    }
    for (const r of ownReady) {
      if (r.owner !== me) claims.push({ type: 'claim', task: r.id });
      if (rng.next() < 0.3) this.write(r.id);
      this.finish(r.id);
    }
    if (ownReady.length) why.push(`completing ${ownReady.map((r) => r.id).join(', ')}`);
    const batch: string[] = [];
    if (ready.length) {
      // Herding: most agents read the board top-down and start from the same task.
      const start = rng.next() < b.herd ? ready[0] : ready[rng.int(ready.length)];
      batch.push(start);
      // Carry on down chains (a task whose dependencies are in this batch) and the board.
      for (const r of v.board) {
        if (batch.length >= b.batch.decentralized) break;
        if (batch.includes(r.id) || r.status === 'done' || (r.owner && r.owner !== me) || mem.awaiting.has(r.id) || mem.wrote.has(r.id)) continue;
        if (r.dependencies.every((d) => this.done(d) || batch.includes(d) || mem.wrote.has(d))) batch.push(r.id);
      }
    }
    for (const id of batch) {
      if (rows.get(id)!.owner !== me) claims.push({ type: 'claim', task: id });
      this.write(id);
      this.finish(id);
    }
    if (batch.length) {
      why.push(`taking ${batch.join(', ')}`);
      if (n > 1 && rng.next() < b.chatter) this.notes.push({ type: 'message', to: 'all', text: `taking ${batch.join(', ')}` });
    } else if (!edits.length && !ownReady.length) {
      const blocked = v.board.find((r) => r.status === 'blocked');
      // Eager agents claim work whose dependencies are not done yet: a blocked claim.
      if (blocked && rng.next() < 0.35) claims.push({ type: 'claim', task: blocked.id });
      why.push('no ready task');
    }
  }

  private assemble(): ReplyPlan {
    const { mem, b, why } = this;
    const actions: Action[] = [...this.edits, ...once(this.claims), ...once(this.completes)];
    if (this.runTests) {
      let test: Action | undefined;
      if (b.testScope === 'suite') test = { type: 'run_tests' };
      else {
        const task = [...this.written].find((id) => mem.awaiting.has(id)) ?? [...this.written][0] ?? [...mem.awaiting][0];
        if (task) test = { type: 'run_tests', task };
      }
      if (test) actions.push(test);
    }
    actions.push(...this.notes);
    if (actions.length === 0) actions.push({ type: 'wait', reason: why.join('; ') || 'nothing to do' });
    return { actions, note: why.join('; ') };
  }
}

/** The list without repeats of the same task (claims or completions). */
function once(list: Action[]): Action[] {
  if (list.length < 2) return list;
  return list.filter((a, i) => list.findIndex((x) => x.type === a.type && 'task' in x && 'task' in a && x.task === a.task) === i);
}

/**
 * A small model's reply has at most `max` actions. Notes go first, then claims, then edits,
 * then completions (latest first within a kind); the test run is never pushed out by talk (an
 * artifact the paper comparison found).
 */
export function fitToLimit(actions: Action[], max: number): Action[] {
  let out = actions.slice();
  for (const kind of ['message', 'claim', 'write', 'complete'] as const) {
    while (out.length > max) {
      const i = out.map((a) => a.type).lastIndexOf(kind);
      if (i < 0) break;
      out = out.filter((_, j) => j !== i);
    }
  }
  return out.slice(0, max);
}
