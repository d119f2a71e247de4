import { describe, expect, it } from 'vitest';
import { computeRunMetrics } from '../../src/core/metrics/runMetrics';
import { preassignmentEvents } from '../../src/core/team/preassign';
import { withTaskStatus } from '../../src/core/team/taskRules';
import { countUpTo } from '../../src/core/trace/prefix';
import { createProjector, projectAt } from '../../src/core/trace/projection';
import type { TraceEvent } from '../../src/core/trace/events';
import { fileContents, fixtureTasks, leaderTrace, syncDecentralizedTrace } from '../fixtures/traces';

const byId = <T extends { id: string }>(xs: T[], id: string): T => {
  const x = xs.find((v) => v.id === id);
  if (!x) throw new Error(`no ${id}`);
  return x;
};

describe('projectAt on the sync decentralized fixture', () => {
  it('shows each agent in its reported state with what it waits on', () => {
    const s = projectAt(syncDecentralizedTrace, 1750);
    expect(byId(s.agents, 'Dev1').state).toBe('waiting_barrier');
    expect(byId(s.agents, 'Dev2').state).toBe('waiting_dependency');
    expect(byId(s.agents, 'Dev2').detail).toBe('t03');
    expect(byId(s.agents, 'Dev3').state).toBe('generating');
    expect(byId(s.agents, 'Dev3').inStep).toBe(true);
    expect(s.round).toBe(1);
  });

  it('moves tasks pending -> assigned -> in_progress -> done by the board rules', () => {
    const early = projectAt(syncDecentralizedTrace, 999);
    expect(early.board.map((b) => b.status)).toEqual(['pending', 'pending', 'pending', 'pending']);
    expect(early.ready).toEqual(['t01', 't02']);

    const mid = projectAt(syncDecentralizedTrace, 1750);
    expect(byId(mid.board, 't01')).toMatchObject({ status: 'in_progress', owner: 'Dev1' });
    // Dev2's claim of t03 was blocked, so t03 stays pending and unowned.
    expect(byId(mid.board, 't03')).toMatchObject({ status: 'pending', owner: undefined });
    expect(mid.ready).toEqual(['t02']);

    const end = projectAt(syncDecentralizedTrace);
    expect(end.board.map((b) => [b.id, b.status, b.owner])).toEqual([
      ['t01', 'done', 'Dev1'],
      ['t02', 'done', 'Dev3'],
      ['t03', 'assigned', 'Dev3'],
      ['t04', 'pending', undefined],
    ]);
    expect(end.ready).toEqual([]);
  });

  it('counts what happened up to t (the metrics of the trace cut at t)', () => {
    const upTo = (t: number) => computeRunMetrics(syncDecentralizedTrace.slice(0, countUpTo(syncDecentralizedTrace, t)));
    expect(upTo(1750)).toMatchObject({ messages: 1, replies: 2, blockedClaims: 1, testFailures: 0 });
    expect(upTo(Infinity)).toMatchObject({
      messages: 2,
      replies: 9,
      concurrentWrites: 1,
      rewrites: 4,
      blockedClaims: 1,
      claimConflicts: 0,
      testRuns: 1,
      testFailures: 1,
      lockWaits: 1,
      lockWaitMs: 120,
      tokensIn: 9000,
      tokensOut: 900,
      tokens: 9900,
      tasksDone: 2,
    });
  });

  it('keeps every file version with its writer and flags', () => {
    const s = projectAt(syncDecentralizedTrace);
    const b = s.files.find((f) => f.path === 'src/b.js');
    expect(b?.task).toBe('t02');
    expect(b?.versions.map((v) => [v.version, v.agent, v.round, v.concurrent, v.rewrite])).toEqual([
      [1, 'Dev3', 1, false, false],
      [2, 'Dev2', 2, false, true],
      [3, 'Dev3', 2, true, true],
    ]);
    expect(b?.versions[2]?.content).toBe(fileContents.B3);
    // Before round 2 only the first versions exist.
    const early = projectAt(syncDecentralizedTrace, 2500);
    expect(early.files.map((f) => [f.path, f.versions.length])).toEqual([
      ['src/a.js', 1],
      ['src/b.js', 1],
    ]);
  });

  it('puts a message on the wire between send and delivery with its progress', () => {
    const s = projectAt(syncDecentralizedTrace, 1750);
    expect(s.inFlight).toHaveLength(1);
    expect(s.inFlight[0]).toMatchObject({ id: 'm1', from: 'Dev2', to: 'Dev1', progress: 0.5 });
    expect(projectAt(syncDecentralizedTrace, 1499).inFlight).toHaveLength(0);
    const after = projectAt(syncDecentralizedTrace, 2100);
    expect(after.inFlight).toHaveLength(0);
    expect(after.recentlyDelivered.map((m) => m.id)).toEqual(['m1']);
  });

  it('reveals a replayed reply at the pace it was generated', () => {
    const step1 = syncDecentralizedTrace.find((e) => e.type === 'step_end' && e.agent === 'Dev1');
    const text = step1?.type === 'step_end' ? step1.text : '';
    // Step 0..1000 ms, first token at 200 ms: half the text is out at 600 ms.
    const mid = byId(projectAt(syncDecentralizedTrace, 600).agents, 'Dev1');
    expect(mid.streaming).toBe(true);
    expect(mid.lastText).toBe(text.slice(0, Math.floor(text.length / 2)));
    expect(byId(projectAt(syncDecentralizedTrace, 100).agents, 'Dev1').lastText).toBe('');
    const done = byId(projectAt(syncDecentralizedTrace, 1000).agents, 'Dev1');
    expect(done).toMatchObject({ streaming: false, lastText: text, textStep: 1, tokensIn: 1000, tokensOut: 100 });
  });

  it('marks the end of the run and every surviving agent done', () => {
    const s = projectAt(syncDecentralizedTrace);
    expect(s.end).toEqual({ t: 4600, reason: 'round_budget', success: false, correct: false });
    expect(s.agents.map((a) => a.state)).toEqual(['done', 'done', 'done']);
    expect(projectAt(syncDecentralizedTrace, 4599).end).toBeUndefined();
  });
});

