import { html, nothing, type TemplateResult } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import {
  ENDED_RESERVATION_STATUSES,
  WITHDRAWN_RESERVATION_STATUSES,
  type ReservationView,
  type TaskRouterClientEvents,
  type TaskRouterClientState,
  type TaskView,
} from '../../context/client-types.js';
import { joinAlerts, notificationPermission, playAlert, requestNotificationPermission } from '../internal/alerts.js';
import { ClockController } from '../internal/clock.js';
import { attributeText, commaList, secondsBetween } from '../internal/format.js';
import { bellIcon, closeIcon } from '../internal/icons.js';
import { themeStyles } from '../internal/theme.js';
import { errorAlert } from '../internal/templates.js';
import { TrElement, type Failure } from '../internal/tr-element.js';
import { EndedReservations, orderReservations } from './reservation-order.js';
import { reservationInboxStyles } from './tr-reservation-inbox.styles.js';

/** What a worker can do with a reservation. */
export type ReservationAction = 'accept' | 'reject' | 'wrapup' | 'complete';

export interface ReservationActionRequest {
  action: ReservationAction;
  reservation: ReservationView;
  /** For `reject`: the activity the worker moves to; a listener may change it. */
  activitySid?: string;
}
export interface ReservationDetail {
  reservation: ReservationView;
  task: TaskView;
}
export type TrReservationActionRequestEvent = CustomEvent<ReservationActionRequest>;
export type TrReservationEvent = CustomEvent<ReservationDetail>;
export type TrReservationRejectedEvent = CustomEvent<ReservationDetail & { activitySid?: string }>;

/** Renders what an inbox item shows of its task, in place of the attribute list. */
export type TaskRenderer = (reservation: ReservationView) => unknown;

/**
 * Task attributes that say who a task is for, tried in this order when `fields` is unset: Flex's tasks name
 * the customer in `name` and the address in `from`; other set-ups use the rest.
 */
const CALLER_FIELDS = ['name', 'customer_name', 'from', 'caller', 'customer', 'email'];
/** Announcements kept in the live region (only additions are spoken). */
const ANNOUNCEMENTS_KEPT = 3;
/**
 * How long announcements stay in the live region: spoken by then. Emptying it keeps stale words out of a screen
 * reader's browse mode, and sheds the marker that lit's repeat() leaves behind for each item it removes (lit#5010).
 */
const ANNOUNCEMENT_KEPT_MS = 15_000;

const AFTER_EVENT = {
  accept: 'tr-reservation-accepted',
  wrapup: 'tr-task-wrapup',
  complete: 'tr-task-completed',
} as const;

/**
 * Task attributes are always rendered as text. A polite live region announces new reservations (not those
 * already pending when the page connected) and ones that time out, are canceled or are taken by another worker.
 * Each reservation is named by its task (the first of `fields`, else a caller attribute such as `name` or
 * `from`), never by its ticking times. Actions stay focusable while they run or the connection is down
 * (`aria-disabled`), and when an action's button goes, focus moves to its reservation, else the first one,
 * else the list: never to another action, which one more Enter would set off.
 *
 * @tag tr-reservation-inbox
 * @summary The worker's reservations: incoming ones first (newest on top) with their task's
 * attributes, priority, age and time left to answer, and the actions for each.
 *
 * @fires tr-reservation-created - A new reservation arrived. `detail: { reservation, task }`.
 * @fires tr-reservation-action-request - Cancelable; before accept, reject, wrap-up or complete. `detail: { action, reservation, activitySid? }`; a listener may set `activitySid` for a reject.
 * @fires tr-reservation-accepted - The reservation was accepted: open the CRM record for `detail.task`. `detail: { reservation, task }`.
 * @fires tr-reservation-rejected - `detail: { reservation, task, activitySid? }`.
 * @fires tr-task-wrapup - The task moved to wrap-up. `detail: { reservation, task }`.
 * @fires tr-task-completed - The task was completed. `detail: { reservation, task }`.
 * @fires tr-error - An action failed. `detail: { action, error }`, `action` one of `accept`, `reject`, `wrapup`, `complete`, `retry`.
 *
 * @slot empty - Shown when there are no reservations (default: a short sentence).
 *
 * @csspart base - The wrapper.
 * @csspart list - The list of reservations.
 * @csspart reservation - One reservation.
 * @csspart status - A reservation's status badge.
 * @csspart attributes - The task attributes of a reservation.
 * @csspart task - The content from `renderTask`, when set.
 * @csspart actions - A reservation's buttons.
 * @csspart accept-button - Accept.
 * @csspart reject-button - Reject.
 * @csspart wrapup-button - Wrap up.
 * @csspart complete-button - Complete.
 * @csspart alert - The in-page notice of a new reservation (when desktop notifications are not allowed).
 * @csspart error - An error message.
 * @csspart notice - A message shown in place of the list (no provider, connecting, empty).
 * @csspart retry - The retry button shown when the connection is closed or failed.
 *
 * @cssprop --tr-color-accent - Marks incoming reservations and the primary action.
 * @cssprop --tr-color-available - Marks accepted work.
 * @cssprop --tr-color-danger - The last seconds of a countdown and errors.
 * @cssprop --tr-color-surface-alt - Background of ended reservations.
 */
