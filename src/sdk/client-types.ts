/**
 * The TaskRouterClient's public types: options, the observable state and its views, and events
 * (the contract the elements consume).
 */
import type { TaskRouterError } from './errors.js';
import type { ConnectionOptions, WorkerOptions } from './options.js';
import type { ReservationStatus } from './reservation-status.js';
import type { ConnectionState } from './connection.js';

export type { ConnectionState, ReservationStatus };

/**
 * The client's combined connection state: a connection's own states, and `reconnecting` for one that was lost
 * after connect() and is coming back by itself (`disconnected` then means closed: by disconnect(), or replaced by
 * another session of the worker; retry() opens it again).
 */
export type ClientConnectionState = ConnectionState | 'reconnecting';

/** A connection the client opens: its property on the client, and `${kind}Token` is the option that opens it. */
export type ConnectionKind = 'worker' | 'workspace' | 'taskQueue';

/** A token source: a URL fetched with GET (response JSON `{ token }` or plain text), or a function returning a token (or a promise of one). */
export type TokenSource = string | (() => string | Promise<string>);

/** Options of the client; the Worker's own (`closeExistingSessions`…) go to the worker connection. */
export interface TaskRouterClientOptions
  extends Omit<ConnectionOptions, 'debug'>, Pick<WorkerOptions, 'connectActivitySid' | 'disconnectActivitySid' | 'closeExistingSessions'> {
  workerToken?: TokenSource;
  workspaceToken?: TokenSource;
  taskQueueToken?: TokenSource;
  /** e.g. `http://127.0.0.1:4200` for the local server; default Twilio. */
  eventBridgeUrl?: string;
  /** Default `https://taskrouter.twilio.com/v1`. */
  apiBaseUrl?: string;
  region?: string;
  maxRetries?: number;
  /** Console logging of the underlying connections (default false). */
  debug?: boolean;
  /** ms between queue statistics refreshes (default 10000); also refreshed on queue events. */
  statisticsInterval?: number;
  /** Cumulative window in minutes (default 60). */
  statisticsMinutes?: number;
  /** How long before a token's `exp` a new one is fetched, in ms (default 60000; at most half the token's remaining life). */
  tokenRefreshLead?: number;
  fetch?: typeof fetch;
}

export interface WorkerView {
  sid: string;
  friendlyName: string;
  activitySid: string;
  activityName: string;
  available: boolean;
  /** As the worker's JSON gives them, typed as the SDK's (and Flex's) are: their shape is the app's. */
  attributes: Record<string, any>;
  dateStatusChanged: Date;
}

export interface ActivityView {
  sid: string;
  friendlyName: string;
  available: boolean;
}

export interface ChannelView {
  sid: string;
  taskChannelUniqueName: string;
  configuredCapacity: number;
  assignedTasks: number;
  availableCapacityPercentage: number;
  available: boolean;
}

export interface TaskView {
  sid: string;
  /** As the task's JSON gives them (`event.detail.task.attributes.crmId`), typed as the SDK's are. */
  attributes: Record<string, any>;
  priority: number;
  assignmentStatus: string;
  age: number;
  dateCreated: Date;
  taskQueueSid: string;
  taskQueueFriendlyName: string;
  workflowFriendlyName: string;
  taskChannelUniqueName: string;
  reason: string | null;
}

export interface ReservationView {
  sid: string;
  status: ReservationStatus;
  dateCreated: Date;
  dateUpdated: Date;
  /** dateCreated + the reservation timeout, for countdowns; null when the timeout is unknown. */
  timeoutAt: Date | null;
  task: TaskView;
}

export interface QueueView {
  sid: string;
  friendlyName: string;
  targetWorkers: string;
  maxReservedWorkers: number;
  taskOrder: 'FIFO' | 'LIFO';
  reservationActivitySid: string | null;
  assignmentActivitySid: string | null;
}

export interface QueueStatisticsView {
  queueSid: string;
  friendlyName: string;
  updatedAt: Date;
  realtime: {
    tasksByStatus: Record<'pending' | 'reserved' | 'assigned' | 'wrapping', number>;
    totalTasks: number;
    longestTaskWaitingAge: number;
    availableWorkers: number;
    eligibleWorkers: number;
    activityStatistics: Array<{ sid: string; friendlyName: string; workers: number }>;
  };
  /** By window, in minutes: each window a watcher asked for (see `watchQueues`). */
  cumulative: Record<number, QueueCumulativeStatistics>;
  /**
   * Samples for a trend line, newest last, about one a minute over the last hour, taken by the client since
   * it started watching; `waiting` = pending + reserved tasks.
   */
  history: Array<{ at: Date; waiting: number; availableWorkers: number }>;
}

/** A queue's cumulative statistics over one window. */
export interface QueueCumulativeStatistics {
  tasksEntered: number;
  tasksCompleted: number;
  tasksCanceled: number;
  reservationsAccepted: number;
  reservationsRejected: number;
  reservationsTimedOut: number;
  avgTaskAcceptanceTime: number;
  waitDurationUntilAccepted: { avg: number; min: number; max: number };
}

export interface WorkerPreview {
  sid: string;
  friendlyName: string;
  activityName: string;
  available: boolean;
}

/** The workers a TargetWorkers expression matches: a first page of them, and whether more match. */
export interface WorkersPreview {
  workers: WorkerPreview[];
  more: boolean;
}

export interface TaskRouterClientState {
  /** The combined state of the connections the client opened. */
  connection: ClientConnectionState;
  /** Each connection's own state, by kind, for those the client opens (`connection` combines them). */
  connections: Partial<Record<ConnectionKind, ClientConnectionState>>;
  worker: WorkerView | null;
  activities: ActivityView[];
  channels: ChannelView[];
  /** Pending and accepted/wrapping reservations, plus recently ended ones (status tells), oldest first. */
  reservations: ReservationView[];
  /** The queues the workspace token can see (or the task queue token's queue). */
  queues: QueueView[];
  queueStatistics: Record<string, QueueStatisticsView>;
  /**
   * Last connection-level error: TaskRouter's `code` and `status` (`status` 0: no answer from TaskRouter or the
   * token source), none for an error raised in the page (a token that cannot be used, a token function that threw);
   * cleared once all is connected again. `connection`: the connection it came from, when one did.
   */
  error: { code?: number; status?: number; message: string; connection?: ConnectionKind } | null;
}

export interface TaskRouterClientEvents {
  change: (state: TaskRouterClientState, changed: ReadonlyArray<keyof TaskRouterClientState>) => void;
  connection: (state: ClientConnectionState) => void;
  'reservation.created': (reservation: ReservationView) => void;
  /** Any later status change. */
  'reservation.updated': (reservation: ReservationView) => void;
  /** A connection's error, or a background load's: TaskRouter's as TaskRouterError, one raised in the page as it was. */
  error: (error: TaskRouterError | Error) => void;
}
