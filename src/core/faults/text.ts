/**
 * The short text form of a fault schedule, shared by the command line and the URL:
 *
 *   crash:dev2@30s                    crash dev2 at 30 s of run time
 *   crash:dev2@step=3,restart=20s     crash at its third step, come back 20 s later, memory lost
 *   crash:dev2@random=10s-60s         at a seeded random moment in that window
 *   stall:dev1@10s,for=40s            hang for 40 s (no progress, no heartbeats)
 *   slow:dev3,factor=3                three times slower all run (or @10s,for=60s)
 *   drop:*,rate=0.2                   lose 20% of messages on every link (dev1>dev2, dev1>*, *>dev2)
 *   delay:dev1>*,by=5s,rate=1         messages from dev1 arrive 5 s late
 *   duplicate:*,rate=0.3              30% arrive twice (by=5s: the copy 5 s after the first)
 *   drop:dev2>board,action=complete   dev2's completions never reach the board (its actions:
 *   duplicate:*>board,rate=0.5,by=20s claim, write, complete, assign; action= picks one kind)
 *   reorder:*,by=3s,rate=0.5          half get up to 3 s extra, so later ones overtake them
 *   partition:dev1+dev2@20s,for=60s,from=peers|board|all
 *   byzantine:dev2,mode=done|code|lie (from the start, or @30s)
 *
 * Faults are joined with ";". Recovery protocols are a comma list of switches and settings:
 *   heartbeats,reassign,leases,verify,retries,failover,timeout=20s,heartbeat=5s,lease=120s,retry=10s,max-retries=5
 * plus "all" and "none". Every error names the piece of text it could not read.
 */
import {
  BOARD_ACTIONS,
  BOARD_LINK_END,
  BYZANTINE_MODES,
  isBoardLink,
  DEFAULT_RECOVERY,
  PARTITION_SIDES,
  RECOVERY_SWITCHES,
  faultSchema,
  isInert,
  type Fault,
  type FaultSchedule,
  type Recovery,
  type When,
} from './schedule';

export class FaultSyntaxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FaultSyntaxError';
  }
}

const KIND_ALIASES: Record<string, Fault['kind']> = {
  crash: 'crash',
  stall: 'stall',
  slow: 'slow',
  straggler: 'slow',
  drop: 'drop',
  loss: 'drop',
  delay: 'delay',
  duplicate: 'duplicate',
  dup: 'duplicate',
  reorder: 'reorder',
  partition: 'partition',
  byzantine: 'byzantine',
  byz: 'byzantine',
};

/** "30s", "1500ms", "2m", "0.5s" -> ms. A bare number is refused: units keep links unambiguous. */
export function parseDuration(text: string, what: string): number {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m)$/.exec(text.trim());
  if (!m) throw new FaultSyntaxError(`${what} "${text}" is not a duration: write it with a unit, like 30s, 1500ms or 2m`);
  const v = Number(m[1]);
  return Math.round(m[2] === 'ms' ? v : m[2] === 's' ? v * 1000 : v * 60_000);
}

export function formatDuration(ms: number): string {
  if (ms % 60_000 === 0 && ms >= 60_000) return `${ms / 60_000}m`;
  if (ms % 1000 === 0) return `${ms / 1000}s`;
  return `${ms}ms`;
}

function parseRate(text: string, what: string): number {
  const v = /^\d+(\.\d+)?$/.test(text) ? Number(text) : NaN;
  if (!(v >= 0 && v <= 1)) throw new FaultSyntaxError(`${what} "${text}" must be a number from 0 to 1`);
  return v;
}

function parseWhen(text: string, piece: string): When {
  if (text === 'random') return { random: { from: 0, to: 60_000 } };
  const eq = text.indexOf('=');
  if (eq < 0) return { t: parseDuration(text, `time in "${piece}"`) };
  const key = text.slice(0, eq);
  const value = text.slice(eq + 1);
  if (key === 't') return { t: parseDuration(value, `time in "${piece}"`) };
  if (key === 'step') {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 1) throw new FaultSyntaxError(`step "${value}" in "${piece}" must be a whole number from 1`);
    return { step: n };
  }
  if (key === 'random') {
    const m = /^([^-]+)-([^-]+)$/.exec(value);
    if (!m) throw new FaultSyntaxError(`random window "${value}" in "${piece}" looks like 10s-60s`);
    const from = parseDuration(m[1], `window start in "${piece}"`);
    const to = parseDuration(m[2], `window end in "${piece}"`);
    if (to <= from) throw new FaultSyntaxError(`random window "${value}" in "${piece}" ends before it starts`);
    return { random: { from, to } };
  }
  throw new FaultSyntaxError(`"@${text}" in "${piece}": write a time (@30s), a step (@step=3) or a window (@random=10s-60s)`);
}

function formatWhen(w: When): string {
  if ('t' in w) return formatDuration(w.t);
  if ('step' in w) return `step=${w.step}`;
  return `random=${formatDuration(w.random.from)}-${formatDuration(w.random.to)}`;
}