export class TrReservationInbox extends TrElement {
  static override styles = [themeStyles, reservationInboxStyles];
  static override clientKeys = ['connection', 'reservations', 'error'] as const;
  static override connections = ['worker'] as const;
  /** Reactive properties (each documented at its field below) and internal state. */
  static override properties = {
    fields: { converter: commaList },
    renderTask: { attribute: false },
    rejectActivity: { attribute: 'reject-activity' },
    endedLinger: { attribute: 'ended-linger', type: Number },
    sound: {},
    notify: { type: Boolean },
    busy: { state: true },
    errors: { state: true },
    announcements: { state: true },
    pageAlert: { state: true },
  };

  /** The task attributes to show, in order (attribute: comma-separated). All of them when unset. */
  fields?: string[];

  /** Renders a task's content instead of the attribute list (return a Lit template or text). */
  renderTask?: TaskRenderer;

  /** The activity a reject moves the worker to (an Activity SID); unset keeps the current one. */
  rejectActivity?: string;

  /** Seconds that timed-out, canceled, rescinded and other ended reservations stay visible. */
  endedLinger = 30;

  /** Opt-in sound for new reservations: present for the built-in chime, or the URL of a sound file. */
  sound?: string | null;

  /** Opt-in desktop notification for new reservations, with an in-page notice where not allowed. */
  notify = false;

  private busy = new Set<string>();
  private errors = new Map<string, Failure>();
  /** The last few announcements, oldest first, each its own node: one arriving right after another must not replace it before it is spoken. */
  private announcements: Array<{ id: number; text: string }> = [];
  #announced = 0;
  /** When the latest announcement was made, on the clock. */
  #announcedAt = -Infinity;
  private pageAlert: ReservationView | undefined;

  readonly #ended = new EndedReservations();
  /** How many reservations the last render showed: only those age (ended ones the client keeps, but no longer shows, do not). */
  #shown = 0;
  readonly #clock = new ClockController(this, () => this.#shown > 0 && !!this.clientController.state);
  #leaveAlerts: (() => void) | undefined;
  /** When the element got its client (on its clock): reservations pending since before are not new to the user. */
  #since = 0;
  /** The focused control before an update, and its reservation's item, to put focus back if the update removed it. */
  #focus: { element: Element; item: Element | null } | undefined;

  override connectedCallback(): void {
    super.connectedCallback();
    this.#syncAlerts();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#leaveAlerts?.();
    this.#leaveAlerts = undefined;
  }

  protected override willUpdate(): void {
    if (this.isConnected) this.#syncAlerts();
    const element = this.shadowRoot?.activeElement;
    this.#focus = element ? { element, item: element.closest('li') } : undefined;
  }

  /**
   * An update that removed (or moved) the focused button would leave focus on the page's body: it goes back
   * to that button if it is still there, else to its reservation, the first reservation, or the list. Never to
   * another action: an Enter pressed once more must not accept, reject or complete anything the user did not see.
   */
  protected override updated(): void {
    const { element, item } = this.#focus ?? {};
    if (!element || this.shadowRoot!.activeElement) return;
    const root = this.renderRoot;
    const next = [element, item, root.querySelector('[part=reservation]'), root.querySelector('section')];
    (next.find((candidate) => candidate?.isConnected) as HTMLElement | undefined)?.focus();
  }

  protected override clientChanged(): void {
    this.#since = this.#clock.now();
  }

  /** Takes part in the tab election only while sound or notifications are on. */
  #syncAlerts(): void {
    const wanted = this.sound != null || this.notify;
    if (wanted && !this.#leaveAlerts) this.#leaveAlerts = joinAlerts();
    else if (!wanted && this.#leaveAlerts) {
      this.#leaveAlerts();
      this.#leaveAlerts = undefined;
    }
  }

  protected override clientListeners(): Partial<TaskRouterClientEvents> {
    return {
      'reservation.created': (reservation) => this.#reservationCreated(reservation),
      // Endings the worker did not cause are announced.
      'reservation.updated': (reservation) => {
        const { status } = reservation;
        if (WITHDRAWN_RESERVATION_STATUSES.has(status)) {
          this.#announce(this.localize.term('reservationEnded', this.#title(reservation), this.localize.term(`status_${status}`)));
        }
      },
    };
  }

