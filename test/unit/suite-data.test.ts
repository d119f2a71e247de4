import { parse } from 'acorn';
import { describe, expect, it } from 'vitest';
import type { TestReport, TestRequest } from '../../src/core/harness/types';
import { dataSuites } from '../../src/core/workload/suites/data';
import type { Suite, Task } from '../../src/core/workload/types';
import { NodeTestRunner } from '../../src/platform/nodeTestRunner';

const CRITICAL_PATH: Record<string, number> = { 'data-p0.2': 16, 'data-p0.5': 10, 'data-p0.9': 2 };

/** Longest dependency chain counted in tasks; a cycle counts as infinite so it cannot pass. */
function longestChain(tasks: Task[]): number {
  const byId = new Map(tasks.map((t) => [t.id, t]));
  const memo = new Map<string, number>();
  const visiting = new Set<string>();
  const depth = (id: string): number => {
    const known = memo.get(id);
    if (known !== undefined) return known;
    if (visiting.has(id)) return Infinity;
    visiting.add(id);
    const deps = byId.get(id)?.dependencies ?? [];
    const d = 1 + Math.max(0, ...deps.map(depth));
    visiting.delete(id);
    memo.set(id, d);
    return d;
  };
  return Math.max(...tasks.map((t) => depth(t.id)));
}

interface ModuleShape {
  imports: { names: string[]; source: string }[];
  exports: string[];
}

/** Parses a solution as an ES module (throws on a syntax error) and lists its imports and exports. */
function moduleShape(source: string): ModuleShape {
  const program = parse(source, { ecmaVersion: 'latest', sourceType: 'module' });
  const shape: ModuleShape = { imports: [], exports: [] };
  for (const node of program.body) {
    if (node.type === 'ImportDeclaration') {
      shape.imports.push({
        source: String(node.source.value),
        names: node.specifiers.map((s) => s.local.name),
      });
    } else if (node.type === 'ExportNamedDeclaration' && node.declaration?.type === 'FunctionDeclaration') {
      shape.exports.push(node.declaration.id.name);
    }
  }
  return shape;
}

function referenceFiles(suite: Suite): Record<string, string> {
  return Object.fromEntries(suite.tasks.map((t) => [t.file, t.reference ?? '']));
}

function requestFor(tasks: Task[], files: Record<string, string>): TestRequest {
  return {
    files,
    suites: tasks.map((t) => ({ task: t.id, file: t.file, exportName: t.exportName, tests: t.tests ?? [] })),
    timeoutMs: 5000,
  };
}

function failures(report: TestReport): string[] {
  return report.results.filter((r) => !r.ok).map((r) => `${r.task} "${r.name}": ${r.error ?? '(no message)'}`);
}

describe('data suite family', () => {
  it('has the three variants in p order with the family ids and names', () => {
    expect(dataSuites.map((s) => s.id)).toEqual(['data-p0.2', 'data-p0.5', 'data-p0.9']);
    expect(dataSuites.map((s) => s.p)).toEqual([0.2, 0.5, 0.9]);
    for (const s of dataSuites) {
      expect(s.family).toBe('data');
      expect(s.name).toBe(`Data analysis (p = ${s.p})`);
    }
  });

  for (const suite of dataSuites) {
    describe(suite.id, () => {
      it('has 20 tasks with unique ids t01..t20 and unique files named after their export', () => {
        expect(suite.tasks).toHaveLength(20);
        const ids = suite.tasks.map((t) => t.id);
        expect(new Set(ids).size).toBe(20);
        for (const id of ids) expect(id).toMatch(/^t(0[1-9]|1\d|20)$/);
        expect(new Set(suite.tasks.map((t) => t.file)).size).toBe(20);
        for (const t of suite.tasks) {
          expect(t.exportName).toMatch(/^[a-z][A-Za-z0-9]*$/);
          expect(t.file).toBe(`src/${t.exportName}.js`);
        }
      });

      it('has only known dependencies and the stated critical path', () => {
        const ids = new Set(suite.tasks.map((t) => t.id));
        for (const t of suite.tasks) for (const d of t.dependencies) expect(ids.has(d), `${t.id} -> ${d}`).toBe(true);
        const cp = longestChain(suite.tasks);
        expect(cp).toBe(CRITICAL_PATH[suite.id]);
        expect((20 - cp) / 20).toBeCloseTo(suite.p, 10);
      });

      it('gives every task a spec, a reference, a wrong solution and 4-8 tests with an error check', () => {
        for (const t of suite.tasks) {
          expect(t.title.length, t.id).toBeGreaterThan(0);
          expect(t.description.length, t.id).toBeGreaterThan(100);
          expect(t.description.length, t.id).toBeLessThanOrEqual(720);
          expect(t.description, t.id).toContain(t.file);
          expect(t.reference, t.id).toBeTypeOf('string');
          expect(t.wrong, t.id).toBeTypeOf('string');
          expect(t.wrong, t.id).not.toBe(t.reference);
          const tests = t.tests ?? [];
          expect(tests.length, t.id).toBeGreaterThanOrEqual(4);
          expect(tests.length, t.id).toBeLessThanOrEqual(8);
          expect(new Set(tests.map((c) => c.name)).size, t.id).toBe(tests.length);
          expect(tests.some((c) => c.code.includes('assert.throws(')), t.id).toBe(true);
        }
      });

      it('has references and wrong solutions that parse and export the function, importing exactly the dependencies', () => {
        const byId = new Map(suite.tasks.map((t) => [t.id, t]));
        for (const t of suite.tasks) {
          const expectedImports = t.dependencies.map((d) => {
            const dep = byId.get(d);
            return { source: `./${dep?.exportName}.js`, names: [dep?.exportName] };
          });
          const ref = moduleShape(t.reference ?? '');
          expect(ref.exports, t.id).toEqual([t.exportName]);
          expect(ref.imports, t.id).toEqual(expectedImports);
          for (const imp of expectedImports) expect(t.description, t.id).toContain(`'${imp.source}'`);
          const lines = (t.reference ?? '').trim().split('\n').length;
          expect(lines, t.id).toBeGreaterThanOrEqual(3);
          expect(lines, t.id).toBeLessThanOrEqual(30);
          const wrong = moduleShape(t.wrong ?? '');
          expect(wrong.exports, t.id).toEqual([t.exportName]);
          for (const imp of wrong.imports) expect(expectedImports.map((i) => i.source), t.id).toContain(imp.source);
        }
      });

      it('passes every test with the reference solutions', async () => {
        const report = await new NodeTestRunner().run(requestFor(suite.tasks, referenceFiles(suite)));
        expect(report.error).toBeUndefined();
        expect(report.timedOut).toBe(false);
        expect(failures(report)).toEqual([]);
        const total = suite.tasks.reduce((n, t) => n + (t.tests?.length ?? 0), 0);
        expect(report.passed).toBe(total);
        expect(report.failed).toBe(0);
      });

      it('rejects every wrong solution with at least one of its own tests', async () => {
        const runner = new NodeTestRunner();
        const reference = referenceFiles(suite);
        const survivors: string[] = [];
        for (const t of suite.tasks) {
          const report = await runner.run(requestFor([t], { ...reference, [t.file]: t.wrong ?? '' }));
          // A wrong solution must fail on behaviour, not by breaking the harness.
          expect(report.error, t.id).toBeUndefined();
          expect(report.timedOut, t.id).toBe(false);
          expect(report.results, t.id).toHaveLength(t.tests?.length ?? 0);
          if (report.failed === 0) survivors.push(`${t.id} ${t.exportName}`);
        }
        expect(survivors).toEqual([]);
      });
    });
  }
});
