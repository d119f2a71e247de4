import { describe, expect, it } from 'vitest';
import { commandFor, isTypingTarget } from '../../src/ui/shortcuts';

const el = (tagName: string, extra: Record<string, unknown> = {}) => ({ tagName, ...extra }) as unknown as EventTarget;

describe('commandFor', () => {
  it('maps the documented keys on the page body', () => {
    const body = el('BODY');
    const keys: [string, string][] = [
      [' ', 'toggle_play'],
      ['r', 'run'],
      ['s', 'stop'],
      ['.', 'step_event'],
      ['n', 'step_round'],
      ['ArrowLeft', 'scrub_back'],
      ['ArrowRight', 'scrub_forward'],
      ['+', 'faster'],
      ['-', 'slower'],
      ['?', 'help'],
      ['Escape', 'close'],
      [',', 'back_event'],
      ['b', 'back_round'],
      ['v', 'next_view'],
      ['V', 'prev_view'],
      ['0', 'all_views'],
      ['3', 'view_3'],
      ['p', 'projector'],
      ['g', 'glossary'],
    ];
    for (const [key, command] of keys) expect(commandFor({ key, target: body }), key).toBe(command);
    expect(commandFor({ key: 'x', target: body })).toBeNull();
  });

  it('never fires while typing in a field, except Esc', () => {
    for (const target of [el('INPUT', { type: 'number' }), el('INPUT', { type: 'text' }), el('TEXTAREA'), el('SELECT'), el('DIV', { isContentEditable: true })]) {
      for (const key of ['r', 's', ' ', 'n', '.', '?', '+', 'ArrowLeft']) expect(commandFor({ key, target }), key).toBeNull();
      expect(commandFor({ key: 'Escape', target })).toBe('close');
    }
  });

  it('leaves Space to a focused button and arrows to a slider, and ignores modified keys', () => {
    expect(commandFor({ key: ' ', target: el('BUTTON') })).toBeNull();
    expect(commandFor({ key: 'r', target: el('BUTTON') })).toBe('run');
    expect(commandFor({ key: 'ArrowRight', target: el('INPUT', { type: 'range' }) })).toBeNull();
    expect(commandFor({ key: 'r', ctrlKey: true, target: el('BODY') })).toBeNull();
    expect(commandFor({ key: 'r', metaKey: true, target: el('BODY') })).toBeNull();
  });

  it('treats checkboxes as not typing', () => {
    expect(isTypingTarget(el('INPUT', { type: 'checkbox' }))).toBe(false);
    expect(commandFor({ key: 'r', target: el('INPUT', { type: 'checkbox' }) })).toBe('run');
  });
});
