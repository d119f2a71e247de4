import { describe, expect, it } from 'vitest';
import { validateSuite } from '../../src/core/workload/validate';
import type { Suite, Task } from '../../src/core/workload/types';

function task(id: string, dependencies: string[] = [], file = `src/${id}.js`): Task {
  return { id, title: id, description: `do ${id}`, dependencies, file, exportName: id };
}

function suite(tasks: Task[]): Suite {
  return { id: 'test-p0.5', family: 'test', name: 'Test', description: '', p: 0.5, tasks };
}

describe('validateSuite', () => {
  it('accepts a well-formed DAG', () => {
    expect(validateSuite(suite([task('t01'), task('t02', ['t01']), task('t03', ['t01', 't02']), task('t04')]))).toEqual([]);
  });

  it('rejects an empty task list', () => {
    expect(validateSuite(suite([]))).toEqual(['suite has no tasks']);
  });

  it('reports duplicate ids with both positions', () => {
    expect(validateSuite(suite([task('t01'), task('t02'), task('t01', [], 'src/other.js')]))).toEqual(['duplicate task id "t01" (tasks[0] and tasks[2])']);
  });

  it('names both tasks for an unknown dependency', () => {
    expect(validateSuite(suite([task('t01'), task('t04', ['t01', 't99'])]))).toEqual(['task t04 depends on unknown task "t99"']);
  });

  it('reports a self-dependency once and not as a cycle', () => {
    expect(validateSuite(suite([task('t01', ['t01'])]))).toEqual(['task t01 depends on itself']);
  });

  it('names a two-task cycle', () => {
    const errors = validateSuite(suite([task('t01'), task('t03', ['t05']), task('t05', ['t03'])]));
    expect(errors).toEqual(['cycle: t03 -> t05 -> t03']);
  });

  it('names a longer cycle once, starting at its smallest id, following dependencies', () => {
    // t02 depends on t04, t04 on t03, t03 on t02.
    const errors = validateSuite(suite([task('t04', ['t03']), task('t03', ['t02']), task('t02', ['t04']), task('t01', ['t02'])]));
    expect(errors).toEqual(['cycle: t02 -> t04 -> t03 -> t02']);
  });

  it('reports duplicate file paths naming both tasks', () => {
    expect(validateSuite(suite([task('t01', [], 'src/a.js'), task('t02', [], 'src/b.js'), task('t07', [], 'src/a.js')]))).toEqual([
      'duplicate file path "src/a.js" (tasks t01 and t07)',
    ]);
  });

  it('reports several problems at once', () => {
    const errors = validateSuite(suite([task('t01', ['t02']), task('t02', ['t01']), task('t03', ['nope'], 'src/t01.js')]));
    expect(errors).toHaveLength(3);
    expect(errors).toContain('cycle: t01 -> t02 -> t01');
    expect(errors).toContain('task t03 depends on unknown task "nope"');
    expect(errors).toContain('duplicate file path "src/t01.js" (tasks t01 and t03)');
  });
});
