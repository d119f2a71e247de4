/**
 * The format of a guided lesson, kept in plain JSON files beside this one so a teacher can write
 * one without touching code. Each step may set the page's knobs, maximise a view, ask the learner
 * to predict (a number or a choice), run the team, and reveal what the run measured next to the
 * prediction and what the paper found. Lessons are untrusted data: every field is checked here.
 */
import { z } from 'zod';

/** Knobs a lesson step may set: the ones a learner sees in the settings column. */
export const LessonSettingsSchema = z
  .object({
    family: z.enum(['math', 'data', 'svg']),
    p: z.union([z.literal(0.2), z.literal(0.5), z.literal(0.9)]),
    n: z.number().int().min(1).max(8),
    structure: z.enum(['single', 'preassign', 'leader', 'decentralized']),
    mode: z.enum(['sync', 'async']),
    seed: z.number().int().min(0).max(2 ** 31 - 1),
    engine: z.enum(['sim', 'workers', 'webllm']),
    preset: z.string().min(1).max(40),
    errorRate: z.number().min(0).max(1),
    locks: z.boolean(),
    straggler: z.boolean(),
  })
  .partial()
  .strict();
export type LessonSettings = z.infer<typeof LessonSettingsSchema>;

/** Numbers a step can reveal, all read from the run's trace (speedup also needs its baseline). */
export const MEASURES = [
  'speedup',
  'amdahlBound',
  'wallSeconds',
  'tasksDone',
  'rounds',
  'messages',
  'concurrentWrites',
  'rewrites',
  'blockedClaims',
  'lostRaces',
  'lockWaits',
  'testFailures',
  'stragglerGapSeconds',
  'idlePercent',
] as const;
export type Measure = (typeof MEASURES)[number];

const NumberPrediction = z
  .object({
    kind: z.literal('number'),
    question: z.string().min(1).max(300),
    unit: z.string().max(12).optional(),
    min: z.number(),
    max: z.number(),
  })
  .strict()
  .refine((x) => x.min < x.max, { message: 'min must be below max' });

const ChoicePrediction = z
  .object({
    kind: z.literal('choice'),
    question: z.string().min(1).max(300),
    /** `range`: the measured values that make this choice the right one, [low, high) ; the
     * reveal marks the choice the run agrees with. */
    options: z
      .array(
        z
          .object({
            id: z.string().regex(/^[a-z0-9-]{1,30}$/),
            label: z.string().min(1).max(120),
            range: z.tuple([z.number(), z.number()]).optional(),
          })
          .strict(),
      )
      .min(2)
      .max(6),
  })
  .strict();

export const LessonStepSchema = z
  .object({
    title: z.string().min(1).max(80),
    /** What the learner reads: plain text, shown as written (never as HTML). */
    text: z.string().min(1).max(1200),
    set: LessonSettingsSchema.optional(),
    /** Maximise this view while the step is shown. */
    view: z.enum(['team', 'tasks', 'metrics', 'timeline', 'files']).optional(),
    predict: z.union([NumberPrediction, ChoicePrediction]).optional(),
    /** The step runs the team (with its settings) before revealing. */
    run: z.boolean().optional(),
    /** The measured number shown after the run, next to the prediction. */
    measure: z.enum(MEASURES).optional(),
    /** What the paper found, shown with the measured answer. */
    paper: z
      .object({
        value: z.number().optional(),
        text: z.string().min(1).max(400),
      })
      .strict()
      .optional(),
  })
  .strict()
  .refine((s) => !s.predict || s.run, { message: 'a step that asks for a prediction must also run the team (run: true)' })
  .refine((s) => !s.run || s.measure, { message: 'a step that runs must name the measure it reveals' });
export type LessonStep = z.infer<typeof LessonStepSchema>;

export const LessonSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9-]{1,40}$/, 'ids are lower-case letters, digits and dashes'),
    title: z.string().min(1).max(100),
    summary: z.string().min(1).max(400),
    minutes: z.number().int().min(1).max(60).optional(),
    steps: z.array(LessonStepSchema).min(1).max(20),
  })
  .strict();
export type Lesson = z.infer<typeof LessonSchema>;
