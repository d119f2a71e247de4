/**
 * Task suites: 20-task DAGs of JavaScript functions, one exported function per file.
 * A suite loaded from the paper harness's JSON format may lack reference code and tests.
 */

/** One check of a task. `code` is a JavaScript function body; the task's exported
 * function is in scope under its own name, and so is `assert` (see core/harness). */
export interface TestCase {
  name: string;
  code: string;
}

export interface Task {
  /** Stable id, e.g. "t01". */
  id: string;
  title: string;
  /** The specification a small model can follow: signature, behaviour, errors to throw. */
  description: string;
  /** Ids of tasks whose functions this one imports. */
  dependencies: string[];
  /** Repository path of the one file this task produces, e.g. "src/clamp.js". */
  file: string;
  /** Name of the one function the file exports. */
  exportName: string;
  /** Reference solution (an ES module importing dependencies as './name.js'). */
  reference?: string;
  /** A plausible but wrong solution that the tests must reject. */
  wrong?: string;
  tests?: TestCase[];
}

export interface Suite {
  /** e.g. "math-p0.9" */
  id: string;
  /** Family: "math" | "data" | "svg" | imported project name. */
  family: string;
  name: string;
  description: string;
  /** Nominal parallel fraction; the analysed value comes from analyzeDag. */
  p: number;
  tasks: Task[];
}

export type SuiteFamily = 'math' | 'data' | 'svg';
export const SUITE_FAMILIES: readonly SuiteFamily[] = ['math', 'data', 'svg'];
export const P_LEVELS: readonly number[] = [0.2, 0.5, 0.9];
