/** Waiting helpers for scenario steps that poll the server, cancelable when the reader leaves a story. */

/**
 * Rejects once `signal` aborts. Marked handled up front: it usually outlives the race it was made for,
 * and leaving a story later must not surface as an unhandled rejection.
 */
export function abortable(signal: AbortSignal | undefined): Promise<never> {
  const promise = new Promise<never>((_resolve, reject) => {
    signal?.addEventListener('abort', () => reject(signal.reason), { once: true });
  });
  promise.catch(() => undefined);
  return promise;
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));

/** Polls `check` until it answers something truthy, or fails after `timeout` ms. */
export async function waitFor<T>(
  what: string,
  check: () => Promise<T | undefined | null | false>,
  { timeout = 8000, interval = 150, signal }: { timeout?: number; interval?: number; signal?: AbortSignal } = {},
): Promise<T> {
  const deadline = Date.now() + timeout;
  const aborted = abortable(signal);
  for (;;) {
    signal?.throwIfAborted();
    const value = await Promise.race([check(), aborted]);
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await Promise.race([sleep(interval), aborted]);
  }
}
