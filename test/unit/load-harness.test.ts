import { describe, expect, it } from 'vitest';
import { exportNameFromPath, loadHarnessSuite, MAX_SUITE_JSON_CHARS } from '../../src/core/workload/loadHarnessJson';
import type { Suite } from '../../src/core/workload/types';

/** A task file in the harness's format: a chain of `chain` tasks plus independent ones. */
function harnessFile(chain: number, total: number): Record<string, unknown> {
  return {
    project: 'Toy Utils',
    description: 'A made-up project for tests.',
    repository: 'repo',
    tasks: Array.from({ length: total }, (_, k) => {
      const i = k + 1;
      return {
        id: `task-${i}`,
        title: `Implement fn_${i}`,
        description: `Create fn_${i}.py containing fn_${i}(x).`,
        status: 'pending',
        owner: null,
        assigned_by: null,
        priority: i,
        dependencies: i > 1 && i <= chain ? [`task-${i - 1}`] : [],
        files: [`fn_${i}.py`],
      };
    }),
    success_criteria: 'all done',
  };
}

function loaded(text: string, name?: string): Suite {
  const r = loadHarnessSuite(text, name);
  if (!r.ok) throw new Error(r.error);
  return r.suite;
}

function loadError(value: unknown): string {
  const r = loadHarnessSuite(typeof value === 'string' ? value : JSON.stringify(value));
  if (r.ok) throw new Error('expected an error');
  return r.error;
}

describe('loadHarnessSuite: harness format', () => {
  it('loads a 16-chain + 4 free file with p = 0.2, file and exportName from the files list', () => {
    const suite = loaded(JSON.stringify(harnessFile(16, 20)));
    expect(suite.tasks).toHaveLength(20);
    expect(suite.p).toBeCloseTo(0.2, 12);
    expect(suite.family).toBe('Toy Utils');
    expect(suite.name).toBe('Toy Utils');
    expect(suite.id).toBe('toy-utils');
    expect(suite.description).toBe('A made-up project for tests.');
    expect(suite.tasks[2]).toEqual({
      id: 'task-3',
      title: 'Implement fn_3',
      description: 'Create fn_3.py containing fn_3(x).',
      dependencies: ['task-2'],
      file: 'fn_3.py',
      exportName: 'fn_3',
    });
    expect(suite.tasks.every((t) => t.tests === undefined)).toBe(true);
  });

  it('uses the given name and reads p = 0.9 from a 2-chain', () => {
    const suite = loaded(JSON.stringify(harnessFile(2, 20)), 'My import');
    expect(suite.name).toBe('My import');
    expect(suite.id).toBe('my-import');
    expect(suite.p).toBeCloseTo(0.9, 12);
  });

  it('picks the first .js or .py path as the task file', () => {
    const file = harnessFile(1, 2);
    (file['tasks'] as { files: string[] }[])[0]!.files = ['README.md', 'src/clamp-value.js', 'other.py'];
    expect(loaded(JSON.stringify(file)).tasks[0]).toMatchObject({ file: 'src/clamp-value.js', exportName: 'clampValue' });
  });

  it('names the field with the wrong type', () => {
    const file = harnessFile(4, 5);
    (file['tasks'] as Record<string, unknown>[])[3]!['dependencies'] = 'task-3';
    expect(loadError(file)).toBe('tasks[3].dependencies: expected array, got string');
  });

  it('names a missing files list and a missing id', () => {
    const file = harnessFile(1, 3);
    const tasks = file['tasks'] as Record<string, unknown>[];
    delete tasks[1]!['files'];
    delete tasks[2]!['id'];
    const error = loadError(file);
    expect(error).toContain('tasks[1].files: required');
    expect(error).toContain('tasks[2].id: required');
  });

  it('reports an unknown dependency and a cycle from validateSuite', () => {
    const file = harnessFile(3, 4);
    const tasks = file['tasks'] as { dependencies: string[] }[];
    tasks[0]!.dependencies = ['task-3'];
    tasks[3]!.dependencies = ['task-99'];
    const error = loadError(file);
    expect(error).toContain('cycle: task-1 -> task-3 -> task-2 -> task-1');
    expect(error).toContain('task task-4 depends on unknown task "task-99"');
  });

  it('rejects an empty task list', () => {
    expect(loadError({ project: 'x', tasks: [] })).toBe('tasks: needs at least 1 item');
  });
});

describe('loadHarnessSuite: own Suite JSON', () => {
  const own: Suite = {
    id: 'math-p0.9',
    family: 'math',
    name: 'Math',
    description: 'Math utilities',
    p: 0.9,
    tasks: [
      {
        id: 't01',
        title: 'clamp',
        description: 'clamp(x, lo, hi)',
        dependencies: [],
        file: 'src/clamp.js',
        exportName: 'clamp',
        reference: 'export const clamp = (x, lo, hi) => Math.min(hi, Math.max(lo, x));',
        wrong: 'export const clamp = (x) => x;',
        tests: [{ name: 'clamps', code: 'assert.equal(clamp(5, 0, 3), 3);' }],
      },
      { id: 't02', title: 'twice', description: 'twice(x)', dependencies: ['t01'], file: 'src/twice.js', exportName: 'twice' },
    ],
  };

  it('round-trips a suite with tests', () => {
    expect(loaded(JSON.stringify(own))).toEqual(own);
  });

  it('names the bad field of a test case', () => {
    const bad = JSON.parse(JSON.stringify(own)) as { tasks: { tests?: unknown[] }[] };
    bad.tasks[0]!.tests = [{ name: 'x', code: 5 }];
    expect(loadError(bad)).toBe('tasks[0].tests[0].code: expected string, got number');
  });

  it('checks p is a fraction', () => {
    expect(loadError({ ...own, p: 2 })).toMatch(/^p: must be at most 1/);
  });
});

describe('loadHarnessSuite: not a suite at all', () => {
  it('never throws and explains', () => {
    expect(loadError('')).toMatch(/empty/);
    expect(loadError('{"project": "x", "tasks": [')).toMatch(/^invalid JSON/);
    expect(loadError('[1, 2]')).toMatch(/expected a JSON object/);
    expect(loadError('null')).toMatch(/got null/);
    expect(loadError({ hello: 'world' })).toContain('tasks: required');
    expect(loadError('x'.repeat(MAX_SUITE_JSON_CHARS + 1))).toMatch(/too large/);
  });
});

describe('exportNameFromPath', () => {
  it('makes an identifier from the file base name', () => {
    expect(exportNameFromPath('trimmed_mean.py')).toBe('trimmed_mean');
    expect(exportNameFromPath('src/clamp.js')).toBe('clamp');
    expect(exportNameFromPath('lib/to-snake case.js')).toBe('toSnakeCase');
    expect(exportNameFromPath('2d_area.py')).toBe('_2d_area');
  });
});
