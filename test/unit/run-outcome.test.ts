import { describe, expect, it } from 'vitest';
import { runOutcome } from '../../src/ui/run/runOutcome';
import { changedSettings } from '../../src/ui/run/staleSettings';
import { defaultState, type PageState } from '../../src/ui/state/hashState';
import { syncDecentralizedTrace } from '../fixtures/traces';

describe('runOutcome', () => {
  it('names a run cut short by its round budget, its stuck task and failing test, and gives no speedup', () => {
    const o = runOutcome(syncDecentralizedTrace)!;
    expect(o.finished).toBe(false);
    expect(o.reason).toBe('round_budget');
    expect(o.tasksDone).toBe(2);
    expect(o.tasksTotal).toBe(4);
    expect(o.stuck?.id).toMatch(/^t0[34]$/);
    expect(o.text).toMatch(/^Did not finish: the team ran out of rounds after 3 rounds with 2 of 4 tasks done; stuck on t0/);
    expect(o.text).toContain('No speedup');
  });

  it('says a finished run finished', () => {
    const done = syncDecentralizedTrace.map((e) => (e.type === 'run_end' ? { ...e, reason: 'done' as const, success: true } : e));
    const o = runOutcome(done)!;
    expect(o.finished).toBe(true);
    expect(o.text).toMatch(/^Finished/);
  });

  it('is null without a run', () => {
    expect(runOutcome([])).toBeNull();
  });
});

describe('changedSettings', () => {
  it('names the knobs that differ, ignoring view settings', () => {
    const a = defaultState();
    const viewOnly: PageState = { ...a, speed: 50, projector: true, view: 'tasks' };
    expect(changedSettings(a, viewOnly)).toEqual([]);
    const otherEndpoint: PageState = { ...a, endpointModel: 'other' };
    expect(changedSettings(a, otherEndpoint), 'endpoint fields only matter to endpoint runs').toEqual([]);
    expect(changedSettings({ ...a, engine: 'endpoint' }, { ...otherEndpoint, engine: 'endpoint' })).toEqual(['endpoint model']);
    expect(changedSettings(a, { ...a, n: 2, locks: false })).toEqual(['agents n', 'locks']);
  });
});
