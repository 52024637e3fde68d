/**
 * A small seeded random source for fuzzers and the soak: the same seed gives the same
 * cases, so a failure found once can be replayed with `FUZZ_SEED=<seed>`.
 */

/** Deterministic pseudo-random numbers (mulberry32) with the helpers fuzzers need. */
export class Random {
  private state: number;

  constructor(readonly seed: number) {
    this.state = seed >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** A whole number in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** True with probability `p`. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('pick from an empty list');
    return items[Math.floor(this.next() * items.length)]!;
  }

  /** `count` distinct items (fewer if the list is shorter), in random order. */
  sample<T>(items: readonly T[], count: number): T[] {
    const pool = [...items];
    const out: T[] = [];
    while (out.length < count && pool.length > 0) out.push(pool.splice(Math.floor(this.next() * pool.length), 1)[0]!);
    return out;
  }
}

/** The seed a run uses: `FUZZ_SEED` when set (to replay a failure), else a fresh one. */
export function seedFromEnv(name = 'FUZZ_SEED'): number {
  const text = process.env[name];
  if (text !== undefined && /^\d+$/.test(text)) return Number(text) >>> 0;
  return (Date.now() ^ (process.pid << 16)) >>> 0;
}

/** A case count from the environment (`FUZZ_CASES`, larger under `npm run soak`), else `fallback`. */
export function casesFromEnv(fallback: number, name = 'FUZZ_CASES'): number {
  const text = process.env[name];
  const value = text !== undefined && /^\d+$/.test(text) ? Number(text) : fallback;
  return Math.max(1, value);
}
