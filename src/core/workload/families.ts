/** Display names of the suite families, apart from the suites themselves so the page can name
 * them without loading every task's code and tests. */
import { P_LEVELS, SUITE_FAMILIES, type SuiteFamily } from './types';

export const FAMILY_LABELS: Record<SuiteFamily, string> = {
  math: 'Math utilities',
  data: 'Data analysis',
  svg: 'SVG utilities',
};

/** A built-in suite's id is `${family}-p${p}`; reading it back needs none of the suites' code. */
export function builtinSuiteInfo(id: string): { id: string; family: SuiteFamily; p: number } | undefined {
  for (const family of SUITE_FAMILIES) for (const p of P_LEVELS) if (id === `${family}-p${p}`) return { id, family, p };
  return undefined;
}
