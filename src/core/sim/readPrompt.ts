/**
 * The simulated engine reads the same prompt a real model gets. This recovers the parts it
 * acts on from the prompt's fixed line formats (see protocol/prompts.ts).
 */
import type { BoardRow, TaskView } from '../protocol/observation';

export interface PromptView {
  agentId: string;
  /** Every agent of the team, this one included. */
  team: string[];
  structure: string;
  /** The round (or, asynchronously, the step) the prompt says it is; 0 if absent. */
  round: number;
  board: BoardRow[];
  mine: string[];
  focus?: { id: string; file: string; version: number };
  lastTest?: { version: number; passed: number; failed: number };
  workers: { id: string; owns: string[]; failed: boolean }[];
  feedback: string[];
  /** The latest whole-suite test run this agent saw: counts, and the tasks with failing tests
   * when the feedback names them. */
  suiteTest?: { passed: number; failed: number; failing: string[] };
  /** One-task test runs this agent saw last step: task id -> all its tests passed. */
  taskTests: Record<string, boolean>;
}

const TASK_TEST = /^tests of (\S+): (\d+) passed, (\d+) failed/;

const SUITE_TEST = /^tests of all tasks: (\d+) passed, (\d+) failed(?:.*?; failing: ([\w, -]+))?/;

const STATUSES: readonly TaskView[] = ['done', 'ready', 'blocked', 'claimed', 'assigned'];

const BOARD_LINE = /^(\S+) (done|ready|blocked|claimed|assigned)(?: owner=(\S+))? deps=(\S+) (\S+) "(.*)"$/;

// A run shows the same few board lines in every prompt (a task's line changes only with its
// status or owner), so each distinct line is read once; the rows are frozen because every
// prompt that shows the line shares them.
const BOARD_MEMO_LIMIT = 20000;
const boardMemo = new Map<string, BoardRow | null>();

function boardRow(line: string): BoardRow | null {
  const hit = boardMemo.get(line);
  if (hit !== undefined) return hit;
  const m = BOARD_LINE.exec(line);
  const row: BoardRow | null = m
    ? Object.freeze({
        id: m[1],
        // The literal itself, so the behaviour's many status comparisons compare pointers.
        status: STATUSES.find((s) => s === m[2])!,
        owner: m[3],
        dependencies: Object.freeze(m[4] === '-' ? [] : m[4].split(',')) as string[],
        file: m[5],
        title: m[6],
      })
    : null;
  if (boardMemo.size >= BOARD_MEMO_LIMIT) boardMemo.clear();
  boardMemo.set(line, row);
  return row;
}

// The boards of the last few prompts: every agent of a round sees the same board, so a board's
// text is most often one just read. Comparing a fresh slice with those costs less than hashing
// it for a map; a board not among them is read line by line (each line memoised above).
const RECENT = 8;
const recentText: string[] = [];
const recentRows: (readonly BoardRow[])[] = [];
let recentNext = 0;

/** The rows of a board section's text (lines that are not rows are ignored). */
function boardRows(text: string): readonly BoardRow[] {
  for (let i = 0; i < recentText.length; i++) if (recentText[i].length === text.length && recentText[i] === text) return recentRows[i];
  const rows: BoardRow[] = [];
  for (const line of text.split('\n')) {
    const row = boardRow(line);
    if (row) rows.push(row);
  }
  Object.freeze(rows);
  recentText[recentNext] = text;
  recentRows[recentNext] = rows;
  recentNext = (recentNext + 1) % RECENT;
  return rows;
}

/** The sections whose lines the engine reads (besides "Task ..."); the rest are skipped. */
const readSection = (s: string) => s === 'Yours' || s === 'Workers' || s === 'Results of your last step';

// A team's list is the same in every prompt of a run: split once, shared and frozen.
let lastTeamText = '';
let lastTeam: readonly string[] = Object.freeze([]);
function teamList(text: string): readonly string[] {
  if (text !== lastTeamText) {
    lastTeamText = text;
    lastTeam = Object.freeze(text.split(',').map((s) => s.trim()).filter(Boolean));
  }
  return lastTeam;
}

