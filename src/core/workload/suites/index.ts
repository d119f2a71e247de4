/** Every built-in suite, by family and p. */
import type { Suite } from '../types';
import { dataSuites } from './data';
import { mathSuites } from './math';
import { svgSuites } from './svg';

export const ALL_SUITES: readonly Suite[] = [...mathSuites, ...dataSuites, ...svgSuites];

export { FAMILY_LABELS } from '../families';

export function findSuite(family: string, p: number): Suite | undefined {
  return ALL_SUITES.find((s) => s.family === family && Math.abs(s.p - p) < 1e-9);
}

export function suiteById(id: string): Suite | undefined {
  return ALL_SUITES.find((s) => s.id === id);
}
