import { requireSid, settle, type Callback } from './callback.js';
import { Connection, type ConnectionEvents } from './connection.js';
import type { Json } from './convert.js';
import { entity } from './entity.js';
import { TaskRouterError } from './errors.js';
import { ListResource, loadPage, type Page } from './list.js';
import { readOptions, WORKER_ARGS, type WorkerOptions } from './options.js';
import { Reservation, Task } from './reservation.js';
import { endsReservation, eventTypeOf, lifecycleRank, statusOf } from './reservation-status.js';
import { addStatistics, CORE, post, URL_, type Statistics } from './resource.js';
import type { ActivityResource, WorkerChannelResource } from './resource-types.js';

/** Worker events: the shared ones, the worker's own updates, and the reservation lifecycle. */
export interface WorkerEvents extends ConnectionEvents<Worker> {
  'activity.update': (worker: Worker) => void;
  'attributes.update': (worker: Worker) => void;
  /** A WorkerChannel (`configuredCapacity`, `availableCapacityPercentage`, `assignedTasks`…). */
  'capacity.update': (channel: WorkerChannelResource) => void;
  /** A WorkerChannel was made available or unavailable (TaskRouter's `worker.channel.availability.update`). */
  'channel.availability.update': (channel: WorkerChannelResource) => void;
  'reservation.created': (reservation: Reservation) => void;
  'reservation.accepted': (reservation: Reservation) => void;
  'reservation.rejected': (reservation: Reservation) => void;
  'reservation.timeout': (reservation: Reservation) => void;
  'reservation.canceled': (reservation: Reservation) => void;
  'reservation.rescinded': (reservation: Reservation) => void;
  'reservation.completed': (reservation: Reservation) => void;
  'reservation.wrapup': (reservation: Reservation) => void;
  'reservation.failed': (reservation: Reservation) => void;
  /** The task events of the worker's channel (`task.updated`, `task.canceled`, `task.transfer-initiated`…). */
  [type: `task.${string}`]: (...args: any[]) => void;
}

/**
 * A reservation event's payload, or a fetched reservation (§1.6): the reservation with its `task` (v2), or the task
 * with `reservation_sid` (v1), which a server may send with the whole `reservation`.
 */
interface ReservationPayload extends Json {
  sid?: string;
  reservation_sid?: string;
  task_sid?: string;
  task?: Json;
  reservation?: Json;
}

/** Ended reservations a Worker keeps (fetchReservations returns the same objects for them). */
const ENDED_KEPT = 100;

/**
 * A TaskRouter Worker (TaskRouter.js v1 `Twilio.TaskRouter.Worker`): its activity, its reservations and
 * tasks, over one event-bridge connection.
 *
 * @example
 * const worker = new Worker(token, { eventBridgeUrl: 'http://127.0.0.1:4200', debug: false });
 * worker.on('reservation.created', (reservation) => reservation.accept());
 *
 * Reservation events are emitted once per reservation and status, in order: after a reconnect the worker
 * and its reservations are fetched again, and what changed meanwhile is emitted, never twice.
 */
