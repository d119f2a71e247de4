/**
 * The simulated team's mechanisms, one at a time, each as it shows in the trace: batched
 * replies, whole-suite test runs that block, rework in self-organising teams, pre-assigned
 * agents' blocked claims, runs that derail, no talk to nobody, latency that follows the work.
 */
import { describe, expect, it } from 'vitest';
import { CachedTestRunner } from '../../src/core/harness/cachedRunner';
import { computeRunMetrics } from '../../src/core/metrics/runMetrics';
import type { Action } from '../../src/core/protocol/actions';
import { parseActions } from '../../src/core/protocol/parse';
import { stepPrompt, systemPrompt } from '../../src/core/protocol/prompts';
import { createRng } from '../../src/core/random';
import { fitToLimit, newMemory, planReply } from '../../src/core/sim/behaviour';
import { simPreset, type SimPreset } from '../../src/core/sim/presets';
import { readPrompt } from '../../src/core/sim/readPrompt';
import { SimEngine, toTags } from '../../src/core/sim/simEngine';
import { simulateRun } from '../../src/core/sim/simulate';
import type { TraceEvent } from '../../src/core/trace/events';
import { findSuite } from '../../src/core/workload/suites';
import { NodeTestRunner } from '../../src/platform/nodeTestRunner';
import { tinySuite } from '../fixtures/tinySuite';

const runner = new CachedTestRunner(new NodeTestRunner());
const math = (p: number) => findSuite('math', p)!;
const of = <K extends TraceEvent['type']>(events: TraceEvent[], type: K) => events.filter((e): e is Extract<TraceEvent, { type: K }> => e.type === type);

