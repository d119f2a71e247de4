import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { serializeTrace } from '../../src/core/trace/serialize';
import { syncTwoAgentTrace } from '../fixtures/metricsTraces';

const TSX = resolve('node_modules/tsx/dist/cli.mjs');
const HARNESS_LOG = 'test/fixtures/harness/events.jsonl';
const HARNESS_TASKS = 'test/fixtures/harness/tasks.json';

function metrics(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [TSX, 'src/cli/metrics.ts', ...args], { encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The value column of a table row, by its label. */
function row(stdout: string, label: string): string {
  const line = stdout.split('\n').find((l) => l.startsWith(`${label}  `));
  if (!line) throw new Error(`no row '${label}' in:\n${stdout}`);
  return line.slice(label.length).trim();
}

let dir = '';
let tracePath = '';
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'metrics-cli-'));
  tracePath = join(dir, 'sync.json');
  writeFileSync(tracePath, serializeTrace(syncTwoAgentTrace()));
});

// Each case starts a tsx process; on a busy 2-core machine that can take seconds.
describe('npm run metrics', { timeout: 60_000 }, () => {
  it('prints a saved trace as a table with units', () => {
    const r = metrics(tracePath);
    expect(r.code).toBe(0);
    expect(row(r.stdout, 'source')).toBe('trace');
    expect(row(r.stdout, 'rounds')).toBe('3 rounds');
    expect(row(r.stdout, 'replies')).toBe('6 replies');
    expect(row(r.stdout, 'messages')).toBe('1 messages (8 bytes)');
    expect(row(r.stdout, 'blocked claims')).toBe('1 claims');
    expect(row(r.stdout, 'claim conflicts')).toBe('1 claims');
    expect(row(r.stdout, 'rewrites')).toBe('1 writes');
    expect(row(r.stdout, 'concurrent writes')).toBe('1 (round, file) pairs');
    expect(row(r.stdout, 'test failures')).toBe('1 runs');
    expect(row(r.stdout, 'straggler gap')).toBe('0.800 s mean over 3 rounds');
    expect(row(r.stdout, 'tokens')).toBe('940 tokens');
    expect(row(r.stdout, 'Amdahl bound')).toBe('1.333 x for n = 2');
    expect(row(r.stdout, 'total')).toBe('18.000 s = 2 agents x 9.000 s');
  });

  it('prints JSON with --json', () => {
    const r = metrics(tracePath, '--json');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { source: string; metrics: Record<string, unknown>; breakdown: { totalMs: number } };
    expect(out.source).toBe('trace');
    expect(out.metrics).toMatchObject({ wallMs: 9000, rounds: 3, replies: 6, messages: 1, concurrentWrites: 1, rewrites: 1, blockedClaims: 1 });
    expect(out.breakdown.totalMs).toBe(18000);
  });

  it('detects a harness events.jsonl by its content and uses --tasks', () => {
    const r = metrics(HARNESS_LOG, '--tasks', HARNESS_TASKS, '--json');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { source: string; metrics: Record<string, unknown>; warnings: string[] };
    expect(out.source).toBe('paper harness log');
    expect(out.metrics).toMatchObject({ wallMs: 12500, rounds: 3, success: true, tasksTotal: 3, testFailures: 1, amdahlBound: 1.2 });
    expect(out.warnings.length).toBeGreaterThan(0);
  });

  it('prints the harness table, with warnings on stderr', () => {
    const r = metrics(HARNESS_LOG);
    expect(r.code).toBe(0);
    expect(row(r.stdout, 'wall time')).toBe('12.500 s');
    expect(row(r.stdout, 'success')).toBe('yes');
    expect(r.stderr).toContain('warning: no tasks file');
  });

  it('fails clearly on an unknown flag', () => {
    const r = metrics(tracePath, '--fast');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('unknown flag --fast');
    expect(r.stdout).toBe('');
  });

  it('fails clearly without a file, or with a missing one', () => {
    expect(metrics().code).toBe(2);
    const r = metrics(join(dir, 'nope.json'));
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('no such file');
  });

  it('fails clearly on bad content, naming the field or line', () => {
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, serializeTrace(syncTwoAgentTrace()).replace('"agent":"A1"', '"agent":1'));
    const r1 = metrics(bad);
    expect(r1.code).toBe(1);
    expect(r1.stderr).toMatch(/events\[\d+\]\.agent: expected string/);

    const badLog = join(dir, 'events.jsonl');
    writeFileSync(badLog, '{"type": "run_start", "ts": 1}\n{"type": "round_start", "ts": 2, "round": "1"}\n');
    const r2 = metrics(badLog);
    expect(r2.code).toBe(1);
    expect(r2.stderr).toContain("line 2: field 'round' must be a number");

    const text = join(dir, 'notes.txt');
    writeFileSync(text, 'hello');
    expect(metrics(text).code).toBe(1);
  });
});
