/**
 * Import of the paper harness's run logs (events.jsonl, one JSON object per line, `ts` in
 * absolute seconds) into our trace, so a run of the original experiments can be replayed and
 * measured with the same metric functions as a run made here.
 *
 * What the log does not hold is filled in plainly and said in `warnings`: no prompts, replies or
 * token counts (steps have empty text and zero usage), no structure or model names. A step's
 * actions are rebuilt from the events that followed its reply, because the harness applies a
 * reply's actions right after logging it. Concurrent-write and rewrite flags are computed the
 * notebook's way: a (round, path) written by two or more agents marks all those writes
 * concurrent; a write in a later round than the path's first write is a rewrite.
 */
import { z } from 'zod';
import type { Action } from '../protocol/actions';
import { analyzeDag } from '../workload/dag';
import { loadHarnessSuite } from '../workload/loadHarnessJson';
import type { Suite } from '../workload/types';
import { withTaskStatus } from '../team/taskRules';
import { WriteLedger } from '../team/writeRules';
import type { AgentInfo, EventOf, StopReason, Structure, TraceEvent } from './events';
import { MAX_TRACE_BYTES, tooLargeMessage, utf8Length } from './serialize';
import { PROTOTYPE_KEYS, findPrototypeKey, validateTraceMeaning } from './validateMeaning';

export type HarnessImportResult =
  | { ok: true; events: TraceEvent[]; warnings: string[] }
  | { ok: false; error: string };

const num = z.number();
const str = z.string();
const base = { type: str, ts: num, round: num.optional() };

/** One schema per event type the importer reads; other types are skipped with a warning. */
const LINE_SCHEMAS = {
  run_start: z.object(base),
  initialize: z.object({ ...base, agents: z.array(str).optional(), num_teammates: num.optional(), project: str.optional() }),
  round_start: z.object({ ...base, round: num }),
  agent_reply: z.object({ ...base, round: num, agent: str }),
  claim_task: z.object({ ...base, agent: str, task: str }),
  claim_blocked: z.object({ ...base, agent: str, task: str }),
  lock_attempt: z.object({ ...base, agent: str, path: str, ok: z.boolean() }),
  edit_file: z.object({ ...base, agent: str, path: str, n_chars: num.optional() }),
  complete_task: z.object({ ...base, agent: str, task: str }),
  run_tests: z.object({ ...base, returncode: num, seconds: num, agent: str.optional(), stdout: str.optional() }),
  broadcast: z.object({ ...base, sender: str, message: str }),
  assign_task: z.object({ ...base, task: str, assigner: str, assignee: str }),
  run_end: z.object({ ...base, reason: str.optional() }),
} as const;

type LineType = keyof typeof LINE_SCHEMAS;
type Line = { [K in LineType]: z.infer<(typeof LINE_SCHEMAS)[K]> & { type: K; line: number } }[LineType];
type LineOf<K extends LineType> = Extract<Line, { type: K }>;

const TYPE_WORDS: Record<string, string> = {
  number: 'a number',
  string: 'a string',
  boolean: 'true or false',
  array: 'a list',
  object: 'an object',
};

function lineError(lineNo: number, raw: Record<string, unknown>, issue: z.core.$ZodIssue): string {
  const field = issue.path.map(String).join('.');
  const top = issue.path[0];
  if (issue.path.length === 1 && typeof top === 'string' && raw[top] === undefined) {
    return `line ${lineNo}: field '${field}' is missing`;
  }
  if (issue.code === 'invalid_type') {
    return `line ${lineNo}: field '${field}' must be ${TYPE_WORDS[issue.expected] ?? issue.expected}`;
  }
  return `line ${lineNo}: field '${field}': ${issue.message}`;
}

/** Distinct unread event types listed in the warnings; a log can hold millions. */
const MAX_SKIPPED_TYPES = 20;

type ReadResult = { ok: true; lines: Line[]; skipped: Map<string, number> } | { ok: false; error: string };

