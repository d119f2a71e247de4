/**
 * What re-running a saved simulated run needs: the simulated team, the suites and the sandbox
 * test runner. Loaded when a run is opened, re-simulated or forked, not with the page.
 */
export { simulateRun } from '../../core/sim/simulate';
export { cellOptions } from '../../core/sweep/recipeRun';
export { pageTestRunner } from '../state/pageTestRunner';

