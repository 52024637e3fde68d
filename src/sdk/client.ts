import { EventEmitter } from 'eventemitter3';
import type {
  ClientConnectionState,
  ConnectionKind,
  ConnectionState,
  QueueView,
  TaskRouterClientEvents,
  TaskRouterClientOptions,
  TaskRouterClientState,
  WorkersPreview,
} from './client-types.js';
import type { Json } from './convert.js';
import type { ConnectionEvents } from './connection.js';
import { combinedState } from './connection-states.js';
import { TaskRouterError } from './errors.js';
import type { WorkerOptions } from './options.js';
import type { Reservation } from './reservation.js';
import { ACTIVE_RESERVATION_STATUSES, eventTypeOf, RESERVATION_STATUSES, type ReservationStatus } from './reservation-status.js';
import { CORE } from './resource.js';
import type { WorkerChannelResource } from './resource-types.js';
import { statisticsPoller } from './statistics-poller.js';
import { TaskQueue } from './taskqueue.js';
import { fetchToken, renewToken } from './token-source.js';
import { activityView, channelView, queueView, reservationView, workerPreview, workerView } from './views.js';
import { Worker } from './worker.js';
import { Workspace } from './workspace.js';

type Connection = Worker | Workspace | TaskQueue;
/**
 * A connection of any kind, as the emitter of the events they all share (TypeScript cannot call `on` on the union
 * of their differently typed emitters).
 */
const shared = (c: Connection) => c as unknown as EventEmitter<ConnectionEvents<Connection>>;
/** The connections a client may open, by property name, and their classes. */
const CONNECTIONS: Record<ConnectionKind, new (token: string, options: WorkerOptions) => Connection> = { worker: Worker, workspace: Workspace, taskQueue: TaskQueue };
const KINDS = Object.keys(CONNECTIONS) as ConnectionKind[];

/** Workers read per request for the queue editor (TaskRouter's largest page). */
const PREVIEW_PAGE = 1000;
/** Ended reservations kept in the state, newest last. */
const ENDED_KEPT = 20;

/** `list` with `item` in the place of the entry with its SID (which keeps its place), or appended. */
const upsert = <T extends { sid: string }>(list: T[], item: T): T[] =>
  list.some((v) => v.sid === item.sid) ? list.map((v) => (v.sid === item.sid ? item : v)) : [...list, item];

/**
 * Anything thrown, as an Error: TaskRouter's (and the wire's) as TaskRouterErrors, and what was raised here (a
 * token that cannot be used, a token function that threw) as it was, so it never reads as "no answer" (`status` 0).
 */
const asError = (e: unknown): TaskRouterError | Error => (e instanceof Error ? e : new Error(String(e)));

/**
 * Resolves on the connection's next `ready`, or once it is `disconnected` on purpose (`stopped`); rejects on an
 * error or `failed` before it.
 */
