import { describe, expect, it } from 'vitest';
import { svgSuites } from '../../src/core/workload/suites/svg';
import type { Suite, Task } from '../../src/core/workload/types';
import type { TestRequest } from '../../src/core/harness/types';
import { NodeTestRunner } from '../../src/platform/nodeTestRunner';

const CHAIN_LENGTH: Record<string, number> = { 'svg-p0.2': 16, 'svg-p0.5': 10, 'svg-p0.9': 2 };

/** Longest dependency chain counted in tasks, computed here rather than trusting the DAG module. */
function longestChain(tasks: Task[]): number {
  const byId = new Map(tasks.map((t) => [t.id, t]));
  const memo = new Map<string, number>();
  const depth = (id: string, visiting: Set<string>): number => {
    const known = memo.get(id);
    if (known !== undefined) return known;
    if (visiting.has(id)) throw new Error(`cycle through ${id}`);
    visiting.add(id);
    const task = byId.get(id);
    const below = Math.max(0, ...(task?.dependencies ?? []).map((d) => depth(d, visiting)));
    visiting.delete(id);
    memo.set(id, below + 1);
    return below + 1;
  };
  return Math.max(...tasks.map((t) => depth(t.id, new Set())));
}

function referenceFilesOf(suite: Suite): Record<string, string> {
  return Object.fromEntries(suite.tasks.map((t) => [t.file, t.reference ?? '']));
}

function requestFor(_suite: Suite, files: Record<string, string>, tasks: Task[]): TestRequest {
  return {
    files,
    suites: tasks.map((t) => ({ task: t.id, file: t.file, exportName: t.exportName, tests: t.tests ?? [] })),
    timeoutMs: 10_000,
  };
}

function importsOf(source: string): string[] {
  return [...source.matchAll(/import\s*\{\s*(\w+)\s*\}\s*from\s*'\.\/(\w+)\.js'/g)].map((m) => `${m[1]}:${m[2]}`);
}

const runner = new NodeTestRunner();

describe('svg suites', () => {
  it('come as three variants in p order', () => {
    expect(svgSuites.map((s) => s.id)).toEqual(['svg-p0.2', 'svg-p0.5', 'svg-p0.9']);
    expect(svgSuites.map((s) => s.p)).toEqual([0.2, 0.5, 0.9]);
    for (const s of svgSuites) expect(s.family).toBe('svg');
  });

  for (const suite of svgSuites) {
    const chainLength = CHAIN_LENGTH[suite.id] as number;

    describe(suite.id, () => {
      it('has 20 tasks with unique ids t01..t20, files and export names', () => {
        expect(suite.tasks).toHaveLength(20);
        expect(suite.tasks.map((t) => t.id)).toEqual(Array.from({ length: 20 }, (_, i) => `t${String(i + 1).padStart(2, '0')}`));
        expect(new Set(suite.tasks.map((t) => t.file)).size).toBe(20);
        for (const t of suite.tasks) {
          expect(t.exportName).toMatch(/^[a-z][A-Za-z0-9]*$/);
          expect(t.file).toBe(`src/${t.exportName}.js`);
        }
      });

      it('only depends on tasks that exist', () => {
        const ids = new Set(suite.tasks.map((t) => t.id));
        for (const t of suite.tasks) for (const d of t.dependencies) expect(ids.has(d), `${t.id} -> ${d}`).toBe(true);
      });

      it(`has a critical path of exactly ${chainLength} tasks, so p = (20 - ${chainLength}) / 20`, () => {
        expect(longestChain(suite.tasks)).toBe(chainLength);
        expect(suite.p).toBeCloseTo((20 - chainLength) / 20, 12);
      });

      it('chain tasks import the previous chain task; the others import nothing', () => {
        suite.tasks.forEach((t, i) => {
          const imports = importsOf(t.reference ?? '');
          if (i > 0 && i < chainLength) {
            const prev = suite.tasks[i - 1] as Task;
            expect(t.dependencies).toEqual([prev.id]);
            expect(imports).toEqual([`${prev.exportName}:${prev.exportName}`]);
            expect(t.description).toContain(`from './${prev.exportName}.js'`);
            // Imported and then called, not just imported.
            expect((t.reference ?? '').split(`${prev.exportName}(`).length).toBeGreaterThan(1);
          } else {
            expect(t.dependencies).toEqual([]);
            expect(t.reference).not.toMatch(/\bimport\b/);
          }
        });
      });

      it('every task is complete: title, description under 700 characters, reference, wrong, 4-8 tests with an error check', () => {
        for (const t of suite.tasks) {
          expect(t.title.length).toBeGreaterThan(0);
          expect(t.description.length, t.id).toBeGreaterThan(0);
          expect(t.description.length, `${t.id} description`).toBeLessThanOrEqual(700);
          expect(t.description).toContain(t.file);
          expect(t.reference).toMatch(new RegExp(`export function ${t.exportName}\\(`));
          expect(t.wrong).toMatch(new RegExp(`export function ${t.exportName}\\(`));
          expect(t.wrong).not.toBe(t.reference);
          const tests = t.tests ?? [];
          expect(tests.length, t.id).toBeGreaterThanOrEqual(4);
          expect(tests.length, t.id).toBeLessThanOrEqual(8);
          expect(new Set(tests.map((c) => c.name)).size).toBe(tests.length);
          expect(tests.some((c) => c.code.includes('assert.throws('))).toBe(true);
        }
      });

      it('every reference solution passes all of its tests', async () => {
        const report = await runner.run(requestFor(suite, referenceFilesOf(suite), suite.tasks));
        expect(report.error).toBeUndefined();
        expect(report.timedOut).toBe(false);
        expect(report.results.filter((r) => !r.ok)).toEqual([]);
        expect(report.passed).toBe(suite.tasks.reduce((n, t) => n + (t.tests?.length ?? 0), 0));
      });

      it('every wrong solution fails at least one of its own tests', async () => {
        for (const t of suite.tasks) {
          const files = { ...referenceFilesOf(suite), [t.file]: t.wrong ?? '' };
          const report = await runner.run(requestFor(suite, files, [t]));
          expect(report.error, `${t.id} ${t.exportName}`).toBeUndefined();
          expect(report.results).toHaveLength(t.tests?.length ?? 0);
          expect(report.failed, `${t.id} ${t.exportName}: the wrong solution passed every test`).toBeGreaterThan(0);
        }
      });
    });
  }
});
