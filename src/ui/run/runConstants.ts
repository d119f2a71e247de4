/** Numbers the page states as assumptions; kept apart from the run code so stating them does
 * not load it. */
export { STRAGGLER_FACTOR } from '../../core/sweep/recipe';

/** Simulated engines in workers run this many times faster than the modelled time. */
export const WORKER_SIM_TIME_SCALE = 20;