function whenReady(connection: Connection, stopped: () => boolean): Promise<void> {
  const c = shared(connection);
  return new Promise((resolve, reject) => {
    const ready = () => done();
    const done = (error?: unknown) => {
      c.off('ready', ready).off('error', refused).off('connection', failed);
      if (error) reject(asError(error));
      else resolve();
    };
    // No answer (status 0) is retried: `failed` ends the wait if maxRetries runs out.
    const refused = (error: TaskRouterError) => error.status !== 0 && done(error);
    const failed = (state: ConnectionState) =>
      state === 'failed' ? done(new TaskRouterError('Could not connect to TaskRouter')) : state === 'disconnected' && stopped() && done();
    c.on('ready', ready).on('error', refused).on('connection', failed);
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
    connections: {},
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
  #closed = true;
  /** True while connect() opens the connections and loads their state: none is connected yet (one not made yet is connecting, not failed). */
  #opening = false;
  /** The connect() under way, which another call shares (two would each make the connections). */
  #connecting?: Promise<void>;
  /** Counts disconnect() calls: a connect() started before one makes no connection after it. */
  #generation = 0;
  #channelLoads = 0;
  /** What each connection's `ready` loads into the state (the worker's activities, channels and reservations; the queues); connect() waits for it. */
  #loading = new WeakMap<Connection, Promise<unknown>>();

  /** A background load or refresh failed: reported as `error`, leaving the state's error alone (the next one may work). */
  #report = (error: unknown): void => void this.emit('error', asError(error));
  /** Polls the watched queues' statistics into the state. */
  #statistics = statisticsPoller(this, () => this.#closed, (queueStatistics) => this.#set({ queueStatistics }), this.#report);

  constructor(readonly options: TaskRouterClientOptions = {}) {
    super();
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
      // Each connection opens to the end, whatever the others do: one that fails does not cut another's loading short.
      let failure: Error | undefined;
      await Promise.all(
        KINDS.map((kind) => this.#open(kind, current).catch((error) => void (failure ??= current() ? this.#fail(error, kind) : asError(error)))),
      );
      if (failure) throw failure;
    } finally {
      if (current()) {
        this.#opening = false;
        this.#syncConnection();
      }
    }
    if (current()) this.#statistics.start();
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
    this.#statistics.stop();
    for (const kind of KINDS) this[kind]?.disconnect();
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
    return this.#statistics.refresh();
  }

  /**
   * Keeps the statistics of `queues` in the state, by SID or friendly name (`null` = all the token can see), with
   * cumulative ones over the last `minutes` (default: the `statisticsMinutes` option), until the function returned
   * is called. Several watchers are served together (their queues, each window in `cumulative[minutes]`); with
   * none, no statistics are polled.
   */
  watchQueues(queues: string[] | null, minutes?: number): () => void {
    return this.#statistics.watch(queues, minutes);
  }

  /** Creates a queue from PascalCase params (FriendlyName, TargetWorkers, …). Needs a workspace token. */
  async createQueue(params: Json): Promise<QueueView> {
    const view = queueView(await this.#need('workspace').taskqueues.create(params));
    this.#set({ queues: [...this.state.queues, view] });
    this.#statistics.soon();
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

  /**
   * The workers a TargetWorkers expression matches (Workers list with `TargetWorkersExpression`): the first 1,000,
   * and whether more match.
   */
  async previewTargetWorkers(expression: string): Promise<WorkersPreview> {
    const page = await this.#need('workspace').workers.fetch({ TargetWorkersExpression: expression, PageSize: PREVIEW_PAGE });
    return { workers: page.data.map(workerPreview), more: page.hasNext };
  }

  /**
   * The attributes of the workspace's workers, one worker at a time, a page read only when iteration reaches it
   * (leaving the loop reads no further): the queue editor looks in them for an expression's keys that no worker has,
   * the usual reason it matches nobody.
   */
  async *workerAttributes(): AsyncGenerator<Record<string, unknown>> {
    let page = await this.#need('workspace').workers.fetch({ PageSize: PREVIEW_PAGE });
    for (;;) {
      for (const worker of page.data) yield worker.attributes as Record<string, unknown>;
      if (!page.hasNext) return;
      page = await page.next();
    }
  }

  // ---- connections

  /**
   * Creates the named connection with a fetched token, or reconnects it with a fresh one when it is not connected
   * (the old one may be why: refused, or lapsed meanwhile); then waits for `ready` and what it loads.
   */
  async #open(name: ConnectionKind, current: () => boolean): Promise<void> {
    const source = this.options[`${name}Token`];
    if (!source) return;
    let c = this[name];
    if (c?.connectionState === 'connected') return;
    const nextToken = () => fetchToken(source, this.options);
    const token = await nextToken();
    // disconnect() while the token was on its way: nothing to open.
    if (!current()) return;
    if (c) {
      c[CORE].setToken(token);
      c.connect();
    } else {
      // The client's own options (token sources, statistics…) ride along; the connections read only theirs.
      const created = ((this as Record<ConnectionKind, Connection>)[name] = new CONNECTIONS[name](token, { debug: false, tokenRefreshLead: 60000, ...this.options }));
      // What each kind's events put in the state.
      if (created instanceof Worker) this.#bindWorker(created);
      else if (created instanceof Workspace) this.#bindWorkspace(created);
      else this.#bindTaskQueue(created);
      // Then the combined state: connected with a fresh token, an earlier renewal's error is over.
      const use = (fresh: string) => {
        created.updateToken(fresh);
        this.#syncConnection();
      };
      const events = shared(created);
      const fail = (error: unknown) => this.#fail(error, name);
      events.on('token.expired', () => renewToken(nextToken, use, () => this.#closed, fail));
      events.on('connection', () => this.#syncConnection());
      events.on('error', fail);
      c = created;
    }
    await whenReady(c, () => !current());
    await this.#loading.get(c);
  }

  /** A connection's state as the client reports it. */
  #stateOf(kind: ConnectionKind): ClientConnectionState {
    const c = this[kind];
    const state = c?.connectionState;
    // A connection with a token source that could not be made (its token request failed) counts as failed.
    if (!state) return this.#closed ? 'disconnected' : this.#opening ? 'connecting' : 'failed';
    // While connect() opens them again, none has failed (yet).
    if (this.#opening) return state === 'connected' ? state : 'connecting';
    // Lost and coming back by itself: reconnecting, or waiting for the token this client is renewing.
    return state === 'connecting' || (state === 'disconnected' && !this.#closed && c[CORE].expired) ? 'reconnecting' : state;
  }

  /** Each connection's state, and their combination, into the client's state. */
  #syncConnection(): void {
    const connections: TaskRouterClientState['connections'] = {};
    for (const kind of KINDS) if (this.options[`${kind}Token`]) connections[kind] = this.#stateOf(kind);
    const states = Object.values(connections);
    // Connected only when all are, and once connect() is done: until the state holds what the connections load,
    // an empty list would read as "no worker" or "no reservations".
    const combined = combinedState(states);
    const connection = !states.length ? 'disconnected' : combined === 'connected' && this.#opening ? 'connecting' : combined;
    const patch: Partial<TaskRouterClientState> = connection === this.state.connection ? {} : { connection };
    if (JSON.stringify(connections) !== JSON.stringify(this.state.connections)) patch.connections = connections;
    // Connected (again), by connect() or by itself, with a fresh token: what went wrong on the way is over.
    if (connection === 'connected' && this.state.error) patch.error = null;
    if (Object.keys(patch).length) this.#set(patch);
  }

  /** Puts a connection-level error (of the `connection` it came from, when one did) in the state and emits it. */
  #fail = (e: unknown, connection?: ConnectionKind): TaskRouterError | Error => {
    const error = asError(e);
    const { code, status } = error as Partial<TaskRouterError>;
    this.#set({ error: { code, status, message: error.message, connection } });
    this.emit('error', error);
    return error;
  };

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

  /** The worker's own events: its activity and attributes, its channels, its reservations. */
  #bindWorker(w: Worker): void {
    const update = () => this.#set({ worker: workerView(w) });
    w.on('ready', () => {
      update();
      this.#loading.set(w, this.#loadWorker(w).catch(this.#fail));
    });
    w.on('activity.update', update);
    w.on('attributes.update', update);
    const channelUpdate = (channel: WorkerChannelResource) => this.#set({ channels: upsert(this.state.channels, channelView(channel)) });
    // A channel's capacity, and its availability (`worker.channel.availability.update`, emitted without `worker.`).
    w.on('capacity.update', channelUpdate);
    w.on('channel.availability.update', channelUpdate);
    // Each status's Worker event: a new reservation is `reservation.created` for the client too, any later status `reservation.updated`.
    for (const status of RESERVATION_STATUSES) {
      w.on(eventTypeOf(status), (r: Reservation) => {
        this.#track(r, status === 'pending' ? 'reservation.created' : 'reservation.updated');
        // A channel's assigned tasks change with its reservations, and TaskRouter sends no channel event for that.
        this.#loadChannels(w).catch(this.#report);
      });
    }
  }

  /** The workspace's events: queues, activities, and the task events that change statistics. */
  #bindWorkspace(ws: Workspace): void {
    // A supervisor's page (no worker connection to bring them) needs the activities for the queue editor.
    const activities = () => (this.options.workerToken ? undefined : this.#loadActivities(ws));
    ws.on('ready', () => this.#loading.set(ws, Promise.all([this.#loadQueues(ws), activities()]).catch(this.#fail)));
    ws.on('event', (type) => {
      // TaskRouter has no event for other queue edits (a rename); this client's own edits update the state directly.
      if (/^task-queue\.(created|deleted|expression\.updated)$/.test(type)) this.#loadQueues(ws).catch(this.#report);
      else if (/^activity\.(created|updated|deleted)/.test(type)) this.#loadActivities(ws).catch(this.#report);
      else this.#statistics.soon();
    });
  }

  /** A task queue's events: its own edits, and the task events that change its statistics. */
  #bindTaskQueue(q: TaskQueue): void {
    /** Without a workspace connection, this queue is the client's only one. */
    const showQueue = () => !this.workspace && this.#set({ queues: [queueView(q)] });
    q.on('ready', () => {
      showQueue();
      this.#statistics.soon();
    });
    q.on('event', (type) => (type === 'task-queue.expression.updated' ? q.fetch().then(showQueue, this.#report) : this.#statistics.soon()));
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
    this.#statistics.soon();
  }

  /** Sets the queues, and forgets the statistics of those gone (deleted, by this page or elsewhere). */
  #setQueues(queues: QueueView[]): void {
    const live = new Set(queues.map((q) => q.sid));
    const statistics = Object.entries(this.state.queueStatistics).filter(([sid]) => live.has(sid));
    this.#set({ queues, queueStatistics: Object.fromEntries(statistics) });
  }
}
