/** Seeded pseudo-random numbers, so a run is a pure function of its seed. */
export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Standard normal. */
  normal(): number;
  int(maxExclusive: number): number;
  pick<T>(items: readonly T[]): T;
  /** A child stream that does not disturb this one's sequence. */
  fork(label: string): Rng;
}

function hashString(s: string): number {
  // FNV-1a: stable across platforms, good enough to spread labels over seeds.
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export function createRng(seed: number | string): Rng {
  let state = (typeof seed === 'string' ? hashString(seed) : seed >>> 0) || 0x9e3779b9;
  // mulberry32
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const rng: Rng = {
    next,
    normal() {
      const u = Math.max(next(), 1e-12);
      const v = next();
      return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    },
    int(maxExclusive) {
      return Math.floor(next() * maxExclusive);
    },
    pick(items) {
      return items[Math.floor(next() * items.length)];
    },
    fork(label) {
      return createRng(hashString(`${state}:${label}`));
    },
  };
  return rng;
}

export function seedFor(...parts: (string | number)[]): number {
  return hashString(parts.join('|'));
}
