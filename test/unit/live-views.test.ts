/**
 * The shortcuts that keep a live run's page smooth must not change what it shows: a timeline
 * rebuilt batch by batch with unchanged parts kept equals one built from the whole prefix; its
 * blocks hold exactly the settled items; the trace a run returns keeps the events already shown
 * only when it starts with them; the files and the board, taken again only when the playhead
 * crosses an event, are what the projector gives at every position in between.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CachedTestRunner } from '../../src/core/harness/cachedRunner';
import { simulateRun } from '../../src/core/sim/simulate';
import type { TraceEvent } from '../../src/core/trace/events';
import { countUpTo } from '../../src/core/trace/prefix';
import { createProjector } from '../../src/core/trace/projection';
import { buildTimeline, type TimelineModel } from '../../src/core/trace/timelineModel';
import { ALL_SUITES } from '../../src/core/workload/suites';
import { NodeTestRunner } from '../../src/platform/nodeTestRunner';
import { Playhead } from '../../src/ui/run/playhead.svelte';
import { keepShown } from '../../src/ui/run/runController.svelte';
import { traceTimes } from '../../src/ui/run/traceTimes';
import { blocksOf, reuseUnchanged, stableTimeline } from '../../src/ui/views/stableTimeline';

const tests = new CachedTestRunner(new NodeTestRunner());

async function trace(seed: number, structure: 'decentralized' | 'leader' = 'decentralized'): Promise<TraceEvent[]> {
  return simulateRun({ suite: ALL_SUITES[seed % ALL_SUITES.length]!, structure, mode: 'sync', seed, n: 4, testRunner: tests, maxRounds: 16 });
}

/** The prefixes a live page sees: batches of `size` events. */
function prefixes(events: readonly TraceEvent[], size: number): TraceEvent[][] {
  const out: TraceEvent[][] = [];
  for (let end = size; end < events.length + size; end += size) out.push(events.slice(0, Math.min(end, events.length)));
  return out;
}

describe('the timeline of a live run, batch by batch', () => {
  it('equals the timeline of the whole prefix after every batch, and keeps what did not change', async () => {
    for (const [seed, structure] of [[1, 'decentralized'], [2, 'leader'], [3, 'decentralized']] as const) {
      const events = await trace(seed, structure);
      let shown: TimelineModel | undefined;
      let kept = 0;
      for (const prefix of prefixes(events, 37)) {
        const before = shown;
        shown = stableTimeline(before, buildTimeline(prefix));
        expect(shown, `seed ${seed} at ${prefix.length} events`).toEqual(buildTimeline(prefix));
        if (before) {
          // A finished step is the very object of the last batch.
          for (const s of before.steps) {
            if (s.end === undefined) continue;
            const now = shown.steps.find((x) => x.agent === s.agent && x.step === s.step);
            if (now && now.errors.length === s.errors.length) {
              expect(now).toBe(s);
              kept++;
            }
          }
        }
      }
      expect(kept).toBeGreaterThan(20);
    }
  });

  it('a changed item is replaced, an unchanged list is the same list', () => {
    const a = [{ id: 1, end: undefined as number | undefined }, { id: 2, end: 5 as number | undefined }];
    const grown = [{ id: 1, end: 7 as number | undefined }, { id: 2, end: 5 as number | undefined }];
    const out = reuseUnchanged(a, grown);
    expect(out[0]).toBe(grown[0]);
    expect(out[1]).toBe(a[1]);
    expect(reuseUnchanged(a, a.map((x) => ({ ...x })))).toBe(a);
  });

  it("cuts a list into blocks of the settled items, reusing a block whose items are last batch's", () => {
    const items = Array.from({ length: 150 }, (_, i) => ({ i, done: i % 3 !== 0 }));
    const first = blocksOf(undefined, items, (x) => x.done, 64);
    expect(first.map((b) => b.length)).toEqual([42, 43, 15]);
    expect(first.flat()).toEqual(items.filter((x) => x.done));
    // The last item settles and one more arrives: only the last block is new.
    const next = [...items.slice(0, 149), { i: 149, done: true }, { i: 150, done: false }];
    const second = blocksOf(first, next, (x) => x.done, 64);
    expect(second[0]).toBe(first[0]);
    expect(second[1]).toBe(first[1]);
    expect(second[2]).not.toBe(first[2]);
    expect(second.flat()).toEqual(next.filter((x) => x.done));
  });
});