/** One fault from its text form. */
export function parseFault(piece: string): Fault {
  const text = piece.trim();
  const colon = text.indexOf(':');
  if (colon < 0) throw new FaultSyntaxError(`"${text}" has no kind: write kind:target, like crash:dev2@30s`);
  const kindName = text.slice(0, colon).toLowerCase();
  const kind = KIND_ALIASES[kindName];
  if (!kind) throw new FaultSyntaxError(`"${kindName}" is not a fault; choose crash, stall, slow, drop, delay, duplicate, reorder, partition or byzantine`);
  const [head, ...rest] = text.slice(colon + 1).split(',');
  const at = head.indexOf('@');
  const target = (at < 0 ? head : head.slice(0, at)).trim();
  const when = at < 0 ? undefined : parseWhen(head.slice(at + 1).trim(), text);
  if (!target) throw new FaultSyntaxError(`"${text}" names no agent or link`);
  const opts = new Map<string, string>();
  for (const kv of rest) {
    const eq = kv.indexOf('=');
    if (eq < 0) throw new FaultSyntaxError(`"${kv}" in "${text}" is not key=value`);
    opts.set(kv.slice(0, eq).trim(), kv.slice(eq + 1).trim());
  }
  const take = (key: string): string | undefined => {
    const v = opts.get(key);
    opts.delete(key);
    return v;
  };
  const need = (key: string, example: string): string => {
    const v = take(key);
    if (v === undefined) throw new FaultSyntaxError(`"${text}" needs ${key}=..., like ${example}`);
    return v;
  };
  const forMs = () => {
    const v = take('for');
    return v === undefined ? {} : { forMs: parseDuration(v, `for= in "${text}"`) };
  };
  const atOpt = when ? { at: when } : {};
  const needWhen = (): When => {
    if (!when) throw new FaultSyntaxError(`"${text}" needs a moment: add @30s, @step=3 or @random=10s-60s`);
    return when;
  };
  let fault: unknown;
  switch (kind) {
    case 'crash': {
      const restart = take('restart');
      fault = { kind, agent: target, at: needWhen(), ...(restart !== undefined ? { restartMs: parseDuration(restart, `restart= in "${text}"`) } : {}) };
      break;
    }
    case 'stall':
      fault = { kind, agent: target, at: needWhen(), forMs: parseDuration(need('for', 'for=30s'), `for= in "${text}"`) };
      break;
    case 'slow': {
      const factor = Number(need('factor', 'factor=3'));
      if (!(factor >= 1 && factor <= 100)) throw new FaultSyntaxError(`factor in "${text}" must be a number from 1 to 100`);
      fault = { kind, agent: target, factor, ...atOpt, ...forMs() };
      break;
    }
    case 'drop':
    case 'duplicate': {
      const action = take('action');
      if (action !== undefined && !(BOARD_ACTIONS as readonly string[]).includes(action)) {
        throw new FaultSyntaxError(`action=${action} in "${text}": choose ${BOARD_ACTIONS.join(', ')}`);
      }
      if (action !== undefined && !isBoardLink(target)) throw new FaultSyntaxError(`action= in "${text}" needs a link to the board, like dev2>${BOARD_LINK_END} or *>${BOARD_LINK_END}`);
      const by = kind === 'duplicate' ? take('by') : undefined;
      fault = {
        kind,
        link: target,
        rate: parseRate(take('rate') ?? '1', `rate in "${text}"`),
        ...(by !== undefined ? { ms: parseDuration(by, `by= in "${text}"`) } : {}),
        ...(action !== undefined ? { action } : {}),
        ...atOpt,
        ...forMs(),
      };
      break;
    }
    case 'delay':
    case 'reorder':
      if (isBoardLink(target)) throw new FaultSyntaxError(`"${text}": the board link takes drop and duplicate (an action is applied when it arrives); ${kind} acts on messages between agents`);
      fault = {
        kind,
        link: target,
        ms: parseDuration(need('by', 'by=5s'), `by= in "${text}"`),
        rate: parseRate(take('rate') ?? '1', `rate in "${text}"`),
        ...atOpt,
        ...forMs(),
      };
      break;
    case 'partition': {
      const from = take('from') ?? 'all';
      if (!(PARTITION_SIDES as readonly string[]).includes(from)) throw new FaultSyntaxError(`from=${from} in "${text}": choose ${PARTITION_SIDES.join(', ')}`);
      fault = { kind, agents: target.split('+').map((a) => a.trim()), from, at: needWhen(), forMs: parseDuration(need('for', 'for=60s'), `for= in "${text}"`) };
      break;
    }
    case 'byzantine': {
      const mode = take('mode') ?? 'done';
      if (!(BYZANTINE_MODES as readonly string[]).includes(mode)) throw new FaultSyntaxError(`mode=${mode} in "${text}": choose ${BYZANTINE_MODES.join(', ')}`);
      fault = { kind, agent: target, mode, ...atOpt };
      break;
    }
  }
  if ('link' in (fault as object) && /^board>/.test(target)) {
    throw new FaultSyntaxError(`"${text}": a link starts at an agent; the board's side is the end, like dev2>${BOARD_LINK_END}`);
  }
  if (opts.size > 0) throw new FaultSyntaxError(`"${text}": ${[...opts.keys()].map((k) => `${k}=`).join(', ')} does not apply to ${kind}`);
  const parsed = faultSchema.safeParse(fault);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new FaultSyntaxError(`"${text}": ${issue.path.join('.') || 'fault'} ${issue.message}`);
  }
  return parsed.data;
}