function readLines(text: string): ReadResult {
  const lines: Line[] = [];
  const skipped = new Map<string, number>();
  const rows = text.split('\n');
  for (let i = 0; i < rows.length; i++) {
    const lineNo = i + 1;
    const row = (rows[i] as string).trim();
    if (row === '') continue;
    let raw: unknown;
    try {
      raw = JSON.parse(row);
    } catch {
      return { ok: false, error: `line ${lineNo}: not valid JSON` };
    }
    if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
      return { ok: false, error: `line ${lineNo}: expected a JSON object` };
    }
    const obj = raw as Record<string, unknown>;
    const protoKey = findPrototypeKey(obj);
    if (protoKey) return { ok: false, error: `line ${lineNo}: field '${protoKey}' is not allowed` };
    if (obj.type === undefined) return { ok: false, error: `line ${lineNo}: field 'type' is missing` };
    if (typeof obj.type !== 'string') return { ok: false, error: `line ${lineNo}: field 'type' must be a string` };
    if (PROTOTYPE_KEYS.has(obj.type)) return { ok: false, error: `line ${lineNo}: field 'type': '${obj.type}' is not an event type` };
    // Own keys only: "constructor" or "toString" must not find Object.prototype's.
    if (!Object.hasOwn(LINE_SCHEMAS, obj.type)) {
      const type = obj.type.length > 40 ? `${obj.type.slice(0, 40)}…` : obj.type;
      if (skipped.has(type) || skipped.size < MAX_SKIPPED_TYPES) skipped.set(type, (skipped.get(type) ?? 0) + 1);
      else skipped.set('(other types)', (skipped.get('(other types)') ?? 0) + 1);
      continue;
    }
    const parsed = LINE_SCHEMAS[obj.type as LineType].safeParse(obj);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return { ok: false, error: issue ? lineError(lineNo, obj, issue) : `line ${lineNo}: invalid event` };
    }
    lines.push({ ...parsed.data, line: lineNo } as Line);
  }
  return { ok: true, lines, skipped };
}

/** pytest's summary line ("2 failed, 45 passed in 0.3s"), when the log kept stdout. */
function pytestCounts(stdout: string | undefined): { passed: number; failed: number } | null {
  if (!stdout) return null;
  const passed = /(\d+) passed/.exec(stdout);
  const failed = /(\d+) failed/.exec(stdout);
  const errors = /(\d+) errors?\b/.exec(stdout);
  if (!passed && !failed && !errors) return null;
  return {
    passed: passed ? Number(passed[1]) : 0,
    failed: (failed ? Number(failed[1]) : 0) + (errors ? Number(errors[1]) : 0),
  };
}

function stopReason(reason: string | undefined): StopReason {
  if (reason === 'all_tasks_done') return 'done';
  if (reason === 'max_rounds') return 'round_budget';
  return 'error';
}

/** The harness records no structure: a Lead agent means 'leader'; tasks assigned by the system
 * before the run (visible in the final tasks file) mean 'preassign'; else self-claiming. */
function guessStructure(agentIds: string[], tasksJson: string | undefined): Structure {
  if (agentIds.includes('Lead')) return 'leader';
  if (tasksJson) {
    try {
      const data = JSON.parse(tasksJson) as { tasks?: { assigned_by?: unknown }[] };
      if (Array.isArray(data.tasks) && data.tasks.some((t) => t?.assigned_by === 'System')) return 'preassign';
    } catch {
      // loadHarnessSuite reports a bad tasks file.
    }
  }
  return 'decentralized';
}

/** A prototype key anywhere in the tasks file, or null (a file that is not JSON is reported later). */
function tasksProtoKey(tasksJson: string): string | null {
  try {
    return findPrototypeKey(JSON.parse(tasksJson));
  } catch {
    return null;
  }
}

