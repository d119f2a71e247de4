/** Display names of the suite families, apart from the suites themselves so the page can name
 * them without loading every task's code and tests. */
import type { SuiteFamily } from './types';

export const FAMILY_LABELS: Record<SuiteFamily, string> = {
  math: 'Math utilities',
  data: 'Data analysis',
  svg: 'SVG utilities',
};
