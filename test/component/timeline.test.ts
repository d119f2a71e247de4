// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { fireEvent, render, within } from '@testing-library/svelte';
import Timeline from '../../src/ui/views/Timeline.svelte';
import { leaderTrace, syncDecentralizedTrace } from '../fixtures/traces';

const count = (events: typeof syncDecentralizedTrace, type: string) => events.filter((e) => e.type === type).length;

describe('Timeline', () => {
  it('draws one lane per agent, the leader included', () => {
    const dec = render(Timeline, { props: { events: syncDecentralizedTrace, t: 4600 } });
    expect([...dec.container.querySelectorAll('g.lane')].map((l) => l.getAttribute('data-agent'))).toEqual(['Dev1', 'Dev2', 'Dev3']);
    dec.unmount();
    const lead = render(Timeline, { props: { events: leaderTrace, t: 2500 } });
    const labels = [...lead.container.querySelectorAll('.lane-label')].map((l) => l.textContent);
    expect(labels).toEqual(['Dev1', 'Dev2', 'Lead (lead)']);
  });

  it('draws a message arrow for each delivered message, from the sender lane to the recipient lane', () => {
    const { container } = render(Timeline, { props: { events: syncDecentralizedTrace, t: 4600 } });
    const arrows = [...container.querySelectorAll('line.arrow')];
    expect(arrows).toHaveLength(count(syncDecentralizedTrace, 'message_deliver'));
    expect(arrows.map((a) => a.getAttribute('data-message'))).toEqual(['m1', 'm2']);
    const m1 = arrows[0] as Element;
    const laneY = (id: string) => {
      const bg = container.querySelector(`g.lane[data-agent="${id}"] rect`);
      return Number(bg?.getAttribute('y')) + Number(bg?.getAttribute('height')) / 2;
    };
    expect(Number(m1.getAttribute('y1'))).toBe(laneY('Dev2'));
    expect(Number(m1.getAttribute('y2'))).toBe(laneY('Dev1'));
    // Sent at 1500, delivered at 2000: the arrow leans forward in time.
    expect(Number(m1.getAttribute('x2'))).toBeGreaterThan(Number(m1.getAttribute('x1')));
    expect(container.querySelectorAll('line.arrow.pending')).toHaveLength(0);
  });

  it('shows a message not yet delivered as a pending arrow up to the cursor', () => {
    const { container } = render(Timeline, { props: { events: syncDecentralizedTrace.filter((e) => !(e.type === 'message_deliver' && e.id === 'm2')), t: 4600 } });
    expect(container.querySelectorAll('line.arrow.pending')).toHaveLength(1);
  });

  it('marks blocked claims, concurrent writes and test failures, and lost races in the leader run', () => {
    const { container, unmount } = render(Timeline, { props: { events: syncDecentralizedTrace, t: 4600 } });
    const kinds = [...container.querySelectorAll('path.marker')].map((m) => m.getAttribute('data-kind'));
    expect(kinds.sort()).toEqual(['blocked_claim', 'concurrent_write', 'test_failure']);
    // The legend names every marker.
    const legend = container.querySelector('.legend')?.textContent ?? '';
    for (const word of ['blocked claim', 'concurrent write', 'test failure', 'lost race']) expect(legend).toContain(word);
    unmount();
    const lead = render(Timeline, { props: { events: leaderTrace, t: 2500 } });
    expect([...lead.container.querySelectorAll('path.marker')].map((m) => m.getAttribute('data-kind'))).toEqual(['lost_race']);
  });

  it('draws a step per step_start, with reading and generating parts, and a barrier per round', () => {
    const { container } = render(Timeline, { props: { events: syncDecentralizedTrace, t: 4600 } });
    const steps = container.querySelectorAll('g.step');
    expect(steps).toHaveLength(count(syncDecentralizedTrace, 'step_start'));
    expect(container.querySelectorAll('g.step rect.reading')).toHaveLength(9);
    expect(container.querySelectorAll('line.barrier')).toHaveLength(3);
    // Dev3's lock wait and Dev1's test run are drawn as spans.
    expect(container.querySelectorAll('rect.state-span[data-state="waiting_lock"]')).toHaveLength(1);
    expect(container.querySelectorAll('rect.state-span[data-state="testing"]')).toHaveLength(1);
  });

  it('opens the step detail on click, with prompt, raw response, actions and tokens', async () => {
    const { container } = render(Timeline, { props: { events: syncDecentralizedTrace, t: 4600 } });
    expect(container.querySelector('.step-detail')).toBeNull();
    const step = container.querySelector('g.step[data-agent="Dev2"][data-step="1"]') as Element;
    await fireEvent.click(step);
    const detail = container.querySelector('.step-detail') as HTMLElement;
    expect(detail).not.toBeNull();
    const d = within(detail);
    expect(d.getByRole('heading', { level: 3 }).textContent).toBe('Dev2 · step 1 · round 1');
    expect(detail.querySelector('.response')?.textContent).toBe('I would like t03. Dev1, tell me when clamp is done.');
    expect([...detail.querySelectorAll('.actions li')].map((li) => li.getAttribute('data-action'))).toEqual(['claim', 'message']);
    expect(detail.querySelector('[data-fact="tokens-in"]')?.textContent).toBe('1.0k');
    expect(detail.querySelector('[data-fact="tokens-out"]')?.textContent).toBe('100');
    expect(detail.querySelector('[data-fact="duration"]')?.textContent).toBe('1.5 s');
    expect(detail.querySelector('.prompt')?.textContent).toContain('Round 1. Board: t01 t02 t03 t04.');
    expect(step.getAttribute('aria-pressed')).toBe('true');
  });

  it('opens a step from the keyboard and closes it with Escape', async () => {
    const { container } = render(Timeline, { props: { events: syncDecentralizedTrace, t: 4600 } });
    const step = container.querySelector('g.step[data-agent="Dev1"][data-step="2"]') as HTMLElement;
    expect(step.getAttribute('tabindex')).toBe('0');
    await fireEvent.keyDown(step, { key: 'Enter' });
    const detail = container.querySelector('.step-detail') as HTMLElement;
    expect(detail.querySelector('h3')?.textContent).toBe('Dev1 · step 2 · round 2');
    await fireEvent.keyDown(detail, { key: 'Escape' });
    expect(container.querySelector('.step-detail')).toBeNull();
  });

  it('renders model text as text, never as markup', async () => {
    const evil = '<img src=x onerror="alert(1)"><b>bold</b>';
    const events = syncDecentralizedTrace.map((e) => (e.type === 'step_end' && e.agent === 'Dev1' && e.step === 1 ? { ...e, text: evil } : e));
    const { container } = render(Timeline, { props: { events, t: 4600 } });
    await fireEvent.click(container.querySelector('g.step[data-agent="Dev1"][data-step="1"]') as Element);
    expect(container.querySelector('.step-detail .response')?.textContent).toBe(evil);
    expect(container.querySelector('.step-detail img, .step-detail b')).toBeNull();
  });
});

