/** The agent action protocol. A step's reply is a list of these. */
export type Action =
  | { type: 'claim'; task: string }
  | { type: 'write'; path: string; content: string }
  | { type: 'run_tests'; task?: string }
  | { type: 'complete'; task: string }
  /** `to` is an agent id or "all". */
  | { type: 'message'; to: string; text: string }
  /** Leader only. */
  | { type: 'assign'; task: string; to: string }
  | { type: 'wait'; reason?: string };

export type ActionType = Action['type'];
export const ACTION_TYPES: readonly ActionType[] = ['claim', 'write', 'run_tests', 'complete', 'message', 'assign', 'wait'];

/** Result of parsing one model reply. Parsers never throw. */
export type ParseResult =
  | { ok: true; actions: Action[]; warnings: string[] }
  | { ok: false; reason: string; actions: Action[] };
