import { EventEmitter } from 'eventemitter3';
import { backoff, sleep } from './backoff.js';
import type {
  ConnectionState,
  QueueView,
  TaskRouterClientEvents,
  TaskRouterClientOptions,
  TaskRouterClientState,
  TokenSource,
  WorkerPreview,
} from './client-types.js';
import type { Json } from './convert.js';
import { TaskRouterError } from './errors.js';
import type { Reservation } from './reservation.js';
import { CORE, Statistics } from './resource.js';
import { TaskQueue } from './taskqueue.js';
import { activityView, channelView, queueView, reservationView, statisticsView, workerView } from './views.js';
import { Worker } from './worker.js';
import { Workspace } from './workspace.js';

type Connection = Worker | Workspace | TaskQueue;

/** Worker events that change a reservation, and the client event each becomes. */
const RESERVATION_EVENTS = ['created', 'accepted', 'rejected', 'timeout', 'canceled', 'rescinded', 'completed', 'wrapup'];
const ACTIVE = /pending|accepted|wrapping/;
/** Ended reservations kept in the state, newest last. */
const ENDED_KEPT = 20;

/** Wraps anything thrown into a TaskRouterError. */
const asError = (e: unknown) => (e instanceof TaskRouterError ? e : new TaskRouterError((e as Error)?.message ?? String(e)));

