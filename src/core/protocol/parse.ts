/**
 * Entry point for reading a model's step reply, in either protocol format, and for checking the
 * actions against what the agent's role and the team allow.
 */
import type { Action, ParseResult } from './actions';
import { parseJsonActions } from './parseJson';
import { parseXmlActions } from './parseXml';

export type ReplyFormat = 'json' | 'xml' | 'auto';
export type AgentRole = 'worker' | 'leader';

/** JSON if a '{' comes before the first tag-like '<name'; otherwise the harness's tags. */
export function detectFormat(text: string): 'json' | 'xml' {
  const brace = text.indexOf('{');
  // Only the text before the first brace can hold a tag that comes first (a reply's code can
  // be long, and is not searched).
  return brace >= 0 && !/<[A-Za-z_]/.test(text.slice(0, brace)) ? 'json' : 'xml';
}

export interface ParseOptions {
  /** Most actions a tag-format reply may hold. The default (4, as JSON) suits small models under
   * constrained decoding; the paper's hosted models wrote 2-15 edits per reply in the harness's
   * tags, so agents standing for them allow more. JSON stays at 4 (its decoding schema). */
  maxTagActions?: number;
}

export function parseActions(text: string, format: ReplyFormat, options: ParseOptions = {}): ParseResult {
  if (format === 'json') return parseJsonActions(text);
  if (format === 'xml') return parseXmlActions(text, undefined, options.maxTagActions);
  const first = detectFormat(text);
  const result = first === 'json' ? parseJsonActions(text) : parseXmlActions(text, undefined, options.maxTagActions);
  if (result.ok) return result;
  // A brace in prose before the tags (or a tag in prose before the JSON) misleads detection;
  // the other reader gets a chance before the reply is rejected.
  const other = first === 'json' ? parseXmlActions(text, undefined, options.maxTagActions) : parseJsonActions(text);
  if (other.ok && other.actions.length > 0)
    return { ...other, warnings: [...other.warnings, `read as ${first === 'json' ? 'tags' : 'JSON'}: ${result.reason}`] };
  return result;
}

export interface RoleCheckOptions {
  /** Folder every written file must be inside; '' allows any relative path (imported suites). */
  pathPrefix?: string;
}

/** Why a write path is refused, or null if it is acceptable. */
export function checkWritePath(path: string, prefix: string): string | null {
  if (path.includes('\\')) return 'use "/" between folders, not "\\"';
  if (path.startsWith('/') || /^[A-Za-z]:/.test(path)) return 'must be a relative path';
  const segments = path.split('/');
  if (segments.includes('..')) return 'must not contain ".."';
  if (segments.some((s) => s === '' || s === '.')) return 'has an empty or "." folder name';
  if (prefix !== '' && !path.startsWith(prefix)) return `must be inside ${prefix}`;
  return null;
}

const agentList = (ids: readonly string[]) => (ids.length > 0 ? ids.join(', ') : '(none)');

/**
 * Keeps the actions this agent may take and explains each one dropped. Paths written as
 * "./src/a.js" are normalised to "src/a.js".
 */
export function validateActionsForRole(
  actions: readonly Action[],
  role: AgentRole,
  agentIds: readonly string[],
  options: RoleCheckOptions = {},
): { actions: Action[]; errors: string[] } {
  const prefix = options.pathPrefix ?? 'src/';
  const kept: Action[] = [];
  const errors: string[] = [];

  actions.forEach((action, i) => {
    const where = `actions[${i}] (${action.type})`;
    switch (action.type) {
      case 'assign':
        if (role !== 'leader') {
          errors.push(`${where}: only the leader may assign tasks; claim a task instead`);
          return;
        }
        if (!agentIds.includes(action.to)) {
          errors.push(`${where}: unknown agent "${action.to}"; agents: ${agentList(agentIds)}`);
          return;
        }
        break;
      case 'message':
        if (action.to !== 'all' && !agentIds.includes(action.to)) {
          errors.push(`${where}: unknown recipient "${action.to}"; use "all" or one of: ${agentList(agentIds)}`);
          return;
        }
        break;
      case 'write': {
        const path = action.path.replace(/^(\.\/)+/, '');
        const problem = checkWritePath(path, prefix);
        if (problem !== null) {
          errors.push(`${where}: path "${action.path}" ${problem}`);
          return;
        }
        if (path !== action.path) {
          kept.push({ ...action, path });
          return;
        }
        break;
      }
      default:
        break;
    }
    kept.push(action);
  });
  return { actions: kept, errors };
}
