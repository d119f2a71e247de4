/**
 * What the page's words mean, in the page's vocabulary, with the paper's definition where it
 * has one. Knobs, counters and the glossary all read these entries, so an idea is explained
 * the same way wherever it appears.
 */
import type { RecoverySwitch } from '../../core/faults/schedule';

export interface GlossaryEntry {
  id: string;
  term: string;
  /** One or two sentences, plain words. */
  text: string;
  /** The paper's definition or finding, when it has one. */
  paper?: string;
}

export const GLOSSARY: readonly GlossaryEntry[] = [
  {
    id: 'p',
    term: 'Parallel part p',
    text: 'The share of the work that can be done at the same time. The rest is a chain of tasks that must be done one after another: the serial part, 1 − p.',
    paper: 'p = (N − critical path) / N for a suite of N = 20 tasks; the paper used p = 0.2, 0.5 and 0.9.',
  },
  {
    id: 'n',
    term: 'Agents n',
    text: 'How many worker agents the team has (a leader, if any, is not counted). Single means one agent, n = 1.',
    paper: 'Homogeneous teams of n = 1 to 5 agents of one model.',
  },
  {
    id: 'sync',
    term: 'Sync rounds',
    text: 'Every agent takes one step per round, and no one starts the next round until everyone has finished this one: a barrier. Fast agents wait for the slowest.',
    paper: 'The paper ran synchronous rounds: all agents step concurrently, then the actions are applied.',
  },
  {
    id: 'async',
    term: 'Async steps',
    text: 'Each agent starts its next step as soon as its last one is done. No barrier, so no waiting for the slowest; but agents act on views of the board that may be out of date.',
  },
  {
    id: 'single',
    term: 'Single agent',
    text: 'One agent does every task. The baseline every speedup is measured against.',
  },
  {
    id: 'preassign',
    term: 'Pre-assigned tasks',
    text: 'The tasks are handed out before the run: each dependency chain stays with one agent, free tasks go round-robin. No claiming, no lost races; but a slow agent keeps its tasks.',
    paper: '"Pre-assign": median speedup 1.35×; 69% of runs below Amdahl\'s bound.',
  },
  {
    id: 'leader',
    term: 'Leader assigns',
    text: 'One extra agent, the leader, reads the board and assigns tasks to the workers by message. The workers do not claim.',
  },
  {
    id: 'decentralized',
    term: 'Decentralized (self-claim)',
    text: 'The agents claim tasks from the shared board themselves and message each other. They adapt to a slow peer, but collide: lost races, concurrent writes, many messages.',
    paper: '"Decentralized": median speedup 0.88×; 92% of runs below Amdahl\'s bound; messages grow about as n².',
  },
  {
    id: 'locks',
    term: 'File locks',
    text: 'A write takes the file\'s lock for a moment (250 ms); a second writer waits for it (a lock wait). Locks make writes take turns; they do not stop two agents from writing the same file in one round.',
    paper: 'Edits take a lock file briefly; there is no ownership check, so concurrent writes and rewrites still happen.',
  },
  {
    id: 'lock-waits',
    term: 'Lock waits',
    text: 'Times a writer found the file locked by another agent and waited, and the total time waited. Zero when locks are off.',
  },
  {
    id: 'straggler',
    term: 'Straggler',
    text: 'The last agent runs three times slower than the others. In sync rounds everyone waits for it at each barrier.',
  },
  {
    id: 'lost-races',
    term: 'Lost races',
    text: 'A claim refused because another agent took the task first (a claim conflict). The step that made it was wasted.',
  },
  {
    id: 'blocked-claims',
    term: 'Blocked claims',
    text: 'A claim refused because the task\'s dependencies were not done yet.',
    paper: 'Claims blocked = claims made before the dependencies were done ("temporal violations").',
  },
  {
    id: 'rewrites',
    term: 'Rewrites',
    text: 'Writes to a file that was first written in an earlier round: work being redone or patched.',
    paper: 'Rewrites = edits of a path after its first round.',
  },
  {
    id: 'concurrent-writes',
    term: 'Concurrent writes',
    text: 'Round-and-file pairs written by two or more agents in the same round: one of them overwrote the other without seeing it. Counted per pair, so three writes to one file in one round count once (the files view counts the writes themselves).',
    paper: 'Concurrent writes = (round, path) pairs edited by two or more agents.',
  },
  {
    id: 'straggler-gap',
    term: 'Straggler gap',
    text: 'Per round, how much longer the slowest reply took than the average reply; the mean over rounds. What a barrier makes everyone wait.',
    paper: 'Straggler gap per round = max latency − mean latency (reply time − round start).',
  },
  {
    id: 'idle',
    term: 'Idle',
    text: 'The share of an agent\'s time not spent reading, generating or testing: waiting on dependencies, locks, barriers or nothing at all. Mean over agents.',
    paper: 'The paper counts idle rounds: rounds in which no task was completed.',
  },
  {
    id: 'amdahl',
    term: 'Amdahl bound',
    text: 'The best speedup n agents can reach when only a share p of the work can run at once: 1 / ((1 − p) + p / n). No team can beat it; coordination keeps real teams below it.',
    paper: 'S(n) = 1 / ((1 − p) + p / n) predicts the ceiling.',
  },
  {
    id: 'speedup',
    term: 'Speedup',
    text: 'How many times faster the team finished than one agent on the same tasks: wall time with n = 1 divided by wall time with n. Only a run that finished has one.',
    paper: 'speedup(n) = mean wall(n = 1) / mean wall(n).',
  },
  {
    id: 'token-multiplier',
    term: 'Token multiplier',
    text: 'How many times more tokens the team used than one agent for the same tasks.',
    paper: 'Token multiplier = tokens(n) / tokens(1).',
  },
  {
    id: 'efficiency',
    term: 'Efficiency',
    text: 'Speedup per token spent: speedup divided by the token multiplier. Below 1, the team bought its speed with more than proportionally more tokens.',
    paper: 'Efficiency = speedup / token multiplier.',
  },
  {
    id: 'coordination',
    term: 'Coordination',
    text: 'Agent time spent agreeing who does what rather than doing it: steps that only sent messages or assignments or lost a claim, plus, in working steps, the share of the reply written as messages or assignments.',
  },
  {
    id: 'messages',
    term: 'Messages',
    text: 'Messages the agents sent each other (a broadcast counts once). Shown travelling along the team graph\'s lines.',
    paper: 'The paper\'s "messages" are agent replies (n × rounds); the page shows those as Replies.',
  },
  {
    id: 'replies',
    term: 'Replies',
    text: 'Model replies: one per agent step.',
    paper: 'Messages = agent replies (n × rounds).',
  },
  {
    id: 'test-failures',
    term: 'Test failures',
    text: 'Test runs in which a test failed or the code did not load.',
    paper: 'Test failures = pytest exit codes 1 to 3.',
  },
  {
    id: 'wall',
    term: 'Wall time',
    text: 'From the start of the run to its end, in run time (modelled time for simulated engines).',
  },
  {
    id: 'tokens',
    term: 'Tokens in / out',
    text: 'Tokens read (prompts) and written (replies) by all agents together.',
  },
  {
    id: 'tasks-done',
    term: 'Tasks done',
    text: 'Tasks marked complete. A run succeeds when all of them are done.',
    paper: 'Success = all tasks done (tests not required).',
  },
  {
    id: 'round',
    term: 'Round',
    text: 'In sync mode, one step of every agent followed by the barrier. A run stops after 100 rounds if it has not finished (the round budget).',
  },
  {
    id: 'seed',
    term: 'Seed',
    text: 'Fixes every random choice of the simulated agents: the same seed and settings give the same run.',
  },
  {
    id: 'error-rate',
    term: 'Error rate',
    text: 'The chance a simulated agent writes a plausible but wrong solution, which then fails its tests and has to be rewritten.',
  },
  {
    id: 'engine',
    term: 'Engine',
    text: 'What produces the agents\' replies: a simulated model (fast, repeatable, a teaching aid) in this tab or in workers, or a real language model running in your browser with WebLLM.',
  },
  {
    id: 'preset',
    term: 'Simulated model',
    text: 'How fast and how reliable the simulated agents are: a small model on a laptop GPU, or timings calibrated on the hosted models the paper used (reply latencies and tokens from its published runs).',
  },
  {
    id: 'tps',
    term: 'Tokens per second',
    text: 'How fast the simulated laptop model writes (decode) and reads (prefill). A step takes prompt tokens / read speed + reply tokens / write speed.',
  },
  {
    id: 'shared',
    term: 'Shared engine',
    text: 'One model serves every agent, each as a persona: one model\'s memory instead of n, but the agents queue for it, so their steps wait (contention).',
  },
  {
    id: 'sweep',
    term: 'Sweep',
    text: 'Runs the same setup for n = 1 up to the largest team, several seeds each, and plots the speedup against n beside Amdahl\'s bound (and the paper\'s points).',
  },
  {
    id: 'useful',
    term: 'Useful generation',
    text: 'Agent time spent in steps that moved a task forward: a claim that succeeded, code written, a test run, a task completed.',
  },
  {
    id: 'rework',
    term: 'Rework',
    text: 'Steps whose writes were later redone: overwritten by a rewrite, or written again after a test failed.',
  },
  {
    id: 'dependency-wait',
    term: 'Dependency waits',
    text: 'Steps with nothing ready to do: the agent waited, or claimed a task whose dependencies were not done yet.',
  },
  {
    id: 'testing',
    term: 'Testing',
    text: 'Time an agent spent running the tests of the code it wrote.',
  },
  {
    id: 'other',
    term: 'Other time',
    text: 'Everything else: replies that could not be read, time before the first round or after the agent finished or failed, and gaps between an async agent\'s steps.',
  },
  {
    id: 'barrier-wait',
    term: 'Barrier waits',
    text: 'In sync rounds, the time after the slowest reply while the round applies everyone\'s actions and runs tests, before the next round can start.',
  },
  {
    id: 'family',
    term: 'Task suite',
    text: 'The 20 programming tasks the team builds: math utilities, data analysis or SVG utilities, each with tests.',
    paper: 'Three suites × p ∈ {0.2, 0.5, 0.9}; 20 tasks each, one function per file.',
  },
  {
    id: 'crash',
    term: 'Crash',
    text: 'An agent stops for good (in workers, its worker is really terminated). A crash-and-restart brings it back later with its memory lost: it has to read the board again.',
  },
  {
    id: 'partition',
    term: 'Partition',
    text: 'For a while an agent cannot reach its peers or the board: its messages and actions are lost, and to the others it looks the same as a crash.',
  },
  {
    id: 'byzantine',
    term: 'Byzantine agent',
    text: 'An agent that lies: it marks tasks done without passing tests, writes plausible wrong code, or tells the team that work is finished when it is not.',
  },
  {
    id: 'heartbeats',
    term: 'Heartbeats and suspicion',
    text: 'Agents report that they are alive at a fixed interval; one not heard from for a timeout is suspected. A slow agent can be suspected by mistake: a false suspicion. Time to detect is from the fault to the first suspicion.',
  },
  {
    id: 'reassign',
    term: 'Reassignment',
    text: "A suspected agent's tasks go back to the board (self-claiming) or to another worker (pre-assigned, leader), so the team can carry on without it. Time to recover is until its tasks have new owners.",
  },
  {
    id: 'lease',
    term: 'Lease',
    text: 'A claim that runs out unless its owner renews it, so a silent agent cannot hold a task forever.',
  },
  {
    id: 'verify',
    term: 'Verification',
    text: "The board runs a task's tests before it accepts a completion, which catches a Byzantine agent's false \"done\" at the cost of extra test time.",
  },
  {
    id: 'failover',
    term: 'Leader failover',
    text: 'When the leader is suspected, the first live worker in team order takes over as leader (a new term), and assignments from the old leader are refused. Without it, a team that lost its leader stalls.',
  },
  {
    id: 'idempotent',
    term: 'Retries and idempotent actions',
    text: 'A lost message or action is sent again with the same id, and the board applies each id once, so a copy that arrives twice does no harm. Without ids, a duplicated write is a second write.',
  },
  {
    id: 'price-of-safety',
    term: 'Price of safety',
    text: 'What a recovery protocol costs when nothing goes wrong: the speedup lost to heartbeats, leases and verification in a run with no fault.',
  },
];

/** The glossary entry that explains each recovery protocol's switch. */
export const RECOVERY_TERMS: Readonly<Record<RecoverySwitch, string>> = {
  heartbeats: 'heartbeats',
  reassign: 'reassign',
  leases: 'lease',
  verify: 'verify',
  retries: 'idempotent',
  failover: 'failover',
};

export function glossaryEntry(id: string): GlossaryEntry | undefined {
  return GLOSSARY.find((g) => g.id === id);
}