export class Worker extends Connection<WorkerEvents> {
  declare activitySid: string;
  declare activityName: string;
  declare available: boolean;
  declare attributes: Record<string, any>;
  declare dateStatusChanged: Date;
  /** The workspace's activities: `activities.fetch([sid], [params], cb)`. */
  readonly activities: ListResource<ActivityResource>;
  /** `statistics.fetch([params], cb)`: this worker's statistics. */
  declare readonly statistics: Statistics;
  #options: WorkerOptions;
  #reservations = new Map<string, Reservation>();
  /** The reservation events emitted, per reservation, in order. */
  #emitted = new Map<string, string[]>();
  /** Ended reservations, oldest first: the last ENDED_KEPT are remembered (a late event for one is known), older ones forgotten. */
  #ended = new Set<string>();
  /** Per reservation, the tail of its queue of event jobs, so its events keep their order. */
  #queues = new Map<string, Promise<void>>();
  /** v1's page-unload path: a beacon moves the worker to disconnectActivitySid even if the socket close is lost. */
  #unload = () =>
    navigator.sendBeacon?.(this[CORE].channelUrl, JSON.stringify({
      url: this[URL_], method: 'POST', params: { ActivitySid: this.#options.disconnectActivitySid }, token: this[CORE].token,
    }));

  /**
   * `new Worker(token, options)` or v1's `new Worker(token, debug, connectActivitySid, disconnectActivitySid,
   * closeExistingSessions, region, maxRetries)`.
   */
  constructor(token: string, ...args: unknown[]) {
    const options = readOptions<WorkerOptions>(args, WORKER_ARGS);
    // The server moves the worker to disconnectActivitySid when its last socket closes.
    const away = options.disconnectActivitySid;
    super(token, options, 'WK', `&closeExistingSessions=${!!options.closeExistingSessions}${away ? `&disconnectActivitySid=${away}` : ''}`);
    this.#options = options;
    this.activities = new ListResource(this[CORE], 'Activities');
    addStatistics(this, this[CORE], this[URL_], true);
    if (away) globalThis.addEventListener?.('pagehide', this.#unload);
  }

  override disconnect(): void {
    globalThis.removeEventListener?.('pagehide', this.#unload);
    super.disconnect();
  }

  /** Fetches this worker's reservations, each with its task; `params` e.g. `{ReservationStatus: 'pending'}`. */
  fetchReservations(callback?: Callback<Page<Reservation>> | null, params?: Json): Promise<Page<Reservation>> {
    return settle(loadPage(this[CORE], `${this[URL_]}/Reservations`, params, (json) => this.#track(json.sid as string, json)), callback);
  }

  /** Fetches this worker's channels (WorkerChannel objects). */
  fetchChannels(callback?: Callback<Page<WorkerChannelResource>>): Promise<Page<WorkerChannelResource>> {
    return settle(loadPage(this[CORE], `${this[URL_]}/Channels`, undefined, (json) => entity(this[CORE], json) as WorkerChannelResource), callback);
  }

  /** Updates a task with PascalCase params, e.g. `{Priority: '15'}`. */
  updateTask(taskSid: string, params: Json, callback?: Callback<Task>): Promise<Task> {
    return settle(post(this.#task(taskSid), params), callback);
  }

  /** Completes a task, with an optional reason. */
  completeTask(taskSid: string, callback?: Callback<Task> | null, reason?: string): Promise<Task> {
    return this.#task(taskSid).complete(callback ?? undefined, reason);
  }

  /** A Task object for a SID, filled by the response of the request made with it. */
  #task(taskSid: string): Task {
    return new Task(this[CORE], { sid: requireSid(taskSid, 'task') });
  }

  protected override async synced(json: Json, first: boolean): Promise<void> {
    const before = first ? null : { activity: this.activitySid, attributes: JSON.stringify(this.attributes) };
    await super.synced(json, first);
    // After a reconnect, what changed while the socket was down is emitted as its event would have been.
    if (before && before.activity !== this.activitySid) this.fire('activity.update', this);
    if (before && before.attributes !== JSON.stringify(this.attributes)) this.fire('attributes.update', this);
    const pending = await this.fetchReservations(null, { ReservationStatus: 'pending' });
    const pendingSids = new Set(pending.data.map((r) => r.sid));
    for (const reservation of pending.data) this.#enqueue(reservation.sid, async () => this.#announce(reservation, 'reservation.created'));
    // Reservations that left `pending` (or ended) while the socket was down: fetch them and emit what changed.
    for (const [sid, reservation] of this.#reservations) {
      const last = this.#emitted.get(sid)?.at(-1);
      if (last && !endsReservation(last) && !pendingSids.has(sid)) {
        this.#enqueue(sid, async () => this.#announce(await reservation.fetch(), eventTypeOf(reservation.reservationStatus)));
      }
    }
    const { connectActivitySid, disconnectActivitySid } = this.#options;
    // Back from a disconnect activity, the connect activity applies again.
    if (connectActivitySid && !pending.data.length && (first || disconnectActivitySid)) await this.update('ActivitySid', connectActivitySid);
  }

  protected override event(type: string, payload: Json): void {
    if (type.startsWith('reservation.')) return this.#reservationEvent(type, payload);
    // worker.activity.update → activity.update (v1 dropped the prefix).
    if (type.startsWith('worker.')) type = type.slice(7);
    if (payload?.sid === this.sid) {
      this.log('event', type);
      this.apply(payload);
      this.fire(type, this);
    } else super.event(type, payload);
  }

  /**
   * A reservation event. Its payload is the task with `reservation_sid` (v1) or the reservation with its
   * task (v2) (§1.6); what the payload lacks is fetched. The status follows the event type, never backwards.
   */
  #reservationEvent(type: string, payload: ReservationPayload): void {
    this.log('event', type);
    const sid: string | undefined = payload?.reservation_sid ?? (payload?.sid?.startsWith('WR') ? payload.sid : undefined);
    if (!sid) return void this.fire('error', new TaskRouterError(`${type}: the event names no reservation`));
    this.#enqueue(sid, async () => {
      // An event that announces no status (`reservation.failed`) leaves the status to the payload.
      const status = statusOf(type);
      const known = this.#reservations.get(sid);
      // A late event (the app's own calls or a re-sync already moved the reservation further) takes nothing back.
      const late = known && status && lifecycleRank(status) < lifecycleRank(known.reservationStatus);
      const reservation = late ? known : await this.#track(sid, payload);
      if (status && !late) reservation.reservationStatus = status;
      this.#announce(reservation, type);
    });
  }

  /** Returns the reservation's object, taking `json` into a known one or building a new one (fetching what is missing). */
  async #track(sid: string, json: ReservationPayload): Promise<Reservation> {
    let reservation: Json | undefined = json;
    let task: Json | undefined = json.task;
    if (json.sid?.startsWith('WT')) {
      // The v1 form: the task, plus fields of the reservation that stay off the Task object. A server may
      // embed the whole reservation, which saves fetching it.
      const { reservation: embedded, reservation_status: _status, reservation_timeout: _timeout, worker_sid: _worker, ...rest } = json;
      [reservation, task] = [embedded?.sid === sid ? embedded : undefined, rest];
    }
    const known = this.#reservations.get(sid);
    if (known) {
      if (reservation) known.apply(reservation);
      if (task) known.task.apply(task);
      return known;
    }
    const core = this[CORE];
    // Twilio's event bridge names a task's fields its own way (`queue_sid`, `workflow_name`…) and leaves some out: a
    // task not in its REST form is fetched, as v1 did, and the event's stands in only when that fails.
    const restTask = task && 'task_queue_sid' in task ? task : undefined;
    const [r, t] = await Promise.all([
      reservation ?? core.request<Json>('GET', `${this[URL_]}/Reservations/${sid}`),
      restTask ?? core.request<Json>('GET', `${core.workspaceUrl}/Tasks/${task?.sid ?? json.task_sid}`).catch((error) => task ?? Promise.reject(error)),
    ]);
    // A concurrent job may have built it meanwhile.
    const made = this.#reservations.get(sid) ?? new Reservation(core, r, t);
    this.#reservations.set(sid, made);
    return made;
  }

  /**
   * Emits a reservation event unless this reservation already had it. A reservation the app saw that ended
   * up completed or wrapping was accepted in between: that event comes first if it was missed.
   */
  #announce(reservation: Reservation, type: string): void {
    const { sid } = reservation;
    if (this.#emitted.get(sid)?.includes(type)) return;
    const status = statusOf(type);
    if ((status === 'wrapping' || status === 'completed') && this.#emitted.has(sid)) this.#announce(reservation, 'reservation.accepted');
    this.#emitted.set(sid, [...(this.#emitted.get(sid) ?? []), type]);
    this.fire(type, reservation);
    if (endsReservation(type)) this.#noteEnded(sid);
  }

  /** Notes that `sid` ended, and forgets the oldest ended reservations beyond ENDED_KEPT: a day of work holds no more. */
  #noteEnded(sid: string): void {
    this.#ended.delete(sid);
    this.#ended.add(sid);
    for (const old of this.#ended) {
      if (this.#ended.size <= ENDED_KEPT) break;
      this.#ended.delete(old);
      this.#reservations.delete(old);
      this.#emitted.delete(old);
    }
  }

  /** Runs `job` after the reservation's earlier jobs; a failure is emitted as `error`. */
  #enqueue(sid: string, job: () => Promise<void>): void {
    const tail = (this.#queues.get(sid) ?? Promise.resolve()).then(job).catch((error) => this.fire('error', error));
    this.#queues.set(sid, tail);
    tail.then(() => this.#queues.get(sid) === tail && this.#queues.delete(sid));
  }
}
