// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { render } from '@testing-library/svelte';
import TeamGraph from '../../src/ui/views/TeamGraph.svelte';
import { leaderTrace, syncDecentralizedTrace } from '../fixtures/traces';
import { BOARD_NODE, layoutTeam } from '../../src/ui/views/teamLayout';

function agentNode(container: HTMLElement, id: string): Element {
  const el = container.querySelector(`svg g.agent[data-agent="${id}"]`);
  if (!el) throw new Error(`no node for ${id}`);
  return el;
}

describe('TeamGraph', () => {
  it('labels each agent with its state in words, not only colour', () => {
    const { container } = render(TeamGraph, { props: { events: syncDecentralizedTrace, t: 1750 } });
    expect(agentNode(container, 'Dev1').querySelector('.state')?.textContent).toBe('waiting at barrier');
    expect(agentNode(container, 'Dev2').querySelector('.state')?.textContent).toBe('waiting on dependency');
    expect(agentNode(container, 'Dev3').querySelector('.state')?.textContent).toBe('generating');
    expect(agentNode(container, 'Dev2').getAttribute('aria-label')).toBe('Dev2: waiting on dependency: t03');
    // The card says what the wait is about.
    const card = container.querySelector('.card[data-agent="Dev2"] .state-label');
    expect(card?.textContent).toBe('waiting on dependency: t03');
  });

  it('draws a message in flight as a dot between sender and recipient', () => {
    // At a slow replay the message's own transit (500 ms) is longer than the fixed real-time span.
    const { container } = render(TeamGraph, { props: { events: syncDecentralizedTrace, t: 1750, speed: 0.1 } });
    const dots = container.querySelectorAll('g.message');
    expect(dots).toHaveLength(1);
    expect(dots[0]?.getAttribute('data-message')).toBe('m1');
    const layout = layoutTeam('decentralized', [
      { id: 'Dev1', role: 'worker', model: '' },
      { id: 'Dev2', role: 'worker', model: '' },
      { id: 'Dev3', role: 'worker', model: '' },
    ]);
    const from = layout.nodes.get('Dev2')!;
    const to = layout.nodes.get('Dev1')!;
    // Half way at t = 1750 (sent 1500, delivered 2000).
    const [x, y] = (dots[0]?.getAttribute('transform') ?? '').match(/-?[\d.]+/g)!.map(Number);
    expect(x).toBeCloseTo((from.x + to.x) / 2, 5);
    expect(y).toBeCloseTo((from.y + to.y) / 2, 5);
    expect(dots[0]?.querySelector('title')?.textContent).toBe('Dev2 → Dev1: Ping me when clamp is done');
  });

  it('keeps a fast message on screen for a fixed real-time span, with its text, at any replay speed', () => {
    // Sent at 1500, delivered at 2000 (run time). At 10x a 1.6 s real crossing lasts 16 s of run time.
    const late = render(TeamGraph, { props: { events: syncDecentralizedTrace, t: 9000, speed: 10 } }).container;
    const dot = late.querySelector('g.message[data-message="m1"]');
    expect(dot).not.toBeNull();
    expect(late.querySelector('.on-the-move')?.textContent).toContain('Dev2 → Dev1: Ping me when clamp is done');
    expect(late.querySelectorAll('.msg-text')).toHaveLength(1);
    // At 1x the same crossing lasts 1.6 s of run time: gone by t = 9000.
    const slow = render(TeamGraph, { props: { events: syncDecentralizedTrace, t: 9000, speed: 1 } }).container;
    expect(slow.querySelector('g.message[data-message="m1"]')).toBeNull();
    // Jumping to the end ("instant") draws no travelling messages.
    expect(render(TeamGraph, { props: { events: syncDecentralizedTrace, t: 1750, speed: 0 } }).container.querySelector('g.message')).toBeNull();
  });

  it('lays out a ring of peers around the board for a decentralized team, with peer channels', () => {
    const { container } = render(TeamGraph, { props: { events: syncDecentralizedTrace, t: 0 } });
    // 3 spokes to the board + 3 peer pairs.
    expect(container.querySelectorAll('.channels line')).toHaveLength(6);
    expect(container.querySelectorAll('.channels line.peer')).toHaveLength(3);
    expect(container.querySelector('g.board')?.getAttribute('aria-label')).toBe('Board: 0 of 4 tasks done, 2 ready');
  });

  it('puts the leader at the centre of a star and marks it', () => {
    const { container } = render(TeamGraph, { props: { events: leaderTrace, t: 1100 } });
    const lead = agentNode(container, 'Lead');
    expect(lead.getAttribute("transform")).toBe("translate(320,238)");
    expect(lead.querySelector('.leader-ring')).not.toBeNull();
    // Leader to each worker, and to the board.
    expect(container.querySelectorAll('.channels line')).toHaveLength(3);
    expect(agentNode(container, 'Dev1').querySelector('.name')?.textContent).toBe('Dev1 · t01');
  });

  it('shows the streamed text of a step as text, live streams winning while in a step', () => {
    const html = '<img src=x onerror="alert(1)">';
    const { container } = render(TeamGraph, { props: { events: syncDecentralizedTrace, t: 2100, streams: { Dev1: `hello ${html}` } } });
    const box = container.querySelector('.card[data-agent="Dev1"] .stream');
    expect(box?.textContent).toBe(`hello ${html}`);
    expect(container.querySelector('img')).toBeNull();
    // Replaying Dev2's step before its first token: nothing streamed yet.
    expect(container.querySelector('.card[data-agent="Dev2"] .stream')?.textContent).toBe('');
  });

  it('shows the last reply from the trace when the agent is between steps', () => {
    const { container } = render(TeamGraph, { props: { events: syncDecentralizedTrace, t: 1750, streams: { Dev1: 'stale' } } });
    expect(container.querySelector('.card[data-agent="Dev1"] .stream')?.textContent).toBe('I take t01 and write the clamp.');
  });

  it('shows a JSON reply as one readable line per action, not raw JSON with escaped newlines', () => {
    const json = JSON.stringify({ actions: [{ type: 'message', to: 'all', text: 'line one\nline two' }, { type: 'claim', task: 't02' }] });
    const events = syncDecentralizedTrace.map((e) =>
      e.type === 'step_end' && e.agent === 'Dev1' && e.round === 1
        ? { ...e, text: json, actions: [{ type: 'message' as const, to: 'all', text: 'line one\nline two' }, { type: 'claim' as const, task: 't02' }] }
        : { ...e },
    );
    const { container } = render(TeamGraph, { props: { events, t: 1750 } });
    const text = container.querySelector('.card[data-agent="Dev1"] .stream')?.textContent ?? '';
    expect(text).toBe('message → all:\n  line one\n  line two\nclaim t02');
    expect(text).not.toContain('{"');
  });

  it('shows only the last characters of a long reply', () => {
    const long = 'x'.repeat(500) + 'END';
    const { container } = render(TeamGraph, { props: { events: syncDecentralizedTrace, t: 2100, streams: { Dev1: long }, streamChars: 200 } });
    const text = container.querySelector('.card[data-agent="Dev1"] .stream')?.textContent ?? '';
    expect(text).toHaveLength(200);
    expect(text.endsWith('END')).toBe(true);
  });

  it('keeps the board out of the ring in the leader layout', () => {
    const l = layoutTeam('leader', [
      { id: 'A', role: 'worker', model: '' },
      { id: 'L', role: 'leader', model: '' },
    ]);
    expect(l.hub).toBe('L');
    expect(l.nodes.get(BOARD_NODE)).toEqual({ x: 70, y: 40 });
  });
});
