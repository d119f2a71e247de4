/**
 * Every knob of the page, and the seed, in the URL hash, so any view is a shareable link
 * (TensorFlow Playground's state.ts idea). The hash is untrusted input: each field is range-checked
 * here, and a bad value falls back to that field's default with a notice naming the field.
 */
import type { StepMode, Structure } from '../../core/trace/events';
import type { SuiteFamily } from '../../core/workload/types';
import { P_LEVELS, SUITE_FAMILIES } from '../../core/workload/types';
import { SIM_PRESETS } from '../../core/sim/presets';
import { findModel, defaultModelId } from '../../engines/catalog';
import { findLesson } from '../../lessons';
import { FaultSyntaxError, formatFaults, formatRecovery, parseFaults, parseRecovery } from '../../core/faults/text';

export type EngineChoice = 'sim' | 'workers' | 'webllm' | 'endpoint';
/** The page's views; one of them can fill the stage (projector mode shows one at a time). */
export type ViewId = 'team' | 'tasks' | 'metrics' | 'timeline' | 'files';
/** Playback speed: run-time ms per real ms, or 'instant' (jump to the end). */
export type PlaySpeed = number | 'instant';

export interface PageState {
  family: SuiteFamily;
  p: number;
  /** Worker agents in the team. */
  n: number;
  structure: Structure;
  mode: StepMode;
  seed: number;
  engine: EngineChoice;
  /** Simulated-engine preset id (SIM_PRESETS). */
  preset: string;
  /** Chance a simulated agent writes a plausible but wrong solution. */
  errorRate: number;
  /** Tokens/s the laptop preset assumes; editable because every laptop differs. */
  decodeTps: number;
  prefillTps: number;
  locks: boolean;
  /** One agent (the last) three times slower. */
  straggler: boolean;
  /** Workers: one engine hosts every agent as a persona (less memory, more contention). */
  shared: boolean;
  speed: PlaySpeed;
  /** WebLLM model id from the catalog. */
  model: string;
  /** Largest team of a sweep (n = 1..sweepMax). */
  sweepMax: number;
  /** Seeds per team size in a sweep. */
  sweepSeeds: number;
  /** Overlay the paper's published points on the speedup chart. */
  paper: boolean;
  /** View: the settings column is shown (a projector may want the room for the views). */
  settings: boolean;
  /** View: the metrics panel shows the speedup chart instead of the run's numbers. */
  chart: boolean;
  /** View: the one view shown large, or 'all' for the grid of every view. */
  view: ViewId | 'all';
  /** View: projector mode (one large view, big text, the intro folded away). */
  projector: boolean;
  /** Teacher links: controls hidden from the learner (HIDEABLE names), so the link's setup stays fixed. */
  hide: HideableControl[];
  /** A guided lesson open beside the views ('' = none), and its step (1-based). */
  lesson: string;
  step: number;
  /** Faults to inject, in core/faults/text.ts form ('' = none). */
  faults: string;
  /** Recovery protocols, in core/faults/text.ts form ('none' = none). */
  recovery: string;
  /** OpenAI-compatible endpoint: base URL and model. Its API key is never page state (ui/state/endpointKeys.ts). */
  endpointUrl: string;
  endpointModel: string;
  /** Agents on the endpoint, dev1..devK (0 = all); the rest run on `endpointRest`. */
  endpointAgents: number;
  /** A mixed team's other agents: simulated in workers, or WebLLM on this device's GPU. */
  endpointRest: 'sim' | 'webllm';
}

/** Whether a run of this state loads WebLLM models: a WebLLM team, or a mixed endpoint team whose
 * other agents run on this device's GPU. */
export function usesWebLLM(s: Pick<PageState, 'engine' | 'endpointRest' | 'endpointAgents' | 'n'>): boolean {
  return s.engine === 'webllm' || (s.engine === 'endpoint' && s.endpointRest === 'webllm' && s.endpointAgents > 0 && s.endpointAgents < s.n);
}

