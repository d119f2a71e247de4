/** A cell turned into the options simulateRun takes: this part needs the suite itself. */
import type { TestRunner } from '../harness/types';
import type { SimRunOptions } from '../sim/simulate';
import { suiteById } from '../workload/suites';
import type { Suite } from '../workload/types';
import type { SweepCell } from './grid';
import { cellRunOptions } from './recipe';

export function suiteOfCell(cell: Pick<SweepCell, 'suite'>): Suite {
  const suite = suiteById(cell.suite);
  if (!suite) throw new Error(`there is no built-in suite "${cell.suite}"`);
  return suite;
}

export function cellOptions(cell: SweepCell, testRunner: TestRunner, suite: Suite = suiteOfCell(cell)): SimRunOptions {
  return { ...cellRunOptions(cell), suite, testRunner };
}
