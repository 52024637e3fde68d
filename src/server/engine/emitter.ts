/**
 * Builds TaskRouter events from records: flat `event_data` fields in the style of
 * TaskRouter's event callbacks (task_*, worker_*, reservation_*…), the SIDs the
 * event concerns, numbers for statistics, and resource snapshots for subscribers.
 */
import type { EngineEvent, EventLog } from './events.js';
import type { Model } from './store/model.js';
import type {
  ActivityRecord,
  ReservationRecord,
  TaskChannelRecord,
  TaskQueueRecord,
  TaskRecord,
  WorkerChannelRecord,
  WorkerRecord,
  WorkflowRecord,
  WorkspaceRecord,
} from './store/records.js';
import type { TaskResource, WorkerResource } from './types.js';
import type { Views } from './views.js';

/** Who caused a change, when known (e.g. the worker acting through the API). */
export interface Actor {
  sid: string;
  type: string;
}

interface Common {
  description?: string;
  actor?: Actor | null;
  data?: Record<string, unknown>;
}

const seconds = (ms: number) => Math.floor(ms / 1000);

/** Reservation statuses by which a worker holds a task. */
const LIVE_RESERVATION: ReadonlySet<string> = new Set(['pending', 'accepted', 'wrapping']);

export class Emitter {
  constructor(
    private readonly model: Model,
    private readonly views: Views,
    private readonly log: EventLog,
    private readonly now: () => number,
  ) {}

  /**
   * task.* and workflow/task-queue events about one task. task.* events name the workers
   * the task is reserved or assigned to (`holders`, by default those of its live
   * reservations), so the event bridge delivers them to those workers' channels.
   */
  task(
    type: string,
    task: TaskRecord,
    options: Common & { resourceType?: string; resourceSid?: string; holders?: readonly string[] } = {},
  ): EngineEvent {
    const view = this.views.task(task);
    const now = this.now();
    const holders = type.startsWith('task.') ? (options.holders ?? this.holders(task)) : [];
    return this.log.append({
      accountSid: task.account_sid,
      workspaceSid: task.workspace_sid,
      type,
      resourceType: options.resourceType ?? 'task',
      resourceSid: options.resourceSid ?? task.sid,
      description: options.description ?? `Task ${task.sid} ${type.split('.').slice(1).join(' ')}`,
      actorSid: options.actor?.sid ?? null,
      actorType: options.actor?.type ?? null,
      data: { ...taskData(task, view), ...options.data },
      taskSid: task.sid,
      taskQueueSid: task.task_queue_sid,
      workflowSid: task.workflow_sid,
      taskChannelSid: task.task_channel_sid,
      workerSid: holders.length === 1 ? holders[0] : null,
      workerSids: holders.length > 1 ? holders : null,
      taskAgeMs: now - task.date_created,
      queueAgeMs: task.task_queue_entered_date === null ? null : now - task.task_queue_entered_date,
      snapshots: { task: view },
    });
  }

  /** The workers a task is reserved to (pending reservations) or assigned to (accepted or wrapping). */
  holders(task: TaskRecord): string[] {
    const workers = new Set<string>();
    for (const reservation of this.model.reservationsByTask.get(task.sid)) {
      if (LIVE_RESERVATION.has(reservation.reservation_status)) workers.add(reservation.worker_sid);
    }
    return [...workers];
  }

  /** reservation.* events: the reservation, its task and its worker. */
  reservation(type: string, reservation: ReservationRecord, options: Common = {}): EngineEvent {
    const task = this.model.tasks.get(reservation.task_sid)!;
    const worker = this.model.workers.get(reservation.worker_sid)!;
    const now = this.now();
    const view = this.views.reservation(reservation);
    const taskView = this.views.task(task);
    const workerView = this.views.worker(worker);
    return this.log.append({
      accountSid: reservation.account_sid,
      workspaceSid: reservation.workspace_sid,
      type,
      resourceType: 'reservation',
      resourceSid: reservation.sid,
      description:
        options.description ?? `Reservation ${reservation.sid} for worker ${worker.friendly_name} ${reservation.reservation_status}`,
      actorSid: options.actor?.sid ?? null,
      actorType: options.actor?.type ?? null,
      data: {
        ...taskData(task, taskView),
        ...workerData(workerView),
        reservation_sid: reservation.sid,
        reservation_status: reservation.reservation_status,
        reservation_version: String(reservation.version),
        reservation_timeout: reservation.timeout,
        ...options.data,
      },
      taskSid: task.sid,
      taskQueueSid: reservation.task_queue_sid,
      workflowSid: task.workflow_sid,
      workerSid: worker.sid,
      reservationSid: reservation.sid,
      taskChannelSid: reservation.task_channel_sid,
      taskAgeMs: now - task.date_created,
      queueAgeMs: task.task_queue_entered_date === null ? null : now - task.task_queue_entered_date,
      snapshots: { reservation: view, task: taskView, worker: workerView },
    });
  }

