/**
 * The browser benchmarks: serves dist/ (cross-origin isolated, so performance.now() is fine
 * grained enough for microsecond round trips), drives bench-test.html and the main page in
 * Debian's Chromium, and turns what the pages return into figures.
 */
import type { Server } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { defaultState, toHash } from '../../src/ui/state/hashState';
import type { PoolRateResult, RttResult, SweepRateRequest, SweepRateResult, TeamOverheadRun } from '../pages/bench/benchPage';
import type { Structure } from '../../src/core/trace/events';
import { atLeast, atMost, info, median, quantile, type Figure } from './figures';

interface Launched {
  // playwright-core's Page, reached through an untyped .mjs helper; only evaluate/goto/etc. are used.
  page: BenchPage;
  close(): Promise<void>;
  errors: string[];
}

/** The part of playwright's Page this driver uses. */
interface BenchPage {
  goto(url: string): Promise<unknown>;
  waitForSelector(sel: string, o?: { timeout?: number }): Promise<unknown>;
  waitForFunction(fn: string, arg?: unknown, o?: { timeout?: number; polling?: number }): Promise<unknown>;
  evaluate<R, A>(fn: (arg: A) => R | Promise<R>, arg: A): Promise<R>;
  addInitScript(script: { content: string }): Promise<void>;
  click(sel: string, o?: { timeout?: number }): Promise<void>;
  context(): { newCDPSession(page: BenchPage): Promise<CdpSession> };
}

/** Chrome DevTools Protocol session: only Performance.getMetrics is used. */
interface CdpSession {
  send(method: 'Performance.enable'): Promise<unknown>;
  send(method: 'Performance.getMetrics'): Promise<{ metrics: { name: string; value: number }[] }>;
  detach(): Promise<void>;
}

interface HelpersModule {
  launch(o?: { webgpu?: boolean; viewport?: { width: number; height: number } }): Promise<Launched>;
}

interface ServeModule {
  startServer(o: { roots: string[]; port?: number; host?: string }): Promise<{ server: Server; url: string }>;
}

export interface BrowserBenchOptions {
  root: string;
  rttCalls?: number;
  /** Seconds of warm-cache simulated runs per structure in the worker. */
  simSeconds?: number;
  /** Runs of the 8-agent long-task measurement (3d); the figures give the median and the worst. */
  longTaskRuns?: number;
  /** Only the long-task measurement (3d): `npm run bench -- --long-tasks`. */
  longTasksOnly?: boolean;
  log?: (s: string) => void;
}

