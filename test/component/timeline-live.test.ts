// @vitest-environment jsdom
/**
 * A live run's timeline moves its settled blocks to a new axis end a few blocks per task. Once
 * the wave has passed, every element must sit where a timeline drawn afresh at that moment puts
 * it; while it passes, the playhead layer is already at the new end.
 */
import { describe, expect, it } from 'vitest';
import { render } from '@testing-library/svelte';
import Timeline from '../../src/ui/views/Timeline.svelte';
import { CachedTestRunner } from '../../src/core/harness/cachedRunner';
import { simulateRun } from '../../src/core/sim/simulate';
import { ALL_SUITES } from '../../src/core/workload/suites';
import { NodeTestRunner } from '../../src/platform/nodeTestRunner';

const positions = (c: HTMLElement) =>
  [...c.querySelectorAll('svg:not(.now) line.arrow, svg:not(.now) rect.state-span, svg:not(.now) g.step rect.outline')].map((e) =>
    ['x', 'x1', 'x2', 'width'].map((a) => e.getAttribute(a)).join(' '),
  );
const settle = () => new Promise((r) => setTimeout(r, 0));

describe('Timeline of a live run', () => {
  it('after a new axis end, draws every settled element where a fresh drawing would', async () => {
    const events = await simulateRun({ suite: ALL_SUITES[2]!, structure: 'decentralized', mode: 'sync', seed: 3, n: 6, testRunner: new CachedTestRunner(new NodeTestRunner()), maxRounds: 30 });
    const live = events.filter((e) => e.type !== 'run_end');
    const end = live.at(-1)!.t;
    // Two playhead times either side of an axis doubling: the clock runs past the axis end.
    const before = end;
    const t2 = 2 ** Math.ceil(Math.log2(end / 1000)) * 1000 * 1.5;
    const view = render(Timeline, { props: { events: live, t: before } });
    const old = positions(view.container);
    // Enough elements for several blocks, so the wave takes several tasks.
    expect(old.length).toBeGreaterThan(6 * 64);
    await view.rerender({ events: live, t: t2 });
    // The cursor layer moves at once.
    const cursor = view.container.querySelector('svg.now .cursor line')?.getAttribute('x1');
    const fresh = render(Timeline, { props: { events: live, t: t2 } });
    expect(cursor).toBe(fresh.container.querySelector('svg.now .cursor line')?.getAttribute('x1'));
    for (let i = 0; i < 50; i++) await settle();
    const now = positions(view.container);
    expect(now).toEqual(positions(fresh.container));
    expect(now).not.toEqual(old);
  }, 60_000);
});
