/**
 * The fidelity report: simulated runs set beside the paper's, cell by cell and finding by
 * finding. The command line prints it (npm run fidelity) and the page's overlay reads the same
 * paper figures, so "this is what the paper measured; this is the simulation" is one comparison.
 */
import { computeFindings, fidelityCells, quantile, verdicts, type CellFigures, type FidelityOptions, type Findings, type RunRecord, type Verdict } from './fidelity';
import { PAPER_CELLS, PAPER_CELLS_POOLED, PAPER_FINDINGS, PAPER_LATENCY_QUANTILES } from './paperFidelity.generated';

/** Pooled speedup counts as matching the paper within this much. */
export const SPEEDUP_TOLERANCE = 0.25;
/** A preset's latency quantile counts as matching within this share of the paper's. */
export const LATENCY_TOLERANCE = 0.2;

export interface CellComparison {
  mode: CellFigures['mode'];
  model: string;
  p: number;
  n: number;
  sim: CellFigures | null;
  paper: CellFigures | null;
}

export interface LatencyComparison {
  model: string;
  /** p10, p50, p90 in seconds. */
  sim: [number, number, number];
  paper: [number, number, number];
  ok: boolean;
}

export interface FidelityReport {
  runs: number;
  cells: CellComparison[];
  pooled: (CellComparison & { within: boolean | null })[];
  /** Pooled cells with n >= 2 (2 structures x 3 p x n = 2..5) whose speedup is within tolerance. */
  pooledWithin: number;
  pooledTotal: number;
  findings: { sim: Findings; paper: Findings; verdicts: Verdict[] };
  latency: LatencyComparison[];
}

const cellKey = (c: Pick<CellFigures, 'mode' | 'model' | 'p' | 'n'>) => `${c.mode}|${c.model}|${c.p}|${c.n}`;

function pair(sim: readonly CellFigures[], paper: readonly CellFigures[]): CellComparison[] {
  const paperBy = new Map(paper.map((c) => [cellKey(c), c]));
  const simBy = new Map(sim.map((c) => [cellKey(c), c]));
  const keys = [...new Set([...sim.map(cellKey)])];
  return keys.map((k) => {
    const s = simBy.get(k) ?? null;
    const p = paperBy.get(k) ?? null;
    const c = (s ?? p)!;
    return { mode: c.mode, model: c.model, p: c.p, n: c.n, sim: s, paper: p };
  });
}

/** Latencies (seconds) of every simulated reply, by the paper model its preset stands for. */
export function buildFidelityReport(records: readonly RunRecord[], latencies: Readonly<Record<string, readonly number[]>>, o: FidelityOptions = {}): FidelityReport {
  const cells = pair(fidelityCells(records, true, o), PAPER_CELLS);
  const pooled = pair(fidelityCells(records, false, o), PAPER_CELLS_POOLED).map((c) => ({
    ...c,
    within:
      c.n >= 2 && c.sim?.speedup != null && c.paper?.speedup != null ? Math.abs(c.sim.speedup - c.paper.speedup) <= SPEEDUP_TOLERANCE : null,
  }));
  const sim = computeFindings(records);
  const latency: LatencyComparison[] = Object.keys(latencies)
    .sort()
    .filter((m) => PAPER_LATENCY_QUANTILES[m])
    .map((model) => {
      const v = latencies[model];
      const s = [0.1, 0.5, 0.9].map((q) => quantile(v, q) ?? Number.NaN) as [number, number, number];
      const pq = PAPER_LATENCY_QUANTILES[model];
      const paper: [number, number, number] = [pq[0], pq[2], pq[4]];
      return { model, sim: s, paper, ok: s.every((x, i) => Math.abs(x - paper[i]) <= LATENCY_TOLERANCE * paper[i]) };
    });
  const counted = pooled.filter((c) => c.within !== null);
  return {
    runs: records.length,
    cells,
    pooled,
    pooledWithin: counted.filter((c) => c.within).length,
    pooledTotal: counted.length,
    findings: { sim, paper: PAPER_FINDINGS, verdicts: verdicts(sim, PAPER_FINDINGS) },
    latency,
  };
}