const N = 5;
const STRUCTURES: readonly Structure[] = ['decentralized', 'preassign'];

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took longer than ${Math.round(ms / 1000)} s`)), ms);
  });
  return Promise.race([p, limit]).finally(() => clearTimeout(timer));
}

const errText = (e: unknown): string => (e instanceof Error ? e.message.split('\n')[0] : String(e));

export async function runBrowserBenches(o: BrowserBenchOptions): Promise<{ figures: Figure[]; raw: Record<string, unknown> }> {
  const log = o.log ?? (() => {});
  const figures: Figure[] = [];
  const raw: Record<string, unknown> = {};
  // Untyped .mjs modules of the repository, loaded by URL so TypeScript does not look for declarations.
  const serve = (await import(new URL('../../scripts/serve.mjs', import.meta.url).href)) as ServeModule;
  const helpers = (await import(new URL('../e2e/helpers.mjs', import.meta.url).href)) as HelpersModule;
  const { server, url } = await serve.startServer({ roots: [`${o.root}/dist`, `${o.root}/dist-pages`] });
  // Cross-origin isolation gives workers a 5 µs timer instead of 100 µs; every file is same-origin.
  server.prependListener('request', (_req: IncomingMessage, res: ServerResponse) => {
    res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
    res.setHeader('Cross-Origin-Embedder-Policy', 'require-corp');
  });
  let b: Launched;
  try {
    b = await helpers.launch();
  } catch (e) {
    server.close();
    throw new Error(`Chromium did not start (${errText(e)}); install it with apt-get install -y chromium or set CHROMIUM_PATH`, { cause: e });
  }
  try {
    await b.page.goto(`${url}bench-test.html`);
    await b.page.waitForSelector('body[data-ready="true"]', { timeout: 15000 });

    if (!o.longTasksOnly) {
      log('  3a. worker round trips ...');
      try {
        const calls = o.rttCalls ?? 2000;
        const rtt = await withTimeout(b.page.evaluate((c) => window.bench.rtt({ calls: c, warmup: 200 }), calls), 60000, 'the round-trip benchmark');
        raw.rtt = summarizeRtt(rtt);
        figures.push(...rttFigures(rtt));
      } catch (e) {
        figures.push(info(RTT_GROUP, 'round trips', null, 'µs', `not measured: ${errText(e)}`));
      }

      log('  3b. team of 5 in workers ...');
      try {
        const runs: TeamOverheadRun[] = [];
        for (const structure of STRUCTURES) {
          for (const seed of [1, 2]) {
            const args = { structure, seed, n: N, family: 'math', p: 0.5 };
            runs.push(await withTimeout(b.page.evaluate((a) => window.bench.teamOverhead(a), args), 60000, `the ${structure} team run`));
          }
        }
        raw.teamOverhead = runs.map(({ replyLagMs, ...r }) => ({ ...r, replyLagMedianMs: median(replyLagMs), replyLagP95Ms: quantile(replyLagMs, 0.95) }));
        figures.push(...teamFigures(runs));
      } catch (e) {
        figures.push(info(TEAM_GROUP, 'coordinator time per step', null, 'µs', `not measured: ${errText(e)}`));
      }

      log('  3c. simulated runs in the sweep worker ...');
      const simGroup = '3c. Simulated runs per second in the sweep worker (math p = 0.5, n = 5, sync)';
      try {
        const results: Record<string, SweepRateResult> = {};
        for (const structure of STRUCTURES) {
          const req: SweepRateRequest = { structure, n: N, family: 'math', p: 0.5, coldRuns: 2, warmupRuns: 8, timedSeconds: o.simSeconds ?? 3 };
          const r = await withTimeout(b.page.evaluate((a) => window.bench.sweepRate(a), req), 90000, `the ${structure} sweep`);
          results[structure] = r;
          const t = r.timed;
          figures.push(
            atLeast(simGroup, `${structure}, warm cache`, t.runsPerSecond, 'runs/s', 300, `${t.done} runs in ${(t.elapsedMs / 1000).toFixed(1)} s in sweeps of 16 as the worker reports them (run + metrics + batching), after ${r.warmup.done} warm-up runs; cache ${t.testCache.hits} hits / ${t.testCache.misses} misses since the worker started; ${t.failures.length} failed`),
            atLeast(simGroup, `${structure}, cold cache`, r.cold.runsPerSecond, 'runs/s', 300, `first ${r.cold.done} runs in a fresh sweep worker; ${r.cold.testCache.misses} QuickJS sandbox test runs`),
          );
        }
        raw.sweepRate = results;
      } catch (e) {
        figures.push(info(simGroup, 'simulated runs', null, 'runs/s', `not measured: ${errText(e)}`));
      }

      log('  3e. the sweep pool: 1, 2, ... sweep workers ...');
      const poolGroup = '3e. Sweep pool in the page: runs per second with 1, 2, ... sweep workers (math p = 0.5, n = 1, 2, 4)';
      try {
        const cores = await b.page.evaluate(() => navigator.hardwareConcurrency, null);
        const sizes = Array.from({ length: Math.max(2, Math.min(8, cores)) }, (_, i) => i + 1);
        const r: PoolRateResult = await withTimeout(b.page.evaluate((a) => window.bench.poolRate(a), { sizes, seeds: o.simSeconds !== undefined && o.simSeconds < 2 ? 2 : 4 }), 300000, 'the sweep pool');
        raw.poolRate = r;
        const one = r.pools[0]?.runsPerSecond ?? 0;
        for (const p of r.pools) {
          figures.push(info(poolGroup, `${p.workers} worker${p.workers === 1 ? '' : 's'}${p.workers === r.pageSize ? ' (the page\'s pool here)' : ''}`, p.runsPerSecond, 'runs/s', `${p.runs} runs in ${(p.elapsedMs / 1000).toFixed(1)} s, workers started and caches cold, ${one > 0 ? (p.runsPerSecond / one).toFixed(2) : '-'}x one worker; results ${p.identical ? 'identical to' : 'DIFFERENT from'} one worker's; ${r.cores} logical cores`));
        }
      } catch (e) {
        figures.push(info(poolGroup, 'sweep pool', null, 'runs/s', `not measured: ${errText(e)}`));
      }

    }

    const runs = Math.max(1, o.longTaskRuns ?? 3);
    log(`  3d. main page long tasks during a run of 8 agents in workers (${runs} runs) ...`);
    try {
      await b.page.addInitScript({ content: OBSERVER });
      const lt: LongTaskResult[] = [];
      for (let i = 0; i < runs; i++) lt.push(await longTasks(b.page, url));
      raw.longTasks = lt;
      figures.push(...longTaskFigures(lt));
    } catch (e) {
      figures.push(info(LONG_GROUP, 'long tasks', null, '', `not measured: ${errText(e)}`));
    }
    if (b.errors.length) raw.pageErrors = b.errors.slice(0, 10);
  } finally {
    await b.close();
    server.close();
  }
  return { figures, raw };
}

