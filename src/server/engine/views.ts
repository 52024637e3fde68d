/**
 * Stored records → public resources (protocol.md §4 shapes without url/links).
 */
import { isoDate, isoDateOrNull } from './dates.js';
import type {
  AccountRecord,
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
import type { Model } from './store/model.js';
import type {
  AccountResource,
  ActivityResource,
  ReservationResource,
  TaskChannelResource,
  TaskQueueResource,
  TaskResource,
  WorkerChannelResource,
  WorkerResource,
  WorkflowResource,
  WorkspaceResource,
} from './types.js';

/** Live counts of a worker channel: reservations holding capacity, and accepted ones. */
export interface ChannelLoad {
  /** Pending, accepted and wrapping reservations. */
  active: number;
  /** Accepted and wrapping reservations. */
  assigned: number;
}

export class Views {
  constructor(
    private readonly model: Model,
    private readonly now: () => number,
  ) {}

  account(r: AccountRecord): AccountResource {
    return {
      sid: r.sid,
      friendly_name: r.friendly_name,
      status: 'active',
      date_created: isoDate(r.date_created),
      date_updated: isoDate(r.date_updated),
    };
  }

  workspace(r: WorkspaceRecord): WorkspaceResource {
    return {
      account_sid: r.account_sid,
      sid: r.sid,
      friendly_name: r.friendly_name,
      event_callback_url: r.event_callback_url,
      events_filter: r.events_filter,
      multi_task_enabled: r.multi_task_enabled,
      prioritize_queue_order: r.prioritize_queue_order,
      default_activity_sid: r.default_activity_sid,
      default_activity_name: this.activityName(r.default_activity_sid),
      timeout_activity_sid: r.timeout_activity_sid,
      timeout_activity_name: this.activityName(r.timeout_activity_sid),
      date_created: isoDate(r.date_created),
      date_updated: isoDate(r.date_updated),
    };
  }

  activity(r: ActivityRecord): ActivityResource {
    return {
      account_sid: r.account_sid,
      workspace_sid: r.workspace_sid,
      sid: r.sid,
      friendly_name: r.friendly_name,
      available: r.available,
      date_created: isoDate(r.date_created),
      date_updated: isoDate(r.date_updated),
    };
  }

  taskChannel(r: TaskChannelRecord): TaskChannelResource {
    return {
      account_sid: r.account_sid,
      workspace_sid: r.workspace_sid,
      sid: r.sid,
      friendly_name: r.friendly_name,
      unique_name: r.unique_name,
      channel_optimized_routing: r.channel_optimized_routing,
      date_created: isoDate(r.date_created),
      date_updated: isoDate(r.date_updated),
    };
  }

  worker(r: WorkerRecord): WorkerResource {
    const activity = this.model.activities.get(r.activity_sid);
    return {
      account_sid: r.account_sid,
      workspace_sid: r.workspace_sid,
      sid: r.sid,
      friendly_name: r.friendly_name,
      attributes: r.attributes,
      activity_sid: r.activity_sid,
      activity_name: activity?.friendly_name ?? '',
      available: activity?.available ?? false,
      date_status_changed: isoDate(r.date_status_changed),
      date_created: isoDate(r.date_created),
      date_updated: isoDate(r.date_updated),
      version: String(r.version),
    };
  }

  /** Reservations on one worker channel that hold capacity, and those accepted. */
  channelLoad(workerSid: string, taskChannelSid: string): ChannelLoad {
    let active = 0;
    let assigned = 0;
    for (const reservation of this.model.activeReservationsByWorker.get(workerSid)) {
      if (reservation.task_channel_sid !== taskChannelSid) continue;
      active++;
      if (reservation.reservation_status !== 'pending') assigned++;
    }
    return { active, assigned };
  }

  workerChannel(r: WorkerChannelRecord): WorkerChannelResource {
    const load = this.channelLoad(r.worker_sid, r.task_channel_sid);
    return {
      account_sid: r.account_sid,
      workspace_sid: r.workspace_sid,
      sid: r.sid,
      worker_sid: r.worker_sid,
      task_channel_sid: r.task_channel_sid,
      task_channel_unique_name: this.model.taskChannels.get(r.task_channel_sid)?.unique_name ?? '',
      configured_capacity: r.configured_capacity,
      assigned_tasks: load.assigned,
      available: r.available,
      available_capacity_percentage: capacityPercentage(r.configured_capacity, load.active),
      last_reserved_time: r.last_reserved_time,
      date_created: isoDate(r.date_created),
      date_updated: isoDate(r.date_updated),
      version: String(r.version),
    };
  }

  taskQueue(r: TaskQueueRecord): TaskQueueResource {
    return {
      account_sid: r.account_sid,
      workspace_sid: r.workspace_sid,
      sid: r.sid,
      friendly_name: r.friendly_name,
      target_workers: r.target_workers,
      max_reserved_workers: r.max_reserved_workers,
      task_order: r.task_order,
      reservation_activity_sid: r.reservation_activity_sid,
      reservation_activity_name: this.activityName(r.reservation_activity_sid),
      assignment_activity_sid: r.assignment_activity_sid,
      assignment_activity_name: this.activityName(r.assignment_activity_sid),
      date_created: isoDate(r.date_created),
      date_updated: isoDate(r.date_updated),
    };
  }

  workflow(r: WorkflowRecord): WorkflowResource {
    return {
      account_sid: r.account_sid,
      workspace_sid: r.workspace_sid,
      sid: r.sid,
      friendly_name: r.friendly_name,
      configuration: r.configuration,
      assignment_callback_url: r.assignment_callback_url,
      fallback_assignment_callback_url: r.fallback_assignment_callback_url,
      task_reservation_timeout: r.task_reservation_timeout,
      document_content_type: 'application/json',
      date_created: isoDate(r.date_created),
      date_updated: isoDate(r.date_updated),
    };
  }

  task(r: TaskRecord): TaskResource {
    const queue = r.task_queue_sid ? this.model.taskQueues.get(r.task_queue_sid) : undefined;
    const workflow = r.workflow_sid ? this.model.workflows.get(r.workflow_sid) : undefined;
    return {
      account_sid: r.account_sid,
      workspace_sid: r.workspace_sid,
      sid: r.sid,
      age: Math.max(0, Math.floor((this.now() - r.date_created) / 1000)),
      assignment_status: r.assignment_status,
      attributes: r.attributes,
      addons: r.addons,
      priority: r.priority,
      reason: r.reason,
      timeout: r.timeout,
      task_queue_sid: r.task_queue_sid,
      task_queue_friendly_name: queue?.friendly_name ?? null,
      task_queue_entered_date: isoDateOrNull(r.task_queue_entered_date),
      task_channel_sid: r.task_channel_sid,
      task_channel_unique_name: this.model.taskChannels.get(r.task_channel_sid)?.unique_name ?? '',
      workflow_sid: r.workflow_sid,
      workflow_friendly_name: workflow?.friendly_name ?? null,
      virtual_start_time: isoDate(r.virtual_start_time ?? r.date_created),
      routing_target: r.routing_target,
      ignore_capacity: r.ignore_capacity,
      date_created: isoDate(r.date_created),
      date_updated: isoDate(r.date_updated),
      version: String(r.version),
    };
  }

  reservation(r: ReservationRecord): ReservationResource {
    return {
      account_sid: r.account_sid,
      workspace_sid: r.workspace_sid,
      sid: r.sid,
      task_sid: r.task_sid,
      worker_sid: r.worker_sid,
      worker_name: this.model.workers.get(r.worker_sid)?.friendly_name ?? '',
      reservation_status: r.reservation_status,
      task_channel_sid: r.task_channel_sid,
      task_queue_sid: r.task_queue_sid,
      reservation_timeout: r.timeout,
      worker_previous_activity_sid: r.worker_previous_activity_sid,
      instruction: r.instruction,
      canceled_reason_code: r.canceled_reason_code,
      date_created: isoDate(r.date_created),
      date_updated: isoDate(r.date_updated),
      version: String(r.version),
    };
  }

  private activityName(sid: string | null): string | null {
    return sid ? (this.model.activities.get(sid)?.friendly_name ?? null) : null;
  }
}

/** floor((1 − active / capacity) × 100), clamped to 0–100; 0 when capacity is 0. */
export function capacityPercentage(capacity: number, active: number): number {
  if (capacity <= 0) return 0;
  return Math.max(0, Math.min(100, Math.floor((1 - active / capacity) * 100)));
}