describe('projectAt on the leader fixture', () => {
  it('assigns through the leader and names each agent current task', () => {
    const s = projectAt(leaderTrace, 1100);
    expect(byId(s.board, 't01')).toMatchObject({ status: 'assigned', owner: 'Dev1' });
    expect(byId(s.board, 't02')).toMatchObject({ status: 'assigned', owner: 'Dev2' });
    expect(byId(s.agents, 'Dev1').currentTask).toBe('t01');
    expect(byId(s.agents, 'Lead').role).toBe('leader');
    const end = projectAt(leaderTrace);
    expect(byId(end.board, 't01').status).toBe('done');
    expect(byId(end.board, 't02').status).toBe('in_progress');
    expect(computeRunMetrics(leaderTrace).claimConflicts).toBe(1);
    expect(byId(end.agents, 'Dev1').currentTask).toBeUndefined();
  });
});

describe('createProjector', () => {
  it('indexes appended events and ends in the same state as a fresh projection', () => {
    const half = Math.floor(syncDecentralizedTrace.length / 2);
    const live = syncDecentralizedTrace.slice(0, half);
    const p = createProjector(live);
    const before = p.at();
    live.push(...syncDecentralizedTrace.slice(half));
    p.update(live);
    expect(p.size).toBe(syncDecentralizedTrace.length);
    expect(p.endT).toBe(4600);
    expect(p.at()).toEqual(projectAt(syncDecentralizedTrace));
    expect(p.at(3000)).toEqual(projectAt(syncDecentralizedTrace, 3000));
    expect(before.agents.reduce((n, a) => n + a.step, 0)).toBeLessThan(9);
  });

  it('starts over when handed a different trace', () => {
    const p = createProjector(syncDecentralizedTrace);
    p.update(leaderTrace);
    expect(p.at().agents.map((a) => a.id)).toEqual(['Dev1', 'Dev2', 'Lead']);
    expect(p.at().board.map((b) => b.id)).toEqual(['t01', 't02']);
  });

  it('expands a message to all into one leg per other agent', () => {
    const events: TraceEvent[] = [
      leaderTrace[0] as TraceEvent,
      { type: 'message_send', t: 100, round: 1, id: 'b1', from: 'Lead', to: 'all', text: 'hello', bytes: 5, channel: 'Lead~all' },
      { type: 'message_deliver', t: 300, id: 'b1', to: 'Dev1' },
    ];
    const p = createProjector(events, { assumedTransitMs: 1000, recentMs: 1000 });
    const s = p.at(200);
    expect(s.inFlight.map((m) => [m.to, m.progress])).toEqual([
      ['Dev1', 0.5],
      ['Dev2', 0.1],
    ]);
    // Dev2's delivery is unknown: its dot never reaches the recipient.
    expect(p.at(5000).inFlight.map((m) => [m.to, m.progress])).toEqual([['Dev2', 0.9]]);
  });

  it('shows the pre-assignment the board records before the first step', () => {
    const run = syncDecentralizedTrace[0];
    if (run?.type !== 'run_start') throw new Error('fixture');
    const events: TraceEvent[] = [
      { ...run, config: { ...run.config, structure: 'preassign', n: 2 }, agents: run.agents.slice(0, 2) },
      ...preassignmentEvents(run.suite.tasks, ['Dev1', 'Dev2']),
    ];
    const s = projectAt(withTaskStatus(events));
    // Chains stay on one agent: t03 follows t01, t04 follows its later dependency t03.
    expect(s.board.map((b) => [b.id, b.status, b.owner])).toEqual([
      ['t01', 'assigned', 'Dev1'],
      ['t02', 'assigned', 'Dev2'],
      ['t03', 'assigned', 'Dev1'],
      ['t04', 'assigned', 'Dev1'],
    ]);
    expect(s.ready).toEqual([]);
  });

  it('frees a failed agent tasks and shows it failed', () => {
    const events: TraceEvent[] = [
      ...syncDecentralizedTrace.slice(0, syncDecentralizedTrace.findIndex((e) => e.type === 'round_end')),
      { type: 'agent_failed', t: 2100, agent: 'Dev1', error: 'device lost' },
      // What the board records when it frees the failed agent's task.
      { type: 'task_status', t: 2100, task: 't01', status: 'pending' },
    ];
    const s = projectAt(events);
    expect(byId(s.agents, 'Dev1')).toMatchObject({ state: 'failed', detail: 'device lost' });
    expect(byId(s.board, 't01')).toMatchObject({ status: 'pending', owner: undefined });
    expect(s.ready).toContain('t01');
  });

  it('derives states from steps when the trace has no agent_state events', () => {
    const events = syncDecentralizedTrace.filter((e) => e.type !== 'agent_state');
    expect(byId(projectAt(events, 100).agents, 'Dev1').state).toBe('reading');
    expect(byId(projectAt(events, 500).agents, 'Dev1').state).toBe('generating');
    expect(byId(projectAt(events, 1200).agents, 'Dev1').state).toBe('idle');
  });

  it("folds the board's task_status events and derives nothing: a write to an unclaimed task leaves it pending", () => {
    const run = syncDecentralizedTrace[0] as TraceEvent;
    const events: TraceEvent[] = [
      run,
      { type: 'write', t: 10, round: 1, agent: 'Dev2', path: 'src/a.js', version: 1, bytes: 1, content: 'x', concurrent: false, rewrite: false },
      { type: 'task_status', t: 20, task: 't02', status: 'in_progress', owner: 'Dev3' },
    ];
    const s = projectAt(events);
    expect(byId(s.board, 't01')).toMatchObject({ status: 'pending', owner: undefined });
    expect(byId(s.board, 't02')).toMatchObject({ status: 'in_progress', owner: 'Dev3', since: 20 });
    // A trace saved without them gets the same account from the board's rules when read.
    expect(byId(projectAt(withTaskStatus(events.slice(0, 2))).board, 't01').status).toBe('pending');
  });

  it('reads the board from run_start tasks in suite order', () => {
    expect(projectAt(syncDecentralizedTrace, 0).board.map((b) => b.id)).toEqual(fixtureTasks.map((t) => t.id));
  });
});
