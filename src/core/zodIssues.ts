/**
 * Turns zod issues into short messages that name the field, e.g. `actions[1].path: required`,
 * so a learner (or a model being re-prompted) can see at once what to fix.
 */
import type { z } from 'zod';

type Path = readonly PropertyKey[];

/** `["tasks", 3, "dependencies"]` -> `tasks[3].dependencies`. */
export function formatPath(path: Path, prefix = ''): string {
  let out = prefix;
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out === '' ? '(root)' : out;
}

function valueAt(root: unknown, path: Path): unknown {
  let v: unknown = root;
  for (const key of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[key];
  }
  return v;
}

/** The JSON name of a value's type, as a model or a learner would say it. */
export function jsonTypeName(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  return typeof v;
}

/**
 * One message per issue. `root` is the value that was parsed; it lets "missing" be told apart
 * from "wrong type", which zod 4 reports alike.
 */
export function formatZodIssues(issues: readonly z.core.$ZodIssue[], root: unknown, prefix = ''): string[] {
  return issues.map((issue) => {
    const where = formatPath(issue.path, prefix);
    const value = valueAt(root, issue.path);
    switch (issue.code) {
      case 'invalid_type':
        return value === undefined ? `${where}: required` : `${where}: expected ${issue.expected}, got ${jsonTypeName(value)}`;
      case 'invalid_union': {
        if ('discriminator' in issue && issue.discriminator !== undefined) {
          const allowed = (issue as { options?: unknown[] }).options?.map(String).join(', ') ?? '';
          return value === undefined
            ? `${where}: required (one of ${allowed})`
            : `${where}: unknown value ${JSON.stringify(value)}; allowed: ${allowed}`;
        }
        return `${where}: ${issue.message}`;
      }
      case 'too_big':
        if (issue.origin === 'string' && typeof value === 'string')
          return `${where}: too long (${value.length} characters, at most ${String(issue.maximum)})`;
        if (issue.origin === 'array' && Array.isArray(value))
          return `${where}: too many items (${value.length}, at most ${String(issue.maximum)})`;
        return `${where}: must be at most ${String(issue.maximum)}`;
      case 'too_small':
        if (issue.origin === 'string') return Number(issue.minimum) <= 1 ? `${where}: must not be empty` : `${where}: too short (at least ${String(issue.minimum)} characters)`;
        if (issue.origin === 'array') return `${where}: needs at least ${String(issue.minimum)} item${Number(issue.minimum) === 1 ? '' : 's'}`;
        return `${where}: must be at least ${String(issue.minimum)}`;
      case 'invalid_value':
        return `${where}: must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
      case 'unrecognized_keys':
        return `${where}: unknown field${issue.keys.length === 1 ? '' : 's'} ${issue.keys.join(', ')}`;
      default:
        return `${where}: ${issue.message}`;
    }
  });
}
