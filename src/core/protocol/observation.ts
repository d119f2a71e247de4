/** What one agent can see at the start of a step: its local view of the shared state.
 * The coordination service builds it; the agent turns it into a prompt. */
import type { Structure } from '../trace/events';

export type TaskView = 'done' | 'ready' | 'blocked' | 'claimed' | 'assigned';

export interface BoardRow {
  id: string;
  title: string;
  file: string;
  dependencies: string[];
  status: TaskView;
  owner?: string;
}

export interface FocusTask {
  id: string;
  title: string;
  description: string;
  file: string;
  exportName: string;
  dependencies: string[];
  /** Sources of the files this task imports, as they are on the board now. */
  dependencyFiles: { path: string; content: string }[];
  /** The task's own file as it is now, if anyone wrote it. */
  currentContent?: string;
  /** Tests of this task from the agent's latest run, if any. */
  lastTest?: { passed: number; failed: number; failures: string[]; error?: string; fileVersion: number };
  fileVersion: number;
}

export interface Observation {
  agentId: string;
  role: 'worker' | 'leader';
  structure: Structure;
  round: number;
  step: number;
  team: string[];
  board: BoardRow[];
  /** Tasks this agent owns that are not done. */
  mine: string[];
  focus?: FocusTask;
  /** Messages delivered to this agent since its last step. */
  inbox: { from: string; text: string }[];
  /** Outcomes of this agent's previous actions, and parser errors, in plain words. */
  feedback: string[];
  /** For a leader: what each worker owns and whether it looks idle. */
  workers?: { id: string; owns: string[]; failed: boolean }[];
}
