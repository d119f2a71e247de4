import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../src/core/clock';
import type { Observation } from '../../src/core/protocol/observation';
import { estimateTokens, stepPrompt, systemPrompt } from '../../src/core/protocol/prompts';
import { simPreset, type SimPreset } from '../../src/core/sim/presets';
import { readPrompt } from '../../src/core/sim/readPrompt';
import { SimEngine } from '../../src/core/sim/simEngine';
import { agentSpeeds } from '../../src/core/sim/simulate';
import { tinySuite } from '../fixtures/tinySuite';

const obs = (over: Partial<Observation> = {}): Observation => ({
  agentId: 'dev2',
  role: 'worker',
  structure: 'decentralized',
  round: 3,
  step: 3,
  team: ['dev1', 'dev2'],
  board: [
    { id: 't01', title: 'add', file: 'src/add.js', dependencies: [], status: 'done', owner: 'dev1' },
    { id: 't02', title: 'double', file: 'src/double.js', dependencies: ['t01'], status: 'claimed', owner: 'dev2' },
    { id: 't03', title: 'negate', file: 'src/negate.js', dependencies: [], status: 'ready' },
    { id: 't04', title: 'square', file: 'src/square.js', dependencies: [], status: 'ready' },
  ],
  mine: ['t02'],
  focus: {
    id: 't02',
    title: 'double',
    description: 'double(x) returns add(x, x)',
    file: 'src/double.js',
    exportName: 'double',
    dependencies: ['t01'],
    dependencyFiles: [{ path: 'src/add.js', content: 'export function add(a, b) { return a + b; }' }],
    fileVersion: 2,
    currentContent: 'export function double(x) { return x * 3; }',
    lastTest: { passed: 1, failed: 1, failures: ['doubles: expected 8, got 12'], fileVersion: 2 },
  },
  inbox: [{ from: 'dev1', text: 'taking t03' }],
  feedback: ['claimed t02'],
  ...over,
});

describe('prompts', () => {
  it('shows the task spec, its dependency code, messages and test results, and the simulated engine reads them back', () => {
    const text = stepPrompt(obs(), ['round 2: claim t02']);
    expect(text).toContain('## Task t02: double');
    expect(text).toContain('export function add(a, b)');
    expect(text).toContain('from dev1: taking t03');
    expect(text).toContain('doubles: expected 8, got 12');
    const v = readPrompt(text);
    expect(v.agentId).toBe('dev2');
    expect(v.structure).toBe('decentralized');
    expect(v.board.map((r) => [r.id, r.status, r.owner ?? null])).toEqual([
      ['t01', 'done', 'dev1'],
      ['t02', 'claimed', 'dev2'],
      ['t03', 'ready', null],
      ['t04', 'ready', null],
    ]);
    expect(v.board[1].dependencies).toEqual(['t01']);
    expect(v.mine).toEqual(['t02']);
    expect(v.focus).toEqual({ id: 't02', file: 'src/double.js', version: 2 });
    expect(v.lastTest).toEqual({ version: 2, passed: 1, failed: 1 });
    expect(v.feedback).toEqual(['claimed t02']);
  });

  it('keeps a prompt within its token budget by dropping the least useful sections first', () => {
    const huge = 'x'.repeat(40000);
    const o = obs();
    o.focus!.dependencyFiles = [{ path: 'src/add.js', content: huge }];
    o.focus!.currentContent = huge;
    const text = stepPrompt(o, Array.from({ length: 20 }, (_, i) => `round ${i}: wait`), { maxPromptTokens: 1500 });
    expect(estimateTokens(text) + estimateTokens(systemPrompt('worker', 'decentralized'))).toBeLessThanOrEqual(1500 + 20);
    // The spec and the board survive; the huge files do not.
    expect(text).toContain('## Task t02: double');
    expect(text).toContain('t04 ready');
    expect(text).not.toContain(huge.slice(0, 1000));
  });

  it('the system prompt differs by role and structure', () => {
    expect(systemPrompt('leader', 'leader')).toMatch(/assign/);
    expect(systemPrompt('worker', 'decentralized')).toMatch(/claim it/);
    expect(systemPrompt('worker', 'preassign')).toMatch(/assigned to you/);
  });
});

