import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

const run = (...args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/simulate.ts', ...args], { encoding: 'utf8', timeout: 120_000 });

interface Row {
  structure: string;
  n: number;
  speedup: number;
  amdahlBound: number;
}

describe('npm run simulate', () => {
  it('pre-assigned math at p = 0.9: speedup rises with n and stays at or below the Amdahl bound; same seed, same bytes', () => {
    const args = ['--suite', 'math', '--p', '0.9', '--structure', 'preassign', '--n', '1-5', '--seeds', '3', '--json'];
    const a = run(...args);
    expect(a.status, a.stderr).toBe(0);
    const b = run(...args);
    expect(b.stdout).toBe(a.stdout);
    const table: Row[] = JSON.parse(a.stdout).table;
    expect(table.map((r) => r.n)).toEqual([1, 2, 3, 4, 5]);
    for (let i = 1; i < table.length; i++) expect(table[i].speedup).toBeGreaterThan(table[i - 1].speedup - 0.05);
    expect(table[4].speedup).toBeGreaterThan(1.5);
    for (const r of table) expect(r.speedup).toBeLessThanOrEqual(r.amdahlBound + 1e-9);
  }, 120_000);

  it('decentralized shows more messages, concurrent writes and blocked claims than pre-assigned at the same n', () => {
    const res = run('--suite', 'math', '--p', '0.5', '--structure', 'preassign,decentralized', '--n', '4', '--seeds', '4', '--json', '--runs');
    expect(res.status, res.stderr).toBe(0);
    const runs: { structure: string; n: number; messages: number; concurrentWrites: number; blockedClaims: number }[] = JSON.parse(res.stdout).runs;
    const total = (s: string, f: (r: (typeof runs)[number]) => number) => runs.filter((r) => r.structure === s && r.n === 4).reduce((a, r) => a + f(r), 0);
    for (const f of [(r: (typeof runs)[number]) => r.messages, (r: (typeof runs)[number]) => r.concurrentWrites, (r: (typeof runs)[number]) => r.blockedClaims]) {
      expect(total('decentralized', f)).toBeGreaterThan(total('preassign', f));
    }
  }, 120_000);

  it('runs a suite in the paper harness format (no tests: success is every task done)', () => {
    const res = run('--tasks', 'test/fixtures/harness/tasks.json', '--structure', 'decentralized', '--n', '1-2', '--seeds', '2', '--json', '--runs');
    expect(res.status, res.stderr).toBe(0);
    const runs: { success: boolean; correct: boolean | null; tasksDone: number }[] = JSON.parse(res.stdout).runs;
    expect(runs).toHaveLength(4);
    for (const r of runs) expect(r).toMatchObject({ success: true, correct: null, tasksDone: 3 });
  }, 60_000);

  it('prints the suite shape with --describe', () => {
    const res = run('--describe', '--suite', 'data', '--p', '0.2', '--json');
    expect(res.status, res.stderr).toBe(0);
    expect(JSON.parse(res.stdout)).toMatchObject({ tasks: 20, criticalPath: 16, p: 0.2 });
  });

  it('rejects an unknown flag or a bad value with a clear message and a non-zero exit', () => {
    const bad = run('--bogus');
    expect(bad.status).not.toBe(0);
    expect(bad.stderr).toMatch(/unknown flag --bogus/);
    const n = run('--n', '12');
    expect(n.status).not.toBe(0);
    expect(n.stderr).toMatch(/--n 12: team sizes go from 1 to 8/);
    const p = run('--p', 'abc');
    expect(p.stderr).toMatch(/--p abc/);
    const tasks = run('--tasks', 'does/not/exist.json');
    expect(tasks.stderr).toMatch(/cannot read the file/);
  });
});
