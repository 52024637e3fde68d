/** Plain, immutable views of SDK objects for the TaskRouterClient's state. */
import type { ActivityView, ChannelView, QueueStatisticsView, QueueView, ReservationView, TaskView, WorkerPreview, WorkerView } from './client-types.js';
import type { Json } from './convert.js';
import type { Reservation } from './reservation.js';

/** Copies the fields of `source` named in the space-separated `keys`. */
const pick = <T>(source: Json, keys: string): T => Object.fromEntries(keys.split(' ').map((key) => [key, source[key]])) as T;

export const workerView = (w: Json): WorkerView =>
  pick(w, 'sid friendlyName activitySid activityName available attributes dateStatusChanged');

export const activityView = (a: Json): ActivityView => pick(a, 'sid friendlyName available');

export const channelView = (c: Json): ChannelView =>
  pick(c, 'sid taskChannelUniqueName configuredCapacity assignedTasks availableCapacityPercentage available');

export const queueView = (q: Json): QueueView =>
  pick(q, 'sid friendlyName targetWorkers maxReservedWorkers taskOrder reservationActivitySid assignmentActivitySid');

/** The event bridge names some task fields differently from REST (§1.6): accept both. */
const taskView = (t: Json): TaskView => ({
  ...pick<TaskView>(t, 'sid attributes priority assignmentStatus age dateCreated taskChannelUniqueName'),
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

/**
 * A queue's statistics from its camelCased `{realtime, cumulative}` (§5), with `previous`'s history plus one
 * sample. Server fields are kept; the contract's names are added where they differ (`totalAvailableWorkers`).
 */
export function statisticsView(sid: string, name: string, { realtime: rt = {}, cumulative }: Json, previous?: QueueStatisticsView): QueueStatisticsView {
  const tasksByStatus = { pending: 0, reserved: 0, assigned: 0, wrapping: 0, ...rt.tasksByStatus };
  const at = new Date();
  const availableWorkers = rt.totalAvailableWorkers ?? 0;
  return {
    queueSid: sid,
    friendlyName: name,
    updatedAt: at,
    realtime: { activityStatistics: [], ...rt, tasksByStatus, availableWorkers, eligibleWorkers: rt.totalEligibleWorkers ?? 0 },
    cumulative: { waitDurationUntilAccepted: {}, ...cumulative },
    history: [...(previous?.history ?? []), { at, waiting: tasksByStatus.pending + tasksByStatus.reserved, availableWorkers }].slice(-60),
  };
}

export const workerPreview = (w: Json): WorkerPreview => pick(w, 'sid friendlyName activityName available');
