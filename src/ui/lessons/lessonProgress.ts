/**
 * What a learner predicted and what the run measured, per lesson step, kept in localStorage so
 * a reload (or the teacher's next slide) does not lose it. Storage may be missing or full
 * (private windows, quotas): then the record lives for this page only.
 */
export type Prediction = { kind: 'number'; value: number } | { kind: 'choice'; value: string };

export interface StepRecord {
  prediction?: Prediction;
  predictedAt?: string;
  /** The run's measured value for the step's measure; null when the run has none (did not finish). */
  measured?: number | null;
  /** Why measured is null, in words. */
  measuredNote?: string;
}

export type LessonRecord = Record<string, StepRecord>;

const KEY = 'ltp.lessons.v1';
let memory: Record<string, LessonRecord> = {};

function storage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function readAll(): Record<string, LessonRecord> {
  const s = storage();
  if (!s) return memory;
  try {
    const raw = s.getItem(KEY);
    const parsed: unknown = raw ? JSON.parse(raw) : {};
    // Stored data is untrusted too: anything unexpected is dropped, not trusted.
    return isRecord(parsed) ? (parsed as Record<string, LessonRecord>) : {};
  } catch {
    return memory;
  }
}

function writeAll(all: Record<string, LessonRecord>): void {
  memory = all;
  try {
    storage()?.setItem(KEY, JSON.stringify(all));
  } catch {
    // Full or blocked storage: the in-memory copy still serves this page.
  }
}

export function loadLessonRecord(lessonId: string): LessonRecord {
  const rec = readAll()[lessonId];
  return isRecord(rec) ? rec : {};
}

export function saveStep(lessonId: string, step: number, patch: StepRecord): LessonRecord {
  const all = readAll();
  const rec = isRecord(all[lessonId]) ? { ...all[lessonId] } : {};
  rec[String(step)] = { ...(rec[String(step)] ?? {}), ...patch };
  writeAll({ ...all, [lessonId]: rec });
  return rec;
}

export function clearLesson(lessonId: string): void {
  const all = readAll();
  delete all[lessonId];
  writeAll(all);
}
