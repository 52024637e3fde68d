/**
 * A small seeded random source for fuzzers and the soak: the same seed gives the same
 * cases, so a failure found once can be replayed with `FUZZ_SEED=<seed>`.
 */
import { seededRandom } from '../../support/random.js';

/** The shared seeded generator (test/support/random.ts) with the helpers fuzzers need. */
export class Random {
  /** A float in [0, 1). */
  readonly next: () => number;

  constructor(readonly seed: number) {
    this.next = seededRandom(seed);
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

/** The seed `npm test` uses, so that its fuzz cases are the same on every run and machine. */
export const DEFAULT_FUZZ_SEED = 20261122;

/**
 * The seed a run uses: `FUZZ_SEED=<number>` replays a failure, `FUZZ_SEED=random` (what
 * `npm run soak` sets) explores new cases, and without it the fixed {@link DEFAULT_FUZZ_SEED}.
 */
export function seedFromEnv(name = 'FUZZ_SEED'): number {
  const text = process.env[name];
  if (text !== undefined && /^\d+$/.test(text)) return Number(text) >>> 0;
  if (text === 'random') return (Date.now() ^ (process.pid << 16)) >>> 0;
  return DEFAULT_FUZZ_SEED;
}

/** A case count from the environment (`FUZZ_CASES`, larger under `npm run soak`), else `fallback`. */
export function casesFromEnv(fallback: number, name = 'FUZZ_CASES'): number {
  const text = process.env[name];
  const value = text !== undefined && /^\d+$/.test(text) ? Number(text) : fallback;
  return Math.max(1, value);
}
