import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../src/core/clock';
import type { AgentEngine, GenerateRequest, GenerateResult } from '../../src/core/engine';
import { EngineError } from '../../src/core/engine';
import { CachedTestRunner } from '../../src/core/harness/cachedRunner';
import { simulateRun } from '../../src/core/sim/simulate';
import { Agent } from '../../src/core/team/agent';
import { runTeam } from '../../src/core/team/runTeam';
import type { RunConfig, TraceEvent } from '../../src/core/trace/events';
import { NodeTestRunner } from '../../src/platform/nodeTestRunner';
import { tinySuite } from '../fixtures/tinySuite';

const tests = new CachedTestRunner(new NodeTestRunner());
const config = (over: Partial<RunConfig> = {}): RunConfig => ({
  suite: 'tiny',
  structure: 'decentralized',
  n: 1,
  mode: 'sync',
  seed: 1,
  engine: 'scripted',
  maxRounds: 10,
  maxTimeMs: 0,
  locks: true,
  ...over,
});

/** An engine that replies with the given texts in order, each taking `ms`. */
class Scripted implements AgentEngine {
  readonly kind = 'fake' as const;
  readonly model = 'scripted';
  prompts: string[] = [];
  constructor(
    private readonly replies: (string | Error)[],
    private readonly ms = 1000,
  ) {}
  async generate(req: GenerateRequest): Promise<GenerateResult> {
    this.prompts.push(req.prompt);
    const next = this.replies.shift() ?? '{"actions":[{"type":"wait"}]}';
    if (next instanceof Error) throw next;
    return { text: next, usage: { promptTokens: 100, completionTokens: 10 }, timings: { totalMs: this.ms } };
  }
}

const ofType = <K extends TraceEvent['type']>(ev: TraceEvent[], type: K) => ev.filter((e): e is Extract<TraceEvent, { type: K }> => e.type === type);
const ref = (id: string) => tinySuite.tasks.find((t) => t.id === id)!.reference!;
const act = (...actions: object[]) => JSON.stringify({ actions });

