/**
 * Prompts sized for small in-browser models: one task's spec and the code it depends on,
 * never the whole repository, kept within a token budget.
 * The board section has a fixed line format so that people, models and the simulated engine
 * all read the same thing.
 */
import type { Observation } from './observation';

/** Rough tokens for a text: ~4 characters each for code and English. */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4);
}

const FORMAT = `Reply with one JSON object and nothing else:
{"actions":[ ... ]}
with 1 to 4 actions from:
{"type":"claim","task":"t03"}
{"type":"write","path":"src/name.js","content":"<the whole file>"}
{"type":"run_tests","task":"t03"}
{"type":"complete","task":"t03"}
{"type":"message","to":"dev2" or "all","text":"short note"}
{"type":"wait","reason":"why"}`;

const LEADER_FORMAT = `Reply with one JSON object and nothing else:
{"actions":[ ... ]}
with 1 to 4 actions from:
{"type":"assign","task":"t03","to":"dev2"}
{"type":"message","to":"dev2" or "all","text":"short note"}
{"type":"wait","reason":"why"}`;

// One string per role and structure: every step of a run sends the same one, and readers that
// compare it with the last one they saw then compare pointers.
const systemPrompts = { worker: new Map<string, string>(), leader: new Map<string, string>() };

export function systemPrompt(role: 'worker' | 'leader', structure: Observation['structure']): string {
  const memo = systemPrompts[role];
  let text = memo.get(structure);
  if (text === undefined) memo.set(structure, (text = buildSystemPrompt(role, structure)));
  return text;
}

function buildSystemPrompt(role: 'worker' | 'leader', structure: Observation['structure']): string {
  if (role === 'leader') {
    return `You lead a team of coding agents building a small JavaScript library together.
You do not write code. Each step you see the task board and assign ready tasks (all dependencies done) to workers who have nothing to do. Assign each task once.
${LEADER_FORMAT}`;
  }
  const how =
    structure === 'decentralized'
      ? 'Pick a ready task nobody owns, claim it, write its file, run its tests, then complete it. Other agents work at the same time: tell them what you take.'
      : structure === 'leader'
        ? 'Work only on tasks the lead assigned to you. Write the file, run its tests, then complete the task.'
        : 'Work only on tasks assigned to you, in order. Write the file, run its tests, then complete the task.';
  return `You are a coding agent in a team building a small JavaScript library, one exported function per file.
${how}
Files are ES modules. Import a dependency as: import { name } from './name.js';
Only complete a task after its tests pass.
${FORMAT}`;
}

export interface PromptBudget {
  /** Whole prompt budget in tokens (system + step), leaving room for the reply. */
  maxPromptTokens: number;
}

// Small models get a 4k context: ~2.4k estimated prompt tokens (code runs nearer 3 characters a
// token than 4) plus a reply of up to 768 tokens still fits.
export const DEFAULT_BUDGET: PromptBudget = { maxPromptTokens: 2400 };

// The system prompt is kept (systemPrompt above), so its estimate is its length, read at once.
function systemTokens(role: 'worker' | 'leader', structure: Observation['structure']): number {
  return estimateTokens(systemPrompt(role, structure));
}

/** History lines the agent keeps about itself, newest last. */
export type History = string[];

export function boardLine(r: Observation['board'][number]): string {
  const owner = r.owner ? ` owner=${r.owner}` : '';
  const deps = r.dependencies.length ? r.dependencies.join(',') : '-';
  return `${r.id} ${r.status}${owner} deps=${deps} ${r.file} "${r.title}"`;
}

// The observer hands every agent the same rows until the board changes: their text is built once.
const boardSections = new WeakMap<readonly Observation['board'][number][], string>();
function boardSection(rows: Observation['board']): string {
  let text = boardSections.get(rows);
  if (text === undefined) boardSections.set(rows, (text = ['## Board', ...rows.map(boardLine)].join('\n')));
  return text;
}

// A run's team list is one array handed to every observation: joined once.
const teamTexts = new WeakMap<readonly string[], string>();
function teamText(team: readonly string[]): string {
  let text = teamTexts.get(team);
  if (text === undefined) teamTexts.set(team, (text = team.join(', ')));
  return text;
}

/** The per-step prompt. Sections are dropped or cut, least useful first, to fit the budget. */
export function stepPrompt(obs: Observation, history: History, budget: PromptBudget = DEFAULT_BUDGET): string {
  const head = `You are ${obs.agentId}. Team: ${teamText(obs.team)}. Structure: ${obs.structure}. Round ${obs.round}.`;
  const board = boardSection(obs.board);
  const mine = `## Yours\n${obs.mine.length ? obs.mine.join(', ') : 'none'}`;
  const sections: { text: string; priority: number }[] = [
    { text: head, priority: 0 },
    { text: board, priority: 1 },
    { text: mine, priority: 1 },
  ];
  if (obs.workers) {
    const w = obs.workers.map((x) => `${x.id}: ${x.failed ? 'FAILED' : x.owns.length ? 'owns ' + x.owns.join(',') : 'free'}`);
    sections.push({ text: ['## Workers', ...w].join('\n'), priority: 1 });
  }
  if (obs.focus) {
    const f = obs.focus;
    const parts = [`## Task ${f.id}: ${f.title}`, `File: ${f.file} (export function ${f.exportName}); current version: ${f.fileVersion || 'none'}`, f.description];
    if (f.lastTest) {
      const lt = f.lastTest;
      parts.push(
        `Last test run (file version ${lt.fileVersion}): ${lt.passed} passed, ${lt.failed} failed` +
          (lt.error ? `; error: ${lt.error}` : '') +
          (lt.failures.length ? '\n' + lt.failures.map((x) => `- ${x}`).join('\n') : ''),
      );
    }
    sections.push({ text: parts.join('\n'), priority: 0 });
    for (const d of f.dependencyFiles) {
      sections.push({ text: `## Dependency ${d.path}\n${d.content}`, priority: 3 });
    }
    if (f.currentContent !== undefined) {
      sections.push({ text: `## Current ${f.file} (version ${f.fileVersion})\n${f.currentContent}`, priority: 4 });
    }
  }
  if (obs.inbox.length) {
    sections.push({ text: ['## Messages', ...obs.inbox.map((m) => `from ${m.from}: ${m.text}`)].join('\n'), priority: 2 });
  }
  if (obs.feedback.length) {
    sections.push({ text: `## Results of your last step\n- ${obs.feedback.join('\n- ')}`, priority: 0 });
  }
  if (history.length) {
    sections.push({ text: `## Your recent steps\n${history.slice(-6).join('\n')}`, priority: 5 });
  }
  sections.push({ text: 'Your actions (JSON only):', priority: 0 });

  const system = systemTokens(obs.role, obs.structure);
  let kept = sections.slice();
  let total = system + kept.reduce((s, x) => s + estimateTokens(x.text) + 1, 0);
  // Drop the least useful sections first (highest priority number), newest-added first.
  for (let p = 5; p >= 2 && total > budget.maxPromptTokens; p--) {
    for (let i = kept.length - 1; i >= 0 && total > budget.maxPromptTokens; i--) {
      if (kept[i].priority !== p) continue;
      total -= estimateTokens(kept[i].text) + 1;
      kept = kept.filter((_, j) => j !== i);
    }
  }
  let text = kept.map((s) => s.text).join('\n\n');
  const maxChars = Math.max(0, (budget.maxPromptTokens - system) * 4);
  if (text.length > maxChars) text = text.slice(0, maxChars) + '\n[cut to fit the context window]';
  return text;
}
