/**
 * Entry of liveness-test.html: a team in real workers whose agent or board worker is ended
 * behind the team's back mid-run (terminated from outside, so no `error` event ever fires: to
 * the team it simply goes silent). The heartbeat must notice, and the run must end or go on.
 */
import type { Structure, TraceEvent } from '../../src/core/trace/events';
import { simConfig } from '../../src/core/sim/simulate';
import { findSuite } from '../../src/core/workload/suites';
import { slotsFor, WorkerTeam } from '../../src/runtime/workerTeam';
import { RunController } from '../../src/ui/run/runController.svelte';
import { defaultState } from '../../src/ui/state/hashState';

/** Every worker this page starts, by name, so a test can end one without the team knowing. */
const started: { name: string; worker: Worker }[] = [];
const NativeWorker = window.Worker;
class SpiedWorker extends NativeWorker {
  constructor(url: string | URL, options?: WorkerOptions) {
    super(url, options);
    started.push({ name: options?.name ?? '', worker: this });
  }
}
window.Worker = SpiedWorker;

/** Short, so the test is quick: ping every 200 ms, dead after 2 s of silence. */
const TIMING = { everyMs: 200, silenceMs: 2000 };

function killLater(target: string): () => void {
  let done = false;
  return () => {
    if (done) return;
    const w = [...started].reverse().find((s) => s.name === target);
    if (!w) return;
    done = true;
    w.worker.terminate();
  };
}

interface LivenessResult {
  events: TraceEvent[];
  crashes: string[];
  boardLost: string[];
}

async function teamRun(o: { n: number; structure: Structure; kill: string; afterEvents: number }): Promise<LivenessResult> {
  const crashes: string[] = [];
  const boardLost: string[] = [];
  const team = new WorkerTeam({ onCrash: (ids, m) => crashes.push(`${ids.join(',')}: ${m}`), onBoardLost: (m) => boardLost.push(m) }, TIMING);
  const suite = findSuite('math', 0.9);
  if (!suite) throw new Error('suite not found');
  const config = simConfig({ suite, structure: o.structure, n: o.n, seed: 1 });
  config.engine = 'fake:ok';
  team.resize(slotsFor(config, () => ({ kind: 'fake', script: 'ok' })));
  const kill = killLater(o.kill);
  let seen = 0;
  try {
    const events = await team.run({
      suite,
      config,
      timeScale: 50,
      onEvents: (batch) => {
        seen += batch.length;
        if (seen >= o.afterEvents) kill();
      },
    });
    return { events, crashes, boardLost };
  } finally {
    team.dispose();
  }
}

/** The page's own run controller, in workers, with the board ended mid-run. */
async function controllerRun(afterEvents: number): Promise<{ phase: string; notices: string[]; end: TraceEvent | undefined; events: number }> {
  const kill = killLater('board');
  const c = new RunController({
    createTeam: (hooks) =>
      new WorkerTeam(
        {
          ...hooks,
          onDelta: () => undefined,
        },
        TIMING,
      ),
  });
  const timer = setInterval(() => {
    if (c.events.length >= afterEvents) kill();
  }, 50);
  try {
    await c.run({ ...defaultState(), n: 3, structure: 'decentralized', engine: 'workers', speed: 'instant' });
    return { phase: c.phase, notices: c.notices.map((n) => `${n.title}: ${n.text}`), end: c.events.at(-1), events: c.events.length };
  } finally {
    clearInterval(timer);
    c.dispose();
  }
}

declare global {
  interface Window {
    livenessTest: { teamRun: typeof teamRun; controllerRun: typeof controllerRun };
  }
}
window.livenessTest = { teamRun, controllerRun };

let clicks = 0;
document.querySelector('#count')?.addEventListener('click', () => {
  clicks++;
  const out = document.querySelector('#clicks');
  if (out) out.textContent = String(clicks);
});
document.body.dataset.ready = 'true';
