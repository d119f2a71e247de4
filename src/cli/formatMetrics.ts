/** The run metrics as an aligned text table with units, for the terminal. */
import type { Breakdown } from '../core/metrics/breakdown';
import { BREAKDOWN_BUCKETS, BREAKDOWN_LABELS, FAULT_BUCKETS } from '../core/metrics/breakdown';
import type { RunMetrics } from '../core/metrics/runMetrics';

type Row = [label: string, value: string, unit: string];

const int = (v: number): string => String(Math.round(v));
const secs = (ms: number): string => (ms / 1000).toFixed(3);
const pct = (share: number): string => (share * 100).toFixed(1);
const yesNo = (v: boolean | null): string => (v === null ? 'unknown' : v ? 'yes' : 'no');

/** Numbers are right-aligned so their digits line up; words read better left-aligned. */
function table(rows: readonly Row[], align: 'left' | 'right' = 'right'): string {
  const lw = Math.max(...rows.map((r) => r[0].length));
  const vw = Math.max(...rows.map((r) => r[1].length));
  const pad = (v: string): string => (align === 'right' ? v.padStart(vw) : v.padEnd(vw));
  return rows.map(([l, v, u]) => `${l.padEnd(lw)}  ${pad(v)}${u ? ` ${u}` : ''}`.trimEnd()).join('\n');
}

export function formatMetrics(m: RunMetrics, b: Breakdown, source: string): string {
  const run: Row[] = [
    ['source', source, ''],
    ['suite', m.suite, ''],
    ['structure', m.structure, ''],
    ['mode', m.mode, ''],
    ['engine', m.engine, ''],
    ['seed', String(m.seed), ''],
    ['agents (n)', `${m.n} workers`, ''],
    ['stop reason', m.stopReason ?? 'trace cut short', ''],
    ['success', yesNo(m.success), ''],
    ['correct', yesNo(m.correct), ''],
    ['tasks done', `${m.tasksDone} of ${m.tasksTotal} tasks`, ''],
  ];
  const numbers: Row[] = [
    ['rounds', int(m.rounds), 'rounds'],
    ['wall time', secs(m.wallMs), 's'],
    ['replies', int(m.replies), 'replies'],
    ['messages', int(m.messages), `messages (${int(m.messageBytes)} bytes)`],
    ['blocked claims', int(m.blockedClaims), 'claims'],
    ['claim conflicts', int(m.claimConflicts), 'claims'],
    ['rewrites', int(m.rewrites), 'writes'],
    ['concurrent writes', int(m.concurrentWrites), m.mode === 'sync' ? '(round, file) pairs' : 'writes'],
    ['test runs', int(m.testRuns), 'runs'],
    ['test failures', int(m.testFailures), 'runs'],
    ['idle rounds', int(m.idleRounds), 'rounds'],
    ['lock waits', int(m.lockWaits), `waits (${secs(m.lockWaitMs)} s)`],
    ['protocol errors', int(m.protocolErrors), 'replies'],
    ['failed agents', int(m.failedAgents), 'agents'],
    ['straggler gap', secs(m.stragglerGapMs), `s mean over ${m.stragglerGaps.length} rounds`],
    ['idle time', pct(m.meanIdleFraction), '% of wall, mean per agent'],
    ['tokens in', int(m.tokensIn), 'tokens'],
    ['tokens out', int(m.tokensOut), 'tokens'],
    ['tokens', int(m.tokens), 'tokens'],
  ];
  const speedup: Row[] = [
    ['p', m.p.toFixed(3), 'parallel fraction of the task DAG'],
    ['critical path', int(m.criticalPath), 'tasks'],
    ['Amdahl bound', m.amdahlBound.toFixed(3), `x for n = ${m.n}`],
    ['wall time', secs(m.wallMs), 's (speedup = wall(n=1) / wall(n))'],
  ];
  const total = b.totalMs > 0 ? b.totalMs : 1;
  const where: Row[] = BREAKDOWN_BUCKETS.filter((k) => !FAULT_BUCKETS.has(k) || b.buckets[k] > 0).map((k) => [
    BREAKDOWN_LABELS[k],
    secs(b.buckets[k]),
    `s  ${pct(b.buckets[k] / total).padStart(5)} %`,
  ]);
  where.push(['total', secs(b.totalMs), `s = ${b.agents.length} agents x ${secs(b.wallMs)} s`]);
  return [
    table(run, 'left'),
    '',
    table(numbers),
    '',
    'speedup inputs',
    table(speedup),
    '',
    'where the agent-time went',
    table(where),
    '',
  ].join('\n');
}
