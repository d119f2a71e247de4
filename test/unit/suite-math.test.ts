import { describe, expect, it } from 'vitest';
import type { TestRequest } from '../../src/core/harness/types';
import { mathSuites } from '../../src/core/workload/suites/math';
import type { Suite, Task } from '../../src/core/workload/types';
import { validateSuite } from '../../src/core/workload/validate';
import { NodeTestRunner } from '../../src/platform/nodeTestRunner';

const EXPECTED: { id: string; p: number; chain: number }[] = [
  { id: 'math-p0.2', p: 0.2, chain: 16 },
  { id: 'math-p0.5', p: 0.5, chain: 10 },
  { id: 'math-p0.9', p: 0.9, chain: 2 },
];
const ASSERT_METHODS = new Set(['ok', 'equal', 'deepEqual', 'close', 'throws']);
// Generous: the p = 0.2 chain runs fractions on top of the whole primes tower.
const RUN_TIMEOUT_MS = 20_000;

/** Tasks on the longest dependency path ending at each task, computed independently of core/workload/dag. */
function longestChain(tasks: readonly Task[]): number {
  const byId = new Map(tasks.map((t) => [t.id, t]));
  const depth = new Map<string, number>();
  const visit = (id: string, path: string[]): number => {
    const known = depth.get(id);
    if (known !== undefined) return known;
    if (path.includes(id)) throw new Error(`dependency cycle: ${[...path, id].join(' -> ')}`);
    const deps = byId.get(id)?.dependencies ?? [];
    const d = 1 + Math.max(0, ...deps.map((dep) => visit(dep, [...path, id])));
    depth.set(id, d);
    return d;
  };
  return Math.max(...tasks.map((t) => visit(t.id, [])));
}

function referenceFiles(suite: Suite): Record<string, string> {
  return Object.fromEntries(suite.tasks.map((t) => [t.file, t.reference ?? '']));
}

function request(files: Record<string, string>, tasks: readonly Task[]): TestRequest {
  return {
    files,
    suites: tasks.map((t) => ({ task: t.id, file: t.file, exportName: t.exportName, tests: t.tests ?? [] })),
    timeoutMs: RUN_TIMEOUT_MS,
  };
}

/** `name` of every `import { name } from './file.js'` in a module, with the file it names. */
function namedImports(source: string): { name: string; file: string }[] {
  return [...source.matchAll(/import\s*\{\s*(\w+)\s*\}\s*from\s*'\.\/([\w]+)\.js'/g)].map((m) => ({
    name: m[1] as string,
    file: m[2] as string,
  }));
}

const runner = new NodeTestRunner();

