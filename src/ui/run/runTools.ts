/**
 * Everything a run needs that the page does not need to draw itself: the simulated team, the
 * sandbox test runner (with its module parser), the suites and the worker glue. The run
 * controller loads this on the first Run, which keeps the page's first download small.
 */
export { simulateRun } from '../../core/sim/simulate';
export { slotsFor, WorkerTeam } from '../../runtime/workerTeam';
export { pageTestRunner } from '../state/pageTestRunner';
export { baselineOptions, faultsFor, simOptions, workerPlan } from './runOptions';
