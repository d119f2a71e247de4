/**
 * The built-in lessons: every JSON file in this folder, checked against the lesson schema when
 * the page loads. A file that does not match is left out with its reason (see `lessonProblems`),
 * so one bad lesson never breaks the page.
 */
import { LessonSchema, type Lesson } from './schema';
import addingAgents from './adding-agents.json';
import preassignVsSelf from './preassign-vs-self.json';
import stragglers from './stragglers.json';
import locks from './locks.json';
import failedRun from './failed-run.json';

const RAW: Record<string, unknown> = {
  'adding-agents.json': addingAgents,
  'preassign-vs-self.json': preassignVsSelf,
  'stragglers.json': stragglers,
  'locks.json': locks,
  'failed-run.json': failedRun,
};

export const LESSONS: Lesson[] = [];
export const lessonProblems: string[] = [];

for (const [file, raw] of Object.entries(RAW)) {
  const parsed = LessonSchema.safeParse(raw);
  if (parsed.success) LESSONS.push(parsed.data);
  else lessonProblems.push(`${file}: ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`);
}

export function findLesson(id: string): Lesson | undefined {
  return LESSONS.find((l) => l.id === id);
}
