/**
 * Engine timers (reservation timeout, workflow target timeout, task TTL, removal
 * of finished tasks), keyed by name and set to absolute times. One clock timer is
 * armed for the earliest; due entries run in time order. Changes made inside a
 * failed transaction are undone with it. Every deadline is also stored on its
 * record, so after a restart the engine re-arms them from the store.
 */
import type { Clock, TimerHandle } from './clock.js';
import { BinaryHeap } from './heap.js';
import type { UnitOfWork } from './store/unit-of-work.js';

interface Entry {
  key: string;
  at: number;
  seq: number;
}

export class Scheduler {
  private readonly heap = new BinaryHeap<Entry>((a, b) => a.at - b.at || a.seq - b.seq);
  private readonly current = new Map<string, Entry>();
  private seq = 0;
  private armed: { at: number; handle: TimerHandle } | null = null;
  private stopped = false;

  constructor(
    private readonly clock: Clock,
    private readonly uow: UnitOfWork,
    private readonly fire: (key: string) => void,
  ) {}

  /** Sets (or moves) the timer `key` to fire at `at` (epoch ms). */
  set(key: string, at: number): void {
    this.replace(key, { key, at, seq: ++this.seq });
  }

  /** Cancels the timer `key`, if set. */
  clear(key: string): void {
    if (this.current.has(key)) this.replace(key, undefined);
  }

  /** Stops the clock timer; nothing fires after this. */
  stop(): void {
    this.stopped = true;
    if (this.armed) this.clock.clearTimeout(this.armed.handle);
    this.armed = null;
  }

  private replace(key: string, entry: Entry | undefined): void {
    const before = this.current.get(key);
    if (this.uow.active) this.uow.onRollback(() => this.apply(key, before));
    this.apply(key, entry);
  }

  private apply(key: string, entry: Entry | undefined): void {
    if (entry) {
      this.current.set(key, entry);
      this.heap.push(entry);
    } else {
      this.current.delete(key);
    }
    // Cleared and moved timers stay in the heap until they surface; rebuild it when
    // they dominate, so long timers (a two-week TTL) do not pile up.
    if (this.heap.size > 1024 && this.heap.size > 2 * this.current.size) {
      this.heap.clear();
      for (const live of this.current.values()) this.heap.push(live);
    }
    this.arm();
  }

  /** Arms the clock timer for the earliest live entry (dropping stale heap entries). */
  private arm(): void {
    if (this.stopped) return;
    let next = this.heap.peek();
    while (next && this.current.get(next.key) !== next) {
      this.heap.pop();
      next = this.heap.peek();
    }
    if (!next) {
      if (this.armed) this.clock.clearTimeout(this.armed.handle);
      this.armed = null;
      return;
    }
    if (this.armed && this.armed.at <= next.at) return;
    if (this.armed) this.clock.clearTimeout(this.armed.handle);
    const at = next.at;
    this.armed = { at, handle: this.clock.setTimeout(() => this.run(), at - this.clock.now()) };
  }

  private run(): void {
    this.armed = null;
    for (;;) {
      if (this.stopped) return;
      const next = this.heap.peek();
      if (!next) break;
      if (this.current.get(next.key) !== next) {
        this.heap.pop();
        continue;
      }
      if (next.at > this.clock.now()) break;
      this.heap.pop();
      this.current.delete(next.key);
      this.fire(next.key);
    }
    this.arm();
  }
}