  /** worker.* events; `previous` describes the activity the worker just left. */
  worker(
    type: string,
    worker: WorkerRecord,
    options: Common & { previous?: { activity: ActivityRecord | undefined; since: number } } = {},
  ): EngineEvent {
    const view = this.views.worker(worker);
    const data: Record<string, unknown> = workerData(view);
    let durationMs: number | null = null;
    if (options.previous) {
      durationMs = this.now() - options.previous.since;
      Object.assign(data, {
        worker_previous_activity_sid: options.previous.activity?.sid ?? null,
        worker_previous_activity_name: options.previous.activity?.friendly_name ?? null,
        worker_time_in_previous_activity: seconds(durationMs),
        worker_time_in_previous_activity_ms: durationMs,
      });
    }
    return this.log.append({
      accountSid: worker.account_sid,
      workspaceSid: worker.workspace_sid,
      type,
      resourceType: 'worker',
      resourceSid: worker.sid,
      description: options.description ?? `Worker ${worker.friendly_name} ${type.split('.').slice(1).join(' ')}`,
      actorSid: options.actor?.sid ?? null,
      actorType: options.actor?.type ?? null,
      data: { ...data, ...options.data },
      workerSid: worker.sid,
      durationMs,
      previousActivitySid: options.previous?.activity?.sid ?? null,
      snapshots: { worker: view },
    });
  }

  /** worker.capacity.update / worker.channel.availability.update. */
  workerChannel(type: string, channel: WorkerChannelRecord, options: Common = {}): EngineEvent {
    const worker = this.model.workers.get(channel.worker_sid)!;
    const view = this.views.workerChannel(channel);
    const workerView = this.views.worker(worker);
    return this.log.append({
      accountSid: channel.account_sid,
      workspaceSid: channel.workspace_sid,
      type,
      resourceType: 'worker',
      resourceSid: worker.sid,
      description: options.description ?? `Worker ${worker.friendly_name} channel ${view.task_channel_unique_name} updated`,
      actorSid: options.actor?.sid ?? null,
      actorType: options.actor?.type ?? null,
      data: {
        ...workerData(workerView),
        worker_channel_sid: channel.sid,
        worker_channel_capacity: view.configured_capacity,
        worker_channel_available: view.available,
        worker_channel_assigned_tasks: view.assigned_tasks,
        worker_channel_available_capacity_percentage: view.available_capacity_percentage,
        task_channel_sid: view.task_channel_sid,
        task_channel_unique_name: view.task_channel_unique_name,
        ...options.data,
      },
      workerSid: worker.sid,
      taskChannelSid: channel.task_channel_sid,
      snapshots: { worker_channel: view, worker: workerView },
    });
  }

  /** Events about configuration resources (workspace, activity, queue, workflow, task channel). */
  resource(
    type: string,
    record: WorkspaceRecord | ActivityRecord | TaskQueueRecord | WorkflowRecord | TaskChannelRecord,
    options: Common = {},
  ): EngineEvent {
    const [resourceType, data] = this.describe(record);
    const workspaceSid = 'workspace_sid' in record ? record.workspace_sid : record.sid;
    return this.log.append({
      accountSid: record.account_sid,
      workspaceSid,
      type,
      resourceType,
      resourceSid: record.sid,
      description: options.description ?? `${resourceType} ${record.friendly_name} ${type.split('.').slice(1).join(' ')}`,
      actorSid: options.actor?.sid ?? null,
      actorType: options.actor?.type ?? null,
      data: { ...data, ...options.data },
      taskQueueSid: resourceType === 'taskqueue' ? record.sid : null,
      workflowSid: resourceType === 'workflow' ? record.sid : null,
    });
  }

  private describe(
    record: WorkspaceRecord | ActivityRecord | TaskQueueRecord | WorkflowRecord | TaskChannelRecord,
  ): [string, Record<string, unknown>] {
    switch (record.sid.slice(0, 2)) {
      case 'WS':
        return ['workspace', { workspace_sid: record.sid, workspace_name: record.friendly_name }];
      case 'WA':
        return ['activity', { activity_sid: record.sid, activity_name: record.friendly_name, activity_available: (record as ActivityRecord).available }];
      case 'WQ': {
        const queue = record as TaskQueueRecord;
        return ['taskqueue', { task_queue_sid: queue.sid, task_queue_name: queue.friendly_name, task_queue_target_expression: queue.target_workers }];
      }
      case 'WW':
        return ['workflow', { workflow_sid: record.sid, workflow_name: record.friendly_name }];
      default:
        return ['taskchannel', { task_channel_sid: record.sid, task_channel_unique_name: (record as TaskChannelRecord).unique_name }];
    }
  }
}

/** task_* fields of event data. */
function taskData(task: TaskRecord, view: TaskResource): Record<string, unknown> {
  return {
    task_sid: task.sid,
    task_attributes: task.attributes,
    task_age: view.age,
    task_priority: task.priority,
    task_assignment_status: task.assignment_status,
    task_canceled_reason: task.reason,
    task_date_created: seconds(task.date_created),
    task_timeout: task.timeout,
    task_version: view.version,
    task_queue_sid: task.task_queue_sid,
    task_queue_name: view.task_queue_friendly_name,
    task_queue_entered_date: task.task_queue_entered_date === null ? null : seconds(task.task_queue_entered_date),
    task_channel_sid: task.task_channel_sid,
    task_channel_unique_name: view.task_channel_unique_name,
    workflow_sid: task.workflow_sid,
    workflow_name: view.workflow_friendly_name,
  };
}

/** worker_* fields of event data. */
function workerData(view: WorkerResource): Record<string, unknown> {
  return {
    worker_sid: view.sid,
    worker_name: view.friendly_name,
    worker_attributes: view.attributes,
    worker_activity_sid: view.activity_sid,
    worker_activity_name: view.activity_name,
    worker_available: view.available,
    worker_version: view.version,
  };
}
