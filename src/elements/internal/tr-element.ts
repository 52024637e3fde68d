import { html, LitElement, nothing, type PropertyDeclarations, type TemplateResult } from 'lit';
import { ClientController } from '../../context/client-controller.js';
import {
  combinedState,
  type ClientStateKey,
  type ConnectionKind,
  type TaskRouterClientEvents,
  type TaskRouterClientLike,
  type TaskRouterClientState,
  type TaskRouterErrorLike,
} from '../../context/client-types.js';
import { defineElement, type VersionedElement } from '../../context/define.js';
import { KIT_VERSION } from '../../context/version.js';
import { isolate, LocalizeController } from './localize.js';
import { retryIcon } from './icons.js';
import { errorAlert, notice } from './templates.js';

/** What the user started that can fail: the `action` of a `tr-error` event. */
export type TrAction = 'set-activity' | 'retry' | 'accept' | 'reject' | 'wrapup' | 'complete' | 'save' | 'delete';

/** `tr-error`: an action the user started failed. */
export type TrErrorEvent = CustomEvent<{ action: TrAction; error: Error }>;

/** An action the user started that failed, kept to be shown. */
export interface Failure {
  action: TrAction;
  error: TaskRouterErrorLike;
  /** A `save` that was creating: its button said Create. */
  created?: boolean;
}

/** The detail type of a kit event, from its declaration in `GlobalEventHandlersEventMap`. */
export type EventDetail<K extends keyof GlobalEventHandlersEventMap> =
  GlobalEventHandlersEventMap[K] extends CustomEvent<infer D> ? D : never;

/** A kit event: bubbling and composed, so it reaches the page from any shadow root. */
function kitEvent(name: string, detail: unknown, options: { cancelable?: boolean }): CustomEvent {
  return new CustomEvent(name, { bubbles: true, composed: true, detail, ...options });
}

/**
 * The base of the kit's elements: guarded registration, typed events, the shared client and
 * localized strings. Subclasses list the client state they read in `clientKeys` and render it in
 * `renderState`; without a client the base renders why.
 *
 * @fires tr-error - An action the user started failed. `detail: { action, error }`, `action` a `TrAction`: `retry` when
 * reconnecting failed (each element lists its own actions).
 *
 * @cssprop --tr-color-text - Text colour.
 * @cssprop --tr-color-text-muted - Secondary text.
 * @cssprop --tr-color-surface - Background.
 * @cssprop --tr-color-surface-alt - Secondary background (buttons, notices, headers).
 * @cssprop --tr-color-border - Borders and rules.
 * @cssprop --tr-color-control-border - Borders of text fields and selects, all that shows where they are (keep 3:1 against the surface).
 * @cssprop --tr-color-accent - Primary actions, links and the focus ring.
 * @cssprop --tr-color-on-accent - Text on the accent colour.
 * @cssprop --tr-color-available - Available activities and a healthy connection.
 * @cssprop --tr-color-unavailable - Unavailable activities.
 * @cssprop --tr-color-warning - Warnings (a reconnecting connection).
 * @cssprop --tr-color-danger - Errors and destructive actions.
 * @cssprop --tr-color-scheme - `light`, `dark`, or `light dark` to follow the system; unset follows the page's `color-scheme`.
 * @cssprop --tr-font-family - Font family.
 * @cssprop --tr-font-size - Base font size (default 0.875rem).
 * @cssprop --tr-radius - Corner radius.
 * @cssprop --tr-space - Base spacing unit.
 */
export abstract class TrElement extends LitElement {
  static readonly version: string = KIT_VERSION;

  /** The client state keys the element renders; other changes do not update it. */
  static clientKeys: ReadonlyArray<ClientStateKey> = ['connection'];
  /**
   * The client's connections the element reads from: the state and errors of the others are not the element's to
   * show (a worker token that fails does not cover a queue table whose workspace connection works).
   */
  static connections: ReadonlyArray<ConnectionKind> = ['worker', 'workspace', 'taskQueue'];
  /** Reactive properties (each documented at its field below) and internal state. */
  static override properties: PropertyDeclarations = {
    theme: { reflect: true },
    client: { attribute: false },
  };

  /** Registers the element under `tag`, once per page even when the kit is loaded twice. */
  static define(tag: string): void {
    defineElement(tag, this as unknown as VersionedElement);
  }

  /** `light` or `dark` to force a theme; unset follows the page's `color-scheme` (as form controls do). */
  theme?: 'light' | 'dark';

  protected readonly localize = new LocalizeController(this);
  protected readonly clientController = new ClientController(this, {
    keys: [...(this.constructor as typeof TrElement).clientKeys, 'connections'],
    listeners: this.clientListeners(),
    clientChanged: (client) => this.clientChanged(client),
  });

  /**
   * The TaskRouter client. Provided by the closest `<tr-provider>`; set it to use another one.
   */
  get client(): TaskRouterClientLike | undefined {
    return this.clientController.client;
  }

  set client(client: TaskRouterClientLike | undefined) {
    this.clientController.explicit = client;
  }

  /** Extra client events the element listens to while connected (called once, in the constructor). */
  protected clientListeners(): { [E in keyof TaskRouterClientEvents]?: TaskRouterClientEvents[E] } {
    return {};
  }