describe('simulated engine', () => {
  const ask = (e: SimEngine, o: Observation) => e.generate({ agentId: 'dev2', system: systemPrompt('worker', o.structure), prompt: stepPrompt(o, []), maxTokens: 500, temperature: 0.7 });

  const calm = (over: Partial<SimPreset['behaviour']> = {}): SimPreset => {
    const p = simPreset('laptop');
    return { ...p, malformedRate: 0, behaviour: { ...p.behaviour, idle: 0, idleSpread: 0, derail: { preassign: 0, decentralized: 0 }, meddle: 0, chatter: 0, ...over } };
  };
  const calmEngine = (over: Partial<SimPreset['behaviour']> = {}, agentId = 'dev2') =>
    new SimEngine({ suite: tinySuite, preset: calm(over), seed: 1, agentId, speed: 1, errorRate: 0 });

  it('rewrites its own file that the whole-suite tests named as failing, and runs the suite again (hosted) or its task (laptop)', async () => {
    const o = obs({ feedback: ['tests of all tasks: 6 passed, 2 failed; failing: t02'] });
    const { actions } = JSON.parse((await ask(calmEngine({ fixRate: 1, fixOthers: 0, testScope: 'suite' }), o)).text);
    expect(actions[0]).toEqual({ type: 'write', path: 'src/double.js', content: tinySuite.tasks[1].reference });
    expect(actions.at(-1)).toEqual({ type: 'run_tests' });
    const small = JSON.parse((await ask(calmEngine({ fixRate: 1, fixOthers: 0 }), o)).text).actions;
    expect(small.at(-1)).toEqual({ type: 'run_tests', task: 't02' });
  });

  it('completes a task it wrote once a whole-suite run no longer names it as failing', async () => {
    const e = calmEngine({ testFirst: 1 });
    const o = obs({ mine: [], focus: undefined, feedback: [] });
    o.board[1] = { ...o.board[1], status: 'done' };
    const first = JSON.parse((await ask(e, o)).text).actions as { type: string; task?: string }[];
    const took = first.find((a) => a.type === 'claim')!.task!;
    expect(first.some((a) => a.type === 'complete')).toBe(false);
    expect(first.at(-1)).toEqual({ type: 'run_tests', task: took });
    const row = o.board.findIndex((r) => r.id === took);
    o.board[row] = { ...o.board[row], status: 'claimed', owner: 'dev2' };
    const second = JSON.parse((await ask(e, { ...o, feedback: [`tests of ${took}: 2 passed, 0 failed`] })).text).actions;
    expect(second).toContainEqual({ type: 'complete', task: took });
  });

  it('a free decentralized agent claims a ready task from its (possibly stale) view and writes it in the same reply', async () => {
    const o = obs({ mine: [], focus: undefined });
    o.board[1] = { ...o.board[1], status: 'done' };
    const { actions } = JSON.parse((await ask(calmEngine(), o)).text);
    const claim = actions.find((a: { type: string }) => a.type === 'claim');
    expect(['t03', 't04']).toContain(claim.task);
    // The harness applies edits before claims: the file is written whether or not the claim wins.
    expect(actions.findIndex((a: { type: string }) => a.type === 'write')).toBeLessThan(actions.indexOf(claim));
  });

  it('never writes a held task whose dependencies are unfinished; with nothing ready it waits or claims too early', async () => {
    const o = obs();
    o.board[0] = { ...o.board[0], status: 'claimed' };
    o.board[2] = { ...o.board[2], status: 'claimed', owner: 'dev1' };
    o.board[3] = { ...o.board[3], status: 'claimed', owner: 'dev1' };
    const { actions } = JSON.parse((await ask(calmEngine(), o)).text);
    expect(actions.some((a: { type: string; path?: string }) => a.type === 'write' && a.path === 'src/double.js')).toBe(false);
    expect(['wait', 'claim']).toContain(actions[0].type);
  });

  it('latency = c0 + prompt tokens / prefill rate + output tokens / decode rate, scaled by speed', async () => {
    const flat = { ...calm(), jitterSigma: 0 };
    const e1 = new SimEngine({ suite: tinySuite, preset: flat, seed: 1, agentId: 'dev1', speed: 1, errorRate: 0 });
    const e2 = new SimEngine({ suite: tinySuite, preset: flat, seed: 1, agentId: 'dev1', speed: 0.5, errorRate: 0 });
    const req = { agentId: 'dev1', system: 's'.repeat(400), prompt: stepPrompt(obs(), []), maxTokens: 500, temperature: 0.7 };
    const r1 = await e1.generate(req);
    const r2 = await e2.generate(req);
    const expected = flat.c0Ms + (r1.usage.promptTokens / flat.prefillTps + r1.usage.completionTokens / flat.decodeTps) * 1000;
    expect(r1.timings.totalMs).toBe(Math.round(expected));
    expect(r2.timings.totalMs).toBe(Math.round(expected * 2));
  });

  it('with error rate 1 it writes the plausible wrong solution', async () => {
    const e = new SimEngine({ suite: tinySuite, preset: calm({ fixRate: 1, fixOthers: 0 }), seed: 1, agentId: 'dev2', speed: 1, errorRate: 1 });
    const { actions } = JSON.parse((await ask(e, obs({ feedback: ['tests of all tasks: 6 passed, 2 failed; failing: t02'] }))).text);
    expect(actions[0].content).toBe(tinySuite.tasks[1].wrong);
  });

  it('gives seeded, repeatable agent speeds and one straggler on request', () => {
    expect(agentSpeeds(4, 7)).toEqual(agentSpeeds(4, 7));
    const slow = agentSpeeds(4, 7, { index: 2, factor: 1 / 3 });
    expect(slow[2]).toBeCloseTo(agentSpeeds(4, 7)[2] / 3, 2);
  });
});

describe('virtual clock', () => {
  it('moves only forward, and only when told', async () => {
    const c = new VirtualClock();
    expect(c.now()).toBe(0);
    await c.until(500);
    expect(c.now()).toBe(500);
    await c.until(100);
    expect(c.now()).toBe(500);
  });

  it('lets the page pace the advance without changing the result', async () => {
    const seen: [number, number][] = [];
    const c = new VirtualClock(async (a, b) => {
      seen.push([a, b]);
    });
    await c.until(300);
    await c.until(900);
    expect(seen).toEqual([
      [0, 300],
      [300, 900],
    ]);
    expect(c.now()).toBe(900);
  });
});