  protected renderState(state: TaskRouterClientState): TemplateResult {
    const now = this.#clock.now();
    const shown = orderReservations(this.#ended.visibleAt(state.reservations, now, this.endedLinger * 1000));
    this.#shown = shown.length;
    const offline = state.connection !== 'connected';
    return html`<section class="base" part="base" tabindex="-1" aria-label=${this.localize.term('reservations')}>
      <div class="visually-hidden" role="log" aria-live="polite">${now - this.#announcedAt < ANNOUNCEMENT_KEPT_MS
        ? repeat(this.announcements, (a) => a.id, (a) => html`<div>${a.text}</div>`)
        : nothing}</div>
      ${this.#renderAlert()}
      ${this.renderConnectionProblems(state)}
      ${shown.length === 0
        ? this.renderEmpty(state, this.localize.term('noReservations'))
        : html`<ul class="list" part="list">
            ${repeat(shown, (reservation) => reservation.sid, (reservation) => this.#renderReservation(reservation, now, offline))}
          </ul>`}
    </section>`;
  }

  #renderReservation(reservation: ReservationView, now: number, offline: boolean): TemplateResult {
    const { task, status, sid } = reservation;
    const { localize } = this;
    const ended = ENDED_RESERVATION_STATUSES.has(status);
    const left = reservation.timeoutAt ? secondsBetween(now, reservation.timeoutAt) : undefined;
    const since = (date: Date) => localize.duration(secondsBetween(date, now));
    // Named by its task alone: a name with the ticking times in it would change every second.
    return html`<li class="reservation ${status} ${ended ? 'ended' : ''}" part="reservation" id="r-${sid}" tabindex="-1" aria-label=${this.#title(reservation)}>
      <div class="header">
        <span class="queue">${task.taskQueueFriendlyName}</span>
        <span class="status" part="status">${localize.term(`status_${status}`)}</span>
        ${ended || status === 'pending'
          ? nothing
          : html`<span class="meta">${localize.term('inStatusFor', since(reservation.dateUpdated))}</span>`}
        <span class="meta">${localize.term('priority', task.priority)}</span>
        ${status === 'pending'
          ? html`<span class="meta">${localize.term('age', since(task.dateCreated))}</span>
              ${left === undefined ? nothing : html`<span class="meta countdown ${left <= 10 ? 'urgent' : ''}">${localize.term('expiresIn', localize.duration(left))}</span>`}`
          : nothing}
      </div>
      ${this.renderTask
        ? html`<div part="task">${this.renderTask(reservation)}</div>`
        : this.#renderAttributes(task.attributes)}
      ${ended ? nothing : this.#renderActions(reservation, offline || this.busy.has(sid))}
      ${errorAlert(this.#errorText(sid))}
    </li>`;
  }

  /** The task attributes to show, in order: the `fields` the task has, or all of them (`first` first). */
  #shownFields(attributes: Record<string, unknown>, first: string[] = []): string[] {
    return (this.fields ?? [...first, ...Object.keys(attributes)]).filter((name) => attributes[name] !== undefined);
  }

  #renderAttributes(attributes: Record<string, unknown>): TemplateResult | typeof nothing {
    const names = this.#shownFields(attributes);
    if (names.length === 0) return nothing;
    return html`<dl part="attributes">
      ${names.map((name) => html`<dt>${name}</dt><dd dir="auto">${attributeText(attributes[name])}</dd>`)}
    </dl>`;
  }

  /** `inactive` buttons stay focusable (a disabled one would drop focus to the page's body); #act ignores them. */
  #renderActions(reservation: ReservationView, inactive: boolean): TemplateResult {
    const { status } = reservation;
    const actions: ReservationAction[] = status === 'pending' ? ['accept', 'reject'] : status === 'accepted' ? ['complete', 'wrapup'] : ['complete'];
    // Keyed by action: Accept must go with its reservation's acceptance, not become Complete under the user's focus.
    return html`<div class="row" part="actions">${repeat(actions, (action) => action, (action, i) => html`<button
      class=${i ? '' : 'primary'} part="${action}-button" aria-describedby="r-${reservation.sid}" aria-disabled=${inactive}
      @click=${() => this.#act(action, reservation)}>${this.localize.term(action)}</button>`)}</div>`;
  }

