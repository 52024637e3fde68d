import { ContextProvider } from '@lit/context';
import { css, html, LitElement } from 'lit';
import { TaskRouterClient } from '../sdk/client.js';
import { clientContext } from './client-context.js';
import type { ClientConnectionState, TaskRouterClientLike, TaskRouterClientOptions } from './client-types.js';
import { attachContextRoot } from './context-root.js';
import { defineElement } from './define.js';
import { KIT_VERSION } from './version.js';

/**
 * The provider creates the client from its attributes and connects it, or uses the one set as the
 * `client` property (which the page then connects and disconnects itself). Either way consumers see one
 * stable object; a new object is provided only when the client really changes.
 *
 * @tag tr-provider
 * @summary Shares one TaskRouter client with every `tr-*` element inside it. Renders only its children.
 *
 * @slot - The elements (and any other markup) that use the client.
 *
 * @cssprop --tr-color-scheme - Set by `theme`; the elements inside use it as their `color-scheme`.
 */
export class TrProvider extends LitElement {
  static readonly version: string = KIT_VERSION;

  static override styles = css`
    :host { display: contents; }
    :host([theme='dark']) { --tr-color-scheme: dark; }
    :host([theme='light']) { --tr-color-scheme: light; }
  `;
  /** Reactive properties (each documented at its field below) and internal state. */
  static override properties = {
    workerTokenUrl: { attribute: 'worker-token-url' },
    workspaceTokenUrl: { attribute: 'workspace-token-url' },
    taskqueueTokenUrl: { attribute: 'taskqueue-token-url' },
    eventBridgeUrl: { attribute: 'event-bridge-url' },
    apiBaseUrl: { attribute: 'api-base-url' },
    maxRetries: { attribute: 'max-retries', type: Number },
    statisticsMinutes: { attribute: 'statistics-minutes', type: Number },
    theme: { reflect: true },
    connection: { reflect: true },
    client: { attribute: false },
  };

  /** URL that returns a worker capability token (`{ token }` JSON or text). */
  workerTokenUrl?: string;
  /** URL that returns a workspace capability token. */
  workspaceTokenUrl?: string;
  /** URL that returns a task queue capability token. */
  taskqueueTokenUrl?: string;
  /** Event bridge base URL; Twilio's when unset, the local server's URL in development. */
  eventBridgeUrl?: string;
  /** TaskRouter REST base URL; Twilio's when unset. */
  apiBaseUrl?: string;
  /** How many times the client retries a request or reconnects before giving up. */
  maxRetries?: number;
  /** Window, in minutes, of the cumulative queue statistics. */
  statisticsMinutes?: number;
  /** `light`, `dark`, or unset to follow the page's `color-scheme` (as form controls do). */
  theme?: 'light' | 'dark';
  /** The client's connection state, reflected for host CSS (`tr-provider[connection=failed]`). Read only. */
  connection?: ClientConnectionState;

  readonly #provider = new ContextProvider(this, { context: clientContext });
  #explicitClient: TaskRouterClientLike | undefined;
  #ownedClient: TaskRouterClientLike | undefined;
  /** The options the owned client was made from (JSON), to tell when the attributes really changed. */
  #ownedOptions: string | undefined;
  #listened: TaskRouterClientLike | undefined;

  /** The shared client. Set it to provide your own (connected by you); leave it unset to let the attributes create one. */
  get client(): TaskRouterClientLike | undefined {
    return this.#explicitClient ?? this.#ownedClient;
  }

  set client(client: TaskRouterClientLike | undefined) {
    this.#explicitClient = client;
    if (client) this.#dropOwnedClient();
    else if (this.isConnected) this.#syncOwnedClient();
    this.#publish();
  }

  override connectedCallback(): void {
    // A misspelt URL attribute would leave the elements connecting forever without a word.
    const known = TrProvider.observedAttributes;
    for (const { name } of this.attributes) {
      if (/^(?!data-).*(url|token)/.test(name) && !known.includes(name)) {
        console.warn(`<tr-provider> has no attribute ${name}; its URLs are ${known.filter((a) => a.endsWith('url')).join(', ')}`);
      }
    }
    attachContextRoot(this.ownerDocument);
    if (!this.#explicitClient) this.#syncOwnedClient();
    this.#publish();
    super.connectedCallback();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    // A move within the page disconnects and reconnects at once; only a real removal drops the client.
    queueMicrotask(() => {
      if (this.isConnected) return;
      this.#dropOwnedClient();
      this.#publish();
    });
  }

  protected override willUpdate(): void {
    if (this.#explicitClient || !this.isConnected) return;
    this.#syncOwnedClient();
    this.#publish();
  }

  protected override render() {
    return html`<slot></slot>`;
  }

  /** The options the attributes describe, or `undefined` when no token URL is set. */
  #clientOptions(): TaskRouterClientOptions | undefined {
    const { workerTokenUrl, workspaceTokenUrl, taskqueueTokenUrl } = this;
    if (!workerTokenUrl && !workspaceTokenUrl && !taskqueueTokenUrl) return undefined;
    const options: TaskRouterClientOptions = {
      workerToken: workerTokenUrl,
      workspaceToken: workspaceTokenUrl,
      taskQueueToken: taskqueueTokenUrl,
      eventBridgeUrl: this.eventBridgeUrl,
      apiBaseUrl: this.apiBaseUrl,
      maxRetries: this.maxRetries,
      statisticsMinutes: this.statisticsMinutes,
    };
    for (const key of Object.keys(options) as Array<keyof TaskRouterClientOptions>) {
      if (options[key] === undefined) delete options[key];
    }
    return options;
  }

  /** Makes (and connects) a client from the attributes, unless the one made last time used the same ones. */
  #syncOwnedClient(): void {
    const options = this.#clientOptions();
    const key = JSON.stringify(options ?? null);
    if (key === this.#ownedOptions && this.#ownedClient) return;
    this.#dropOwnedClient();
    if (!options) return;
    this.#ownedOptions = key;
    this.#ownedClient = new TaskRouterClient(options);
    // Failures surface through the client's connection state and error events.
    this.#ownedClient.connect().catch(() => undefined);
  }

  #dropOwnedClient(): void {
    this.#ownedClient?.disconnect();
    this.#ownedClient = undefined;
    this.#ownedOptions = undefined;
  }

  /** Provides the current client and mirrors its connection state. */
  #publish(): void {
    const client = this.client;
    if (this.#listened !== client) {
      this.#listened?.off('connection', this.#onConnection);
      client?.on('connection', this.#onConnection);
      this.#listened = client;
    }
    this.connection = client?.state.connection;
    this.#provider.setValue(client);
  }

  readonly #onConnection = (state: ClientConnectionState): void => {
    this.connection = state;
  };
}

defineElement('tr-provider', TrProvider);

declare global {
  interface HTMLElementTagNameMap {
    'tr-provider': TrProvider;
  }
}