describe('Timeline seeking', () => {
  it('a click on the diagram asks to move the playhead to the time under it', async () => {
    const { render, fireEvent } = await import('@testing-library/svelte');
    const { default: Timeline } = await import('../../src/ui/views/Timeline.svelte');
    const { syncDecentralizedTrace } = await import('../fixtures/traces');
    const seen: number[] = [];
    const { container } = render(Timeline, { props: { events: syncDecentralizedTrace, t: 0, onSeek: (t: number) => seen.push(t) } });
    const svg = container.querySelector('svg') as SVGSVGElement;
    // jsdom has no layout: give the diagram a box 1000 px wide, one px per viewBox unit.
    svg.getBoundingClientRect = () => ({ x: 0, y: 0, left: 0, top: 0, width: 1000, height: 200, right: 1000, bottom: 200, toJSON: () => ({}) }) as DOMRect;
    (svg as unknown as { getScreenCTM: () => null }).getScreenCTM = () => null;
    // The lanes run from x = 104 (after the labels) to 1000 - 18; the run ends at 4600 ms.
    await fireEvent.click(svg, { clientX: 104 + (1000 - 104 - 18) / 2, clientY: 50 });
    expect(seen).toHaveLength(1);
    expect(seen[0]).toBeCloseTo(2300, 0);
  });

  it('keeps a live run still while its clock ticks: the axis grows in steps, not with every frame', async () => {
    const live = syncDecentralizedTrace.filter((e) => e.t <= 3000 && e.type !== 'run_end');
    const view = render(Timeline, { props: { events: live, t: 3010 } });
    const arrowX = () => view.container.querySelector('line.arrow')?.getAttribute('x1');
    const before = arrowX();
    await view.rerender({ events: live, t: 3090 });
    expect(arrowX()).toBe(before);
    // A finished run's axis ends where the run ended.
    await view.rerender({ events: syncDecentralizedTrace, t: 4600 });
    expect(arrowX()).not.toBe(before);
  });
});

