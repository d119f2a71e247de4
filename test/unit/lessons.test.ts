import { describe, expect, it } from 'vitest';
import { LESSONS, lessonProblems, findLesson } from '../../src/lessons';
import { LessonSchema } from '../../src/lessons/schema';
import { choiceFor, settingsAt } from '../../src/ui/lessons/lessonSettings';
import { defaultState } from '../../src/ui/state/hashState';

describe('built-in lessons', () => {
  it('all five load and pass the schema', () => {
    expect(lessonProblems).toEqual([]);
    expect(LESSONS.map((l) => l.id).sort()).toEqual(['adding-agents', 'failed-run', 'locks', 'preassign-vs-self', 'stragglers']);
    for (const l of LESSONS) expect(l.steps.some((s) => s.predict && s.run && s.measure)).toBe(true);
  });

  it('refuses a malformed lesson with a reason per field', () => {
    const bad = LessonSchema.safeParse({
      id: 'Bad Id',
      title: 'x',
      summary: 'y',
      steps: [{ title: 't', text: 'x', predict: { kind: 'number', question: 'q', min: 5, max: 1 }, set: { n: 12, colour: 'red' } }],
    });
    expect(bad.success).toBe(false);
    const paths = bad.error?.issues.map((i) => i.path.join('.')) ?? [];
    expect(paths).toContain('id');
    expect(paths.some((p) => p.startsWith('steps.0.set'))).toBe(true);
  });

  it('a step asking for a prediction must run and name its measure', () => {
    const r = LessonSchema.safeParse({ id: 'a', title: 'a', summary: 'a', steps: [{ title: 't', text: 'x', predict: { kind: 'number', question: 'q', min: 0, max: 1 } }] });
    expect(r.success).toBe(false);
    expect(JSON.stringify(r.error?.issues)).toMatch(/must also run the team/);
  });
});

describe('settingsAt', () => {
  it('applies every step up to the one asked for, from the default run knobs', () => {
    const lesson = findLesson('adding-agents')!;
    const learner = { ...defaultState(), errorRate: 0.9, seed: 77, speed: 'instant' as const, projector: true };
    const at1 = settingsAt(lesson, 1, learner);
    expect(at1).toMatchObject({ n: 1, structure: 'single', p: 0.5, errorRate: defaultState().errorRate, seed: 1, view: 'team' });
    // View settings the learner chose stay.
    expect(at1.speed).toBe('instant');
    expect(at1.projector).toBe(true);
    const at3 = settingsAt(lesson, 3, learner);
    expect(at3).toMatchObject({ n: 8, structure: 'preassign', p: 0.5, view: 'timeline' });
  });

  it('finds the choice a measured value agrees with', () => {
    const options = [
      { id: 'none', range: [0, 1] as [number, number] },
      { id: 'few', range: [1, 6] as [number, number] },
    ];
    expect(choiceFor(options, 0)).toBe('none');
    expect(choiceFor(options, 5)).toBe('few');
    expect(choiceFor(options, 6)).toBeUndefined();
  });
});
