import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import type { ActivityView, ChannelView, TaskRouterClientState, WorkerView } from '../../context/client-types.js';
import { ClockController } from '../internal/clock.js';
import { secondsBetween } from '../internal/format.js';
import { checkIcon, chevronDownIcon } from '../internal/icons.js';
import { themeStyles } from '../internal/theme.js';
import { confirmDialog, dot, errorAlert } from '../internal/templates.js';
import { TrElement, type Failure } from '../internal/tr-element.js';
import { workerStatusStyles } from './tr-worker-status.styles.js';

export interface ActivityChangeDetail {
  /** The activity the worker moves to. */
  activity: ActivityView;
  /** The activity the worker is leaving, when known. */
  previous: ActivityView | undefined;
}
export type TrActivityChangeRequestEvent = CustomEvent<ActivityChangeDetail>;
export type TrActivityChangeEvent = CustomEvent<ActivityChangeDetail>;

/**
 * Keyboard: on the activity button, Enter, Space or the arrow keys open the list; in the list, the
 * arrow keys, Home and End move, a letter jumps to the next activity starting with it, Enter or Space
 * chooses, Escape closes. Focus then returns to the activity button, which stays focusable (but inert)
 * while a change is in flight; the confirmation before leaving pending reservations focuses Cancel.
 *
 * @tag tr-worker-status
 * @summary The signed-in worker's activity, with a picker to change it, the time spent in it, the
 * connection state, and channel capacity for multitasking workers.
 *
 * @fires tr-activity-change-request - Cancelable; before the activity changes. `detail: { activity, previous }`. Call `preventDefault()` to veto.
 * @fires tr-activity-change - After the server accepted the new activity. `detail: { activity, previous }`.
 * @fires tr-error - An action failed. `detail: { action: 'set-activity' | 'retry', error }`.
 *
 * @slot empty - Shown when no worker is signed in (default: a short sentence).
 *
 * @csspart base - The wrapper.
 * @csspart connection - The connection state line.
 * @csspart retry - The retry button shown when the connection failed.
 * @csspart activity-button - The button that shows the current activity and opens the picker.
 * @csspart activity-list - The list of activities.
 * @csspart activity-option - One activity in the list.
 * @csspart confirm - The confirmation shown before leaving pending reservations behind.
 * @csspart channels - The channel capacity list.
 * @csspart error - An error message: a failed activity change, or why the connection closed or failed.
 * @csspart notice - A message shown in place of the content (no provider, connecting, no worker).
 *
 * @cssprop --tr-color-available - Marks available activities and a healthy connection.
 * @cssprop --tr-color-unavailable - Marks unavailable activities.
 * @cssprop --tr-color-accent - Focus ring and the current-activity check.
 * @cssprop --tr-color-surface - Background.
 * @cssprop --tr-color-text - Text colour.
 */
export class TrWorkerStatus extends TrElement {
  static override styles = [themeStyles, workerStatusStyles];
  static override clientKeys = ['connection', 'worker', 'activities', 'channels', 'reservations', 'error'] as const;
  static override connections = ['worker'] as const;
  /** Reactive properties (each documented at its field below) and internal state. */
  static override properties = {
    open: { state: true },
    activeIndex: { state: true },
    confirming: { state: true },
    busy: { state: true },
    failure: { state: true },
  };

  private open = false;
  private activeIndex = 0;
  private confirming: ActivityView | undefined;
  private busy = false;
  private failure: Failure | undefined;

  readonly #clock = new ClockController(this, () => !!this.clientController.state?.worker);

  protected renderState(state: TaskRouterClientState): TemplateResult {
    const { worker } = state;
    return html`<div class="base" part="base">
      ${this.#renderConnection(state)}
      ${worker ? this.#renderWorker(worker, state) : this.renderEmpty(state, this.localize.term('noWorker'))}
      ${errorAlert(this.failure && this.failureText(this.failure))}
    </div>`;
  }