/** Resolves on the connection's next `ready`, rejects on an error or `failed` before it. */
function whenReady(c: Connection): Promise<void> {
  return new Promise((resolve, reject) => {
    const listeners = {
      ready: () => done(),
      error: (error: unknown) => done(error),
      connection: (state: ConnectionState) => state === 'failed' && done(new TaskRouterError('Could not connect to TaskRouter')),
    };
    const on = (add: boolean) => Object.entries(listeners).forEach(([name, fn]) => (c as Worker)[add ? 'on' : 'off'](name, fn));
    const done = (error?: unknown) => {
      on(false);
      if (error) reject(asError(error));
      else resolve();
    };
    on(true);
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
  #closed = true;
  #timer?: ReturnType<typeof setInterval>;
  #soon?: ReturnType<typeof setTimeout>;
  #refreshing?: Promise<void>;

  constructor(readonly options: TaskRouterClientOptions = {}) {
    super();
  }

  get #connections(): Connection[] {
    return [this.worker, this.workspace, this.taskQueue].filter((c): c is Connection => !!c);
  }

  /** Opens the connections whose token sources were given (again, if they failed); resolves once all are ready. */
  async connect(): Promise<void> {
    this.#closed = false;
    this.#set({ connection: 'connecting', error: null });
    const { workerToken, workspaceToken, taskQueueToken } = this.options;
    try {
      await Promise.all([
        this.#open(workerToken, () => this.worker, (token) => this.#watchWorker(new Worker(token, this.#connectionOptions()))),
        this.#open(workspaceToken, () => this.workspace, (token) => this.#watchWorkspace(new Workspace(token, this.#connectionOptions()))),
        this.#open(taskQueueToken, () => this.taskQueue, (token) => this.#watchQueue(new TaskQueue(token, this.#connectionOptions()))),
      ]);
    } catch (error) {
      throw this.#fail(error);
    } finally {
      this.#syncConnection();
    }
    this.#schedule();
  }

  /** Reconnects after `failed` (or any connection that is not connected). */
  retry(): Promise<void> {
    return this.connect();
  }

  /** Stops everything: sockets, reconnects, token refreshes, statistics. */
  disconnect(): void {
    this.#closed = true;
    clearInterval(this.#timer);
    clearTimeout(this.#soon);
    this.#soon = undefined;
    for (const c of this.#connections) c.disconnect();
    this.#syncConnection();
  }

  /** Moves the worker to another activity. */
  async setActivity(activitySid: string): Promise<void> {
    const worker = this.#need(this.worker, 'worker');
    await worker.update('ActivitySid', activitySid);
    this.#set({ worker: workerView(worker) });
  }

  async acceptReservation(reservationSid: string): Promise<void> {
    this.#track(await this.#reservation(reservationSid).accept(), 'reservation.updated');
  }

  async rejectReservation(reservationSid: string, activitySid?: string): Promise<void> {
    this.#track(await this.#reservation(reservationSid).reject(activitySid), 'reservation.updated');
  }

  /** Moves the reservation's task to `wrapping`. */
  async wrapUpTask(reservationSid: string): Promise<void> {
    const r = this.#reservation(reservationSid);
    await r.task.update('AssignmentStatus', 'wrapping');
    this.#track(await r.fetch(), 'reservation.updated');
  }

  /** Moves the reservation's task to `completed`. */
  async completeTask(reservationSid: string): Promise<void> {
    const r = this.#reservation(reservationSid);
    await r.task.complete();
    this.#track(await r.fetch(), 'reservation.updated');
  }

  /** Fetches statistics of the watched queues now (concurrent calls share one refresh). */
  refreshStatistics(): Promise<void> {
    return (this.#refreshing ??= this.#loadStatistics().finally(() => (this.#refreshing = undefined)));
  }

  /** Chooses the queues whose statistics are kept: `null` = all the token can see, `[]` = none (no polling). */
  watchQueues(queueSids: string[] | null): void {
    this.#watched = queueSids;
    this.#schedule();
  }

  /** Creates a queue from PascalCase params (FriendlyName, TargetWorkers, …). Needs a workspace token. */
  async createQueue(params: Json): Promise<QueueView> {
    const view = queueView(await this.#need(this.workspace, 'workspace').taskqueues.create(params));
    this.#set({ queues: [...this.state.queues, view] });
    this.#statisticsSoon();
    return view;
  }

  /** Updates a queue with PascalCase params. */
  async updateQueue(queueSid: string, params: Json): Promise<QueueView> {
    const own = this.taskQueue?.sid === queueSid && !this.workspace;
    const view = queueView(own ? await this.taskQueue!.update(params) : await this.#need(this.workspace, 'workspace').taskqueues.update(queueSid, params));
    this.#set({ queues: this.state.queues.map((q) => (q.sid === queueSid ? view : q)) });
    return view;
  }

  async deleteQueue(queueSid: string): Promise<void> {
    await this.#need(this.workspace, 'workspace').taskqueues.delete(queueSid);
    const { [queueSid]: _gone, ...queueStatistics } = this.state.queueStatistics;
    this.#set({ queues: this.state.queues.filter((q) => q.sid !== queueSid), queueStatistics });
  }

  /** The workers a TargetWorkers expression matches (Workers list with `TargetWorkersExpression`). */
  async previewTargetWorkers(expression: string): Promise<WorkerPreview[]> {
    const page = await this.#need(this.workspace, 'workspace').workers.fetch({ TargetWorkersExpression: expression, PageSize: 1000 });
    return page.data.map(({ sid, friendlyName, activityName, available }: Json) => ({ sid, friendlyName, activityName, available }));
  }

  // ---- connections

  #connectionOptions() {
    return { debug: false, tokenRefreshLead: 60000, ...this.options };
  }

  /** Creates the connection with a fetched token, or reconnects it when it is not connected; then waits for `ready`. */
  async #open(source: TokenSource | undefined, get: () => Connection | null, create: (token: string) => Connection): Promise<void> {
    if (!source) return;
    let c = get();
    if (c?.connectionState === 'connected') return;
    if (c) c.connect();
    else {
      c = create(await this.#token(source));
      c.on('token.expired', () => this.#renew(get()!, source));
      c.on('connection', () => this.#syncConnection());
      c.on('error', (error: TaskRouterError) => this.#fail(error));
    }
    await whenReady(c);
  }

  async #token(source: TokenSource): Promise<string> {
    if (typeof source === 'function') return source();
    const response = await (this.options.fetch ?? fetch)(source);
    const text = (await response.text()).trim();
    if (!response.ok) throw new TaskRouterError(`Token request to ${source} failed: ${text || response.statusText}`, response.status, response.status);
    return text.startsWith('{') ? JSON.parse(text).token : text;
  }

  /** Fetches a fresh token before the current one lapses; retried with backoff until it works or the client closes. */
  async #renew(c: Connection, source: TokenSource): Promise<void> {
    for (let attempt = 0; !this.#closed; attempt++) {
      try {
        return c.updateToken(await this.#token(source));
      } catch (error) {
        this.#fail(error);
        await sleep(backoff(attempt, 1000, 30000));
      }
    }
  }

  #syncConnection(): void {
    const states = this.#connections.map((c) => c.connectionState);
    // The worst state wins: failed, then connecting, then disconnected; connected only when all are.
    const connection: ConnectionState = states.length ? (['failed', 'connecting', 'disconnected'] as const).find((s) => states.includes(s)) ?? 'connected' : 'disconnected';
    if (connection !== this.state.connection) this.#set({ connection });
  }

  #fail(e: unknown): TaskRouterError {
    const error = asError(e);
    this.#set({ error: { code: error.code, message: error.message } });
    this.emit('error', error);
    return error;
  }

  #need<T>(c: T | null, name: string): T {
    if (!c) throw new TaskRouterError(`This needs a ${name} connection: pass ${name}Token`);
    return c;
  }

  #set(patch: Partial<TaskRouterClientState>): void {
    this.state = { ...this.state, ...patch };
    const changed = Object.keys(patch) as Array<keyof TaskRouterClientState>;
    if (patch.connection) this.emit('connection', patch.connection);
    this.emit('change', this.state, changed);
  }

  // ---- worker

  #watchWorker(w: Worker): Worker {
    this.worker = w;
    const update = () => this.#set({ worker: workerView(w) });
    w.on('ready', () => {
      update();
      this.#loadWorker(w).catch((error) => this.#fail(error));
    });
    w.on('activity.update', update);
    w.on('attributes.update', update);
    w.on('capacity.update', (channel) => {
      const view = channelView(channel);
      const known = this.state.channels.some((c) => c.sid === view.sid);
      this.#set({ channels: known ? this.state.channels.map((c) => (c.sid === view.sid ? view : c)) : [...this.state.channels, view] });
    });
    for (const name of RESERVATION_EVENTS) {
      w.on(`reservation.${name}`, (r: Reservation) => this.#track(r, name === 'created' ? 'reservation.created' : 'reservation.updated'));
    }
    return w;
  }

  /** After `ready`: activities, channels, and the reservations already accepted or wrapping (pending ones arrive as events). */
  async #loadWorker(w: Worker): Promise<void> {
    const [activities, channels, ...lists] = await Promise.all([
      w.activities.fetch({ PageSize: 1000 }),
      w.fetchChannels(),
      w.fetchReservations(null, { ReservationStatus: 'accepted' }),
      w.fetchReservations(null, { ReservationStatus: 'wrapping' }),
    ]);
    this.#set({ activities: activities.data.map(activityView), channels: channels.data.map(channelView) });
    for (const list of lists) for (const r of list.data) this.#track(r);
  }

  #reservation(sid: string): Reservation {
    const r = this.#reservations.get(sid);
    if (!r) throw new TaskRouterError(`No reservation ${sid} for this worker`, 20404, 404);
    return r;
  }

  /** Puts the reservation's view in the state; emits `event` when it is new or its status changed. */
  #track(r: Reservation, event?: 'reservation.created' | 'reservation.updated'): void {
    this.#reservations.set(r.sid, r);
    const view = reservationView(r);
    const list = this.state.reservations;
    const previous = list.find((v) => v.sid === r.sid);
    let next = previous ? list.map((v) => (v === previous ? view : v)) : [...list, view];
    // Keep every active reservation and the last few ended ones.
    const ended = next.filter((v) => !ACTIVE.test(v.status));
    if (ended.length > ENDED_KEPT) {
      const dropped = new Set(ended.slice(0, -ENDED_KEPT));
      next = next.filter((v) => !dropped.has(v));
      dropped.forEach((v) => this.#reservations.delete(v.sid));
    }
    this.#set({ reservations: next });
    if (event && previous?.status !== view.status) this.emit(event, view);
  }

  // ---- queues and statistics

  #watchWorkspace(ws: Workspace): Workspace {
    this.workspace = ws;
    ws.on('ready', () => this.#loadQueues(ws).catch((error) => this.#fail(error)));
    ws.on('event', (type) => (/^task-?queue\.(created|updated|deleted)/.test(type) ? this.#loadQueues(ws).catch(() => {}) : this.#statisticsSoon()));
    return ws;
  }

  #watchQueue(q: TaskQueue): TaskQueue {
    this.taskQueue = q;
    q.on('ready', () => {
      if (!this.workspace) this.#set({ queues: [queueView(q)] });
      this.#statisticsSoon();
    });
    q.on('event', () => this.#statisticsSoon());
    return q;
  }

  /** The queues the workspace token can see. */
  async #loadQueues(ws: Workspace): Promise<void> {
    this.#set({ queues: (await ws.taskqueues.fetch({ PageSize: 1000 })).data.map(queueView) });
    this.#statisticsSoon();
  }

  /** (Re)starts the statistics interval, when there is a queue connection and something to watch. */
  #schedule(): void {
    clearInterval(this.#timer);
    if (this.#closed || !(this.workspace || this.taskQueue) || this.#watched?.length === 0) return;
    this.#timer = setInterval(() => {
      // A hidden page needs no fresh numbers; the next visible tick catches up.
      if (!globalThis.document?.hidden) this.refreshStatistics().catch((error) => this.emit('error', asError(error)));
    }, this.options.statisticsInterval ?? 10000);
    this.#statisticsSoon();
  }

  /** Coalesces the refreshes that events ask for: at most one a second, however busy the workspace. */
  #statisticsSoon(): void {
    if (this.#soon || this.#closed || this.#watched?.length === 0) return;
    this.#soon = setTimeout(() => {
      this.#soon = undefined;
      this.refreshStatistics().catch((error) => this.emit('error', asError(error)));
    }, 1000);
  }

  async #loadStatistics(): Promise<void> {
    const c = this.workspace ?? this.taskQueue;
    const queues = this.state.queues.filter((q) => !this.#watched || this.#watched.includes(q.sid));
    if (!c || !queues.length) return;
    const base = this.workspace ? this.workspace.taskqueues.url : c[CORE].workspaceUrl + '/TaskQueues';
    const params = { Minutes: this.options.statisticsMinutes ?? 60 };
    const results = await Promise.all(queues.map((q) => new Statistics(c[CORE], `${base}/${q.sid}/Statistics`).fetch(params)));
    const queueStatistics = { ...this.state.queueStatistics };
    queues.forEach((q, i) => (queueStatistics[q.sid] = statisticsView(q.sid, q.friendlyName, results[i], queueStatistics[q.sid])));
    this.#set({ queueStatistics });
  }
}