export function importHarnessLog(eventsJsonl: string, tasksJson?: string): HarnessImportResult {
  if (typeof eventsJsonl !== 'string') return { ok: false, error: 'events log: expected text' };
  if (eventsJsonl.length > MAX_TRACE_BYTES || utf8Length(eventsJsonl, MAX_TRACE_BYTES) > MAX_TRACE_BYTES) {
    return { ok: false, error: tooLargeMessage('events log') };
  }
  const read = readLines(eventsJsonl);
  if (!read.ok) return read;
  const { lines } = read;
  if (lines.length === 0) return { ok: false, error: 'events log: no events' };
  const warnings: string[] = [];
  for (const [type, count] of read.skipped) warnings.push(`skipped ${count} '${type}' event(s) the importer does not read`);

  let suite: Suite | null = null;
  if (tasksJson !== undefined) {
    const protoKey = tasksProtoKey(tasksJson);
    if (protoKey) return { ok: false, error: `tasks file: ${protoKey}: not allowed as a key` };
    const loaded = loadHarnessSuite(tasksJson);
    if (!loaded.ok) return { ok: false, error: `tasks file: ${loaded.error}` };
    suite = loaded.suite;
  } else {
    warnings.push('no tasks file: p, the Amdahl bound and success (all tasks done) cannot be checked');
  }

  const t0 = (lines.find((l) => l.type === 'run_start') ?? lines[0] as Line).ts;
  // Lines logged before run_start would have negative times; a trace starts at 0.
  const toMs = (ts: number): number => Math.max(0, Math.round((ts - t0) * 1e6) / 1e3);
  if (!lines.some((l) => l.type === 'run_start')) warnings.push('the log has no run_start; time starts at its first event');

  // Team.
  const init = lines.find((l): l is LineOf<'initialize'> => l.type === 'initialize');
  const replyAgents = [...new Set(lines.filter((l) => l.type === 'agent_reply').map((l) => (l as LineOf<'agent_reply'>).agent))];
  const agentIds = init?.agents && init.agents.length > 0 ? [...init.agents] : replyAgents;
  for (const a of replyAgents) if (!agentIds.includes(a)) agentIds.push(a);
  // Every name an event gives an agent is one of the team's, so the trace's references hold.
  for (const l of lines) {
    const named = l.type === 'broadcast' ? [l.sender] : l.type === 'assign_task' ? [l.assigner, l.assignee] : 'agent' in l && typeof l.agent === 'string' ? [l.agent] : [];
    for (const a of named) if (!agentIds.includes(a)) agentIds.push(a);
  }
  const agents: AgentInfo[] = agentIds.map((id) => ({ id, role: id === 'Lead' ? 'leader' : 'worker', model: 'unknown' }));
  const n = init?.num_teammates ?? agents.filter((a) => a.role === 'worker').length;
  const structure = guessStructure(agentIds, tasksJson);
  warnings.push(`the log does not record the structure: taken to be '${structure}'`);
  warnings.push('the log has no token counts, prompts or reply texts: tokens are 0 and texts empty');

  // The notebook's write flags, from the whole log: every write of a (round, path) pair with two
  // writers is flagged, with hindsight (the board's rules, team/writeRules.ts).
  const ledger = new WriteLedger();
  for (const l of lines) if (l.type === 'edit_file') ledger.note(l.round ?? 0, l.path, l.agent);

  const roundsSeen = lines.filter((l) => l.type === 'round_start').length;
  const tasks = suite?.tasks ?? [];
  const out: TraceEvent[] = [];
  out.push({
    type: 'run_start',
    t: 0,
    config: {
      suite: suite?.id ?? init?.project ?? 'harness',
      structure,
      n,
      mode: 'sync',
      seed: 0,
      engine: 'paper-harness',
      maxRounds: roundsSeen,
      maxTimeMs: 0,
      locks: true,
      extra: { source: 'paper-harness', startTs: t0, ...(init?.project ? { project: init.project } : {}) },
    },
    suite: {
      id: suite?.id ?? 'harness',
      name: suite?.name ?? init?.project ?? 'paper harness run',
      p: suite ? analyzeDag(suite.tasks).p : 0,
      tasks: tasks.map((t) => ({ id: t.id, title: t.title, file: t.file, dependencies: [...t.dependencies] })),
    },
    agents,
  });

  const roundStart = new Map<number, number>();
  const stepsTaken = new Map<string, number>();
  const versions = new Map<string, number>();
  const completed = new Set<string>();
  let openRound: number | null = null;
  let current: EventOf<'step_end'> | null = null;
  let runEnd: LineOf<'run_end'> | null = null;
  let lastT = 0;
  let messageSeq = 0;
  let unattributedTests = 0;

  const closeRound = (t: number): void => {
    if (openRound !== null) out.push({ type: 'round_end', t, round: openRound });
    openRound = null;
  };
  const act = (agent: string, action: Action): void => {
    if (current && current.agent === agent) current.actions.push(action);
  };

  for (const l of lines) {
    const t = toMs(l.ts);
    lastT = Math.max(lastT, t);
    const round = l.round ?? openRound ?? 0;
    switch (l.type) {
      case 'run_start':
      case 'initialize':
        break;
      case 'round_start':
        closeRound(t);
        openRound = l.round;
        roundStart.set(l.round, t);
        current = null;
        out.push({ type: 'round_start', t, round: l.round });
        break;
      case 'agent_reply': {
        const step = (stepsTaken.get(l.agent) ?? 0) + 1;
        stepsTaken.set(l.agent, step);
        const from = roundStart.get(l.round);
        if (from === undefined) warnings.push(`line ${l.line}: reply in round ${l.round}, which never started; its step is timed from the reply`);
        const start = from ?? t;
        out.push({ type: 'step_start', t: start, agent: l.agent, round: l.round, step, system: '', prompt: '' });
        current = {
          type: 'step_end',
          t,
          agent: l.agent,
          round: l.round,
          step,
          text: '',
          actions: [],
          usage: { promptTokens: 0, completionTokens: 0 },
          timings: { totalMs: t - start },
        };
        out.push(current);
        break;
      }
      case 'claim_task':
        act(l.agent, { type: 'claim', task: l.task });
        out.push({ type: 'claim', t, round, agent: l.agent, task: l.task, ok: true });
        break;
      case 'claim_blocked':
        act(l.agent, { type: 'claim', task: l.task });
        out.push({ type: 'claim', t, round, agent: l.agent, task: l.task, ok: false, reason: 'blocked' });
        break;
      case 'lock_attempt':
        if (!l.ok) out.push({ type: 'lock_wait', t, round, agent: l.agent, path: l.path, waitedMs: 0, holder: '' });
        break;
      case 'edit_file': {
        act(l.agent, { type: 'write', path: l.path, content: '' });
        const version = (versions.get(l.path) ?? 0) + 1;
        versions.set(l.path, version);
        out.push({
          type: 'write',
          t,
          round,
          agent: l.agent,
          path: l.path,
          version,
          bytes: l.n_chars ?? 0,
          content: '',
          concurrent: ledger.sharedRound(round, l.path),
          rewrite: round > (ledger.firstRoundOf(l.path) ?? round),
        });
        break;
      }
      case 'complete_task':
        act(l.agent, { type: 'complete', task: l.task });
        completed.add(l.task);
        out.push({ type: 'complete', t, round, agent: l.agent, task: l.task, ok: true });
        break;
      case 'run_tests': {
        // The harness logs no agent here; the tests ran while applying the latest reply.
        const agent = l.agent ?? current?.agent;
        if (agent === undefined) unattributedTests++;
        act(agent ?? '', { type: 'run_tests' });
        const counts = pytestCounts(l.stdout);
        const failing = l.returncode >= 1 && l.returncode <= 3;
        if (!failing && l.returncode !== 0) {
          warnings.push(`line ${l.line}: pytest exit code ${l.returncode} is not a test failure in the paper's count`);
        }
        out.push({
          type: 'test_run',
          // The harness logs when pytest returned; our test_run is stamped when the run began.
          t: toMs(l.ts - l.seconds),
          round,
          agent: agent ?? 'harness',
          passed: counts?.passed ?? 0,
          failed: failing ? (counts?.failed ?? 0) : 0,
          durationMs: l.seconds * 1000,
          results: [],
          ...(failing && !(counts && counts.failed > 0) ? { error: `pytest exit code ${l.returncode}` } : {}),
        });
        break;
      }
      case 'broadcast': {
        act(l.sender, { type: 'message', to: 'all', text: l.message });
        // One message per recipient, as this project's runner sends a broadcast.
        for (const to of agentIds) {
          if (to === l.sender) continue;
          const id = `m${++messageSeq}`;
          const bytes = utf8Length(l.message);
          out.push({ type: 'message_send', t, round, id, from: l.sender, to, text: l.message, bytes, channel: `${l.sender}~${to}` });
          out.push({ type: 'message_deliver', t, id, to });
        }
        break;
      }
      case 'assign_task':
        act(l.assigner, { type: 'assign', task: l.task, to: l.assignee });
        out.push({ type: 'assign', t, round, agent: l.assigner, task: l.task, to: l.assignee, ok: true });
        break;
      case 'run_end':
        runEnd = l;
        break;
    }
    if (runEnd) break;
  }
  if (unattributedTests > 0) warnings.push(`${unattributedTests} test run(s) before any reply: attributed to 'harness'`);

  const endT = runEnd ? toMs(runEnd.ts) : lastT;
  closeRound(endT);
  let success: boolean;
  if (suite) success = suite.tasks.length > 0 && suite.tasks.every((t) => completed.has(t.id));
  else success = runEnd?.reason === 'all_tasks_done';
  if (!runEnd) warnings.push('the log has no run_end: the run was cut short');
  out.push({
    type: 'run_end',
    t: endT,
    reason: runEnd ? stopReason(runEnd.reason) : 'stopped',
    rounds: roundsSeen,
    success,
    correct: null,
    ...(runEnd?.reason !== undefined && stopReason(runEnd.reason) === 'error' ? { detail: runEnd.reason } : {}),
  });
  // A step starts at its round's start but is written out when its reply arrives; a stable sort
  // by time puts every event back in time order without reordering events of the same instant.
  const [first, ...rest] = out;
  rest.sort((a, b) => a.t - b.t);
  // The board's account of every task, from the log's accepted decisions.
  const events = withTaskStatus([first as TraceEvent, ...rest]);
  // What the log says must also make sense as a run here (team size, times, names).
  const problem = validateTraceMeaning(events);
  // The suite's tasks came from the tasks file: name that file, not the log.
  if (problem?.startsWith('events[0].suite.tasks')) return { ok: false, error: `tasks file: ${problem.slice('events[0].suite.'.length)}` };
  if (problem) return { ok: false, error: `the log does not make a run this page can show: ${problem}` };
  return { ok: true, events, warnings };
}