export function formatFault(f: Fault): string {
  const at = 'at' in f && f.at ? `@${formatWhen(f.at)}` : '';
  const forPart = 'forMs' in f && f.forMs !== undefined ? `,for=${formatDuration(f.forMs)}` : '';
  switch (f.kind) {
    case 'crash':
      return `crash:${f.agent}${at}${f.restartMs !== undefined ? `,restart=${formatDuration(f.restartMs)}` : ''}`;
    case 'stall':
      return `stall:${f.agent}${at}${forPart}`;
    case 'slow':
      return `slow:${f.agent}${at},factor=${f.factor}${forPart}`;
    case 'drop':
      return `${f.kind}:${f.link}${at},rate=${f.rate}${f.action ? `,action=${f.action}` : ''}${forPart}`;
    case 'duplicate':
      return `${f.kind}:${f.link}${at},rate=${f.rate}${f.ms !== undefined ? `,by=${formatDuration(f.ms)}` : ''}${f.action ? `,action=${f.action}` : ''}${forPart}`;
    case 'delay':
    case 'reorder':
      return `${f.kind}:${f.link}${at},by=${formatDuration(f.ms)},rate=${f.rate}${forPart}`;
    case 'partition':
      return `partition:${f.agents.join('+')}${at}${forPart},from=${f.from}`;
    case 'byzantine':
      return `byzantine:${f.agent}${at},mode=${f.mode}`;
  }
}

/** Faults joined by ";" (an empty text is no fault). */
export function parseFaults(text: string): Fault[] {
  return text
    .split(';')
    .map((s) => s.trim())
    .filter((s) => s !== '')
    .map(parseFault);
}

export function formatFaults(faults: readonly Fault[]): string {
  return faults.map(formatFault).join(';');
}

const SETTING_KEYS: Record<string, keyof Recovery> = {
  heartbeat: 'heartbeatMs',
  timeout: 'timeoutMs',
  lease: 'leaseMs',
  retry: 'retryMs',
};

/** "leases,verify,timeout=20s" -> recovery (switches not named are off). */
export function parseRecovery(text: string): Recovery {
  const r: Recovery = { ...DEFAULT_RECOVERY };
  for (const raw of text.split(',')) {
    const item = raw.trim();
    if (item === '' || item === 'none') continue;
    if (item === 'all') {
      for (const s of RECOVERY_SWITCHES) r[s] = true;
      continue;
    }
    if ((RECOVERY_SWITCHES as readonly string[]).includes(item)) {
      r[item as (typeof RECOVERY_SWITCHES)[number]] = true;
      continue;
    }
    const eq = item.indexOf('=');
    const key = eq < 0 ? item : item.slice(0, eq);
    const value = item.slice(eq + 1);
    if (eq >= 0 && key === 'max-retries') {
      const n = Number(value);
      if (!Number.isInteger(n) || n < 0 || n > 20) throw new FaultSyntaxError(`max-retries=${value} must be a whole number from 0 to 20`);
      r.maxRetries = n;
      continue;
    }
    const field = SETTING_KEYS[key];
    if (eq < 0 || !field) {
      throw new FaultSyntaxError(
        `"${item}" is not a recovery protocol; choose from ${RECOVERY_SWITCHES.join(', ')}, all, none, or set heartbeat=, timeout=, lease=, retry=, max-retries=`,
      );
    }
    const ms = parseDuration(value, `${key}=`);
    if (ms < 1) throw new FaultSyntaxError(`${key}=${value} must be more than 0`);
    r[field] = ms as never;
  }
  return r;
}

/** The shortest text that parses back to this recovery. */
export function formatRecovery(r: Recovery): string {
  const parts: string[] = RECOVERY_SWITCHES.filter((s) => r[s]);
  for (const [key, field] of Object.entries(SETTING_KEYS)) {
    if (r[field] !== DEFAULT_RECOVERY[field]) parts.push(`${key}=${formatDuration(r[field] as number)}`);
  }
  if (r.maxRetries !== DEFAULT_RECOVERY.maxRetries) parts.push(`max-retries=${r.maxRetries}`);
  return parts.length ? parts.join(',') : 'none';
}

/** A schedule from its two texts; undefined when it would change nothing. Throws FaultSyntaxError. */
export function scheduleFromText(faults: string, recovery: string, seed?: number): FaultSchedule | undefined {
  const s: FaultSchedule = { faults: parseFaults(faults), recovery: parseRecovery(recovery), ...(seed !== undefined ? { seed } : {}) };
  return isInert(s) ? undefined : s;
}
