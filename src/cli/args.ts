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
