/**
 * Keyboard shortcuts of the page. Mapping a key to a command is kept apart from acting on it,
 * so the rule "never while typing in a field" is one testable function.
 */
export type ShortcutCommand =
  | 'toggle_play'
  | 'run'
  | 'stop'
  | 'step_event'
  | 'step_round'
  | 'back_event'
  | 'back_round'
  | 'next_view'
  | 'prev_view'
  | 'all_views'
  | 'view_1'
  | 'view_2'
  | 'view_3'
  | 'view_4'
  | 'view_5'
  | 'projector'
  | 'glossary'
  | 'scrub_back'
  | 'scrub_forward'
  | 'faster'
  | 'slower'
  | 'help'
  | 'close';

export interface Shortcut {
  keys: string[];
  command: ShortcutCommand;
  label: string;
}

export const SHORTCUTS: readonly Shortcut[] = [
  { keys: ['Space'], command: 'toggle_play', label: 'Play / pause the replay' },
  { keys: ['r'], command: 'run', label: 'Run' },
  { keys: ['s'], command: 'stop', label: 'Stop the run and the replay' },
  { keys: ['.'], command: 'step_event', label: 'Step to the next event' },
  { keys: ['n'], command: 'step_round', label: 'Step to the next round' },
  { keys: [','], command: 'back_event', label: 'Step back to the previous event' },
  { keys: ['b'], command: 'back_round', label: 'Step back to the previous round' },
  { keys: ['v', 'V'], command: 'next_view', label: 'Show the next / previous view large' },
  { keys: ['1', '2', '3', '4', '5'], command: 'view_1', label: 'Show Team, Tasks, Metrics, Timeline or Files large' },
  { keys: ['0'], command: 'all_views', label: 'Show every view' },
  { keys: ['p'], command: 'projector', label: 'Projector mode on / off' },
  { keys: ['g'], command: 'glossary', label: 'Glossary: what the words mean' },
  { keys: ['←', '→'], command: 'scrub_forward', label: 'Scrub back / forward' },
  { keys: ['+', '-'], command: 'faster', label: 'Faster / slower replay' },
  { keys: ['?'], command: 'help', label: 'Show this help' },
  { keys: ['Esc'], command: 'close', label: 'Close help or a dialog' },
];

/** What the handler needs of a KeyboardEvent. */
export interface KeyLike {
  key: string;
  ctrlKey?: boolean;
  metaKey?: boolean;
  altKey?: boolean;
  target?: EventTarget | null;
}

interface ElementLike {
  tagName?: string;
  isContentEditable?: boolean;
  type?: string;
}

const TEXT_INPUT_TYPES = new Set(['text', 'number', 'search', 'email', 'url', 'tel', 'password', 'date', 'time', 'datetime-local', 'month', 'week']);

/** Typing in a field, or operating a control that uses the key itself (select, slider). */
export function isTypingTarget(target: EventTarget | null | undefined): boolean {
  const el = target as ElementLike | null | undefined;
  if (!el || typeof el.tagName !== 'string') return false;
  if (el.isContentEditable) return true;
  const tag = el.tagName.toUpperCase();
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag === 'INPUT') {
    const type = (el.type ?? 'text').toLowerCase();
    // Arrow keys move a slider; a text-like field takes every key.
    return type === 'range' || TEXT_INPUT_TYPES.has(type);
  }
  return false;
}

/**
 * The command for a key press, or null. Esc always works (it closes things); everything else is
 * ignored while typing, with modifier keys (browser shortcuts), and, for Space, on a focused button
 * (where Space already means "press").
 */
export function commandFor(e: KeyLike): ShortcutCommand | null {
  if (e.key === 'Escape') return 'close';
  if (e.ctrlKey || e.metaKey || e.altKey) return null;
  if (isTypingTarget(e.target)) return null;
  const tag = (e.target as ElementLike | null | undefined)?.tagName?.toUpperCase();
  switch (e.key) {
    case ' ':
    case 'Spacebar':
      return tag === 'BUTTON' || tag === 'A' || tag === 'INPUT' ? null : 'toggle_play';
    case 'r':
    case 'R':
      return 'run';
    case 's':
    case 'S':
      return 'stop';
    case '.':
      return 'step_event';
    case 'n':
    case 'N':
      return 'step_round';
    case ',':
    case '<':
      return 'back_event';
    case 'b':
    case 'B':
      return 'back_round';
    case 'v':
      return 'next_view';
    case 'V':
      return 'prev_view';
    case '0':
      return 'all_views';
    case '1':
    case '2':
    case '3':
    case '4':
    case '5':
      return `view_${e.key}` as ShortcutCommand;
    case 'p':
    case 'P':
      return 'projector';
    case 'g':
    case 'G':
      return 'glossary';
    case 'ArrowLeft':
      return 'scrub_back';
    case 'ArrowRight':
      return 'scrub_forward';
    case '+':
    case '=':
      return 'faster';
    case '-':
    case '_':
      return 'slower';
    case '?':
      return 'help';
    default:
      return null;
  }
}