export const STRUCTURES: readonly Structure[] = ['single', 'preassign', 'leader', 'decentralized'];
export const STEP_MODES: readonly StepMode[] = ['sync', 'async'];
export const ENGINE_CHOICES: readonly EngineChoice[] = ['sim', 'workers', 'webllm', 'endpoint'];
export const PLAY_SPEEDS: readonly PlaySpeed[] = [0.5, 1, 2, 5, 10, 20, 50, 'instant'];
export const N_MIN = 1;
export const N_MAX = 8;
export const SEED_MAX = 2 ** 31 - 1;
export const SPEED_MIN = 0.5;
export const SPEED_MAX = 50;
export const DECODE_TPS_RANGE: readonly [number, number] = [1, 5000];
export const PREFILL_TPS_RANGE: readonly [number, number] = [1, 200000];
export const SWEEP_SEEDS_MAX = 10;
export const VIEW_IDS: readonly ViewId[] = ['team', 'tasks', 'metrics', 'timeline', 'files'];
/** Controls a teacher link may hide (`hide=n,structure,…`). */
export const HIDEABLE = ['family', 'p', 'n', 'structure', 'mode', 'locks', 'straggler', 'engine', 'model', 'seed', 'sweep', 'settings', 'lab', 'faults'] as const;
export type HideableControl = (typeof HIDEABLE)[number];

const laptop = SIM_PRESETS.find((x) => x.id === 'laptop') ?? SIM_PRESETS[0];

export function defaultState(): PageState {
  return {
    family: 'math',
    p: 0.9,
    n: 4,
    structure: 'decentralized',
    mode: 'sync',
    seed: 1,
    engine: 'sim',
    preset: laptop.id,
    errorRate: laptop.errorRate,
    decodeTps: laptop.decodeTps,
    prefillTps: laptop.prefillTps,
    locks: true,
    straggler: false,
    shared: false,
    speed: 10,
    // Without a probe we cannot know shader-f16; q4f32 runs everywhere.
    model: defaultModelId(false),
    sweepMax: 5,
    sweepSeeds: 3,
    paper: true,
    settings: true,
    chart: false,
    view: 'all',
    projector: false,
    hide: [],
    lesson: '',
    step: 1,
    faults: '',
    recovery: 'none',
    endpointUrl: '',
    endpointModel: '',
    endpointAgents: 0,
    endpointRest: 'sim',
  };
}

/** Short keys keep links readable; the order here is the order in the hash. */
const KEYS: Record<keyof PageState, string> = {
  family: 'family',
  p: 'p',
  n: 'n',
  structure: 'structure',
  mode: 'mode',
  seed: 'seed',
  engine: 'engine',
  preset: 'preset',
  errorRate: 'err',
  decodeTps: 'tps',
  prefillTps: 'prefill',
  locks: 'locks',
  straggler: 'straggler',
  shared: 'shared',
  speed: 'speed',
  model: 'model',
  sweepMax: 'sweep',
  sweepSeeds: 'seeds',
  paper: 'paper',
  settings: 'settings',
  chart: 'chart',
  view: 'view',
  projector: 'projector',
  hide: 'hide',
  lesson: 'lesson',
  step: 'step',
  faults: 'faults',
  recovery: 'recovery',
  endpointUrl: 'api',
  endpointModel: 'apimodel',
  endpointAgents: 'apin',
  endpointRest: 'apirest',
};

/** Fields left out of a link while at their default, so everyday links stay short. */
const QUIET_AT_DEFAULT: ReadonlySet<Field> = new Set<Field>(['view', 'projector', 'hide', 'lesson', 'step', 'faults', 'recovery', 'endpointUrl', 'endpointModel', 'endpointAgents', 'endpointRest']);

type Field = keyof PageState;
type Reader = (raw: string) => { ok: true; value: PageState[Field] } | { ok: false; why: string };

function oneOf<T extends string>(values: readonly T[]): Reader {
  return (raw) => ((values as readonly string[]).includes(raw) ? { ok: true, value: raw as T } : { ok: false, why: `is not one of ${values.join(', ')}` });
}

function number(raw: string): number | null {
  // Number('') is 0 and Number(' 1') is 1: insist on a plain decimal.
  if (!/^-?(\d+(\.\d*)?|\.\d+)(e-?\d+)?$/i.test(raw)) return null;
  const x = Number(raw);
  return Number.isFinite(x) ? x : null;
}

function integer(min: number, max: number): Reader {
  return (raw) => {
    const x = number(raw);
    if (x === null || !Number.isInteger(x)) return { ok: false, why: `is not a whole number` };
    if (x < min || x > max) return { ok: false, why: `is out of range ${min}-${max}` };
    return { ok: true, value: x };
  };
}

function real(min: number, max: number): Reader {
  return (raw) => {
    const x = number(raw);
    if (x === null) return { ok: false, why: 'is not a number' };
    if (x < min || x > max) return { ok: false, why: `is out of range ${min}-${max}` };
    return { ok: true, value: x };
  };
}

const bool: Reader = (raw) => {
  if (raw === '1' || raw === 'on' || raw === 'true') return { ok: true, value: true };
  if (raw === '0' || raw === 'off' || raw === 'false') return { ok: true, value: false };
  return { ok: false, why: 'is not on or off' };
};

