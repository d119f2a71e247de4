/**
 * Bounds shared by both reply parsers. A model (or an attacker writing its reply) controls the
 * text, so the parsers' work and the reason they give back must not grow with how bad it is:
 * a reply of 50,000 broken tags gets a short reason, not a 3 MB one.
 */

/** Problems listed one by one in a reason; the rest are counted. */
export const MAX_LISTED_PROBLEMS = 8;
/** Longest reason a parser returns, in characters (it goes into the next prompt and the trace). */
export const MAX_REASON_TEXT = 1_500;
/** Longest open tag the tag reader looks at; a real one is a name and two short attributes. */
export const MAX_TAG_CHARS = 1_000;
/** Problems after which the tag reader stops reading: the reply is refused either way. */
export const MAX_TAG_PROBLEMS = 20;
/**
 * Bracket-scanning steps the JSON reader may spend per character of reply: prose with many
 * unmatched braces would otherwise cost a rescan per brace (quadratic).
 */
export const JSON_SCAN_STEPS_PER_CHAR = 6;

/** Cuts a long quoted fragment (an unknown action name, a bad tag) so the reason stays short. */
export function clip(text: string, max = 60): string {
  return text.length <= max ? text : `${text.slice(0, max)}…`;
}

/** "a; b; c; and 12 more problems", cut to MAX_REASON_TEXT characters. */
export function joinProblems(problems: readonly string[], extra = 0): string {
  const listed = problems.slice(0, MAX_LISTED_PROBLEMS);
  const more = problems.length - listed.length + extra;
  const text = listed.join('; ') + (more > 0 ? `; and ${more} more problem${more === 1 ? '' : 's'}` : '');
  return text.length <= MAX_REASON_TEXT ? text : `${text.slice(0, MAX_REASON_TEXT - 1)}…`;
}
