/**
 * Elects one tab of the origin to play alerts, so a worker with the CRM open in several tabs hears
 * one ring (the model is Amazon Connect Streams' `ifMaster`). The leader holds a Web Lock for as long as
 * it lives; the next tab in line takes over when it closes. Where Web Locks are missing (an insecure
 * context), every tab leads.
 */
export class TabLeader {
  #leading = false;
  #abort: AbortController | undefined;
  #release: (() => void) | undefined;

  readonly #name: string;
  readonly #locks: LockManager | undefined;

  constructor(name: string, locks: LockManager | undefined = globalThis.navigator?.locks) {
    this.#name = name;
    this.#locks = locks;
  }

  /** Whether this tab plays the alerts. */
  get isLeader(): boolean {
    return this.#leading || !this.#locks;
  }

  /** Joins the line for the lock and returns at once; `isLeader` turns true when the lock is granted, maybe much later. */
  start(): void {
    if (!this.#locks || this.#abort) return;
    this.#abort = new AbortController();
    this.#locks
      .request(this.#name, { signal: this.#abort.signal }, () => {
        this.#leading = true;
        return new Promise<void>((resolve) => (this.#release = resolve));
      })
      .catch(() => undefined); // aborted while waiting
  }

  /** Gives up leadership, or the place in line. */
  stop(): void {
    this.#abort?.abort();
    this.#abort = undefined;
    this.#release?.();
    this.#release = undefined;
    this.#leading = false;
  }
}
