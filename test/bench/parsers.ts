/**
 * Reply parsers on hostile text (issue 11): prose full of braces made the JSON reader quadratic
 * (48 KB took 9 s, 100 KB 80 s). Times for a few shapes of 48 KB to 1 MB, with the steps the
 * reader counted (linear: a few per character). Printed, never asserted.
 */
import { parseJsonActions } from '../../src/core/protocol/parseJson';
import { parseXmlActions } from '../../src/core/protocol/parseXml';
import { atMost, info, type Figure } from './figures';

const GROUP = '8 reply parsers on hostile text (Node)';

function time(f: () => void, runs: number): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    f();
    times.push(performance.now() - t0);
  }
  return times.sort((a, b) => a - b)[Math.floor(times.length / 2)] as number;
}

export function runParserBench(o: { runs?: number } = {}): { figures: Figure[]; raw: Record<string, unknown> } {
  const runs = o.runs ?? 5;
  const figures: Figure[] = [];
  const raw: Record<string, unknown> = {};
  const json: [string, string, number][] = [
    ['48 KB of prose braces (was 9 s)', '{ well '.repeat(7000), 100],
    ['100 KB of prose braces (was 80 s)', '{ well '.repeat(14_600), 200],
    ['1 MB of prose braces', '{ well '.repeat(150_000), 2000],
    ['1 MB of nested prose braces', `${'{a'.repeat(262_144)}${'}'.repeat(262_144)}`, 2000],
  ];
  for (const [name, text, budget] of json) {
    const meter = { steps: 0 };
    parseJsonActions(text, meter);
    const ms = time(() => parseJsonActions(text), runs);
    raw[name] = { ms, steps: meter.steps, chars: text.length };
    figures.push(atMost(GROUP, `JSON, ${name}`, ms, 'ms', budget, `${(meter.steps / text.length).toFixed(2)} steps per character`));
  }
  for (const [name, text] of [
    ['500 <wait/> tags', '<wait/>'.repeat(500)],
    ['50,000 broken tags (1.2 MB)', '<claim_task id=t01 junk="'.repeat(50_000)],
  ] as const) {
    const r = parseXmlActions(text);
    const ms = time(() => parseXmlActions(text), runs);
    raw[name] = { ms, actions: r.actions.length, reasonChars: r.ok ? 0 : r.reason.length };
    figures.push(info(GROUP, `tags, ${name}`, ms, 'ms', `${r.actions.length} actions kept, reason ${r.ok ? 0 : r.reason.length} characters`));
  }
  return { figures, raw };
}
