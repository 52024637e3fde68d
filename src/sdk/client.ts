import { EventEmitter } from 'eventemitter3';
import { backoff, sleep } from './backoff.js';
import type {
  ClientConnectionState,
  ConnectionState,
  QueueView,
  TaskRouterClientEvents,
  TaskRouterClientOptions,
  TaskRouterClientState,
  TokenSource,
  WorkerPreview,
} from './client-types.js';
import { toFields, type Json } from './convert.js';
import { TaskRouterError } from './errors.js';
import type { Reservation } from './reservation.js';
import { ACTIVE_RESERVATION_STATUSES, eventTypeOf, RESERVATION_STATUSES, type ReservationStatus } from './reservation-status.js';
import { loadPage, type Page } from './list.js';
import { CORE, type StatisticsFields } from './resource.js';
import type { WorkerChannelResource } from './resource-types.js';
import { TaskQueue } from './taskqueue.js';
import { activityView, channelView, queueView, reservationView, statisticsView, workerPreview, workerView } from './views.js';
import { Worker } from './worker.js';
import { Workspace } from './workspace.js';

type Connection = Worker | Workspace | TaskQueue;
/** The connections a client may open, by property name, and their classes. */
const CONNECTIONS: Record<Kind, new (token: string, options: object) => Connection> = { worker: Worker, workspace: Workspace, taskQueue: TaskQueue };
type Kind = 'worker' | 'workspace' | 'taskQueue';
const KINDS = Object.keys(CONNECTIONS) as Kind[];

/** Ended reservations kept in the state, newest last. */
const ENDED_KEPT = 20;

/** `list` with `item` in the place of the entry with its SID (which keeps its place), or appended. */
const upsert = <T extends { sid: string }>(list: T[], item: T): T[] =>
  list.some((v) => v.sid === item.sid) ? list.map((v) => (v.sid === item.sid ? item : v)) : [...list, item];

/** Wraps anything thrown into a TaskRouterError. */
const asError = (e: unknown) => (e instanceof TaskRouterError ? e : new TaskRouterError((e as Error)?.message ?? String(e)));

/** Why a token request failed: its JSON error's message, its text when short and plain, else its status (not an HTML page). */
function tokenFailure(response: Response, text: string): string {
  try {
    const { message } = JSON.parse(text);
    if (typeof message === 'string') return message;
  } catch {
    // Not JSON.
  }
  return text && text.length <= 200 && !text.startsWith('<') ? text : `${response.status} ${response.statusText}`.trim();
}

/**
 * Resolves on the connection's next `ready`, or once it is `disconnected` on purpose (`stopped`); rejects on an
 * error or `failed` before it.
 */
function whenReady(c: Connection, stopped: () => boolean): Promise<void> {
  return new Promise((resolve, reject) => {
    const ready = () => done();
    const done = (error?: unknown) => {
      c.off('ready', ready).off('error', done).off('connection', failed);
      if (error) reject(asError(error));
      else resolve();
    };
    const failed = (state: ConnectionState) =>
      state === 'failed' ? done(new TaskRouterError('Could not connect to TaskRouter')) : state === 'disconnected' && stopped() && done();
    c.on('ready', ready).on('error', done).on('connection', failed);
  });
}

/**
 * The one TaskRouter client a page shares: opens the Worker, Workspace and TaskQueue connections it has
 * token sources for, keeps their tokens fresh, and keeps a small observable state derived from their events.
 *
 * @example
 * const client = new TaskRouterClient({ workerToken: '/tokens/worker', eventBridgeUrl: 'http://127.0.0.1:4200' });
 * client.on('change', (state) => render(state));
 * await client.connect();
 */
export class TaskRouterClient extends EventEmitter<TaskRouterClientEvents> {
  /** Immutable snapshot, replaced by a new object on every change. */
  state: TaskRouterClientState = {
    connection: 'disconnected',
    worker: null,
    activities: [],
    channels: [],
    reservations: [],
    queues: [],
    queueStatistics: {},
    error: null,
  };
  /** The underlying v1-API objects, for power users. */
  worker: Worker | null = null;
  workspace: Workspace | null = null;
  taskQueue: TaskQueue | null = null;
  #reservations = new Map<string, Reservation>();
  #watched: string[] | null = null;
  #minutes?: number;
  #closed = true;
  /** True while connect() opens the connections and loads their state: none is connected yet (one not made yet is connecting, not failed). */
  #opening = false;
  /** The connect() under way, which another call shares (two would each make the connections). */
  #connecting?: Promise<void>;
  /** Counts disconnect() calls: a connect() started before one makes no connection after it. */
  #generation = 0;
  #timer?: ReturnType<typeof setInterval>;
  #soon?: ReturnType<typeof setTimeout>;
  #refreshing?: Promise<void>;
  #channelLoads = 0;
  /** What each connection's `ready` loads into the state (the worker's activities, channels and reservations; the queues); connect() waits for it. */
  #loading = new WeakMap<Connection, Promise<void>>();

