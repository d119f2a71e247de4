/** Numbers the page states as assumptions; kept apart from the run code so stating them does
 * not load it. */

/** A straggler runs at a third of the speed of its peers. */
export const STRAGGLER_FACTOR = 1 / 3;
/** Simulated engines in workers run this many times faster than the modelled time. */
export const WORKER_SIM_TIME_SCALE = 20;
