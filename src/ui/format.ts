/** Numbers as a learner reads them: always with a unit, never more digits than matter. */

const DASH = '—';

function finite(x: number | null | undefined): x is number {
  return typeof x === 'number' && Number.isFinite(x);
}

/** 850 ms, 12.4 s, 3 min 5 s, 1 h 2 min. */
export function formatMs(ms: number | null | undefined): string {
  if (!finite(ms)) return DASH;
  const sign = ms < 0 ? '-' : '';
  const a = Math.abs(ms);
  if (a < 1000) return `${sign}${Math.round(a)} ms`;
  if (a < 60_000) {
    const s = a / 1000;
    // Past 59.95 s the one-decimal form would read "60.0 s"; minutes take over there.
    if (s < 59.95) return `${sign}${s.toFixed(1)} s`;
  }
  const totalS = Math.round(a / 1000);
  if (totalS < 3600) {
    const m = Math.floor(totalS / 60);
    const s = totalS % 60;
    return `${sign}${m} min ${s} s`;
  }
  const totalMin = Math.round(a / 60_000);
  return `${sign}${Math.floor(totalMin / 60)} h ${totalMin % 60} min`;
}

/** Seconds with one decimal, for axes and tables where the unit is in the header. */
export function formatSeconds(ms: number | null | undefined): string {
  if (!finite(ms)) return DASH;
  return `${(ms / 1000).toFixed(1)} s`;
}

/** 850, 12.3k, 4.5M. */
export function formatTokens(n: number | null | undefined): string {
  if (!finite(n)) return DASH;
  const a = Math.abs(n);
  if (a < 1000) return String(Math.round(n));
  if (a < 999_950) return `${(n / 1000).toFixed(1)}k`;
  return `${(n / 1_000_000).toFixed(1)}M`;
}

/** A fraction 0..1 as a percentage: 42%, and 0.4% for small non-zero shares. */
export function formatPercent(fraction: number | null | undefined): string {
  if (!finite(fraction)) return DASH;
  const pct = fraction * 100;
  if (pct !== 0 && Math.abs(pct) < 1) return `${pct.toFixed(1)}%`;
  return `${Math.round(pct)}%`;
}

/** 1.72× */
export function formatSpeedup(x: number | null | undefined): string {
  if (!finite(x)) return DASH;
  return `${x.toFixed(2)}×`;
}

/** 1,234 */
export function formatCount(n: number | null | undefined): string {
  if (!finite(n)) return DASH;
  const r = Math.round(n);
  return String(r).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** 512 B, 4.2 kB, 1.3 MB. */
export function formatBytes(n: number | null | undefined): string {
  if (!finite(n)) return DASH;
  if (Math.abs(n) < 1000) return `${Math.round(n)} B`;
  if (Math.abs(n) < 999_950) return `${(n / 1000).toFixed(1)} kB`;
  return `${(n / 1_000_000).toFixed(1)} MB`;
}

/** Count with a noun that agrees: "1 message", "3 messages". */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${formatCount(n)} ${n === 1 ? one : many}`;
}

/** The tail of a long text, marked as cut, so a stream box always shows the newest words. */
export function tail(text: string, chars: number): string {
  if (text.length <= chars) return text;
  return `…${text.slice(text.length - chars + 1)}`;
}
