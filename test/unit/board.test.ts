import { describe, expect, it } from 'vitest';
import { Board } from '../../src/core/team/board';
import { preassignTasks } from '../../src/core/team/preassign';
import { tinySuite } from '../fixtures/tinySuite';
import type { Task } from '../../src/core/workload/types';
import type { TraceEvent } from '../../src/core/trace/events';

const board = (locks = true) => new Board(tinySuite.tasks, { locks, lockHoldMs: 100 });

describe('board rules', () => {
  it('refuses a claim whose dependencies are not done: a blocked claim', () => {
    const b = board();
    expect(b.claim('dev1', 't02', 1, 0)).toMatchObject({ ok: false, reason: 'blocked' });
    expect(b.state.get('t02')).toEqual({ status: 'pending' });
  });

  it('gives a task to the first claimant; the second loses the race', () => {
    const b = board();
    expect(b.claim('dev1', 't03', 1, 0)).toMatchObject({ ok: true });
    expect(b.claim('dev2', 't03', 1, 5)).toMatchObject({ ok: false, reason: 'taken' });
    expect(b.state.get('t03')).toEqual({ status: 'assigned', owner: 'dev1' });
  });

  it('completing needs ownership and the file', () => {
    const b = board();
    b.claim('dev1', 't03', 1, 0);
    expect(b.complete('dev2', 't03', 1, 1)).toMatchObject({ ok: false, reason: 'owned by dev1' });
    expect(b.complete('dev1', 't03', 1, 1)).toMatchObject({ ok: false, reason: 'no file src/negate.js yet' });
    b.write('dev1', 'src/negate.js', 'x', 1, 2);
    expect(b.state.get('t03')?.status).toBe('in_progress');
    expect(b.complete('dev1', 't03', 1, 3)).toMatchObject({ ok: true });
    expect(b.complete('dev1', 't03', 1, 4)).toMatchObject({ ok: false, reason: 'already done' });
    expect(b.claim('dev2', 't03', 2, 5)).toMatchObject({ ok: false, reason: 'done' });
  });

  it('unblocks a dependant once its dependency is done', () => {
    const b = board();
    b.claim('dev1', 't01', 1, 0);
    b.write('dev1', 'src/add.js', 'x', 1, 1);
    b.complete('dev1', 't01', 1, 2);
    expect(b.claim('dev2', 't02', 2, 3)).toMatchObject({ ok: true });
  });

  it('flags two writers of one file in one round as a concurrent write', () => {
    const b = board(false);
    const first = b.write('dev1', 'src/add.js', 'a', 1, 0).events.at(-1);
    const second = b.write('dev2', 'src/add.js', 'b', 1, 10).events.at(-1);
    expect(first).toMatchObject({ type: 'write', concurrent: false, rewrite: false, version: 1 });
    expect(second).toMatchObject({ type: 'write', concurrent: true, rewrite: false, version: 2 });
    expect(b.files.get('src/add.js')).toMatchObject({ content: 'b', writer: 'dev2', version: 2 });
  });

  it('flags a write in a later round than the first as a rewrite, not concurrent', () => {
    const b = board(false);
    b.write('dev1', 'src/add.js', 'a', 1, 0);
    const later = b.write('dev1', 'src/add.js', 'b', 3, 50).events.at(-1);
    expect(later).toMatchObject({ concurrent: false, rewrite: true, version: 2 });
  });

  it('asynchronous writes are concurrent when they overwrite work the writer never saw', () => {
    const b = board(false);
    b.write('dev1', 'src/add.js', 'a', 1, 100);
    // dev2's view was taken at t=50, before dev1 wrote: a stale overwrite.
    expect(b.write('dev2', 'src/add.js', 'b', 1, 120, 50).events.at(-1)).toMatchObject({ concurrent: true });
    // dev3 looked at t=130, after both writes: not concurrent.
    expect(b.write('dev3', 'src/add.js', 'c', 2, 140, 130).events.at(-1)).toMatchObject({ concurrent: false });
  });

  it('makes a writer wait for a held lock and reports the wait', () => {
    const b = board(true);
    b.write('dev1', 'src/add.js', 'a', 1, 0);
    const { events, at } = b.write('dev2', 'src/add.js', 'b', 1, 40);
    expect(events[0]).toMatchObject({ type: 'lock_wait', agent: 'dev2', holder: 'dev1', waitedMs: 60, path: 'src/add.js' });
    expect(at).toBe(100);
    expect(events[1]).toMatchObject({ type: 'write', t: 100 });
    // Without locks nobody waits.
    const free = board(false);
    free.write('dev1', 'src/add.js', 'a', 1, 0);
    expect(free.write('dev2', 'src/add.js', 'b', 1, 40).events.map((e) => e.type)).toEqual(['write']);
  });

  it('a leader assigns only known tasks to known agents', () => {
    const b = board();
    expect(b.assign('lead', 't09', 'dev1', 1, 0, ['dev1'])).toMatchObject({ ok: false });
    expect(b.assign('lead', 't03', 'dev9', 1, 0, ['dev1'])).toMatchObject({ ok: false });
    expect(b.assign('lead', 't03', 'dev1', 1, 0, ['dev1'])).toMatchObject({ ok: true });
    expect(b.ownedBy('dev1')).toEqual(['t03']);
    expect(b.release('dev1', 10)).toEqual(['t03']);
    expect(b.state.get('t03')).toEqual({ status: 'pending' });
  });

  it('what an agent owns follows every status change, and a caller cannot change the next answer', () => {
    const b = board();
    expect(b.ownedBy('dev1')).toEqual([]);
    b.claim('dev1', 't03', 1, 0);
    const first = b.ownedBy('dev1');
    expect(first).toEqual(['t03']);
    first.push('t99');
    first.sort().reverse();
    expect(b.ownedBy('dev1')).toEqual(['t03']);
    b.claim('dev1', 't01', 1, 1);
    expect(b.ownedBy('dev1').sort()).toEqual(['t01', 't03']);
    b.write('dev1', 'src/add.js', 'x', 1, 2);
    b.complete('dev1', 't01', 1, 3);
    expect(b.ownedBy('dev1')).toEqual(['t03']);
    expect(b.release('dev1', 4)).toEqual(['t03']);
    expect(b.ownedBy('dev1')).toEqual([]);
    expect(b.ownedBy('dev2')).toEqual([]);
  });
});