const READERS: Record<Field, Reader> = {
  family: oneOf(SUITE_FAMILIES),
  p: (raw) => {
    const x = number(raw);
    const level = x === null ? undefined : P_LEVELS.find((l) => Math.abs(l - x) < 1e-9);
    return level === undefined ? { ok: false, why: `is not one of ${P_LEVELS.join(', ')}` } : { ok: true, value: level };
  },
  n: integer(N_MIN, N_MAX),
  structure: oneOf(STRUCTURES),
  mode: oneOf(STEP_MODES),
  seed: integer(0, SEED_MAX),
  engine: oneOf(ENGINE_CHOICES),
  preset: oneOf(SIM_PRESETS.map((x) => x.id)),
  errorRate: real(0, 1),
  decodeTps: real(DECODE_TPS_RANGE[0], DECODE_TPS_RANGE[1]),
  prefillTps: real(PREFILL_TPS_RANGE[0], PREFILL_TPS_RANGE[1]),
  locks: bool,
  straggler: bool,
  shared: bool,
  speed: (raw) => {
    if (raw === 'instant') return { ok: true, value: 'instant' };
    const x = number(raw);
    if (x === null) return { ok: false, why: 'is not a number or "instant"' };
    if (x < SPEED_MIN || x > SPEED_MAX) return { ok: false, why: `is out of range ${SPEED_MIN}-${SPEED_MAX}` };
    return { ok: true, value: x };
  },
  model: (raw) => (findModel(raw) ? { ok: true, value: raw } : { ok: false, why: 'is not a model in the catalog' }),
  sweepMax: integer(N_MIN, N_MAX),
  sweepSeeds: integer(1, SWEEP_SEEDS_MAX),
  paper: bool,
  settings: bool,
  chart: bool,
  view: oneOf<ViewId | 'all'>(['all', ...VIEW_IDS]),
  projector: bool,
  hide: (raw) => {
    const names = raw.split(',').filter((x) => x !== '');
    const bad = names.filter((x) => !(HIDEABLE as readonly string[]).includes(x));
    if (bad.length > 0) return { ok: false, why: `names ${bad.map((x) => `"${x.slice(0, 20)}"`).join(', ')}, not one of ${HIDEABLE.join(', ')}` };
    return { ok: true, value: [...new Set(names)] as HideableControl[] };
  },
  lesson: (raw) => (findLesson(raw) ? { ok: true, value: raw } : { ok: false, why: 'is not a lesson of this page' }),
  step: integer(1, 20),
  faults: faultText((raw) => formatFaults(parseFaults(raw))),
  recovery: faultText((raw) => formatRecovery(parseRecovery(raw))),
  endpointUrl: endpointUrlReader,
  endpointModel: (raw) => (raw.length <= 200 && /^[\x21-\x7e]+$/.test(raw) ? { ok: true, value: raw } : { ok: false, why: 'is not a model name (up to 200 visible characters, no spaces)' }),
  endpointAgents: integer(0, N_MAX),
  endpointRest: oneOf(['sim', 'webllm']),
};

/** An endpoint's base URL: http(s) only, and nothing secret in it, since links are shared. */
function endpointUrlReader(raw: string): ReturnType<Reader> {
  if (raw.length > 500) return { ok: false, why: 'is longer than a server address needs' };
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    return { ok: false, why: 'is not a URL' };
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return { ok: false, why: 'is not an http or https address' };
  if (u.username !== '' || u.password !== '' || u.search !== '' || u.hash !== '') {
    return { ok: false, why: 'carries credentials or a query; a link must not hold secrets (enter keys in the endpoint panel)' };
  }
  return { ok: true, value: raw.replace(/\/+$/, '') };
}

/** A fault schedule's text: read back in its normal form, or refused with the parser's reason. */
function faultText(normalise: (raw: string) => string): Reader {
  return (raw) => {
    if (raw.length > 600) return { ok: false, why: 'is longer than a fault schedule needs' };
    try {
      return { ok: true, value: normalise(raw) };
    } catch (e) {
      return { ok: false, why: e instanceof FaultSyntaxError ? `could not be read (${e.message})` : 'could not be read' };
    }
  };
}

function show(value: PageState[Field]): string {
  if (typeof value === 'boolean') return value ? 'on' : 'off';
  if (Array.isArray(value)) return value.length === 0 ? 'none' : value.join(',');
  if (value === '') return 'none';
  return String(value);
}

