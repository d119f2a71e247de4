// Hostile replies: the parsers' work stays linear in the text (counted in steps, not timed),
// every format caps the actions a reply may hold, and the reason given back stays short.
import { describe, expect, it } from 'vitest';
import { parseActions } from '../../src/core/protocol/parse';
import { parseJsonActions, type ScanMeter } from '../../src/core/protocol/parseJson';
import { MAX_REASON_TEXT } from '../../src/core/protocol/parseLimits';
import { parseXmlActions } from '../../src/core/protocol/parseXml';
import { MAX_ACTIONS_PER_REPLY } from '../../src/core/protocol/schema';

const MB = 1024 * 1024;
const fill = (unit: string, bytes = MB) => unit.repeat(Math.ceil(bytes / unit.length)).slice(0, bytes);
/** Linear means a few steps per character; the old reader took about length²/4 on these. */
const linear = (meter: ScanMeter, text: string) => expect(meter.steps).toBeLessThanOrEqual(8 * text.length + 20_000);

describe('JSON reader on hostile prose', () => {
  const shapes: [string, string][] = [
    ['unmatched prose braces', fill('{ well ')],
    ['unmatched prose brackets', fill('[see ')],
    ['deep prose nesting', `${'{a'.repeat(MB / 4)}${'}'.repeat(MB / 4)}`],
    ['braces inside quotes', fill('{a "{b ')],
    ['escapes and quotes', fill('{x "\\" { ')],
    ['json-looking openers never closed', fill('{"a": [')],
    ['many tiny broken values', fill('{"a" } ')],
    ['bracket soup', fill('[{]}')],
  ];
  for (const [name, text] of shapes) {
    it(`reads 1 MB of ${name} in linear steps and refuses it with a short reason`, () => {
      const meter: ScanMeter = { steps: 0 };
      const r = parseJsonActions(text, meter);
      linear(meter, text);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.reason.length).toBeLessThanOrEqual(MAX_REASON_TEXT);
    });
  }

  it('still finds the actions after 1 MB of prose braces', () => {
    const text = `${fill('{ think ', MB / 2)}\n{"actions":[{"type":"claim","task":"t01"}]}`;
    const meter: ScanMeter = { steps: 0 };
    const r = parseJsonActions(text, meter);
    linear(meter, text);
    expect(r.ok).toBe(true);
    expect(r.actions).toEqual([{ type: 'claim', task: 't01' }]);
  });

  it('counts what it reads: a meter that saw nothing would pass any bound', () => {
    const text = fill('{ well ', 10_000);
    const meter: ScanMeter = { steps: 0 };
    parseJsonActions(text, meter);
    expect(meter.steps).toBeGreaterThanOrEqual(text.length / 2);
  });

  it('caps a list of 100,000 actions and says how many came, in a short reason', () => {
    const text = JSON.stringify({ actions: Array.from({ length: 100_000 }, () => ({ type: 'bogus', x: 'y'.repeat(5) })) });
    const r = parseJsonActions(text);
    expect(r.ok).toBe(false);
    expect(r.actions.length).toBeLessThanOrEqual(MAX_ACTIONS_PER_REPLY);
    if (!r.ok) {
      expect(r.reason).toMatch(/at most 4 actions per reply, got 100000/);
      expect(r.reason.length).toBeLessThanOrEqual(MAX_REASON_TEXT);
    }
  });

  it('a 1 MB action name is not echoed back in full', () => {
    const r = parseJsonActions(JSON.stringify({ actions: [{ type: 'x'.repeat(MB) }] }));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason.length).toBeLessThanOrEqual(MAX_REASON_TEXT);
  });
});

describe('tag reader on hostile replies', () => {
  it('500 <wait/> tags are refused like five JSON actions, not read as 500 actions', () => {
    const r = parseXmlActions('<wait/>'.repeat(500));
    expect(r.ok).toBe(false);
    expect(r.actions.length).toBeLessThanOrEqual(MAX_ACTIONS_PER_REPLY);
    if (!r.ok) expect(r.reason).toMatch(/at most 4 actions per reply/);
    // The same rule in both formats.
    const json = parseJsonActions(JSON.stringify({ actions: Array.from({ length: 5 }, () => ({ type: 'wait' })) }));
    expect(json.ok).toBe(false);
    expect(parseXmlActions('<wait/>'.repeat(4)).ok).toBe(true);
  });

  it('50,000 broken tags give a short reason (it was 3 MB)', () => {
    const text = '<claim_task id=t01 junk="'.repeat(50_000);
    const meter: ScanMeter = { steps: 0 };
    const r = parseXmlActions(text, meter);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.reason.length).toBeLessThanOrEqual(MAX_REASON_TEXT);
      expect(r.reason).toMatch(/more problems|stopped reading/);
    }
    linear(meter, text);
  });

  for (const [name, text] of [
    ['open tags never closed', fill('<wait ')],
    ['attributes with an open quote', fill('<claim_task id="')],
    ['long attribute soup', `<wait ${fill('a=b ')}`],
  ] as [string, string][]) {
    it(`1 MB of ${name}: bounded steps, short reason, no actions past the cap`, () => {
      const meter: ScanMeter = { steps: 0 };
      const r = parseXmlActions(text, meter);
      linear(meter, text);
      expect(r.actions.length).toBeLessThanOrEqual(MAX_ACTIONS_PER_REPLY);
      if (!r.ok) expect(r.reason.length).toBeLessThanOrEqual(MAX_REASON_TEXT);
    });
  }

  it('auto-detection gives the same cap and bound whichever reader goes first', () => {
    for (const text of [`{ prose ${'<wait/>'.repeat(50)}`, `<note> ${JSON.stringify({ actions: Array.from({ length: 9 }, () => ({ type: 'wait' })) })}`]) {
      const r = parseActions(text, 'auto');
      expect(r.ok).toBe(false);
      expect(r.actions.length).toBeLessThanOrEqual(MAX_ACTIONS_PER_REPLY);
    }
  });
});
