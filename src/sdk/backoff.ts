/**
 * Jittered, capped exponential backoff: `min(cap, base·2^attempt)` scaled by a random factor in
 * [0.5, 1), so clients that lost the same server do not come back in lockstep (v1 had no jitter, §1.7).
 *
 * @param attempt - 0 for the first retry
 * @param random - injectable for tests
 */
export function backoff(attempt: number, base: number, cap: number, random: () => number = Math.random): number {
  return Math.min(cap, base * 2 ** attempt) * (0.5 + random() / 2);
}

/** Resolves after `ms` milliseconds. */
export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