describe('the step loop', () => {
  it('runs one agent through claim, write, test and complete, and reports success and correctness', async () => {
    const replies: string[] = [];
    for (const id of ['t01', 't03', 't04', 't02']) {
      const t = tinySuite.tasks.find((x) => x.id === id)!;
      replies.push(act({ type: 'claim', task: id }, { type: 'write', path: t.file, content: ref(id) }, { type: 'run_tests', task: id }));
      replies.push(act({ type: 'complete', task: id }));
    }
    const engine = new Scripted(replies);
    const ev = await runTeam({ suite: tinySuite, config: config(), agents: [new Agent({ id: 'dev1', role: 'worker', engine })], clock: new VirtualClock(), testRunner: tests });
    const end = ev.at(-1)!;
    expect(end).toMatchObject({ type: 'run_end', reason: 'done', success: true, correct: true, rounds: 8 });
    // Eight one-second steps plus four modelled test runs (300 ms + 20 ms per case; t01 and t02
    // have two cases, t03 and t04 one).
    expect(end.t).toBe(8 * 1000 + 2 * 340 + 2 * 320);
    expect(ofType(ev, 'test_run').every((r) => r.failed === 0)).toBe(true);
    expect(ofType(ev, 'round_start').map((r) => r.t)).toEqual([0, 1340, 2340, 3660, 4660, 5980, 6980, 8320]);
    // The second prompt shows the last test result to the agent.
    expect(engine.prompts[1]).toMatch(/Last test run \(file version 1\): 2 passed, 0 failed/);
  });

  it('turns malformed output into a protocol_error the agent sees next step, and goes on', async () => {
    const engine = new Scripted(['this is not json', act({ type: 'wait' })]);
    const ev = await runTeam({ suite: tinySuite, config: config({ maxRounds: 2 }), agents: [new Agent({ id: 'dev1', role: 'worker', engine })], clock: new VirtualClock(), testRunner: tests });
    const errs = ofType(ev, 'protocol_error');
    expect(errs).toHaveLength(1);
    expect(errs[0].reason).toMatch(/no actions|JSON|action/i);
    expect(engine.prompts[1]).toContain('part of your reply was rejected');
    expect(ev.at(-1)).toMatchObject({ reason: 'round_budget', success: false, rounds: 2 });
  });

  it('reports a failing test and lets the agent rewrite', async () => {
    const wrong = tinySuite.tasks[2].wrong!;
    const engine = new Scripted([
      act({ type: 'claim', task: 't03' }, { type: 'write', path: 'src/negate.js', content: wrong }, { type: 'run_tests', task: 't03' }),
      act({ type: 'write', path: 'src/negate.js', content: ref('t03') }, { type: 'run_tests', task: 't03' }),
    ]);
    const ev = await runTeam({ suite: tinySuite, config: config({ maxRounds: 2 }), agents: [new Agent({ id: 'dev1', role: 'worker', engine })], clock: new VirtualClock(), testRunner: tests });
    const runs = ofType(ev, 'test_run');
    expect(runs.map((r) => r.failed)).toEqual([1, 0]);
    expect(runs[0].results[0].error).toMatch(/-2|2/);
    expect(engine.prompts[1]).toMatch(/0 passed, 1 failed/);
    expect(ofType(ev, 'write').map((w) => w.rewrite)).toEqual([false, true]);
  });

  it('races two agents for one task: one claim wins, the other is a lost race and a concurrent write', async () => {
    const both = act({ type: 'claim', task: 't03' }, { type: 'write', path: 'src/negate.js', content: ref('t03') });
    const a = new Agent({ id: 'dev1', role: 'worker', engine: new Scripted([both], 1000) });
    const b = new Agent({ id: 'dev2', role: 'worker', engine: new Scripted([both], 1500) });
    const ev = await runTeam({ suite: tinySuite, config: config({ n: 2, maxRounds: 1, locks: false }), agents: [a, b], clock: new VirtualClock(), testRunner: tests });
    expect(ofType(ev, 'claim').map((c) => [c.agent, c.ok, c.reason])).toEqual([
      ['dev1', true, undefined],
      ['dev2', false, 'taken'],
    ]);
    expect(ofType(ev, 'write').map((w) => [w.agent, w.concurrent])).toEqual([
      ['dev1', false],
      ['dev2', true],
    ]);
    // The round ends at the slower agent's reply: the barrier.
    expect(ofType(ev, 'round_end')[0].t).toBe(1500);
  });

  it('a failed engine marks its agent failed; a decentralized team goes on without it', async () => {
    const bad = new Agent({ id: 'dev1', role: 'worker', engine: new Scripted([new EngineError('device_lost', 'GPU device was lost')]) });
    const good = new Agent({ id: 'dev2', role: 'worker', engine: new Scripted([], 1000) });
    const ev = await runTeam({ suite: tinySuite, config: config({ n: 2, maxRounds: 3 }), agents: [bad, good], clock: new VirtualClock(), testRunner: tests });
    expect(ofType(ev, 'agent_failed')).toMatchObject([{ agent: 'dev1', error: 'GPU device was lost' }]);
    expect(ofType(ev, 'round_start')).toHaveLength(3);
    expect(ofType(ev, 'step_start').filter((s) => s.agent === 'dev1')).toHaveLength(1);
    expect(ev.at(-1)).toMatchObject({ reason: 'round_budget' });
  });

  it('under pre-assignment a failed agent stops the run cleanly, with the reason', async () => {
    const bad = new Agent({ id: 'dev1', role: 'worker', engine: new Scripted([new Error('worker crashed')]) });
    const good = new Agent({ id: 'dev2', role: 'worker', engine: new Scripted([], 1000) });
    const ev = await runTeam({ suite: tinySuite, config: config({ n: 2, structure: 'preassign' }), agents: [bad, good], clock: new VirtualClock(), testRunner: tests });
    expect(ev.at(-1)).toMatchObject({ type: 'run_end', reason: 'error', success: false });
    expect((ev.at(-1) as { detail?: string }).detail).toContain('dev1 failed: worker crashed');
  });

  it('stops when asked, and the run ends as stopped', async () => {
    const ac = new AbortController();
    ac.abort();
    const ev = await runTeam({ suite: tinySuite, config: config(), agents: [new Agent({ id: 'dev1', role: 'worker', engine: new Scripted([]) })], clock: new VirtualClock(), testRunner: tests, signal: ac.signal });
    expect(ev.at(-1)).toMatchObject({ reason: 'stopped' });
  });

  it('a leader assigns ready tasks and workers do them', async () => {
    const ev = await simulateRun({ suite: tinySuite, structure: 'leader', n: 2, seed: 5, testRunner: tests, errorRate: 0 });
    const assigns = ofType(ev, 'assign').filter((a) => a.ok);
    expect(assigns.length).toBeGreaterThanOrEqual(4);
    expect(new Set(assigns.map((a) => a.agent))).toEqual(new Set(['lead']));
    // Workers never claim on their own under a leader.
    expect(ofType(ev, 'claim').filter((c) => c.ok)).toHaveLength(0);
    expect(ev.at(-1)).toMatchObject({ success: true });
  });
});

