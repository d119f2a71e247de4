/**
 * One measured figure of the bench, with its unit and the target it is read against, and the
 * table that prints them. Nothing is asserted: a figure short of its target is reported, not failed.
 */
export interface Figure {
  /** Which benchmark it belongs to, e.g. "1 simulated runs (Node)". */
  group: string;
  name: string;
  /** null when the figure could not be measured; `note` then says why. */
  value: number | null;
  unit: string;
  /** Human-readable target, e.g. ">= 1000 /s". */
  target?: string;
  /** Whether the value meets the target; undefined when there is no target. */
  ok?: boolean;
  note?: string;
}

export function atLeast(group: string, name: string, value: number | null, unit: string, min: number, note?: string): Figure {
  return { group, name, value, unit, target: `>= ${fmt(min)} ${unit}`, ok: value === null ? undefined : value >= min, note };
}

export function atMost(group: string, name: string, value: number | null, unit: string, max: number, note?: string): Figure {
  return { group, name, value, unit, target: `<= ${fmt(max)} ${unit}`, ok: value === null ? undefined : value <= max, note };
}

export function info(group: string, name: string, value: number | null, unit: string, note?: string): Figure {
  return { group, name, value, unit, note };
}

export function fmt(v: number): string {
  const a = Math.abs(v);
  if (Number.isInteger(v) && a < 1e6) return v.toLocaleString('en-US');
  if (a >= 1000) return Math.round(v).toLocaleString('en-US');
  if (a >= 100) return v.toFixed(0);
  if (a >= 10) return v.toFixed(1);
  if (a >= 1) return v.toFixed(2);
  return v.toPrecision(2);
}

function pad(s: string, w: number): string {
  return s.length >= w ? s : s + ' '.repeat(w - s.length);
}

/** A plain-text table, grouped by benchmark; notes follow their figure on an indented line. */
export function formatTable(figures: Figure[]): string {
  const rows = figures.map((f) => ({
    f,
    value: f.value === null ? 'n/a' : `${fmt(f.value)} ${f.unit}`,
    target: f.target ?? '',
    mark: f.ok === undefined ? '' : f.ok ? 'ok' : 'SHORT',
  }));
  const wName = Math.max(6, ...rows.map((r) => r.f.name.length));
  const wValue = Math.max(5, ...rows.map((r) => r.value.length));
  const wTarget = Math.max(6, ...rows.map((r) => r.target.length));
  const lines: string[] = [];
  const header = `  ${pad('figure', wName)}  ${pad('value', wValue)}  ${pad('target', wTarget)}  status`;
  let group = '';
  for (const r of rows) {
    if (r.f.group !== group) {
      group = r.f.group;
      lines.push('', group, header, `  ${'-'.repeat(header.length - 2)}`);
    }
    lines.push(`  ${pad(r.f.name, wName)}  ${pad(r.value, wValue)}  ${pad(r.target, wTarget)}  ${r.mark}`.trimEnd());
    if (r.f.note) lines.push(`      ${r.f.note}`);
  }
  return lines.join('\n');
}

export function median(xs: number[]): number {
  return quantile(xs, 0.5);
}

/** Linear-interpolated quantile; NaN for an empty list. */
export function quantile(xs: number[], q: number): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const i = (s.length - 1) * q;
  const lo = Math.floor(i);
  const hi = Math.ceil(i);
  return s[lo] + (s[hi] - s[lo]) * (i - lo);
}