describe('math suites', () => {
  it('are three variants of the math family, in p order', () => {
    expect(mathSuites.map((s) => s.id)).toEqual(EXPECTED.map((e) => e.id));
    expect(mathSuites.map((s) => s.p)).toEqual(EXPECTED.map((e) => e.p));
    for (const s of mathSuites) {
      expect(s.family).toBe('math');
      expect(s.name).toBe(`Math utilities (p = ${s.p})`);
    }
  });

  it('do not share task or test objects between variants', () => {
    const [low, high] = [mathSuites[0] as Suite, mathSuites[2] as Suite];
    const clampLow = low.tasks.find((t) => t.exportName === 'clamp');
    const clampHigh = high.tasks.find((t) => t.exportName === 'clamp');
    expect(clampLow).toBeDefined();
    expect(clampLow).not.toBe(clampHigh);
    expect(clampLow?.tests).not.toBe(clampHigh?.tests);
    expect(clampLow?.tests).toEqual(clampHigh?.tests);
  });

  for (const expected of EXPECTED) {
    const suite = mathSuites.find((s) => s.id === expected.id) as Suite;

    describe(expected.id, () => {
      it('has 20 tasks t01..t20 with unique files named after their camelCase export', () => {
        expect(suite.tasks).toHaveLength(20);
        expect(suite.tasks.map((t) => t.id)).toEqual(Array.from({ length: 20 }, (_, i) => `t${String(i + 1).padStart(2, '0')}`));
        expect(new Set(suite.tasks.map((t) => t.file)).size).toBe(20);
        for (const t of suite.tasks) {
          expect(t.exportName).toMatch(/^[a-z][A-Za-z0-9]*$/);
          expect(t.file).toBe(`src/${t.exportName}.js`);
        }
      });

      it('has only known dependencies and passes suite validation', () => {
        const ids = new Set(suite.tasks.map((t) => t.id));
        for (const t of suite.tasks) for (const d of t.dependencies) expect(ids.has(d), `${t.id} depends on ${d}`).toBe(true);
        expect(validateSuite(suite)).toEqual([]);
      });

      it(`has a critical path of ${expected.chain} tasks, so p = (20 - ${expected.chain}) / 20`, () => {
        expect(longestChain(suite.tasks)).toBe(expected.chain);
        expect((20 - longestChain(suite.tasks)) / 20).toBeCloseTo(suite.p, 12);
      });

      it('chains each of the first tasks to the one before it through a real import; the rest import nothing', () => {
        suite.tasks.forEach((t, i) => {
          const imports = namedImports(t.reference ?? '');
          if (i > 0 && i < expected.chain) {
            const prev = suite.tasks[i - 1] as Task;
            expect(t.dependencies).toEqual([prev.id]);
            expect(imports, t.id).toEqual([{ name: prev.exportName, file: prev.exportName }]);
            expect(t.reference, `${t.id} calls ${prev.exportName}`).toContain(`${prev.exportName}(`);
            expect(t.description, `${t.id} names its import`).toContain(`from './${prev.exportName}.js'`);
          } else {
            expect(t.dependencies, t.id).toEqual([]);
            expect(t.reference, t.id).not.toMatch(/\bimport\b/);
          }
        });
      });

      it('gives every task a title, a short spec, a reference, a wrong solution and 4-8 tests with an error check', () => {
        for (const t of suite.tasks) {
          const label = `${t.id} ${t.exportName}`;
          expect(t.title.trim(), label).not.toBe('');
          expect(t.description, label).toContain(t.file);
          expect(t.description.length, label).toBeLessThanOrEqual(700);
          expect(t.reference, label).toMatch(new RegExp(`export function ${t.exportName}\\(`));
          expect(t.wrong, label).toMatch(new RegExp(`export function ${t.exportName}\\(`));
          expect(t.wrong, label).not.toBe(t.reference);
          const lines = (t.reference ?? '').trim().split('\n').length;
          expect(lines, label).toBeGreaterThanOrEqual(3);
          expect(lines, label).toBeLessThanOrEqual(30);
          expect(t.reference, label).not.toMatch(/\brequire\(|\bprocess\.|\bdocument\.|\bwindow\.|\bfetch\(/);
          const tests = t.tests ?? [];
          expect(tests.length, label).toBeGreaterThanOrEqual(4);
          expect(tests.length, label).toBeLessThanOrEqual(8);
          expect(new Set(tests.map((c) => c.name)).size, label).toBe(tests.length);
          expect(tests.some((c) => /assert\.throws\(/.test(c.code)), `${label} checks an error`).toBe(true);
          for (const c of tests) {
            for (const m of c.code.matchAll(/assert\.(\w+)/g)) expect(ASSERT_METHODS.has(m[1] as string), `${label} uses assert.${m[1]}`).toBe(true);
          }
        }
      });

      it('passes every test with the reference solutions', async () => {
        const report = await runner.run(request(referenceFiles(suite), suite.tasks));
        expect(report.error).toBeUndefined();
        expect(report.timedOut).toBe(false);
        expect(report.results.filter((r) => !r.ok)).toEqual([]);
        expect(report.passed).toBe(suite.tasks.reduce((n, t) => n + (t.tests?.length ?? 0), 0));
        expect(report.failed).toBe(0);
      }, 60_000);

      it('fails at least one test of a task when only that task has its wrong solution', async () => {
        for (const t of suite.tasks) {
          const report = await runner.run(request({ ...referenceFiles(suite), [t.file]: t.wrong ?? '' }, [t]));
          const label = `${t.id} ${t.exportName}`;
          expect(report.error, label).toBeUndefined();
          expect(report.timedOut, label).toBe(false);
          expect(report.results, label).toHaveLength(t.tests?.length ?? 0);
          expect(report.failed, `${label}: the wrong solution passed every test`).toBeGreaterThan(0);
        }
      }, 60_000);
    });
  }
});