describe('task status events', () => {
  it('the board records every status change, and only changes, as it decides them', () => {
    const seen: TraceEvent[] = [];
    const b = new Board(tinySuite.tasks, { locks: true, lockHoldMs: 100, onStatus: (e) => seen.push(e) });
    const t01 = tinySuite.tasks.find((t) => t.id === 't01')!;
    b.claim('dev1', 't01', 1, 5);
    b.claim('dev1', 't01', 1, 6); // claiming one's own task again changes nothing
    b.write('dev2', t01.file, 'x', 1, 7); // a write by someone else leaves the task with its owner
    b.write('dev1', t01.file, 'y', 1, 400);
    b.complete('dev1', 't01', 1, 900);
    expect(seen).toEqual([
      { type: 'task_status', t: 5, task: 't01', status: 'assigned', owner: 'dev1' },
      { type: 'task_status', t: 400, task: 't01', status: 'in_progress', owner: 'dev1' },
      { type: 'task_status', t: 900, task: 't01', status: 'done', owner: 'dev1' },
    ]);
  });

  it('a write to an unclaimed task leaves it pending on the board and in the trace', () => {
    const seen: TraceEvent[] = [];
    const b = new Board(tinySuite.tasks, { locks: true, lockHoldMs: 100, onStatus: (e) => seen.push(e) });
    b.write('dev2', tinySuite.tasks[0]!.file, 'x', 1, 7);
    expect(b.state.get(tinySuite.tasks[0]!.id)).toEqual({ status: 'pending' });
    expect(seen).toEqual([]);
  });

  it("a failed agent's tasks are released at the time of the failure", () => {
    const seen: TraceEvent[] = [];
    const b = new Board(tinySuite.tasks, { locks: true, lockHoldMs: 100, onStatus: (e) => seen.push(e) });
    b.assign('lead', 't03', 'dev1', 1, 0, ['dev1']);
    b.release('dev1', 1234);
    expect(seen.at(-1)).toEqual({ type: 'task_status', t: 1234, task: 't03', status: 'pending' });
  });
});

describe('pre-assignment (the paper algorithm)', () => {
  const chain = (len: number, free: number): Task[] => {
    const tasks: Task[] = [];
    for (let i = 1; i <= len + free; i++) {
      const id = `t${String(i).padStart(2, '0')}`;
      tasks.push({ id, title: id, description: '', dependencies: i > 1 && i <= len ? [`t${String(i - 1).padStart(2, '0')}`] : [], file: `src/${id}.js`, exportName: id });
    }
    return tasks;
  };

  it('keeps a chain on one agent and deals free tasks round-robin', () => {
    const a = preassignTasks(chain(4, 5), ['dev1', 'dev2', 'dev3']);
    const owner = (id: string) => a.get(id);
    expect(new Set(['t01', 't02', 't03', 't04'].map(owner)).size).toBe(1);
    expect(owner('t01')).toBe('dev1');
    // Free tasks t05..t09 continue the deal after t01 went to dev1.
    expect(['t05', 't06', 't07', 't08', 't09'].map(owner)).toEqual(['dev2', 'dev3', 'dev1', 'dev2', 'dev3']);
  });

  it('sends a task to the agent of its last dependency in topological order', () => {
    const tasks: Task[] = [
      { id: 'a', title: 'a', description: '', dependencies: [], file: 'src/a.js', exportName: 'a' },
      { id: 'b', title: 'b', description: '', dependencies: [], file: 'src/b.js', exportName: 'b' },
      { id: 'c', title: 'c', description: '', dependencies: ['a', 'b'], file: 'src/c.js', exportName: 'c' },
    ];
    const a = preassignTasks(tasks, ['dev1', 'dev2']);
    expect(a.get('a')).toBe('dev1');
    expect(a.get('b')).toBe('dev2');
    expect(a.get('c')).toBe('dev2');
  });
});