const RTT_GROUP = '3a. Worker-to-worker round trip over a MessageChannel (Chromium)';

function summarizeRtt(r: RttResult) {
  return {
    crossOriginIsolated: r.crossOriginIsolated,
    timerResolutionUs: r.timerResolutionUs,
    cases: r.cases.map((c) => ({ how: c.how, payloadBytes: c.payloadBytes, calls: c.samplesUs.length, medianUs: median(c.samplesUs), p95Us: quantile(c.samplesUs, 0.95), meanUs: c.samplesUs.reduce((a, b) => a + b, 0) / c.samplesUs.length })),
  };
}

function rttFigures(r: RttResult): Figure[] {
  const label: Record<string, string> = {
    raw: 'raw postMessage echo',
    'comlink-echo': 'Comlink call (echo worker)',
    'comlink-agent-ping': 'Comlink call to agent.worker ping()',
  };
  const figures: Figure[] = [];
  const med = (how: string, bytes: number) => {
    const c = r.cases.find((x) => x.how === how && x.payloadBytes === bytes);
    return c ? median(c.samplesUs) : NaN;
  };
  for (const c of r.cases) {
    const name = `${label[c.how]}${c.how === 'comlink-agent-ping' ? '' : `, ${c.payloadBytes} B`}`;
    figures.push(info(RTT_GROUP, `${name}, median`, median(c.samplesUs), 'µs', `p95 ${quantile(c.samplesUs, 0.95).toFixed(0)} µs over ${c.samplesUs.length} calls`));
  }
  figures.push(
    info(RTT_GROUP, 'Comlink cost over raw, small', med('comlink-echo', 16) - med('raw', 16), 'µs', 'difference of the medians'),
    info(RTT_GROUP, 'Comlink cost over raw, 4 KB', med('comlink-echo', 4096) - med('raw', 4096), 'µs', 'difference of the medians'),
    info(RTT_GROUP, 'timer resolution in the worker', r.timerResolutionUs, 'µs', r.crossOriginIsolated ? 'page is cross-origin isolated (COOP/COEP set by the bench server)' : 'page is NOT cross-origin isolated: samples are coarse'),
  );
  return figures;
}

const TEAM_GROUP = '3b. Orchestration overhead per step across workers (WorkerTeam, 5 agents, math p = 0.5, sync)';

