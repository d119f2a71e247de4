import type { Rule } from './types';

/** Waiting changes nothing; the agent's idle state after the step says why. */
export const wait: Rule<'wait'> = () => {};
