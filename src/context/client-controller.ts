import { ContextConsumer } from '@lit/context';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { clientContext } from './client-context.js';
import { composedAncestor } from './composed-ancestor.js';
import { attachContextRoot } from './context-root.js';
import type { ClientStateKey, TaskRouterClientEvents, TaskRouterClientLike, TaskRouterClientState } from './client-types.js';

type Listeners = { [E in keyof TaskRouterClientEvents]?: TaskRouterClientEvents[E] };

export interface ClientControllerOptions {
  /** The state keys the host renders; a `change` touching none of them does not update the host. */
  keys: ReadonlyArray<ClientStateKey>;
  /** More client events to listen to while the host is connected (stable functions). */
  listeners?: Listeners;
  /** Called after the host got a client, lost it, or got another one. */
  clientChanged?: (client: TaskRouterClientLike | undefined) => void;
}

/**
 * Gives an element the shared client and keeps it up to date with the client's state.
 *
 * The client comes from `<tr-provider>` through context (always subscribing, so a `ContextRoot` can
 * replay the request of an element that upgraded first), or from {@link ClientController.explicit}.
 * The host updates only when a `change` event names one of the keys it reads: queue statistics ticking
 * does not re-render a worker status.
 */
export class ClientController implements ReactiveController {
  #contextClient: TaskRouterClientLike | undefined;
  #explicitClient: TaskRouterClientLike | undefined;
  #subscribed: TaskRouterClientLike | undefined;
  #connected = false;

  readonly #host: ReactiveControllerHost & HTMLElement;
  readonly #options: ClientControllerOptions;

  constructor(host: ReactiveControllerHost & HTMLElement, options: ClientControllerOptions) {
    this.#host = host;
    this.#options = options;
    // The root must be listening before the first request, which may come before any provider exists.
    attachContextRoot(host.ownerDocument);
    // Added before this controller, so on (re)connect the context value is in place before hostConnected.
    new ContextConsumer(host, {
      context: clientContext,
      subscribe: true,
      callback: (client) => {
        this.#contextClient = client;
        this.#sync();
      },
    });
    host.addController(this);
  }

  /** The client in use: the explicit one if set, else the provided one. */
  get client(): TaskRouterClientLike | undefined {
    return this.#explicitClient ?? this.#contextClient;
  }

  /** The client's current state snapshot, if there is a client. */
  get state(): TaskRouterClientState | undefined {
    return this.client?.state;
  }

  /** A client set directly on the element; it wins over the provided one. */
  get explicit(): TaskRouterClientLike | undefined {
    return this.#explicitClient;
  }

  set explicit(client: TaskRouterClientLike | undefined) {
    this.#explicitClient = client;
    this.#sync();
  }

  /** Whether the host sits inside a `<tr-provider>` (defined yet or not), across shadow roots. */
  get insideProvider(): boolean {
    return !!composedAncestor(this.#host.parentNode, (element) => element.localName === 'tr-provider');
  }

  hostConnected(): void {
    this.#connected = true;
    this.#sync();
  }

  hostDisconnected(): void {
    this.#connected = false;
    // A provider elsewhere in the tree must answer again when the host comes back.
    this.#contextClient = undefined;
    this.#sync();
  }

  readonly #onChange = (_state: TaskRouterClientState, changed: ReadonlyArray<ClientStateKey>): void => {
    if (changed.some((key) => this.#options.keys.includes(key))) this.#host.requestUpdate();
  };

  #sync(): void {
    const next = this.#connected ? this.client : undefined;
    if (next === this.#subscribed) return;
    const previous = this.#subscribed;
    this.#subscribed = next;
    this.#listen(previous, 'off');
    this.#listen(next, 'on');
    this.#options.clientChanged?.(next);
    this.#host.requestUpdate();
  }

  #listen(client: TaskRouterClientLike | undefined, method: 'on' | 'off'): void {
    if (!client) return;
    client[method]('change', this.#onChange);
    for (const [event, listener] of Object.entries(this.#options.listeners ?? {})) {
      client[method](event as 'change', listener as TaskRouterClientEvents['change']);
    }
  }
}