function teamFigures(runs: TeamOverheadRun[]): Figure[] {
  const figures: Figure[] = [];
  for (const structure of STRUCTURES) {
    const rs = runs.filter((r) => r.structure === structure);
    if (!rs.length) continue;
    const steps = rs.reduce((s, r) => s + r.steps, 0);
    const rounds = rs.reduce((s, r) => s + r.rounds, 0);
    const coord = rs.reduce((s, r) => s + r.loopMs - r.testMs - r.modelledMs, 0);
    const tests = rs.reduce((s, r) => s + r.testMs, 0);
    const lag = rs.flatMap((r) => r.replyLagMs);
    const page = rs.reduce((s, r) => s + r.pageMs - r.loopMs, 0);
    figures.push(
      atMost(TEAM_GROUP, `${structure}, coordinator time per step`, (coord / steps) * 1000, 'µs/step', 1000, `(loop wall time - sandbox test time - modelled time) / steps over ${rs.length} runs, ${steps} steps, ${rounds} rounds; ${((coord / rounds) * 1000).toFixed(0)} µs per round of ${N}; success ${rs.filter((r) => r.success).length}/${rs.length}`),
      info(TEAM_GROUP, `${structure}, reply lag per step, median`, median(lag) * 1000, 'µs', `p95 ${(quantile(lag, 0.95) * 1000).toFixed(0)} µs: step start to reply beyond modelled time (prepare/generate RPCs + engine work in the agent worker)`),
      info(TEAM_GROUP, `${structure}, sandbox tests per step`, (tests / steps) * 1000, 'µs/step', 'QuickJS sandbox workers reused across runs (a fresh QuickJS runtime per run), uncached, in the board worker; not counted above. Was 3.4 ms/step (3400 µs) with a fresh locked-down worker per run'),
      info(TEAM_GROUP, `${structure}, setup per run`, page / rs.length, 'ms', 'WorkerTeam.run outside the step loop: engine init, channel wiring, trace return'),
    );
  }
  figures.push(
    info(
      TEAM_GROUP,
      'method',
      null,
      '',
      'simulated engines with prefill/decode at 1e9 tokens/s and lock hold 0, timeScale 1, so modelled time is ~0 and the run time is coordination plus tests (a large timeScale with real modelled time would hit the 4 ms nested-setTimeout clamp in WallClock.until instead)',
    ),
  );
  return figures;
}

interface LongTaskResult {
  available: boolean;
  reason?: string;
  finished?: boolean;
  runMs?: number;
  events?: number;
  /** Main-thread time in tasks and in script during the run (CDP Performance metrics), ms. */
  busy?: { taskMs: number; scriptMs: number };
  duringRun: { count: number; maxMs: number; totalMs: number; blockingMs: number };
  duringLoad: { count: number; maxMs: number; totalMs: number; blockingMs: number };
  longest: { startMs: number; durationMs: number }[];
}

const LONG_GROUP = '3d. Main-thread long tasks on the main page, run of 8 agents in workers (decentralized, math p = 0.9)';

const OBSERVER = `
  window.__benchLong = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__benchLong.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: 'longtask', buffered: true });
`;

async function longTasks(page: BenchPage, url: string): Promise<LongTaskResult> {
  const state = { ...defaultState(), family: 'math' as const, p: 0.9, n: 8, structure: 'decentralized' as const, mode: 'sync' as const, engine: 'workers' as const, seed: 1 };
  // A fresh document each time: going to the same page with only the hash changed would keep
  // the last run's page (and its long tasks) instead of loading it again.
  await page.goto('about:blank');
  await page.goto(`${url}index.html${toHash(state)}`);
  const hasRun = await page
    .waitForFunction(`[...document.querySelectorAll('button')].some((b) => b.textContent.trim() === 'Run')`, undefined, { timeout: 15000 })
    .then(() => true)
    .catch(() => false);
  const empty = { count: 0, maxMs: 0, totalMs: 0, blockingMs: 0 };
  if (!hasRun) return { available: false, reason: 'the main page shows no Run button', duringRun: empty, duringLoad: empty, longest: [] };
  // Let the page settle, then start the run and wait for it to end.
  await new Promise((r) => setTimeout(r, 1000));
  // How long the main thread was busy at all: steadier than a count of long tasks on a shared machine.
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const busyAt = async () => {
    const m = (await cdp.send('Performance.getMetrics')).metrics;
    const get = (n: string) => (m.find((x) => x.name === n)?.value ?? 0) * 1000;
    return { taskMs: get('TaskDuration'), scriptMs: get('ScriptDuration') };
  };
  const busyBefore = await busyAt();
  const runStart = await page.evaluate(() => {
    const run = [...document.querySelectorAll('button')].find((b) => b.textContent?.trim() === 'Run');
    run?.click();
    return performance.now();
  }, null);
  // The run ends when the trace (if the page exposes it) ends, or Run is enabled again.
  const finished = await page
    .waitForFunction(
      `(() => {
        const ltp = window.__ltp;
        if (ltp && typeof ltp.events === 'function') { const ev = ltp.events(); return ev.length > 0 && ev[ev.length - 1].type === 'run_end'; }
        const run = [...document.querySelectorAll('button')].find((b) => b.textContent.trim() === 'Run');
        return performance.now() - ${runStart} > 1500 && run && !run.disabled;
      })()`,
      undefined,
      { timeout: 90000, polling: 250 },
    )
    .then(() => true)
    .catch(() => false);
  const res = await page.evaluate(() => {
    const w = window as unknown as { __benchLong: { start: number; duration: number }[]; __ltp?: { events(): unknown[] } };
    return { entries: w.__benchLong, now: performance.now(), events: w.__ltp?.events().length };
  }, null);
  const busyAfter = await busyAt();
  await cdp.detach();
  const busy = { taskMs: busyAfter.taskMs - busyBefore.taskMs, scriptMs: busyAfter.scriptMs - busyBefore.scriptMs };
  const sum = (xs: { duration: number }[]) => ({
    count: xs.length,
    maxMs: Math.max(0, ...xs.map((x) => x.duration)),
    totalMs: xs.reduce((s, x) => s + x.duration, 0),
    blockingMs: xs.reduce((s, x) => s + Math.max(0, x.duration - 50), 0),
  });
  // The window is the run itself: from the Run click to the poll that sees run_end in the trace.
  const during = res.entries.filter((e) => e.start >= runStart && e.start <= res.now);
  return {
    available: true,
    finished,
    runMs: res.now - runStart,
    events: res.events,
    busy,
    duringRun: sum(during),
    duringLoad: sum(res.entries.filter((e) => e.start < runStart)),
    longest: [...during].sort((a, b) => b.duration - a.duration).slice(0, 5).map((e) => ({ startMs: Math.round(e.start - runStart), durationMs: Math.round(e.duration) })),
  };
}