  /** The connection row: its state in words, and for a closed or failed one, a Retry button and why. */
  #renderConnection({ connection, error }: TaskRouterClientState): TemplateResult {
    return html`<div class="row">
      <span class="connection ${connection}" part="connection" role="status">
        ${dot(connection === 'connected')}${this.localize.term(`connection_${connection}`)}
      </span>
      ${connection === 'failed' || connection === 'disconnected'
        ? html`${this.renderRetry()} ${error ? html`<span class="error-text" part="error">${this.errorText(error)}</span>` : nothing}`
        : nothing}
    </div>`;
  }

  #renderWorker(worker: WorkerView, state: TaskRouterClientState): TemplateResult {
    const since = this.localize.duration(secondsBetween(worker.dateStatusChanged, this.#clock.now()));
    const disabled = state.connection !== 'connected' || state.activities.length === 0;
    const timeInActivity = this.localize.term('timeInActivity');
    // The ticking time sits beside the button and only in its description: the name stays put and holds
    // all of the button's visible text (label in name). While busy the button keeps focus, so it is
    // aria-disabled rather than disabled, which would drop focus to <body>. It controls the list while the list exists.
    return html`<div class="picker">
      <button class="current" part="activity-button" aria-haspopup="listbox" aria-expanded=${this.open ? 'true' : 'false'}
        aria-controls=${this.open ? 'activities' : nothing} aria-label=${this.localize.term('activityLabel', worker.activityName)}
        aria-describedby="about since" aria-disabled=${this.busy || disabled} ?disabled=${disabled}
        @click=${() => this.#setOpen(!this.open)} @keydown=${this.#onButtonKeydown}>
        ${dot(worker.available)}
        <span class="name">${worker.activityName}</span>
        <span class="visually-hidden" id="about">${this.#availability(worker.available)}</span>
        ${chevronDownIcon}
      </button>
      <span class="since" id="since" title=${timeInActivity}><span class="visually-hidden">${timeInActivity}</span> ${since}</span>
      ${this.open ? this.#renderList(state.activities, worker) : nothing}
    </div>
    ${this.confirming ? this.#renderConfirm(this.confirming, state) : nothing}
    ${this.#renderChannels(state.channels, worker.available)}`;
  }

  #availability(available: boolean): string {
    return this.localize.term(available ? 'available' : 'unavailable');
  }

  #renderList(activities: ActivityView[], worker: WorkerView): TemplateResult {
    return html`<ul id="activities" role="listbox" part="activity-list" tabindex="0"
      aria-label=${this.localize.term('changeActivity')} aria-activedescendant="activity-${this.activeIndex}"
      @keydown=${this.#onListKeydown} @focusout=${this.#onListFocusout}>
      ${activities.map((activity, index) => html`<li id="activity-${index}" role="option" part="activity-option"
        class=${index === this.activeIndex ? 'active' : ''} aria-selected=${activity.sid === worker.activitySid ? 'true' : 'false'}
        @click=${() => this.#choose(activity)} @pointermove=${() => (this.activeIndex = index)}>
        <span class="check">${checkIcon}</span>
        ${dot(activity.available)}
        <span>${activity.friendlyName}</span>
        <span class="tag">${this.#availability(activity.available)}</span>
      </li>`)}
    </ul>`;
  }

  #renderConfirm(activity: ActivityView, state: TaskRouterClientState): TemplateResult {
    const pending = pendingCount(state);
    return confirmDialog(
      'confirm-text',
      this.localize.term('confirmUnavailable', activity.friendlyName, pending),
      { label: this.localize.term('switchTo', activity.friendlyName), onClick: () => this.#confirm(activity), class: 'primary' },
      { label: this.localize.term('cancel'), onClick: this.#closeConfirm, id: 'confirm-cancel' },
    );
  }

  /** A channel takes work only while the worker's activity is available too, so that is what its dot shows. */
  #renderChannels(channels: ChannelView[], workerAvailable: boolean): TemplateResult | typeof nothing {
    const multitasking = channels.length > 1 || channels.some((channel) => channel.configuredCapacity > 1);
    if (!multitasking) return nothing;
    return html`<ul class="channels" part="channels" aria-label=${this.localize.term('channels')}>
      ${channels.map((channel) => {
        const usage = this.localize.term('capacity', channel.assignedTasks, channel.configuredCapacity);
        const available = channel.available && workerAvailable;
        return html`<li>
          <span>${dot(available)} ${channel.taskChannelUniqueName}
            <span class="visually-hidden">${this.#availability(available)}</span></span>
          <span class="count">${usage}</span>
          <meter min="0" max=${Math.max(channel.configuredCapacity, 1)} value=${channel.assignedTasks}
            aria-label="${channel.taskChannelUniqueName}: ${usage}"></meter>
        </li>`;
      })}
    </ul>`;
  }

  protected override updated(changed: PropertyValues): void {
    if (changed.has('open') && this.open) this.focusOn('[role=listbox]');
    // The listbox keeps focus (aria-activedescendant), so the browser does not scroll to the highlight itself.
    if (this.open && (changed.has('open') || changed.has('activeIndex'))) {
      this.renderRoot.querySelector('.active')?.scrollIntoView({ block: 'nearest' });
    }
    // The safe choice first: Enter pressed twice (choose, then confirm) must not leave reservations behind.
    if (changed.has('confirming') && this.confirming) this.focusOn('#confirm-cancel');
  }

  get #activities(): ActivityView[] {
    return this.clientController.state?.activities ?? [];
  }

  #setOpen(open: boolean, restoreFocus = false): void {
    if (open) {
      if (this.busy) return; // aria-disabled, not disabled: its clicks and keys still arrive
      const current = this.clientController.state?.worker?.activitySid;
      this.activeIndex = Math.max(0, this.#activities.findIndex((activity) => activity.sid === current));
    }
    this.open = open;
    if (!open && restoreFocus) this.focusOn('.current');
  }

  readonly #onButtonKeydown = (event: KeyboardEvent): void => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      this.#setOpen(true);
    }
  };

  readonly #onListKeydown = (event: KeyboardEvent): void => {
    const count = this.#activities.length;
    const moves: Record<string, number> = {
      ArrowDown: (this.activeIndex + 1) % count,
      ArrowUp: (this.activeIndex - 1 + count) % count,
      Home: 0,
      End: count - 1,
    };
    if (event.key in moves) {
      this.activeIndex = moves[event.key]!;
    } else if (event.key === 'Enter' || event.key === ' ') {
      const activity = this.#activities[this.activeIndex];
      if (activity) this.#choose(activity);
    } else if (event.key === 'Escape') {
      this.#setOpen(false, true);
    } else if (event.key === 'Tab') {
      this.#setOpen(false);
      return;
    } else if (event.key.length === 1) {
      this.#typeahead(event.key.toLowerCase());
    } else {
      return;
    }
    event.preventDefault();
  };

  /** Moves to the next activity whose name starts with the typed letter. */
  #typeahead(letter: string): void {
    const count = this.#activities.length;
    for (let step = 1; step <= count; step++) {
      const index = (this.activeIndex + step) % count;
      if (this.#activities[index]!.friendlyName.toLowerCase().startsWith(letter)) {
        this.activeIndex = index;
        return;
      }
    }
  }

  readonly #onListFocusout = (event: FocusEvent): void => {
    if (!this.renderRoot.contains(event.relatedTarget as Node | null)) this.open = false;
  };

  /** Closes the confirmation; focus goes back to the activity button rather than to <body> with it. */
  readonly #closeConfirm = (): void => {
    this.confirming = undefined;
    this.focusOn('.current');
  };

  /** The user picked an activity: confirm first when that would leave pending reservations behind. */
  #choose(activity: ActivityView): void {
    this.#setOpen(false, true);
    const state = this.clientController.state;
    if (!state?.worker || activity.sid === state.worker.activitySid) return;
    if (!activity.available && pendingCount(state) > 0) {
      this.confirming = activity;
      return;
    }
    void this.#changeActivity(activity);
  }

  #confirm(activity: ActivityView): void {
    this.#closeConfirm();
    void this.#changeActivity(activity);
  }

  async #changeActivity(activity: ActivityView): Promise<void> {
    const { client } = this;
    const state = this.clientController.state;
    if (!client || !state) return;
    const detail = { activity, previous: state.activities.find((a) => a.sid === state.worker?.activitySid) };
    if (!this.emit('tr-activity-change-request', detail, { cancelable: true })) return;
    this.busy = true;
    this.failure = undefined;
    try {
      await client.setActivity(activity.sid);
      this.emit('tr-activity-change', detail);
    } catch (error) {
      this.failure = this.reportError('set-activity', error);
    } finally {
      this.busy = false;
    }
  }
}

function pendingCount(state: TaskRouterClientState): number {
  return state.reservations.filter((reservation) => reservation.status === 'pending').length;
}

TrWorkerStatus.define('tr-worker-status');

declare global {
  interface HTMLElementTagNameMap {
    'tr-worker-status': TrWorkerStatus;
  }
  interface GlobalEventHandlersEventMap {
    'tr-activity-change-request': TrActivityChangeRequestEvent;
    'tr-activity-change': TrActivityChangeEvent;
  }
}