describe('batched replies (hosted presets)', () => {
  it('one reply writes a whole pre-assigned chain and completes it, in the harness tags, with no protocol error', async () => {
    const events = await simulateRun({ suite: math(0.5), structure: 'preassign', n: 1, preset: 'claude-sonnet-4-6', seed: 1, maxRounds: 60, testRunner: runner });
    const big = of(events, 'step_end').find((e) => e.actions.filter((a) => a.type === 'write').length >= 5);
    expect(big, 'a reply with five or more edits').toBeDefined();
    expect(big!.text).toMatch(/^<edit_file path="src\//);
    expect(of(events, 'protocol_error').filter((e) => e.step === big!.step)).toEqual([]);
    const completedThere = of(events, 'complete').filter((e) => e.ok && e.round === big!.round);
    expect(completedThere.length).toBeGreaterThanOrEqual(5);
  }, 60_000);

  it('the board still refuses claims whose dependencies are not done: a pre-assigned chain of 10 gives 9 blocked claims', async () => {
    const events = await simulateRun({ suite: math(0.5), structure: 'preassign', n: 2, preset: 'claude-sonnet-4-6', seed: 3, maxRounds: 60, testRunner: runner });
    const blocked = of(events, 'claim').filter((e) => !e.ok && e.reason === 'blocked');
    expect(blocked).toHaveLength(9);
    expect(computeRunMetrics(events).success).toBe(true);
  }, 60_000);

  it('the small-model preset keeps to four JSON actions, and a note is dropped before the test run', () => {
    const acts: Action[] = [
      { type: 'write', path: 'src/a.js', content: 'a' },
      { type: 'claim', task: 't01' },
      { type: 'complete', task: 't01' },
      { type: 'run_tests', task: 't01' },
      { type: 'message', to: 'all', text: 'done t01' },
    ];
    expect(fitToLimit(acts, 4)).toEqual(acts.slice(0, 4));
    expect(fitToLimit([...acts.slice(0, 3), { type: 'claim', task: 't02' }, { type: 'run_tests' }], 4)).toEqual([acts[0], acts[1], acts[2], { type: 'run_tests' }]);
  });
});

describe('whole-suite test runs block', () => {
  it('two whole-suite runs never overlap; the later one waits, shown as waiting for the test suite, and the round ends after it', async () => {
    const events = await simulateRun({ suite: math(0.9), structure: 'decentralized', n: 3, preset: 'gemini-3-flash', seed: 2, maxRounds: 60, testRunner: runner });
    const suiteRuns = of(events, 'test_run').filter((e) => e.task === undefined);
    expect(suiteRuns.length).toBeGreaterThan(3);
    const sorted = [...suiteRuns].sort((a, b) => a.t - b.t);
    for (let i = 1; i < sorted.length; i++) expect(sorted[i].t).toBeGreaterThanOrEqual(sorted[i - 1].t + sorted[i - 1].durationMs);
    expect(of(events, 'agent_state').some((e) => e.state === 'waiting_lock' && /test suite/.test(e.detail ?? ''))).toBe(true);
    const ends = new Map(of(events, 'round_end').map((e) => [e.round, e.t]));
    for (const r of suiteRuns) if (ends.has(r.round)) expect(ends.get(r.round)!).toBeGreaterThanOrEqual(r.t + r.durationMs);
  }, 60_000);

  it("a whole-suite run's feedback names the failing tasks, and the simulated agent reads them", () => {
    const v = readPrompt(['You are dev1. Team: dev1, dev2. Structure: decentralized. Round 2.', '', '## Results of your last step', '- tests of all tasks: 8 passed, 3 failed (src/b.js does not exist yet); failing: t02, t04'].join('\n'));
    expect(v.team).toEqual(['dev1', 'dev2']);
    expect(v.suiteTest).toEqual({ passed: 8, failed: 3, failing: ['t02', 't04'] });
  });
});

describe('self-organising teams redo work', () => {
  it('lost races still write (duplicated work), agents rewrite teammates\u2019 files, and files are written by two agents in one round', async () => {
    const events = await simulateRun({ suite: math(0.5), structure: 'decentralized', n: 3, preset: 'claude-sonnet-4-6', seed: 1, maxRounds: 60, testRunner: runner });
    const m = computeRunMetrics(events);
    expect(m.concurrentWrites).toBeGreaterThan(3);
    expect(m.rewrites).toBeGreaterThan(5);
    // A claim lost to a teammate (taken, or already completed by the one who replied first) in a
    // step that also wrote that task's file: the duplicated task.
    const lost = of(events, 'claim').filter((e) => !e.ok && (e.reason === 'taken' || e.reason === 'done'));
    const writes = of(events, 'write');
    const file = (task: string) => math(0.5).tasks.find((t) => t.id === task)!.file;
    expect(lost.some((c) => writes.some((w) => w.agent === c.agent && w.round === c.round && w.path === file(c.task)))).toBe(true);
    // Somebody wrote a file whose task a teammate had completed: rework of another's work.
    const doneBy = new Map<string, { agent: string; t: number }>();
    for (const c of of(events, 'complete')) if (c.ok) doneBy.set(file(c.task), { agent: c.agent, t: c.t });
    expect(writes.some((w) => doneBy.has(w.path) && doneBy.get(w.path)!.agent !== w.agent && w.t > doneBy.get(w.path)!.t)).toBe(true);
  }, 60_000);

  it('never broadcasts to nobody: a team of one sends no message', async () => {
    for (const preset of ['claude-sonnet-4-6', 'gpt-5.2', 'laptop']) {
      const events = await simulateRun({ suite: tinySuite, structure: 'decentralized', n: 1, preset, seed: 4, maxRounds: 30, testRunner: runner });
      expect(of(events, 'message_send')).toEqual([]);
    }
  }, 60_000);
});

describe('runs can fail', () => {
  const derailing = (): SimPreset => {
    const p = simPreset('gpt-5.2');
    return { ...p, behaviour: { ...p.behaviour, idle: 0, idleSpread: 0, derail: { preassign: 1, decentralized: 1 } } };
  };

  it('a derailed agent loops: it grabs a ready task and holds it, re-edits and re-tests, but completes nothing', () => {
    const b = derailing().behaviour;
    const rng = createRng(9);
    const mem = newMemory(b, rng);
    const obs = {
      agentId: 'dev1', role: 'worker' as const, structure: 'decentralized' as const, round: 1, step: 1, team: ['dev1', 'dev2'],
      board: tinySuite.tasks.map((t) => ({ id: t.id, title: t.title, file: t.file, dependencies: t.dependencies, status: t.dependencies.length ? ('blocked' as const) : ('ready' as const) })),
      mine: [], inbox: [], feedback: [],
    };
    const v = readPrompt(stepPrompt(obs, []));
    for (let i = 0; i < 10; i++) {
      const { actions } = planReply(v, mem, b, rng, () => 'export const x = 1;\n');
      expect(actions.filter((a) => a.type === 'complete')).toEqual([]);
      for (const a of actions) if (a.type === 'claim') expect(v.board.find((r) => r.id === a.task)?.status).toBe('ready');
    }
    expect(mem.stuck).toBe(true);
  });

  it('a run whose agents derail hits the round budget and counts as failed', async () => {
    const engine = new SimEngine({ suite: tinySuite, preset: derailing(), seed: 1, agentId: 'dev1', speed: 1 });
    const reply = await engine.generate({ agentId: 'dev1', system: systemPrompt('worker', 'decentralized'), prompt: stepPrompt({ agentId: 'dev1', role: 'worker', structure: 'decentralized', round: 1, step: 1, team: ['dev1'], board: [], mine: [], inbox: [], feedback: [] }, []), maxTokens: 100, temperature: 0.7 });
    expect(reply.text).not.toMatch(/complete_task/);
    // Through the whole team: the gpt preset derails often enough that some seeds of a
    // five-agent self-organising team fail, and a failed run stops at the budget.
    const outcomes: string[] = [];
    for (const seed of [1, 2, 3, 4, 5, 6]) {
      const events = await simulateRun({ suite: math(0.2), structure: 'decentralized', n: 5, preset: 'gpt-5.2', seed, maxRounds: 25, testRunner: runner });
      outcomes.push(of(events, 'run_end')[0].reason);
    }
    expect(outcomes).toContain('round_budget');
  }, 120_000);
});

describe('latency and tokens follow the work', () => {
  const flat = (): SimPreset => {
    const p = simPreset('claude-sonnet-4-6');
    return { ...p, jitterSigma: 0, loadSigma: 0, thinkSigma: 0, longReplyRate: 0, malformedRate: 0, behaviour: { ...p.behaviour, idle: 0, idleSpread: 0 } };
  };
  const request = (prompt: string) => ({ agentId: 'dev1', system: systemPrompt('worker', 'preassign'), prompt, maxTokens: 8192, temperature: 0.7 });

  it('a reply that writes files costs more output tokens and time than one that waits: c0 + output / rate', async () => {
    const p = flat();
    const e = new SimEngine({ suite: tinySuite, preset: p, seed: 1, agentId: 'dev1', speed: 1, errorRate: 0 });
    const base = { agentId: 'dev1', role: 'worker' as const, structure: 'preassign' as const, round: 1, step: 1, team: ['dev1'], inbox: [], feedback: [] };
    const rows = tinySuite.tasks.map((t) => ({ id: t.id, title: t.title, file: t.file, dependencies: t.dependencies, status: 'assigned' as const, owner: 'dev1' }));
    const work = await e.generate(request(stepPrompt({ ...base, board: rows, mine: tinySuite.tasks.map((t) => t.id) }, [])));
    const done = rows.map((r) => ({ ...r, status: 'done' as const }));
    const idle = await new SimEngine({ suite: tinySuite, preset: p, seed: 1, agentId: 'dev1', speed: 1, errorRate: 0 }).generate(request(stepPrompt({ ...base, board: done, mine: [] }, [])));
    expect((work.text.match(/<edit_file/g) ?? []).length).toBe(4);
    expect(work.usage.completionTokens).toBeGreaterThan(idle.usage.completionTokens + 4 * p.thinkTokens);
    for (const r of [work, idle]) {
      const expected = p.c0Ms + (r.usage.promptTokens / p.prefillTps + r.usage.completionTokens / p.decodeTps) * 1000;
      expect(r.timings.totalMs).toBe(Math.round(expected));
    }
  });

  it('the hosted presets count the messages the harness resends as input tokens', async () => {
    const e = new SimEngine({ suite: tinySuite, preset: flat(), seed: 1, agentId: 'dev1', speed: 1, errorRate: 0 });
    const prompt = stepPrompt({ agentId: 'dev1', role: 'worker', structure: 'preassign', round: 1, step: 1, team: ['dev1'], board: [], mine: [], inbox: [], feedback: [] }, []);
    const first = await e.generate(request(prompt));
    const second = await e.generate(request(prompt));
    expect(second.usage.promptTokens).toBeGreaterThan(first.usage.promptTokens);
    const laptop = new SimEngine({ suite: tinySuite, preset: { ...simPreset('laptop'), malformedRate: 0 }, seed: 1, agentId: 'dev1', speed: 1 });
    const a = await laptop.generate(request(prompt));
    const b = await laptop.generate(request(prompt));
    expect(b.usage.promptTokens).toBe(a.usage.promptTokens);
  });

  it('tags written by the engine read back as the same actions', () => {
    const acts: Action[] = [
      { type: 'write', path: 'src/a.js', content: 'export const a = 1;' },
      { type: 'claim', task: 't01' },
      { type: 'complete', task: 't01' },
      { type: 'run_tests' },
      { type: 'message', to: 'all', text: 'taking t01' },
    ];
    const parsed = parseActions(toTags(acts), 'auto', { maxTagActions: 64 });
    expect(parsed.ok).toBe(true);
    expect(parsed.actions).toEqual(acts);
    // Past the small models' cap of four, a tag reply needs the agent's larger allowance.
    expect(parseActions(toTags(acts), 'auto').ok).toBe(false);
  });
});