  #renderAlert(): TemplateResult | typeof nothing {
    const alert = this.pageAlert;
    if (!alert || alert.status !== this.#currentStatus(alert.sid)) return nothing;
    const permission = notificationPermission();
    return html`<div class="notice alert" part="alert">
      ${bellIcon}<span class="text">${this.localize.term('newReservation', alert.task.taskQueueFriendlyName, this.#summary(alert.task))}</span>
      ${permission === 'default'
        ? html`<button @click=${this.#enableNotifications}>${this.localize.term('enableNotifications')}</button>`
        : nothing}
      <button aria-label=${this.localize.term('dismiss')} @click=${() => (this.pageAlert = undefined)}>${closeIcon}</button>
    </div>`;
  }

  #currentStatus(sid: string): string | undefined {
    return this.clientController.state?.reservations.find((reservation) => reservation.sid === sid)?.status;
  }

  /** Who or what the task is about: the first of `fields`, else a caller attribute, else its first attribute. */
  #summary({ attributes }: TaskView): string {
    const [first] = this.#shownFields(attributes, CALLER_FIELDS);
    return first ? attributeText(attributes[first]) : '';
  }

  /** A reservation's stable name: its task's summary, else its queue. */
  #title({ task }: ReservationView): string {
    return this.#summary(task) || task.taskQueueFriendlyName;
  }

  #announce(text: string): void {
    // Added, never rewritten (keyed): screen readers speak additions, also the same words again.
    const now = this.#clock.now();
    const recent = now - this.#announcedAt < ANNOUNCEMENT_KEPT_MS ? this.announcements.slice(1 - ANNOUNCEMENTS_KEPT) : [];
    this.#announcedAt = now;
    this.announcements = [...recent, { id: ++this.#announced, text }];
  }

  #reservationCreated(reservation: ReservationView): void {
    const { task } = reservation;
    const text = this.localize.term('newReservation', task.taskQueueFriendlyName, this.#summary(task));
    // The SDK also emits `reservation.created` for those already pending when it connected. Server times alone
    // (no clock skew) say how long one had been pending when its task was read (the task's `age` is the server's
    // clock then): longer than this element has been listening, give or take whole seconds, means not new.
    const pendingMs = Number(task.dateCreated) + task.age * 1000 - Number(reservation.dateCreated);
    if (pendingMs < this.#clock.now() - this.#since + 3000) this.#announce(text);
    this.emit('tr-reservation-created', { reservation, task });
    if (this.notify && notificationPermission() !== 'granted') this.pageAlert = reservation;
    if (this.sound == null && !this.notify) return;
    playAlert({
      id: reservation.sid,
      title: this.localize.term('notificationTitle'),
      body: text,
      sound: this.sound ?? undefined,
      notify: this.notify,
      onClick: () => this.focusOn(`#r-${reservation.sid} button`),
    });
  }

  readonly #enableNotifications = async (): Promise<void> => {
    await requestNotificationPermission();
    this.requestUpdate();
  };

  async #act(action: ReservationAction, reservation: ReservationView): Promise<void> {
    const { client } = this;
    const { sid } = reservation;
    if (!client || this.busy.has(sid) || this.ownState(client.state).connection !== 'connected') return;
    const request: ReservationActionRequest = { action, reservation };
    if (action === 'reject' && this.rejectActivity) request.activitySid = this.rejectActivity;
    if (!this.emit('tr-reservation-action-request', request, { cancelable: true })) return;
    this.busy = new Set(this.busy).add(sid);
    this.#setError(sid, undefined);
    try {
      if (action === 'accept') await client.acceptReservation(sid);
      else if (action === 'reject') await client.rejectReservation(sid, request.activitySid);
      else if (action === 'wrapup') await client.wrapUpTask(sid);
      else await client.completeTask(sid);
      // The reservation as the action left it (accepted, its task assigned), not as it was clicked.
      const done = client.state.reservations.find((view) => view.sid === sid) ?? reservation;
      const detail = { reservation: done, task: done.task };
      if (action === 'reject') this.emit('tr-reservation-rejected', { ...detail, activitySid: request.activitySid });
      else this.emit(AFTER_EVENT[action], detail);
    } catch (error) {
      this.#setError(sid, this.reportError(action, error));
    } finally {
      const busy = new Set(this.busy);
      busy.delete(sid);
      this.busy = busy;
    }
  }

  #setError(sid: string, failure: Failure | undefined): void {
    const errors = new Map(this.errors);
    if (failure) errors.set(sid, failure);
    else errors.delete(sid);
    this.errors = errors;
  }

  #errorText(sid: string): string | undefined {
    const failure = this.errors.get(sid);
    return failure && this.failureText(failure);
  }
}

TrReservationInbox.define('tr-reservation-inbox');

declare global {
  interface HTMLElementTagNameMap {
    'tr-reservation-inbox': TrReservationInbox;
  }
  interface GlobalEventHandlersEventMap {
    'tr-reservation-created': TrReservationEvent;
    'tr-reservation-action-request': TrReservationActionRequestEvent;
    'tr-reservation-accepted': TrReservationEvent;
    'tr-reservation-rejected': TrReservationRejectedEvent;
    'tr-task-wrapup': TrReservationEvent;
    'tr-task-completed': TrReservationEvent;
  }
}
