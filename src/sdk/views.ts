/** Plain, immutable views of SDK objects for the TaskRouterClient's state. */
import type { ActivityView, ChannelView, QueueStatisticsView, QueueView, ReservationView, TaskView, WorkerPreview, WorkerView } from './client-types.js';
import type { Reservation, Task } from './reservation.js';
import type { StatisticsFields } from './resource.js';
import type { ActivityResource, TaskQueueResource, WorkerChannelResource, WorkerResource } from './resource-types.js';
import type { TaskQueue } from './taskqueue.js';
import type { Worker } from './worker.js';

/**
 * Copies the fields `keys` of `source`. Typed as what it returns, a view built with it lists every field of the view
 * (a missing or misspelt one does not compile), each a field of the source with the view's type.
 */
const pick = <S, K extends keyof S>(source: S, keys: readonly K[]): Pick<S, K> =>
  Object.fromEntries(keys.map((key) => [key, source[key]])) as Pick<S, K>;

export const workerView = (w: Worker): WorkerView =>
  pick(w, ['sid', 'friendlyName', 'activitySid', 'activityName', 'available', 'attributes', 'dateStatusChanged']);

export const activityView = (a: ActivityResource): ActivityView => pick(a, ['sid', 'friendlyName', 'available']);

export const channelView = (c: WorkerChannelResource): ChannelView =>
  pick(c, ['sid', 'taskChannelUniqueName', 'configuredCapacity', 'assignedTasks', 'availableCapacityPercentage', 'available']);

export const queueView = (q: TaskQueue | TaskQueueResource): QueueView =>
  pick(q, ['sid', 'friendlyName', 'targetWorkers', 'maxReservedWorkers', 'taskOrder', 'reservationActivitySid', 'assignmentActivitySid']);

/** The event bridge names some task fields differently from REST (§1.6): accept both. */
const taskView = (t: Task): TaskView => ({
  ...pick(t, ['sid', 'attributes', 'priority', 'assignmentStatus', 'age', 'dateCreated', 'taskChannelUniqueName']),
  taskQueueSid: t.taskQueueSid ?? t.queueSid,
  taskQueueFriendlyName: t.taskQueueFriendlyName ?? t.queueName,
  workflowFriendlyName: t.workflowFriendlyName ?? t.workflowName,
  reason: t.reason ?? null,
});

/** `timeoutAt` needs the reservation's `reservation_timeout`, which the local server (and Twilio's event bridge) sends. */
export const reservationView = (r: Reservation): ReservationView => ({
  sid: r.sid,
  status: r.reservationStatus,
  dateCreated: r.dateCreated,
  dateUpdated: r.dateUpdated,
  timeoutAt: r.reservationTimeout ? new Date(+r.dateCreated + r.reservationTimeout * 1000) : null,
  task: taskView(r.task),
});

/** Trend samples kept: about one a minute, so they span an hour (TaskRouter keeps no history to ask for). */
const HISTORY = 60;

/**
 * A queue's statistics from its camelCased `{realtime, cumulative}` (§5), `cumulative` by window (minutes: fields), with `previous`'s history and a sample
 * taken `at`. Server fields are kept; the contract's names are added where they differ (`totalAvailableWorkers`).
 */
export function statisticsView(sid: string, name: string, { realtime: rt = {}, cumulative = {} }: StatisticsFields, previous?: QueueStatisticsView, at = new Date()): QueueStatisticsView {
  const tasksByStatus = { pending: 0, reserved: 0, assigned: 0, wrapping: 0, ...rt.tasksByStatus };
  const availableWorkers = rt.totalAvailableWorkers ?? 0;
  const past = previous?.history ?? [];
  // The newest sample is replaced by each refresh until it is a minute newer than the one before it; then it stays.
  const settled = past.length > 1 && +past[past.length - 1]!.at - +past[past.length - 2]!.at < 60_000 ? past.slice(0, -1) : past;
  return {
    queueSid: sid,
    friendlyName: name,
    updatedAt: at,
    realtime: { activityStatistics: [], ...rt, tasksByStatus, availableWorkers, eligibleWorkers: rt.totalEligibleWorkers ?? 0 },
    cumulative: Object.fromEntries(Object.entries(cumulative as Record<string, StatisticsFields>).map(([minutes, c]) => [minutes, { waitDurationUntilAccepted: {}, ...c }])) as QueueStatisticsView['cumulative'],
    history: [...settled, { at, waiting: tasksByStatus.pending + tasksByStatus.reserved, availableWorkers }].slice(-HISTORY),
  };
}

export const workerPreview = (w: WorkerResource): WorkerPreview => pick(w, ['sid', 'friendlyName', 'activityName', 'available']);
