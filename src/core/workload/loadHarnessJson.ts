/**
 * Loads a suite from JSON text: either the reference harness's task file
 * (`{project, description, tasks: [{id, title, description, dependencies, files}]}`, no tests)
 * or this project's own Suite JSON (with tests). Never throws: bad input gives a message that
 * names the field.
 */
import { z } from 'zod';
import type { Suite, Task } from './types';
import { analyzeDag } from './dag';
import { validateSuite } from './validate';
import { formatZodIssues, jsonTypeName } from '../zodIssues';

/** Far above any real suite; keeps a mistaken multi-megabyte drop from freezing the page. */
export const MAX_SUITE_JSON_CHARS = 5_000_000;

export type LoadSuiteResult = { ok: true; suite: Suite } | { ok: false; error: string };

// Harness files carry bookkeeping fields (status, owner, priority...): zod drops them.
const HarnessTaskSchema = z.object({
  id: z.string().min(1),
  title: z.string().optional(),
  description: z.string().optional(),
  dependencies: z.array(z.string()).optional(),
  files: z.array(z.string().min(1)).min(1),
});

const HarnessSuiteSchema = z.object({
  project: z.string(),
  description: z.string().optional(),
  tasks: z.array(HarnessTaskSchema).min(1),
});

const TestCaseSchema = z.object({ name: z.string().min(1), code: z.string() });

const TaskSchema = z.object({
  id: z.string().min(1),
  title: z.string(),
  description: z.string(),
  dependencies: z.array(z.string()),
  file: z.string().min(1),
  exportName: z.string().min(1),
  reference: z.string().optional(),
  wrong: z.string().optional(),
  tests: z.array(TestCaseSchema).optional(),
});

const SuiteSchema = z.object({
  id: z.string().min(1),
  family: z.string(),
  name: z.string(),
  description: z.string(),
  p: z.number().min(0).max(1),
  tasks: z.array(TaskSchema).min(1),
});

/** "trimmed_mean.py" -> "trimmed_mean", "src/clamp-value.js" -> "clampValue": a usable identifier. */
export function exportNameFromPath(path: string): string {
  const base = (path.split('/').pop() ?? path).replace(/\.[^.]*$/, '');
  const camel = base.replace(/[-\s.]+([A-Za-z0-9])/g, (_, c: string) => c.toUpperCase()).replace(/[^\w$]/g, '');
  if (camel === '') return 'main';
  return /^\d/.test(camel) ? `_${camel}` : camel;
}

function slug(text: string): string {
  const s = text
    .toLowerCase()
    .replace(/[^a-z0-9.]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return s === '' ? 'imported' : s;
}

function isHarnessShape(v: Record<string, unknown>): boolean {
  if ('project' in v) return true;
  const first = Array.isArray(v['tasks']) ? (v['tasks'] as unknown[])[0] : undefined;
  return first !== null && typeof first === 'object' && 'files' in first && !('file' in first);
}

function fromHarness(data: z.infer<typeof HarnessSuiteSchema>, name: string | undefined): Suite {
  const tasks: Task[] = data.tasks.map((t) => {
    const file = t.files.find((f) => /\.(m?js|py)$/i.test(f)) ?? (t.files[0] as string);
    return {
      id: t.id,
      title: t.title ?? t.id,
      description: t.description ?? '',
      dependencies: t.dependencies ?? [],
      file,
      exportName: exportNameFromPath(file),
    };
  });
  const suiteName = name ?? data.project;
  return {
    id: slug(suiteName),
    family: data.project,
    name: suiteName,
    description: data.description ?? '',
    // The harness states p only in prose; the DAG is the authority.
    p: analyzeDag(tasks).p,
    tasks,
  };
}

function fromOwn(data: z.infer<typeof SuiteSchema>, name: string | undefined): Suite {
  const tasks: Task[] = data.tasks.map((t) => {
    const task: Task = { id: t.id, title: t.title, description: t.description, dependencies: t.dependencies, file: t.file, exportName: t.exportName };
    if (t.reference !== undefined) task.reference = t.reference;
    if (t.wrong !== undefined) task.wrong = t.wrong;
    if (t.tests !== undefined) task.tests = t.tests;
    return task;
  });
  return { id: data.id, family: data.family, name: name ?? data.name, description: data.description, p: data.p, tasks };
}

export function loadHarnessSuite(jsonText: string, name?: string): LoadSuiteResult {
  if (typeof jsonText !== 'string' || jsonText.trim() === '') return { ok: false, error: 'empty file: expected suite JSON' };
  if (jsonText.length > MAX_SUITE_JSON_CHARS)
    return { ok: false, error: `file too large: ${jsonText.length} characters (limit ${MAX_SUITE_JSON_CHARS})` };
  let raw: unknown;
  try {
    raw = JSON.parse(jsonText);
  } catch (e) {
    return { ok: false, error: `invalid JSON: ${e instanceof Error ? e.message : String(e)}` };
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw))
    return { ok: false, error: `expected a JSON object with a "tasks" list, got ${jsonTypeName(raw)}` };

  let suite: Suite;
  if (isHarnessShape(raw as Record<string, unknown>)) {
    const parsed = HarnessSuiteSchema.safeParse(raw);
    if (!parsed.success) return { ok: false, error: formatZodIssues(parsed.error.issues, raw).join('; ') };
    suite = fromHarness(parsed.data, name);
  } else {
    const parsed = SuiteSchema.safeParse(raw);
    if (!parsed.success) return { ok: false, error: formatZodIssues(parsed.error.issues, raw).join('; ') };
    suite = fromOwn(parsed.data, name);
  }

  const problems = validateSuite(suite);
  if (problems.length > 0) return { ok: false, error: problems.join('; ') };
  return { ok: true, suite };
}
