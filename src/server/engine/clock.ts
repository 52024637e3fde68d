/**
 * Time source for the engine. Every timestamp and timer goes through a Clock so
 * tests can move time forward instead of waiting.
 */

/** Opaque timer handle returned by {@link Clock.setTimeout}. */
export type TimerHandle = unknown;

/** What the engine needs from time: now, and one-shot timers. */
export interface Clock {
  /** Milliseconds since the Unix epoch. */
  now(): number;
  /** Calls `fn` once after `ms` milliseconds. */
  setTimeout(fn: () => void, ms: number): TimerHandle;
  /** Cancels a timer; unknown or fired handles are ignored. */
  clearTimeout(handle: TimerHandle): void;
}

/** Node's longest timer delay; longer waits are re-armed in steps. */
const MAX_DELAY = 2_147_483_647;

/** Wall-clock time and real timers (timers are `unref`'d so they never keep the process alive). */
export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout(fn, ms) {
    const timer = setTimeout(fn, Math.min(Math.max(0, ms), MAX_DELAY));
    timer.unref?.();
    return timer;
  },
  clearTimeout(handle) {
    clearTimeout(handle as ReturnType<typeof setTimeout>);
  },
};

interface ManualTimer {
  id: number;
  due: number;
  fn: () => void;
}

/**
 * A clock that only moves when told to. `advance(ms)` fires the timers that come
 * due, in due-time order (then creation order), with `now()` set to each timer's
 * due time while it runs.
 *
 * @example
 * const clock = new ManualClock(Date.UTC(2024, 0, 1));
 * clock.setTimeout(() => console.log(clock.now()), 1000);
 * clock.advance(5000); // logs 1704067201000; now() is then 1704067205000
 */
export class ManualClock implements Clock {
  private current: number;
  private nextId = 1;
  private timers = new Map<number, ManualTimer>();

  /** @param start initial time in ms since the epoch (default 2024-01-01T00:00:00Z). */
  constructor(start: number = Date.UTC(2024, 0, 1)) {
    this.current = start;
  }

  now(): number {
    return this.current;
  }

  setTimeout(fn: () => void, ms: number): TimerHandle {
    const id = this.nextId++;
    this.timers.set(id, { id, due: this.current + Math.max(0, ms), fn });
    return id;
  }

  clearTimeout(handle: TimerHandle): void {
    this.timers.delete(handle as number);
  }

  /** Number of timers not yet fired or cleared. */
  get pendingTimers(): number {
    return this.timers.size;
  }

  /** Moves time forward by `ms`, firing every timer that comes due on the way. */
  advance(ms: number): void {
    if (!(ms >= 0)) throw new RangeError(`ManualClock.advance needs a non-negative number, got ${ms}`);
    this.advanceTo(this.current + ms);
  }

  /** Moves time forward to `time` (ms since the epoch), firing due timers in order. */
  advanceTo(time: number): void {
    if (time < this.current) throw new RangeError('ManualClock cannot go back in time');
    for (;;) {
      const next = this.nextDue(time);
      if (!next) break;
      this.timers.delete(next.id);
      this.current = next.due;
      next.fn();
    }
    this.current = time;
  }

  private nextDue(limit: number): ManualTimer | undefined {
    let best: ManualTimer | undefined;
    for (const timer of this.timers.values()) {
      if (timer.due > limit) continue;
      if (!best || timer.due < best.due || (timer.due === best.due && timer.id < best.id)) best = timer;
    }
    return best;
  }
}