export function readPrompt(prompt: string): PromptView {
  const firstLine = prompt.slice(0, prompt.indexOf('\n') < 0 ? prompt.length : prompt.indexOf('\n'));
  const view: PromptView = { agentId: '', team: [], structure: '', round: 0, board: [], mine: [], workers: [], feedback: [], taskTests: {} };
  const head = /^You are (\S+)\. Team: (.*)\. Structure: (\S+)\./.exec(firstLine);
  if (head) {
    view.agentId = head[1];
    view.team = teamList(head[2]) as string[];
    view.structure = head[3];
    view.round = Number(/ Round (\d+)\./.exec(firstLine)?.[1] ?? 0);
  }
  let section = '';
  // Line by line, but the code and chat sections, most of a prompt, are stepped over whole.
  for (let pos = 0; pos <= prompt.length; ) {
    let end = prompt.indexOf('\n', pos);
    if (end < 0) end = prompt.length;
    const line = prompt.slice(pos, end);
    pos = end + 1;
    if (line.startsWith('## ')) {
      section = line.slice(3);
      const task = /^Task (\S+): /.exec(section);
      if (task) view.focus = { id: task[1], file: '', version: 0 };
      else if (section === 'Board') {
        // Every agent of a round sees the same board: its rows are read once per distinct text.
        const next = prompt.indexOf('\n## ', pos - 1);
        const stop = next < 0 ? prompt.length : next;
        const rows = boardRows(prompt.slice(pos, stop));
        // The shared, frozen rows themselves when this is the only board section (always, in
        // prompts built by stepPrompt): readers can then recognise a board they have seen.
        if (view.board.length === 0) view.board = rows as BoardRow[];
        else view.board = [...view.board, ...rows];
        pos = stop + 1;
      } else if (!readSection(section)) {
        const next = prompt.indexOf('\n## ', pos - 1);
        pos = next < 0 ? prompt.length + 1 : next + 1;
      }
      continue;
    }
    if (section === 'Yours') {
      // One line of ids; the prompt's closing line may follow when no section comes after.
      if (line.trim() && line.trim() !== 'none' && !view.mine.length && !/^Your actions/.test(line)) view.mine = line.split(',').map((s) => s.trim());
    } else if (section === 'Workers') {
      const m = /^(\S+): (FAILED|free|owns (\S+))$/.exec(line);
      if (m) view.workers.push({ id: m[1], failed: m[2] === 'FAILED', owns: m[3] ? m[3].split(',') : [] });
    } else if (section.startsWith('Task ') && view.focus) {
      const file = /^File: (\S+) .*current version: (\S+)$/.exec(line);
      if (file) {
        view.focus.file = file[1];
        view.focus.version = file[2] === 'none' ? 0 : Number(file[2]);
      }
      const test = /^Last test run \(file version (\d+)\): (\d+) passed, (\d+) failed/.exec(line);
      if (test) view.lastTest = { version: Number(test[1]), passed: Number(test[2]), failed: Number(test[3]) };
    } else if (section === 'Results of your last step') {
      if (line.startsWith('- ')) {
        view.feedback.push(line.slice(2));
        const t = SUITE_TEST.exec(line.slice(2));
        if (t) view.suiteTest = { passed: Number(t[1]), failed: Number(t[2]), failing: t[3] ? t[3].split(',').map((x) => x.trim()).filter(Boolean) : [] };
        // A suite without tests (imported): nothing can fail, so nothing waits on tests.
        else if (/^run_tests: these tasks have no tests/.test(line.slice(2))) view.suiteTest = { passed: 0, failed: 0, failing: [] };
        const one = TASK_TEST.exec(line.slice(2));
        if (one && one[1] !== 'all') view.taskTests[one[1]] = Number(one[3]) === 0;
        const none = /^run_tests: (\S+) have no tests/.exec(line.slice(2));
        if (none && none[1] !== 'these') view.taskTests[none[1]] = true;
      }
    }
  }
  return view;
}