describe('the trace a worker run returns', () => {
  const ev = (t: number, type: TraceEvent['type'] = 'notice'): TraceEvent => ({ type: 'notice', t, level: 'info', text: `${type} ${t}` }) as TraceEvent;

  it('keeps the events already shown when it starts with them', () => {
    const shown = [ev(1), ev(2), ev(3)];
    const whole = [ev(1), ev(2), ev(3), ev(4)];
    const out = keepShown(shown, whole);
    expect(out).toHaveLength(4);
    expect(out[0]).toBe(shown[0]);
    expect(out[3]).toBe(whole[3]);
    expect(keepShown(shown, [ev(1), ev(2), ev(3)])).toBe(shown);
  });

  it('is taken whole when it differs from what was shown', () => {
    const whole = [ev(1), ev(5), ev(6)];
    expect(keepShown([ev(1), ev(2)], whole)).toBe(whole);
    expect(keepShown([], whole)).toBe(whole);
    expect(keepShown([ev(1), ev(2), ev(3), ev(4)], whole)).toBe(whole);
  });
});

describe('views taken again only when the playhead crosses an event', () => {
  it('show at every position the files and board the projector gives there', async () => {
    for (const seed of [4, 5]) {
      const events = await trace(seed);
      const projector = createProjector(events);
      const times = traceTimes(events).events;
      let checked = 0;
      for (let i = 1; i < times.length; i++) {
        // The snapshot taken when t reached an event time holds until the next one.
        const from = times[i - 1]!;
        const mid = (from + times[i]!) / 2;
        expect(countUpTo(events, mid)).toBe(countUpTo(events, from));
        const at = projector.at(from);
        const later = projector.at(mid);
        expect(later.files, `seed ${seed} files at ${mid}`).toEqual(at.files);
        expect(later.board, `seed ${seed} board at ${mid}`).toEqual(at.board);
        expect(later.ready).toEqual(at.ready);
        checked++;
      }
      expect(checked).toBeGreaterThan(50);
    }
  });
});

describe('a live playhead when events arrive', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.restoreAllMocks();
  });

  it('moves to the newest event at once, not a frame later', () => {
    vi.stubGlobal('requestAnimationFrame', () => 1);
    vi.stubGlobal('cancelAnimationFrame', () => undefined);
    let end = 1000;
    let live: number | null = 900;
    const p = new Playhead({ times: () => ({ events: [0, end], rounds: [0], end }), growing: () => true, liveNow: () => live });
    p.play();
    end = 2500;
    p.traceGrew();
    expect(p.t).toBe(2500);
    live = 3000;
    p.traceGrew();
    expect(p.t).toBe(3000);
    // A replay (no live clock) is left where it is.
    live = null;
    p.seek(100);
    p.traceGrew();
    expect(p.t).toBe(100);
  });
});

describe('a growing trace handed to the views', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  const ev = (t: number): TraceEvent => ({ type: 'notice', t, level: 'info', text: String(t) }) as TraceEvent;

  it('reaches the views one step per task when it grew, and all at once otherwise', async () => {
    vi.useFakeTimers();
    const { ViewTraces } = await import('../../src/ui/run/viewTraces.svelte');
    const v = new ViewTraces();
    const first = [ev(1)];
    v.set(first);
    // A new trace: every view at once.
    expect([v.board, v.metrics, v.timeline]).toEqual([first, first, first]);
    const grown = [...first, ev(2)];
    v.set(grown);
    expect(v.board).toBe(grown);
    expect(v.metrics).toBe(first);
    vi.advanceTimersToNextTimer();
    expect(v.metrics).toBe(grown);
    expect(v.timeline).toBe(first);
    // It grows again mid-pass: the later steps take the newest, and one more pass follows.
    const again = [...grown, ev(3)];
    v.set(again);
    vi.advanceTimersToNextTimer();
    expect(v.timeline).toBe(again);
    expect(v.board).toBe(grown);
    vi.runAllTimers();
    expect([v.board, v.metrics, v.timeline]).toEqual([again, again, again]);
    expect(v.board).toBe(again);
    // Another run (a different first event): at once, and no step of the old pass is left.
    const other = [ev(9)];
    v.set([...again, ev(4)]);
    v.set(other);
    vi.runAllTimers();
    expect([v.board, v.metrics, v.timeline].every((x) => x === other)).toBe(true);
    v.dispose();
  });
});