function longTaskFigures(all: LongTaskResult[]): Figure[] {
  const rs = all.filter((r) => r.available);
  if (rs.length === 0) return [info(LONG_GROUP, 'long tasks', null, '', `not measured: ${all[0]?.reason ?? 'no run'}`)];
  const med = (f: (r: LongTaskResult) => number) => median(rs.map(f));
  const worst = (f: (r: LongTaskResult) => number) => Math.max(...rs.map(f));
  const each = (f: (r: LongTaskResult) => number, unit = '') => rs.map((r) => `${Math.round(f(r))}${unit}`).join(', ');
  const window = 'window: from the Run click to the 250 ms poll that sees run_end in the trace (page load and worker start-up before the click are not in it)';
  const ctx = `${rs.length} runs of ${each((r) => (r.runMs ?? 0) / 1000)} s with ${each((r) => r.events ?? 0)} trace events${rs.every((r) => r.finished) ? '' : ' (some did not finish within 90 s)'}; ${window}; simulated engines in workers do not stream tokens, so this is the trace-forwarding and rendering load`;
  return [
    atMost(LONG_GROUP, 'during the run: tasks over 50 ms, median', med((r) => r.duringRun.count), 'tasks', 0, `per run: ${each((r) => r.duringRun.count)}; ${ctx}`),
    info(LONG_GROUP, 'during the run: longest task', worst((r) => r.duringRun.maxMs), 'ms', `longest per run: ${each((r) => r.duringRun.maxMs, ' ms')}${rs[0]?.longest.length ? `; in the first run at ${rs[0].longest.map((l) => `+${l.startMs} ms (${l.durationMs} ms)`).join(', ')}` : ''}`),
    info(LONG_GROUP, 'during the run: total blocking time, median', med((r) => r.duringRun.blockingMs), 'ms', `sum over long tasks of their time past 50 ms; per run: ${each((r) => r.duringRun.blockingMs, ' ms')}`),
    info(LONG_GROUP, 'during the run: main thread busy, median', med((r) => (r.busy && r.runMs ? r.busy.taskMs / r.runMs : 0) * 100), '%', `share of the run the main thread spent in tasks (CDP TaskDuration), per run: ${each((r) => (r.busy?.taskMs ?? 0) / 1000)} s of ${each((r) => (r.runMs ?? 0) / 1000)} s, of it script ${each((r) => (r.busy?.scriptMs ?? 0) / 1000)} s; the rest of a 2-core machine runs the 8 agent workers and the board`),
    info(LONG_GROUP, 'page load: longest task', worst((r) => r.duringLoad.maxMs), 'ms', `before Run was pressed (page load, the chart library loaded while idle): ${each((r) => r.duringLoad.count)} long tasks per load`),
  ];
}
