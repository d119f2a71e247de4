import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PAPER_ROWS, paperPoints } from '../../src/core/metrics/paperData';

describe('the paper table', () => {
  it('holds every CSV row', () => {
    // 270 lines in the CSV, less the header.
    expect(PAPER_ROWS.length).toBe(269);
    expect(PAPER_ROWS.filter((r) => r.mode === 'decentralized').length).toBe(135);
  });

  it('has the best pre-assign cell: Claude, svg, p = 0.9, n = 5', () => {
    const row = PAPER_ROWS.find((r) => r.mode === 'preassign' && r.model === 'claude-sonnet-4-6' && r.family === 'svg' && r.p === 0.9 && r.n === 5);
    expect(row).toMatchObject({ taskType: 'svgutils', runs: 5, successRate: 1, wallS: 18.031, speedup: 5.698, amdahl: 3.571, tokenMult: 0.313 });
  });

  it('keeps cells where no run succeeded, with null numbers', () => {
    const row = PAPER_ROWS.find((r) => r.mode === 'decentralized' && r.model === 'gpt-5.2' && r.family === 'svg' && r.p === 0.9 && r.n === 3);
    expect(row).toMatchObject({ runs: 7, successRate: 0, speedup: null, wallS: null });
  });
});

describe('paperPoints', () => {
  it('returns one point per model and n, ordered, for a condition', () => {
    const pts = paperPoints('decentralized', 'data', 0.2);
    expect(pts.map((p) => `${p.model}/${p.n}`)).toEqual(
      ['claude-sonnet-4-6', 'gemini-3-flash', 'gpt-5.2'].flatMap((m) => [1, 2, 3, 4, 5].map((n) => `${m}/${n}`)),
    );
    expect(pts[1]).toMatchObject({ model: 'claude-sonnet-4-6', n: 2, speedup: 0.967, amdahl: 1.111, successRate: 0.667, wallS: 295.173 });
  });

  it('maps task types and p labels', () => {
    const pts = paperPoints('preassign', 'math', 0.9);
    const claude2 = pts.find((p) => p.model === 'claude-sonnet-4-6' && p.n === 2);
    expect(claude2).toMatchObject({ speedup: 1.171, amdahl: 1.818, wallS: 13.55 });
    // A cell the paper has no row for (gpt-5.2, svg, p = 0.5, pre-assign, n = 5) is absent.
    expect(paperPoints('preassign', 'svg', 0.5).filter((p) => p.model === 'gpt-5.2').map((p) => p.n)).toEqual([1, 2, 3, 4]);
  });

  it('is empty for a p the paper did not run', () => {
    expect(paperPoints('preassign', 'math', 0.7)).toEqual([]);
  });
});

// The CSV lives in the read-only shared folder beside the repository.
const CSV = '../shared/reference/paper-runs-summary.csv';

describe('scripts/build-paper-data.mjs', () => {
  it.skipIf(!existsSync(CSV))('regenerates the committed table byte for byte', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'paper-')), 'table.ts');
    execFileSync(process.execPath, ['scripts/build-paper-data.mjs', CSV, out], { stdio: 'pipe' });
    expect(readFileSync(out, 'utf8')).toBe(readFileSync('src/core/metrics/paperTable.generated.ts', 'utf8'));
  });

  it('fails with a message naming the line of a bad row', () => {
    const dir = mkdtempSync(join(tmpdir(), 'paper-'));
    const csv = join(dir, 'bad.csv');
    const header =
      'mode,model_dir,task_type,p_label,n_teammates,runs,success_rate,n_success,wall_s,rounds,tokens,messages,concurrent_writes,rewrites,claims_blocked,test_failures,idle_rounds,speedup,amdahl,token_mult,eff';
    writeFileSync(csv, `${header}\nsolo,openai_gpt-5.2,svgutils,p02,1,1,1,1,1,1,1,1,0,0,0,0,0,1,1,1,1\n`);
    let stderr = '';
    try {
      execFileSync(process.execPath, ['scripts/build-paper-data.mjs', csv, join(dir, 'out.ts')], { stdio: 'pipe' });
    } catch (err) {
      stderr = String((err as { stderr?: Buffer }).stderr);
    }
    expect(stderr).toContain(':2: unknown mode');
  });
});

describe('the fidelity comparison (paper side)', () => {
  it('pools the paper over suites and models as the notebook does: the digest\u2019s pooled speedups', async () => {
    const { paperPooledPoints } = await import('../../src/core/metrics/paperData');
    const dec = paperPooledPoints('decentralized', 0.2);
    expect(dec.map((d) => d.n)).toEqual([1, 2, 3, 4, 5]);
    expect(dec.find((d) => d.n === 3)!.speedup).toBeCloseTo(0.81, 2);
    expect(dec.find((d) => d.n === 5)!.speedup).toBeCloseTo(0.65, 2);
    expect(paperPooledPoints('preassign', 0.9).find((d) => d.n === 5)!.speedup).toBeCloseTo(1.95, 2);
  });

  it('recomputes the paper\u2019s headline findings from its runs with our definitions', async () => {
    const { PAPER_FINDINGS } = await import('../../src/core/metrics/paperFidelity.generated');
    expect(PAPER_FINDINGS.medianSpeedup.preassign).toBeCloseTo(1.345, 2);
    expect(PAPER_FINDINGS.medianSpeedup.decentralized).toBeCloseTo(0.881, 2);
    expect(PAPER_FINDINGS.belowAmdahl.decentralized).toBeCloseTo(0.92, 2);
    expect(PAPER_FINDINGS.medianTestFailures).toEqual({ preassign: 4, decentralized: 19 });
    expect(PAPER_FINDINGS.medianStragglerGapS.preassign).toBeCloseTo(2.64, 1);
  });
});
