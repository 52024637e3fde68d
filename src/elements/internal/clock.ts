import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * One timer for every element that shows ages and countdowns. It runs only while at least one
 * subscriber needs it, and its time source can be replaced (tests drive it by hand).
 */
export class Ticker {
  /** Current time in ms; replace it to control time. */
  now: () => number = () => Date.now();
  readonly #subscribers = new Set<() => void>();
  #timer: ReturnType<typeof setInterval> | undefined;

  readonly #interval: number;

  constructor(interval = 1000) {
    this.#interval = interval;
  }

  /** Whether the shared timer is running. */
  get running(): boolean {
    return this.#timer !== undefined;
  }

  subscribe(subscriber: () => void): () => void {
    this.#subscribers.add(subscriber);
    this.#timer ??= setInterval(() => this.tick(), this.#interval);
    return () => {
      this.#subscribers.delete(subscriber);
      if (this.#subscribers.size === 0 && this.#timer !== undefined) {
        clearInterval(this.#timer);
        this.#timer = undefined;
      }
    };
  }

  /** Notifies every subscriber now (the timer calls this each interval). */
  tick(): void {
    for (const subscriber of this.#subscribers) subscriber();
  }
}

/** The page-wide ticker the elements share. */
export const ticker = new Ticker();

/**
 * Re-renders its host every second while the host says it shows something that ages
 * (`active()`), and reads the time the render should use.
 */
export class ClockController implements ReactiveController {
  #unsubscribe: (() => void) | undefined;
  #connected = false;

  readonly #host: ReactiveControllerHost;
  readonly #active: () => boolean;
  readonly #source: Ticker;

  constructor(host: ReactiveControllerHost, active: () => boolean, source: Ticker = ticker) {
    this.#host = host;
    this.#active = active;
    this.#source = source;
    host.addController(this);
  }

  /** The time to render with, in ms. */
  now(): number {
    return this.#source.now();
  }

  hostConnected(): void {
    this.#connected = true;
    this.hostUpdated();
  }

  /** Starts or stops listening after each update, as the host's content requires (never while detached). */
  hostUpdated(): void {
    const needed = this.#connected && this.#active();
    if (needed && !this.#unsubscribe) this.#unsubscribe = this.#source.subscribe(() => this.#host.requestUpdate());
    else if (!needed) this.#stop();
  }

  hostDisconnected(): void {
    this.#connected = false;
    this.#stop();
  }

  #stop(): void {
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
  }
}
