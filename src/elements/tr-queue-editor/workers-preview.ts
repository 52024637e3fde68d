import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { TaskRouterClientLike, TaskRouterErrorLike, WorkersPreview } from '../../context/client-types.js';
import { keysNoWorkerHas } from './missing-keys.js';

export type WorkersPreviewState =
  | { state: 'loading' }
  | ({ state: 'done'; missingKeys: string[] } & WorkersPreview)
  | { state: 'error'; error: TaskRouterErrorLike };

/**
 * The workers a TargetWorkers expression matches, asked of the server once typing pauses (only the latest answer
 * counts), and the expression's keys that no worker has.
 */
export class WorkersPreviewController implements ReactiveController {
  /** The latest answer, or where the question is; undefined while there is nothing to preview. */
  value: WorkersPreviewState | undefined;

  readonly #host: ReactiveControllerHost;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #seq = 0;
  /** The workers' attributes as last read (up to where the last read stopped). */
  #workerAttributes: Record<string, unknown>[] | undefined;

  constructor(host: ReactiveControllerHost) {
    this.#host = host;
    host.addController(this);
  }

  hostDisconnected(): void {
    clearTimeout(this.#timer);
  }

  /** Previews `expression` through `client` after `delay` ms of quiet; without either, there is nothing to preview. */
  schedule(client: TaskRouterClientLike | undefined, expression: string, delay: number): void {
    clearTimeout(this.#timer);
    const seq = ++this.#seq;
    if (!client || !expression) return this.#set(undefined);
    this.#timer = setTimeout(async () => {
      this.#set({ state: 'loading' });
      try {
        // The hint is extra: when it cannot be had, the preview still shows.
        const current = () => seq === this.#seq;
        const [preview, missingKeys] = await Promise.all([
          client.previewTargetWorkers(expression),
          this.#keysNoWorkerHas(client, expression, current).catch(() => []),
        ]);
        if (current()) this.#set({ state: 'done', ...preview, missingKeys });
      } catch (error) {
        if (seq === this.#seq) this.#set({ state: 'error', error: error as TaskRouterErrorLike });
      }
    }, delay);
  }

  /** Another client may be another workspace: the workers read so far are not its. */
  forgetWorkers(): void {
    this.#workerAttributes = undefined;
  }

  /**
   * Reads the workers' attributes again before naming a key as missing: a worker may have gained it since. The read
   * stops once every key is found, or once a newer expression is being previewed.
   */
  async #keysNoWorkerHas(client: TaskRouterClientLike, expression: string, current: () => boolean): Promise<string[]> {
    const known = this.#workerAttributes;
    if (known?.length && !(await keysNoWorkerHas(expression, known)).length) return [];
    const read: Record<string, unknown>[] = [];
    async function* reading() {
      for await (const attributes of client.workerAttributes()) {
        if (!current()) return;
        read.push(attributes);
        yield attributes;
      }
    }
    const missing = await keysNoWorkerHas(expression, reading());
    this.#workerAttributes = read;
    return missing;
  }

  #set(value: WorkersPreviewState | undefined): void {
    this.value = value;
    this.#host.requestUpdate();
  }
}