export interface ParsedHash {
  state: PageState;
  /** One readable sentence per field that was bad and replaced by its default. */
  notices: string[];
}

/** Read a location hash ("#n=4&..." or "n=4&..."). Missing fields take their defaults quietly. */
/** Longest link hash read, in characters; every setting at its longest fits in a tenth of it. */
export const MAX_LINK_CHARS = 4000;
/** Notices one link may raise; past that they are counted in one more. */
export const MAX_LINK_NOTICES = 6;

export function parseHash(hash: string): ParsedHash {
  const state = defaultState();
  const text = hash.startsWith('#') ? hash.slice(1) : hash;
  if (text.trim() === '') return { state, notices: [] };
  // A long link is not a setup someone shared: refusing it whole costs one notice, not one per part.
  if (text.length > MAX_LINK_CHARS) {
    return { state, notices: [`The link is ${text.length.toLocaleString('en')} characters long, more than the ${MAX_LINK_CHARS.toLocaleString('en')} a setup needs; all its settings were ignored.`] };
  }
  const notices = readParts(text, state);
  if (notices.length <= MAX_LINK_NOTICES) return { state, notices };
  const more = notices.length - (MAX_LINK_NOTICES - 1);
  return { state, notices: [...notices.slice(0, MAX_LINK_NOTICES - 1), `and ${more} more problems with the link; those parts were ignored too.`] };
}

/** Reads every part of the hash into `state`; one notice per part that was bad. */
function readParts(text: string, state: PageState): string[] {
  const notices: string[] = [];
  const byKey = new Map<string, Field>(Object.entries(KEYS).map(([field, key]) => [key, field as Field]));
  const seen = new Set<Field>();
  const repeated = new Set<Field>();
  for (const part of text.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    let key: string;
    let raw: string;
    try {
      key = decodeURIComponent(eq < 0 ? part : part.slice(0, eq));
      raw = eq < 0 ? '' : decodeURIComponent(part.slice(eq + 1).replace(/\+/g, ' '));
    } catch {
      notices.push(`Could not read "${part.slice(0, 40)}" in the link; ignored it.`);
      continue;
    }
    const field = byKey.get(key);
    if (!field) {
      notices.push(`Unknown setting "${key.slice(0, 40)}" in the link; ignored it.`);
      continue;
    }
    if (seen.has(field) && !repeated.has(field)) {
      notices.push(`${key} appears twice in the link; using the last one.`);
      repeated.add(field);
    }
    seen.add(field);
    const fallback = defaultState()[field];
    if (raw === '') {
      notices.push(`${key} has no value; using ${show(fallback)}.`);
      (state as unknown as Record<Field, unknown>)[field] = fallback;
      continue;
    }
    const read = READERS[field](raw);
    if (read.ok) (state as unknown as Record<Field, unknown>)[field] = read.value;
    else {
      notices.push(`${key}=${raw.slice(0, 40)} ${read.why}; using ${show(fallback)}.`);
      (state as unknown as Record<Field, unknown>)[field] = fallback;
    }
  }
  // Cross-field rules, checked once every field is read.
  if (state.structure === 'single' && state.n !== 1) {
    if (seen.has('n')) notices.push(`structure=single means one agent; using n=1, not ${state.n}.`);
    state.n = 1;
  }
  const lesson = state.lesson === '' ? undefined : findLesson(state.lesson);
  if (!lesson && state.step !== 1) {
    if (seen.has('step')) notices.push('step needs a lesson; using step 1.');
    state.step = 1;
  } else if (lesson && state.step > lesson.steps.length) {
    notices.push(`step=${state.step} is past the end of lesson "${lesson.title}" (${lesson.steps.length} steps); using step 1.`);
    state.step = 1;
  }
  return notices;
}

function write(value: PageState[Field]): string {
  if (typeof value === 'boolean') return value ? '1' : '0';
  if (Array.isArray(value)) return value.map((x) => encodeURIComponent(x)).join(',');
  return encodeURIComponent(String(value));
}

/** The hash for a state, with the leading "#". parseHash(toHash(s)).state equals s for valid s. */
export function toHash(state: PageState): string {
  const defaults = defaultState();
  const parts = (Object.keys(KEYS) as Field[])
    .filter((field) => !QUIET_AT_DEFAULT.has(field) || write(state[field]) !== write(defaults[field]))
    .map((field) => `${KEYS[field]}=${write(state[field])}`);
  return `#${parts.join('&')}`;
}

/** The hash key a field is stored under, for notices and tests. */
export function hashKey(field: Field): string {
  return KEYS[field];
}
