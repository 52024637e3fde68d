/**
 * The slice of the TaskRouterClient contract (src/sdk/client.ts) that the elements consume.
 *
 * The elements depend on this structural interface, not on the SDK class, so a test double or a
 * client from another copy of the kit satisfies it too.
 */
import type { EventEmitter } from 'eventemitter3';
import type {
  QueueView,
  TaskRouterClientEvents,
  TaskRouterClientOptions,
  TaskRouterClientState,
  WorkersPreview,
} from '../sdk/index.js';

export type {
  ActivityView,
  ChannelView,
  ClientConnectionState,
  ConnectionKind,
  ConnectionState,
  QueueCumulativeStatistics,
  QueueStatisticsView,
  QueueView,
  ReservationStatus,
  ReservationView,
  TaskRouterClientEvents,
  TaskRouterClientOptions,
  TaskRouterClientState,
  TaskView,
  WorkerPreview,
  WorkersPreview,
  WorkerView,
} from '../sdk/index.js';

/** The reservation lifecycle's status sets, for elements that group or announce reservations by status. */
export {
  ACTIVE_RESERVATION_STATUSES,
  ENDED_RESERVATION_STATUSES,
  WITHDRAWN_RESERVATION_STATUSES,
} from '../sdk/reservation-status.js';

/** How the elements combine the states of the connections they read. */
export { combinedState } from '../sdk/connection-states.js';

/** A key of the client's observable state. */
export type ClientStateKey = keyof TaskRouterClientState;

/** The client API the elements use: state, typed events and the actions behind their buttons. */
export interface TaskRouterClientLike extends Pick<EventEmitter<TaskRouterClientEvents>, 'on' | 'off'> {
  readonly state: TaskRouterClientState;
  /** The token sources it was given (which connections it can open). */
  readonly options: Pick<TaskRouterClientOptions, 'workerToken' | 'workspaceToken' | 'taskQueueToken'>;
  connect(): Promise<void>;
  disconnect(): void;
  retry(): Promise<void>;
  setActivity(activitySid: string): Promise<void>;
  acceptReservation(reservationSid: string): Promise<void>;
  rejectReservation(reservationSid: string, activitySid?: string): Promise<void>;
  wrapUpTask(reservationSid: string): Promise<void>;
  completeTask(reservationSid: string): Promise<void>;
  watchQueues(queues: string[] | null, minutes?: number): () => void;
  createQueue(params: Record<string, unknown>): Promise<QueueView>;
  updateQueue(queueSid: string, params: Record<string, unknown>): Promise<QueueView>;
  deleteQueue(queueSid: string): Promise<void>;
  previewTargetWorkers(expression: string): Promise<WorkersPreview>;
  workerAttributes(): AsyncIterable<Record<string, unknown>>;
}

/** The error shape every rejected client promise carries (TaskRouterError in the SDK). */
export interface TaskRouterErrorLike extends Error {
  code?: number;
  status?: number;
  param?: string;
}