  constructor(readonly options: TaskRouterClientOptions = {}) {
    super();
  }

  get #connections(): Connection[] {
    return KINDS.flatMap((kind) => this[kind] ?? []);
  }

  /**
   * Opens the connections whose token sources were given (again, with fresh tokens, if they are not connected);
   * resolves once all are ready and the state holds what they load (statistics follow within a second).
   */
  connect(): Promise<void> {
    const connecting: Promise<void> = (this.#connecting ??= this.#connect(this.#generation).finally(() => {
      if (this.#connecting === connecting) this.#connecting = undefined;
    }));
    return connecting;
  }

  /** One connect() (a call while one runs shares it); a disconnect() meanwhile ends its `generation`, and it stops. */
  async #connect(generation: number): Promise<void> {
    const current = () => generation === this.#generation;
    this.#closed = false;
    this.#opening = true;
    this.#set({ connection: 'connecting', error: null });
    try {
      await Promise.all(KINDS.map((kind) => this.#open(kind, current)));
    } catch (error) {
      throw current() ? this.#fail(error) : asError(error);
    } finally {
      if (current()) {
        this.#opening = false;
        this.#syncConnection();
      }
    }
    if (current()) this.#schedule();
  }

  /** Reconnects after `failed` (or any connection that is not connected). */
  retry(): Promise<void> {
    return this.connect();
  }

  /** Stops everything: sockets, reconnects, token refreshes, statistics. */
  disconnect(): void {
    this.#generation++;
    this.#connecting = undefined;
    this.#opening = false;
    this.#closed = true;
    clearInterval(this.#timer);
    clearTimeout(this.#soon);
    this.#soon = undefined;
    for (const c of this.#connections) c.disconnect();
    this.#syncConnection();
  }

  /** Moves the worker to another activity. */
  async setActivity(activitySid: string): Promise<void> {
    const worker = this.#need('worker');
    await worker.update('ActivitySid', activitySid);
    this.#set({ worker: workerView(worker) });
  }

  acceptReservation(reservationSid: string): Promise<void> {
    return this.#act(reservationSid, 'accepted', (r) => r.accept());
  }

  rejectReservation(reservationSid: string, activitySid?: string): Promise<void> {
    return this.#act(reservationSid, 'rejected', (r) => r.reject(activitySid));
  }

  /** Moves the reservation's task to `wrapping`. */
  wrapUpTask(reservationSid: string): Promise<void> {
    return this.#act(reservationSid, 'wrapping', (r) => r.task.update('AssignmentStatus', 'wrapping').then(() => r.fetch()));
  }

  /** Moves the reservation's task to `completed`. */
  completeTask(reservationSid: string): Promise<void> {
    return this.#act(reservationSid, 'completed', (r) => r.task.complete().then(() => r.fetch()));
  }

  /** Fetches statistics of the watched queues now (concurrent calls share one refresh). */
  refreshStatistics(): Promise<void> {
    return (this.#refreshing ??= this.#loadStatistics().finally(() => (this.#refreshing = undefined)));
  }

  /**
   * Chooses the queues whose statistics are kept, by SID or friendly name: `null` = all the token can see,
   * `[]` = none (no polling); and `minutes`, the cumulative window (default: the `statisticsMinutes` option).
   */
  watchQueues(queues: string[] | null, minutes?: number): void {
    this.#watched = queues;
    this.#minutes = minutes;
    this.#schedule();
  }

  /** Creates a queue from PascalCase params (FriendlyName, TargetWorkers, …). Needs a workspace token. */
  async createQueue(params: Json): Promise<QueueView> {
    const view = queueView(await this.#need('workspace').taskqueues.create(params));
    this.#set({ queues: [...this.state.queues, view] });
    this.#statisticsSoon();
    return view;
  }

  /** Updates a queue with PascalCase params. */
  async updateQueue(queueSid: string, params: Json): Promise<QueueView> {
    const queue = this.taskQueue;
    const own = queue?.sid === queueSid && !this.workspace;
    const view = queueView(await (own ? queue.update(params) : this.#need('workspace').taskqueues.update(queueSid, params)));
    this.#set({ queues: this.state.queues.map((q) => (q.sid === queueSid ? view : q)) });
    return view;
  }

  async deleteQueue(queueSid: string): Promise<void> {
    await this.#need('workspace').taskqueues.delete(queueSid);
    this.#setQueues(this.state.queues.filter((q) => q.sid !== queueSid));
  }

  /** The workers a TargetWorkers expression matches (Workers list with `TargetWorkersExpression`). */
  async previewTargetWorkers(expression: string): Promise<WorkerPreview[]> {
    const page = await this.#need('workspace').workers.fetch({ TargetWorkersExpression: expression, PageSize: 1000 });
    return page.data.map(workerPreview);
  }

  // ---- connections

  /**
   * Creates the named connection with a fetched token, or reconnects it with a fresh one when it is not connected
   * (the old one may be why: refused, or lapsed meanwhile); then waits for `ready` and what it loads.
   */
  async #open(name: Kind, current: () => boolean): Promise<void> {
    const source = this.options[`${name}Token`];
    if (!source) return;
    let c = this[name];
    if (c?.connectionState === 'connected') return;
    const token = await this.#token(source);
    // disconnect() while the token was on its way: nothing to open.
    if (!current()) return;
    if (c) {
      c[CORE].setToken(token);
      c.connect();
    } else {
      const created = ((this as Record<Kind, Connection>)[name] = new CONNECTIONS[name](token, { debug: false, tokenRefreshLead: 60000, ...this.options }));
      this.#watch(created);
      created.on('token.expired', () => this.#renew(created, source));
      created.on('connection', () => this.#syncConnection());
      created.on('error', (error: TaskRouterError) => this.#fail(error));
      c = created;
    }
    await whenReady(c, () => !current());
    await this.#loading.get(c);
  }

  async #token(source: TokenSource): Promise<string> {
    if (typeof source === 'function') return source();
    const response = await (this.options.fetch ?? fetch)(source);
    const text = (await response.text()).trim();
    if (!response.ok) throw new TaskRouterError(`Token request to ${source} failed: ${tokenFailure(response, text)}`, response.status, response.status);
    return text.startsWith('{') ? JSON.parse(text).token : text;
  }

  /** Fetches a fresh token before the current one lapses; retried with backoff until it works or the client closes. */
  async #renew(c: Connection, source: TokenSource): Promise<void> {
    for (let attempt = 0; !this.#closed; attempt++) {
      try {
        c.updateToken(await this.#token(source));
        return this.#syncConnection();
      } catch (error) {
        this.#fail(error);
        await sleep(backoff(attempt, 1000, 10000));
      }
    }
  }

  #syncConnection(): void {
    const states = KINDS.filter((kind) => this.options[`${kind}Token`]).map((kind): ClientConnectionState => {
      const c = this[kind];
      const state = c?.connectionState;
      // A connection with a token source that could not be made (its token request failed) counts as failed.
      if (!state) return this.#closed ? 'disconnected' : this.#opening ? 'connecting' : 'failed';
      // While connect() opens them again, none has failed (yet).
      if (this.#opening) return state === 'connected' ? state : 'connecting';
      // Lost and coming back by itself: reconnecting, or waiting for the token this client is renewing.
      return state === 'connecting' || (state === 'disconnected' && !this.#closed && c[CORE].expired) ? 'reconnecting' : state;
    });
    // The worst state wins (what needs the user first); connected only when all are, and once connect() is done: until
    // the state holds what the connections load, an empty list would read as "no worker" or "no reservations".
    const worst = (['failed', 'disconnected', 'reconnecting', 'connecting'] as const).find((s) => states.includes(s));
    const connection = states.length ? (worst ?? (this.#opening ? 'connecting' : 'connected')) : 'disconnected';
    const patch: Partial<TaskRouterClientState> = connection === this.state.connection ? {} : { connection };
    // Connected (again), by connect() or by itself, with a fresh token: what went wrong on the way is over.
    if (connection === 'connected' && this.state.error) patch.error = null;
    if (Object.keys(patch).length) this.#set(patch);
  }

  #fail(e: unknown): TaskRouterError {
    const error = asError(e);
    this.#set({ error: { code: error.code, status: error.status, message: error.message } });
    this.emit('error', error);
    return error;
  }

  #need<K extends 'worker' | 'workspace'>(name: K): NonNullable<this[K]> {
    const c = this[name];
    if (!c) throw new TaskRouterError(`This needs a ${name} connection: pass ${name}Token`);
    return c;
  }

  #set(patch: Partial<TaskRouterClientState>): void {
    this.state = { ...this.state, ...patch };
    if (patch.connection) this.emit('connection', patch.connection);
    this.emit('change', this.state, Object.keys(patch) as Array<keyof TaskRouterClientState>);
  }

  /** Derives the state from a new connection's events. */
  #watch(c: Connection): void {
    const refresh = () => this.#statisticsSoon();
    const loading = (load: Promise<unknown>) => this.#loading.set(c, load.then(() => {}, (error) => void this.#fail(error)));
    if (c instanceof Worker) {
      const update = () => this.#set({ worker: workerView(c) });
      c.on('ready', () => {
        update();
        loading(this.#loadWorker(c));
      });
      c.on('activity.update', update);
      c.on('attributes.update', update);
      const channelUpdate = (channel: WorkerChannelResource) => this.#set({ channels: upsert(this.state.channels, channelView(channel)) });
      // A channel's capacity, and its availability (`worker.channel.availability.update`, emitted without `worker.`).
      c.on('capacity.update', channelUpdate);
      c.on('channel.availability.update', channelUpdate);
      // Each status's Worker event: a new reservation is `reservation.created` for the client too, any later status `reservation.updated`.
      for (const status of RESERVATION_STATUSES) {
        c.on(eventTypeOf(status), (r: Reservation) => {
          this.#track(r, status === 'pending' ? 'reservation.created' : 'reservation.updated');
          // A channel's assigned tasks change with its reservations, and TaskRouter sends no channel event for that.
          this.#loadChannels(c).catch(this.#report);
        });
      }
    } else if (c instanceof Workspace) {
      // A supervisor's page (no worker connection to bring them) needs the activities for the queue editor.
      const activities = () => (this.options.workerToken ? undefined : this.#loadActivities(c));
      c.on('ready', () => loading(Promise.all([this.#loadQueues(c), activities()])));
      c.on('event', (type) => {
        // TaskRouter has no event for other queue edits (a rename); this client's own edits update the state directly.
        if (/^task-queue\.(created|deleted|expression\.updated)$/.test(type)) this.#loadQueues(c).catch(this.#report);
        else if (/^activity\.(created|updated|deleted)/.test(type)) this.#loadActivities(c).catch(this.#report);
        else refresh();
      });
    } else {
      /** Without a workspace connection, this queue is the client's only one. */
      const showQueue = () => !this.workspace && this.#set({ queues: [queueView(c)] });
      c.on('ready', () => {
        showQueue();
        refresh();
      });
      c.on('event', (type) => (type === 'task-queue.expression.updated' ? c.fetch().then(showQueue, this.#report) : refresh()));
    }
  }

  /** After `ready`: activities, channels, and the reservations already accepted or wrapping (pending ones arrive as events). */
  async #loadWorker(w: Worker): Promise<void> {
    const [, , ...lists] = await Promise.all([
      this.#loadActivities(w),
      this.#loadChannels(w),
      w.fetchReservations(null, { ReservationStatus: 'accepted' }),
      w.fetchReservations(null, { ReservationStatus: 'wrapping' }),
    ]);
    for (const list of lists) for (const r of list.data) this.#track(r);
  }

  /** The workspace's activities (a workspace connection reloads them when one is created, renamed or deleted). */
  async #loadActivities(source: Worker | Workspace): Promise<void> {
    this.#set({ activities: (await source.activities.fetch({ PageSize: 1000 })).data.map(activityView) });
  }

  /** Fetches the worker's channels; of overlapping fetches, only the last one started is kept. */
  async #loadChannels(w: Worker): Promise<void> {
    const load = ++this.#channelLoads;
    const page = await w.fetchChannels();
    if (load === this.#channelLoads) this.#set({ channels: page.data.map(channelView) });
  }

  /**
   * Runs `action` on a reservation of this worker, then puts its new view in the state. When the server refuses,
   * the reservation is fetched: it may have ended while its event was on the way, and the state should say so; or
   * it may show the status the action was for (another tab of this worker did the same first), which is done.
   */
  async #act(sid: string, outcome: ReservationStatus, action: (r: Reservation) => Promise<unknown>): Promise<void> {
    const r = this.#reservations.get(sid);
    if (!r) throw new TaskRouterError(`No reservation ${sid} for this worker`, 20404, 404);
    try {
      await action(r);
    } catch (error) {
      await r.fetch().catch(() => {});
      this.#track(r, 'reservation.updated');
      if (r.reservationStatus !== outcome) throw error;
    }
    this.#track(r, 'reservation.updated');
  }

  /** Puts the reservation's view in the state; emits `event` when it is new or its status changed. */
  #track(r: Reservation, event?: 'reservation.created' | 'reservation.updated'): void {
    this.#reservations.set(r.sid, r);
    const view = reservationView(r);
    const list = this.state.reservations;
    const previous = list.find((v) => v.sid === r.sid);
    let next = upsert(list, view);
    // Keep every active reservation and the last few ended ones.
    const dropped = next.filter((v) => !ACTIVE_RESERVATION_STATUSES.has(v.status)).slice(0, -ENDED_KEPT);
    next = next.filter((v) => !dropped.includes(v));
    dropped.forEach((v) => this.#reservations.delete(v.sid));
    this.#set({ reservations: next });
    if (event && previous?.status !== view.status) this.emit(event, view);
  }

  // ---- queues and statistics

  /** The queues the workspace token can see. */
  async #loadQueues(ws: Workspace): Promise<void> {
    this.#setQueues((await ws.taskqueues.fetch({ PageSize: 1000 })).data.map(queueView));
    this.#statisticsSoon();
  }

  /** Sets the queues, and forgets the statistics of those gone (deleted, by this page or elsewhere). */
  #setQueues(queues: QueueView[]): void {
    const live = new Set(queues.map((q) => q.sid));
    const statistics = Object.entries(this.state.queueStatistics).filter(([sid]) => live.has(sid));
    this.#set({ queues, queueStatistics: Object.fromEntries(statistics) });
  }

  /** Refreshes statistics, reporting a failure as `error`. */
  #refresh(): void {
    this.refreshStatistics().catch(this.#report);
  }

  /** A background refresh failed: reported as `error`, leaving the state's error alone (the next refresh may work). */
  #report = (error: unknown): void => void this.emit('error', asError(error));

  /** (Re)starts the statistics interval, when there is a queue connection and something to watch. */
  #schedule(): void {
    clearInterval(this.#timer);
    if (this.#closed || !(this.workspace || this.taskQueue) || this.#watched?.length === 0) return;
    // A hidden page needs no fresh numbers; the next visible tick catches up.
    this.#timer = setInterval(() => globalThis.document?.hidden || this.#refresh(), this.options.statisticsInterval ?? 10000);
    this.#statisticsSoon();
  }

  /** Coalesces the refreshes that events ask for: at most one a second, however busy the workspace. */
  #statisticsSoon(): void {
    if (this.#soon || this.#closed || this.#watched?.length === 0) return;
    this.#soon = setTimeout(() => {
      this.#soon = undefined;
      this.#refresh();
    }, 1000);
  }

  /**
   * With a workspace connection, one paged list request covers every queue (TaskQueues/Statistics), however
   * many a page watches; a task queue connection asks for its own queue's statistics.
   */
  async #loadStatistics(): Promise<void> {
    const { workspace, taskQueue } = this;
    const watched = this.#watched;
    const queues = this.state.queues.filter((q) => !watched || watched.includes(q.sid) || watched.includes(q.friendlyName));
    if (!queues.length || !(workspace || taskQueue)) return;
    const params = { Minutes: this.#minutes ?? this.options.statisticsMinutes ?? 60 };
    const fetched = new Map<string, StatisticsFields>();
    if (workspace) {
      const core = workspace[CORE];
      const first = loadPage<StatisticsFields>(core, `${core.workspaceUrl}/TaskQueues/Statistics`, { ...params, PageSize: 1000 }, toFields);
      for (let page: Page<StatisticsFields> | null = await first; page; page = page.hasNext ? await page.next() : null) {
        for (const item of page.data) fetched.set(item.taskQueueSid, item);
      }
    } else if (taskQueue) fetched.set(taskQueue.sid, await taskQueue.statistics.fetch(params));
    // The queues watched now, no others (one deleted or no longer watched leaves the table and its totals).
    const queueStatistics: TaskRouterClientState['queueStatistics'] = {};
    for (const q of queues) {
      const statistics = fetched.get(q.sid);
      const previous = this.state.queueStatistics[q.sid];
      const view = statistics ? statisticsView(q.sid, q.friendlyName, statistics, previous) : previous;
      if (view) queueStatistics[q.sid] = view;
    }
    this.#set({ queueStatistics });
  }
}
