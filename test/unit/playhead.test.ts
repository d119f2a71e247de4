import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Playhead, type PlayheadSource } from '../../src/ui/run/playhead.svelte';
import type { TraceTimes } from '../../src/ui/run/traceTimes';

// Animation frames driven by hand: each frame() call advances the page clock by `ms`.
let frames: ((now: number) => void)[] = [];
let now = 0;
function frame(ms: number): void {
  now += ms;
  const due = frames;
  frames = [];
  for (const f of due) f(now);
}

beforeEach(() => {
  frames = [];
  now = 0;
  vi.stubGlobal('requestAnimationFrame', (f: (now: number) => void) => frames.push(f));
  vi.stubGlobal('cancelAnimationFrame', () => (frames = []));
  vi.spyOn(performance, 'now').mockImplementation(() => now);
});

afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

function source(times: TraceTimes, o: { growing?: boolean; live?: number | null } = {}): PlayheadSource & { set(o: { growing?: boolean; live?: number | null }): void } {
  let growing = o.growing ?? false;
  let live = o.live ?? null;
  return {
    times: () => times,
    growing: () => growing,
    liveNow: () => live,
    set(n) {
      if (n.growing !== undefined) growing = n.growing;
      if (n.live !== undefined) live = n.live;
    },
  };
}

const TIMES: TraceTimes = { events: [0, 100, 250, 1000, 4000], rounds: [0, 1000], end: 4000 };

describe('Playhead', () => {
  it('replays at its speed and stops at the end', () => {
    const p = new Playhead(source(TIMES));
    p.speed = 10;
    p.play();
    frame(16);
    frame(100);
    // 116 ms of page time at 10x.
    expect(p.t).toBe(1160);
    frame(250);
    frame(250);
    expect(p.t).toBe(4000);
    expect(p.playing).toBe(false);
    expect(frames).toHaveLength(0);
  });

  it('play at the end starts over; instant jumps to the end', () => {
    const p = new Playhead(source(TIMES));
    p.seek(4000);
    p.speed = 1;
    p.play();
    expect(p.t).toBe(0);
    p.pause();
    p.speed = 'instant';
    p.play();
    expect(p.t).toBe(4000);
    expect(p.playing).toBe(false);
  });

  it('steps one event or one round and scrubs within the run', () => {
    const p = new Playhead(source(TIMES));
    p.stepEvent();
    expect(p.t).toBe(100);
    p.stepEvent();
    expect(p.t).toBe(250);
    p.stepEvent(-1);
    expect(p.t).toBe(100);
    p.stepRound();
    expect(p.t).toBe(1000);
    p.stepRound();
    // No round after 1000: a round step goes to the end.
    expect(p.t).toBe(4000);
    p.scrub(1);
    expect(p.t).toBe(4000);
    p.scrub(-1);
    expect(p.t).toBe(4000 - 80);
    p.seek(-50);
    expect(p.t).toBe(0);
  });

  it('waits at the end of a run still being computed, and goes on when it grows', () => {
    const times = { ...TIMES, end: 1000 };
    const src = source(times, { growing: true });
    const p = new Playhead(src);
    p.speed = 50;
    p.play();
    frame(16);
    frame(100);
    expect(p.t).toBe(1000);
    expect(p.playing).toBe(true);
    times.end = 4000;
    src.set({ growing: false });
    p.traceGrew();
    frame(16);
    expect(p.t).toBe(1800);
  });

  it('follows a live run by its clock, not by the replay speed', () => {
    const src = source(TIMES, { live: 5000 });
    const p = new Playhead(src);
    p.speed = 0.5;
    p.play();
    frame(16);
    expect(p.t).toBe(5000);
    src.set({ live: 6000 });
    frame(16);
    expect(p.t).toBe(6000);
    expect(p.playing).toBe(true);
  });
});
