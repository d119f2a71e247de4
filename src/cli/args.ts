/** A strict flag parser for the command-line tools: unknown flags and missing values are
 * errors with a clear message, never silently ignored. */
export class UsageError extends Error {}

export interface FlagSpec {
  kind: 'value' | 'bool';
  help: string;
}

export function parseArgs(argv: string[], spec: Record<string, FlagSpec>): { flags: Record<string, string | boolean>; positional: string[] } {
  const flags: Record<string, string | boolean> = {};
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith('--')) {
      positional.push(arg);
      continue;
    }
    const [name, inline] = arg.slice(2).split(/=(.*)/s, 2);
    const f = spec[name];
    if (!f) throw new UsageError(`unknown flag --${name}; known flags: ${Object.keys(spec).map((k) => '--' + k).join(', ')}`);
    if (f.kind === 'bool') {
      if (inline !== undefined) throw new UsageError(`--${name} takes no value`);
      flags[name] = true;
    } else {
      const value = inline ?? argv[++i];
      if (value === undefined || (inline === undefined && value.startsWith('--'))) throw new UsageError(`--${name} needs a value (${f.help})`);
      flags[name] = value;
    }
  }
  return { flags, positional };
}

/** A numeric flag within [lo, hi]; absent = fallback; anything else is a UsageError naming the flag. */
export function numberFlag(name: string, value: string | boolean | undefined, fallback: number, lo: number, hi: number, integer = false): number {
  if (value === undefined) return fallback;
  const v = Number(value);
  if (typeof value !== 'string' || !Number.isFinite(v) || (integer && !Number.isInteger(v)) || v < lo || v > hi) {
    throw new UsageError(`--${name} ${String(value)}: expected ${integer ? 'a whole number' : 'a number'} from ${lo} to ${hi}`);
  }
  return v;
}

/** `--n 4` or `--n 1-5`: the team sizes, 1..8. */
export function teamSizes(value: string | boolean | undefined, fallback: string): number[] {
  const text = typeof value === 'string' ? value : fallback;
  const m = /^(\d+)(?:-(\d+))?$/.exec(text);
  if (!m) throw new UsageError(`--n ${text}: expected a team size like 4 or a range like 1-5`);
  const lo = Number(m[1]);
  const hi = m[2] === undefined ? lo : Number(m[2]);
  if (lo < 1 || hi > 8 || lo > hi) throw new UsageError(`--n ${text}: team sizes go from 1 to 8`);
  return Array.from({ length: hi - lo + 1 }, (_, i) => lo + i);
}