describe('determinism', () => {
  for (const structure of ['single', 'preassign', 'leader', 'decentralized'] as const) {
    for (const mode of ['sync', 'async'] as const) {
      it(`${structure} ${mode}: the same seed gives an identical trace`, async () => {
        const n = structure === 'single' ? 1 : 3;
        const a = await simulateRun({ suite: tinySuite, structure, n, mode, seed: 11, testRunner: tests });
        const b = await simulateRun({ suite: tinySuite, structure, n, mode, seed: 11, testRunner: new NodeTestRunner() });
        expect(JSON.stringify(b)).toBe(JSON.stringify(a));
        const c = await simulateRun({ suite: tinySuite, structure, n, mode, seed: 12, testRunner: tests });
        expect(JSON.stringify(c)).not.toBe(JSON.stringify(a));
      });
    }
  }
});

describe('a stalled model on a wall clock', () => {
  it('is interrupted after the step time limit; the step is lost, the agent goes on', async () => {
    const { WallClock } = await import('../../src/platform/wallClock');
    let calls = 0;
    let interrupts = 0;
    let abort: (() => void) | undefined;
    const engine: AgentEngine = {
      kind: 'fake',
      model: 'stalls once',
      async generate() {
        calls++;
        if (calls === 1) await new Promise<void>((_, reject) => (abort = () => reject(new EngineError('interrupted', 'interrupted'))));
        return { text: act({ type: 'wait' }), usage: { promptTokens: 1, completionTokens: 1 }, timings: { totalMs: 0 } };
      },
      interrupt() {
        interrupts++;
        abort?.();
      },
    };
    // 1000 clock ms per real ms: the 5 s limit passes in a few real milliseconds.
    const ev = await runTeam({
      suite: tinySuite,
      config: config({ maxRounds: 2 }),
      agents: [new Agent({ id: 'dev1', role: 'worker', engine })],
      clock: new WallClock(1000),
      testRunner: tests,
      stepTimeoutMs: 5000,
    });
    expect(interrupts).toBe(1);
    expect(ofType(ev, 'protocol_error').map((e) => e.reason)).toEqual(['no reply within 5 s; the step was interrupted']);
    expect(ofType(ev, 'agent_failed')).toHaveLength(0);
    expect(ofType(ev, 'step_end')).toHaveLength(1);
    expect(ev.at(-1)).toMatchObject({ type: 'run_end', reason: 'round_budget', rounds: 2 });
  });
});
