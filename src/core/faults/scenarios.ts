/**
 * Preset fault scenarios: small experiments with one lesson each, as data. Each is a team and a
 * schedule in text form, so the page can load it and a link can carry it. Pairs differ in one
 * thing (the structure, or one protocol) so the lesson is the difference.
 */
import type { StepMode, Structure } from '../trace/events';

export interface FaultScenario {
  id: string;
  title: string;
  /** What to look for, in a sentence or two. */
  lesson: string;
  structure: Structure;
  n: number;
  mode: StepMode;
  seed: number;
  /** core/faults/text.ts forms. */
  faults: string;
  recovery: string;
}

export const FAULT_SCENARIOS: readonly FaultScenario[] = [
  {
    id: 'crash-preassign',
    title: 'A crash under pre-assignment',
    lesson: "dev2 crashes at 15 s. Its tasks were planned for it and nobody takes them: the others finish their own and the run never completes.",
    structure: 'preassign',
    n: 4,
    mode: 'sync',
    seed: 1,
    faults: 'crash:dev2@15s',
    recovery: 'none',
  },
  {
    id: 'crash-selfclaim',
    title: 'The same crash, self-claiming with leases',
    lesson: 'The same crash in a self-organising team with leases on claims: nobody detects the crash, but the claim dev2 held runs out and another agent takes the task, so the team carries on (availability), at the price of the races and blocked claims that pre-assignment avoids.',
    structure: 'decentralized',
    n: 4,
    mode: 'sync',
    seed: 1,
    faults: 'crash:dev2@15s',
    recovery: 'leases',
  },
  {
    id: 'crash-detected',
    title: 'The crash, detected and reassigned',
    lesson: 'Pre-assignment again, with heartbeats: the board suspects dev2 one timeout after its last heartbeat (the detection delay) and hands its tasks to the least loaded live worker.',
    structure: 'preassign',
    n: 4,
    mode: 'sync',
    seed: 1,
    faults: 'crash:dev2@15s',
    recovery: 'heartbeats,reassign',
  },
  {
    id: 'straggler-suspected',
    title: 'A straggler falsely suspected',
    lesson: 'dev2 stalls for a minute, longer than the 20 s timeout: the board suspects it and takes its work, then hears it again. A failure detector cannot tell slow from dead.',
    structure: 'decentralized',
    n: 4,
    mode: 'sync',
    seed: 1,
    faults: 'stall:dev2@10s,for=1m',
    recovery: 'heartbeats,reassign',
  },
  {
    id: 'byzantine-unverified',
    title: 'A Byzantine agent, unchecked',
    lesson: 'dev3 marks its tasks done at once with plausible wrong code. The board believes it: tasks count as done while their code is wrong (wrong completions missed).',
    structure: 'decentralized',
    n: 4,
    mode: 'sync',
    seed: 1,
    faults: 'byzantine:dev3,mode=done',
    recovery: 'none',
  },
  {
    id: 'byzantine-verified',
    title: 'The Byzantine agent, with verification',
    lesson: 'The board runs the tests before it accepts a completion: the lies are caught (and honest mistakes too), dev3 is distrusted once caught three times without ever passing, and the others redo its work. No wrong completion is accepted, at the price of time.',
    structure: 'decentralized',
    n: 4,
    mode: 'sync',
    seed: 1,
    faults: 'byzantine:dev3,mode=done',
    recovery: 'verify',
  },
  {
    id: 'partition',
    title: 'A partition',
    lesson: 'dev1 and dev2 are cut off from everyone for 40 s: their replies never reach the board and messages across the cut are lost. Heartbeats suspect them, and take it back when the partition heals.',
    structure: 'decentralized',
    n: 4,
    mode: 'sync',
    seed: 1,
    faults: 'partition:dev1+dev2@5s,for=40s,from=all',
    recovery: 'heartbeats,reassign',
  },
  {
    id: 'lossy-links',
    title: 'Lossy links and retries',
    lesson: 'Every link loses 40% of messages and duplicates some. With retries, lost messages are sent again and duplicates are recognised by id; switch retries off to see what is lost.',
    structure: 'decentralized',
    n: 4,
    mode: 'sync',
    seed: 1,
    faults: 'drop:*,rate=0.4;duplicate:*,rate=0.2',
    recovery: 'retries,retry=5s',
  },
  {
    id: 'leader-crash',
    title: 'The leader crashes',
    lesson: 'The lead crashes at 20 s. Heartbeats tell the board it is gone 20 s later, but nobody else may assign: the workers finish what they hold and then sit idle until the round budget runs out. A single leader is a single point of failure.',
    structure: 'leader',
    n: 4,
    mode: 'sync',
    seed: 1,
    faults: 'crash:lead@20s',
    recovery: 'heartbeats,reassign',
  },
  {
    id: 'leader-failover',
    title: 'The leader crashes, with failover',
    lesson: 'The same crash with failover: once the board suspects the lead (the detection delay), dev1, the first live worker, is elected leader (a crown moves onto it), gives back any task it held and assigns the open tasks. The team finishes, one coder short and one timeout late.',
    structure: 'leader',
    n: 4,
    mode: 'sync',
    seed: 1,
    faults: 'crash:lead@20s',
    recovery: 'heartbeats,reassign,failover',
  },
  {
    id: 'lost-actions',
    title: 'Actions lost and duplicated on the way to the board',
    lesson: "Half the agents' completions never reach the board, and half their writes arrive a second time 20 s later. Nothing tells an agent its complete was lost: the task hangs until it notices on the board and does it again, and every late copy of a write lands as one more rewrite.",
    structure: 'preassign',
    n: 4,
    mode: 'sync',
    seed: 1,
    faults: 'drop:*>board,rate=0.5,action=complete;duplicate:*>board,rate=0.5,by=20s,action=write',
    recovery: 'none',
  },
  {
    id: 'idempotent-actions',
    title: 'The same, with retries and action ids',
    lesson: 'With retries each action carries an id: a lost one is sent again after 5 s of silence and the board applies every id once, so a late copy is recognised and ignored. No task hangs and no copy rewrites a file; the price is the time an agent waits for its answer.',
    structure: 'preassign',
    n: 4,
    mode: 'sync',
    seed: 1,
    faults: 'drop:*>board,rate=0.5,action=complete;duplicate:*>board,rate=0.5,by=20s,action=write',
    recovery: 'retries,retry=5s',
  },
];

export function findScenario(id: string): FaultScenario | undefined {
  return FAULT_SCENARIOS.find((s) => s.id === id);
}
