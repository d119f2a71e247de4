import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

const run = (...args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/simulate.ts', ...args], { encoding: 'utf8', timeout: 120_000 });

describe('npm run simulate with faults', () => {
  it('--fault and --recovery: the crash is detected one timeout later and its tasks move; --price compares the protocols with no fault', () => {
    const res = run('--structure', 'preassign', '--n', '4', '--seeds', '1', '--fault', 'crash:dev2@15s', '--recovery', 'heartbeats,reassign,timeout=20s', '--price', '--json');
    expect(res.status, res.stderr).toBe(0);
    const out = JSON.parse(res.stdout);
    const at4 = out.faults.find((r: { n: number }) => r.n === 4);
    expect(at4).toMatchObject({ meanDetectMs: 20000, suspicions: 1, falseSuspicions: 0 });
    expect(at4.reassignments).toBeGreaterThan(0);
    // The n = 1 baseline has no dev2: nothing happens to it.
    expect(out.faults.find((r: { n: number }) => r.n === 1)).toMatchObject({ faults: 0, suspicions: 0 });
    expect(out.price[0]).toMatchObject({ structure: 'preassign', n: 4 });
    expect(out.price[0].slowdown).toBeGreaterThan(0);
  });

  it('a bad fault or protocol is a usage error naming the flag and the piece', () => {
    const bad = run('--fault', 'crash:dev2@soon');
    expect(bad.status).not.toBe(0);
    expect(bad.stderr).toMatch(/--fault: .*crash:dev2@soon/);
    const proto = run('--recovery', 'prayer');
    expect(proto.status).not.toBe(0);
    expect(proto.stderr).toMatch(/--recovery: "prayer" is not a recovery protocol/);
  });
});
