/**
 * Deterministic pseudo-random numbers (mulberry32) for fuzzers, generated scenarios and
 * benchmarks: the same seed feeds the same inputs on every run, so a failure reproduces.
 */
export function seededRandom(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
