import { describe, expect, it } from 'vitest';
import { CachedTestRunner } from '../../src/core/harness/cachedRunner';
import { computeRunMetrics, type RunMetrics } from '../../src/core/metrics/runMetrics';
import { simulateRun } from '../../src/core/sim/simulate';
import { findSuite } from '../../src/core/workload/suites';
import { CSV_HEADERS, csvField, exportMetricsCsv, parseCsv, type CsvRun } from '../../src/io/metricsCsv';
import { NodeTestRunner } from '../../src/platform/nodeTestRunner';

const runner = new CachedTestRunner(new NodeTestRunner());

describe('csvField (RFC 4180)', () => {
  it('quotes fields with commas, quotes or line breaks and doubles the quotes', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('cr\r')).toBe('"cr\r"');
  });

  it('writes numbers, booleans and missing values plainly, and defuses formulas in text', () => {
    expect(csvField(-1.5)).toBe('-1.5');
    expect(csvField(Number.NaN)).toBe('');
    expect(csvField(true)).toBe('true');
    expect(csvField(null)).toBe('');
    expect(csvField(undefined)).toBe('');
    expect(csvField('=HYPERLINK("x")')).toBe('"\'=HYPERLINK(""x"")"');
    expect(csvField('-rm')).toBe("'-rm");
  });
});

describe('exportMetricsCsv', () => {
  async function runs(): Promise<CsvRun[]> {
    const suite = findSuite('math', 0.9)!;
    const out: CsvRun[] = [];
    for (const n of [1, 4]) {
      const events = await simulateRun({ suite, structure: 'preassign', n, seed: 1, testRunner: runner });
      const start = events[0] as Extract<(typeof events)[number], { type: 'run_start' }>;
      out.push({ metrics: computeRunMetrics(events), config: start.config, id: `r${n}`, label: n === 1 ? 'baseline, "solo"\nrun' : 'team', origin: 'simulated', savedAt: Date.UTC(2026, 0, 2, 3, 4, 5) });
    }
    return out;
  }

  it('has a header row with units, one row per run, CRLF line ends, and reads back field for field', async () => {
    const data = await runs();
    const text = exportMetricsCsv(data);
    expect(text.endsWith('\r\n')).toBe(true);
    const rows = parseCsv(text);
    expect(rows).toHaveLength(3);
    expect(rows[0]).toEqual([...CSV_HEADERS]);
    for (const h of ['wall time (s)', 'straggler gap (s)', 'lock wait time (s)', 'mean idle time (%)', 'Amdahl bound (x)', 'speedup vs n = 1 (x)']) expect(CSV_HEADERS).toContain(h);
    for (const r of rows) expect(r).toHaveLength(CSV_HEADERS.length);
    const col = (row: string[], header: string) => row[CSV_HEADERS.indexOf(header)];
    const [, solo, team] = rows as [string[], string[], string[]];
    expect(col(solo, 'label')).toBe('baseline, "solo"\nrun');
    expect(col(solo, 'saved at (UTC)')).toBe('2026-01-02T03:04:05.000Z');
    expect(col(team, 'n (agents)')).toBe('4');
    expect(col(team, 'locks')).toBe('true');
    const m1 = data[0]?.metrics as RunMetrics;
    const m4 = data[1]?.metrics as RunMetrics;
    expect(Number(col(team, 'wall time (s)'))).toBeCloseTo(m4.wallMs / 1000, 3);
    expect(Number(col(team, 'tokens'))).toBe(m4.tokens);
    expect(Number(col(team, 'speedup vs n = 1 (x)'))).toBeCloseTo(m1.wallMs / m4.wallMs, 3);
    expect(Number(col(solo, 'speedup vs n = 1 (x)'))).toBe(1);
    expect(Number(col(team, 'speedup / Amdahl bound'))).toBeCloseTo(m1.wallMs / m4.wallMs / m4.amdahlBound, 2);
  }, 60_000);

  it('leaves speedup empty when the configuration has no one-agent run among those exported', async () => {
    const [, team] = await runs();
    const rows = parseCsv(exportMetricsCsv([team as CsvRun]));
    expect(rows[1]?.[CSV_HEADERS.indexOf('speedup vs n = 1 (x)')]).toBe('');
    expect(parseCsv(exportMetricsCsv([]))).toEqual([[...CSV_HEADERS]]);
  }, 60_000);
});
