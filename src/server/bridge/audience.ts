/**
 * The audience of an engine event: which event-bridge channels see it, and in what form (protocol.md §1.6):
 * - a worker channel (`WK…`): its `worker.*` events (the Worker, or the WorkerChannel for
 *   capacity and channel events), the `reservation.*` events of its reservations in the v1
 *   form (the Task JSON plus `reservation_sid`, with the whole Reservation embedded as
 *   `reservation`), and the `task.*` events of tasks reserved or assigned to the worker;
 * - a task queue channel (`WQ…`): the events of that queue, tasks and reservations in it;
 * - a workspace channel (`WS…`): every event of the workspace.
 * Queue and workspace channels get the resource itself (Task, Reservation, Worker…) or,
 * for events without one, the event record. Dates in payloads are epoch seconds, as
 * Twilio's event bridge sends them; attributes stay JSON strings.
 */
import type { ReservationResource, TaskResource, WorkerChannelResource, WorkerResource } from '../engine/types.js';

/** A committed TaskRouter event, as the engine publishes it. */
export interface BridgeEvent {
  sid: string;
  event_type: string;
  account_sid: string;
  workspace_sid: string;
  resource_type: string;
  resource_sid: string;
  event_date: string;
  event_date_ms: number;
  description: string;
  event_data: unknown;
  worker_sid?: string | null;
  /** Every worker holding the task (multi-reservation), when more than one does. */
  worker_sids?: readonly string[] | null;
  task_queue_sid?: string | null;
  task_sid?: string | null;
  reservation_sid?: string | null;
  worker?: WorkerResource | null;
  task?: TaskResource | null;
  reservation?: ReservationResource | null;
  worker_channel?: WorkerChannelResource | null;
}

/** One message for one channel. */
export interface Delivery {
  channel: string;
  event_type: string;
  payload: unknown;
}

/** Fields the v1 SDK reads as dates: ISO strings become epoch seconds. */
const DATE_FIELDS = ['date_created', 'date_updated', 'date_status_changed'] as const;

function withEpochDates<T extends object>(resource: T): T {
  const copy = { ...resource } as Record<string, unknown>;
  for (const field of DATE_FIELDS) {
    const value = copy[field];
    if (typeof value === 'string') {
      const ms = Date.parse(value);
      if (!Number.isNaN(ms)) copy[field] = Math.floor(ms / 1000);
    }
  }
  return copy as T;
}

function eventRecord(event: BridgeEvent): Record<string, unknown> {
  const { sid, event_type, account_sid, workspace_sid, resource_type, resource_sid, event_date, event_date_ms, description, event_data } = event;
  return { sid, event_type, account_sid, workspace_sid, resource_type, resource_sid, event_date, event_date_ms, description, event_data };
}

function isChannelEvent(type: string): boolean {
  return type === 'worker.capacity.update' || type.startsWith('worker.channel.');
}

/** The resource an event is about, for queue and workspace channels. */
function resourcePayload(event: BridgeEvent): unknown {
  const type = event.event_type;
  const resource = type.startsWith('reservation.')
    ? event.reservation
    : type.startsWith('task.')
      ? event.task
      : isChannelEvent(type)
        ? event.worker_channel
        : type.startsWith('worker.')
          ? event.worker
          : undefined;
  return resource ? withEpochDates(resource) : eventRecord(event);
}

/**
 * The v1 worker-channel form: a reservation event carries the Task plus `reservation_sid`
 * (what TaskRouter.js v1 reads), and the Reservation itself under `reservation`, so a
 * client need not fetch it.
 */
function workerPayload(event: BridgeEvent): unknown {
  const { reservation, task } = event;
  if (event.event_type.startsWith('reservation.') && reservation && task) {
    return {
      ...withEpochDates(task),
      reservation_sid: reservation.sid,
      reservation_status: reservation.reservation_status,
      reservation_timeout: reservation.reservation_timeout,
      worker_sid: reservation.worker_sid,
      reservation: withEpochDates(reservation),
    };
  }
  return resourcePayload(event);
}

/** The worker channels an event goes to. */
function workersOf(event: BridgeEvent): readonly string[] {
  const type = event.event_type;
  let worker: string | null | undefined;
  if (type.startsWith('reservation.')) worker = event.reservation?.worker_sid ?? event.worker_sid;
  else if (type.startsWith('worker.')) worker = event.worker_sid ?? event.worker?.sid ?? event.worker_channel?.worker_sid;
  else if (type.startsWith('task.')) return event.worker_sids ?? (event.worker_sid ? [event.worker_sid] : []);
  return worker ? [worker] : [];
}

function queueOf(event: BridgeEvent): string | undefined {
  return event.task_queue_sid ?? event.reservation?.task_queue_sid ?? event.task?.task_queue_sid ?? undefined;
}

/**
 * The deliveries of one event: one per channel that may see it and is `listening` (by default, all).
 * Payloads are built only for channels that get them, and each form once.
 */
export function deliveriesOf(event: BridgeEvent, listening: (channel: string) => boolean = () => true): Delivery[] {
  const { event_type } = event;
  const deliveries: Delivery[] = [];
  let resource: unknown;
  for (const channel of [event.workspace_sid, queueOf(event)]) {
    if (channel && listening(channel)) deliveries.push({ channel, event_type, payload: (resource ??= resourcePayload(event)) });
  }
  const workers = workersOf(event).filter(listening);
  if (workers.length > 0) {
    const payload = workerPayload(event);
    for (const worker of workers) deliveries.push({ channel: worker, event_type, payload });
  }
  return deliveries;
}