  /** Called when the element gets, loses or swaps its client. */
  protected clientChanged(_client: TaskRouterClientLike | undefined): void {}

  /**
   * Dispatches a bubbling, composed event declared in `GlobalEventHandlersEventMap`.
   * @returns `false` when a listener canceled it.
   */
  protected emit<K extends keyof GlobalEventHandlersEventMap>(
    name: K,
    detail: EventDetail<K>,
    options: { cancelable?: boolean } = {},
  ): boolean {
    return this.dispatchEvent(kitEvent(name, detail, options));
  }

  /** Moves focus to the first element in the shadow root matching `selector`, if there is one. */
  protected focusOn(selector: string): void {
    this.renderRoot.querySelector<HTMLElement>(selector)?.focus();
  }

  /** Reports a failed action with a `tr-error` event, and returns it as a Failure to show (`created`: see Failure). */
  protected reportError(action: TrAction, error: unknown, created?: boolean): Failure {
    const failure = error instanceof Error ? error : new Error(String(error));
    this.emit('tr-error', { action, error: failure });
    return { action, error: failure, created };
  }

  /**
   * A failed action in the page's language: which action failed, and why in the server's words (TaskRouter's
   * messages are English), or in the page's language when TaskRouter could not be reached.
   */
  protected failureText(failure: Failure): string {
    const { action, created, error } = failure;
    // The action's name is its button's label: Change activity for `set-activity`, Create for a save that created.
    const label = action === 'set-activity' ? 'changeActivity' : created ? 'create' : action;
    return this.localize.term('actionFailed', this.localize.term(label), this.errorText(error));
  }

  /**
   * Why something failed: the server's words, or the page's language when no answer came (`status` 0). Isolated, as it
   * goes into sentences and beside text in the page's language: TaskRouter's English keeps its punctuation in Arabic.
   */
  protected errorText(error: { status?: number; message: string }): string {
    return isolate(error.status === 0 ? this.localize.term('unreachable') : error.message);
  }

  protected override render(): TemplateResult {
    const state = this.clientController.state;
    return state ? this.renderState(this.ownState(state)) : this.renderWithoutClient();
  }

  /** The client's state with the connection state and error of the element's own connections (`connections`). */
  protected ownState(state: TaskRouterClientState): TaskRouterClientState {
    const kinds = (this.constructor as typeof TrElement).connections;
    const states = kinds.flatMap((kind) => state.connections?.[kind] ?? []);
    // While connect() runs, the client is connecting as a whole: its lists are not all loaded yet.
    if (!states.length || state.connection === 'connecting') return state;
    const from = state.error?.connection;
    return { ...state, connection: combinedState(states), error: from && !kinds.includes(from) ? null : state.error };
  }

  /** The element's content for a client state. */
  protected abstract renderState(state: TaskRouterClientState): TemplateResult;

  /** Says, in place, why there is nothing to show: no provider around, or the client is still coming. */
  protected renderWithoutClient(): TemplateResult {
    const inside = this.clientController.insideProvider;
    return notice(this.localize.term(inside ? 'connecting' : 'noProvider'), !inside, 'status');
  }

  /**
   * Above a list the element shows: a lost connection coming back, or one that is closed or failed with the
   * client's error and a Retry button; else the client's last error, if any.
   */
  protected renderConnectionProblems({ connection, error }: TaskRouterClientState): unknown {
    const { localize } = this;
    if (connection === 'reconnecting') return notice(localize.term('connection_reconnecting'), false, 'status');
    if (connection !== 'disconnected' && connection !== 'failed') return errorAlert(error ? this.errorText(error) : undefined);
    return notice(
      html`${localize.term(`connection_${connection}`)}${error ? html`: ${this.errorText(error)}` : nothing} ${this.renderRetry()}`,
      true,
      'alert',
    );
  }

  /** The Retry button (`part="retry"`) of a closed or failed connection. */
  protected renderRetry(): TemplateResult {
    return html`<button part="retry" @click=${this.retryConnection}>${retryIcon}${this.localize.term('retry')}</button>`;
  }

  /**
   * Opens the client's connections again. Its failure shows in the client's state; the Retry button that had
   * focus is gone meanwhile, so focus goes to the new one, or the element's first control, not the page's body.
   */
  protected readonly retryConnection = async (): Promise<void> => {
    const hadFocus = this.renderRoot.contains((this.renderRoot as ShadowRoot).activeElement);
    try {
      await this.client?.retry();
    } catch (error) {
      this.reportError('retry', error);
    }
    await this.updateComplete;
    if (hadFocus && !(this.renderRoot as ShadowRoot).activeElement) this.focusOn('[part=retry], button:not([disabled]), input, select, textarea, [tabindex="0"]');
  };

  /**
   * In place of an empty list: connecting, or the `empty` slot with the element's own default text. Nothing
   * when the connection is lost: the list is not known to be empty, and renderConnectionProblems says why.
   */
  protected renderEmpty(state: TaskRouterClientState, emptyText: unknown): unknown {
    const { connection } = state;
    if (connection === 'connecting') return notice(this.localize.term('connecting'));
    return connection === 'connected' ? notice(html`<slot name="empty">${emptyText}</slot>`) : nothing;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'tr-error': TrErrorEvent;
  }
}
