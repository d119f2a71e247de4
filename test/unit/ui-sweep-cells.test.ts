import { describe, expect, it } from 'vitest';
import type { TestRunner } from '../../src/core/harness/types';
import { simConfig } from '../../src/core/sim/simulate';
import { cellConfig } from '../../src/core/sweep/recipe';
import { simOptions } from '../../src/ui/run/runOptions';
import { defaultState } from '../../src/ui/state/hashState';
import { expandGrid } from '../../src/core/sweep/grid';
import { pageSweepSpec, sweepSeeds } from '../../src/ui/run/sweepController.svelte';

const none: TestRunner = { run: () => Promise.reject(new Error('unused')) };

describe('the page sweep as grid cells', () => {
  it('each cell is the very configuration a single run of the page would get (straggler, preset rates, error rate)', () => {
    for (const state of [
      { ...defaultState(), straggler: true, errorRate: 0.4, decodeTps: 55 },
      { ...defaultState(), preset: 'gpt-5.2', decodeTps: 55, structure: 'leader' as const, locks: false },
    ]) {
      const cells = expandGrid(pageSweepSpec(state, 4, sweepSeeds(3, 2)));
      expect(cells.map((c) => `${c.n}/${c.seed}`)).toEqual(['1/3', '1/4', '2/3', '2/4', '3/3', '3/4', '4/3', '4/4']);
      for (const cell of cells) {
        expect(cellConfig(cell)).toEqual(simConfig(simOptions({ ...state, n: cell.n, seed: cell.seed }, none)));
      }
    }
  });
});
