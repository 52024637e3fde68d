/**
 * Stored records: what the engine keeps per resource, in memory and in SQLite.
 * Times are epoch milliseconds; the public views (views.ts) format them.
 */
import type { AssignmentStatus, RecordedInstruction, ReservationStatus, TaskOrder } from '../types.js';

export interface AccountRecord {
  sid: string;
  friendly_name: string;
  auth_token: string;
  date_created: number;
  date_updated: number;
}

export interface WorkspaceRecord {
  sid: string;
  account_sid: string;
  friendly_name: string;
  event_callback_url: string | null;
  events_filter: string | null;
  multi_task_enabled: boolean;
  prioritize_queue_order: TaskOrder;
  default_activity_sid: string | null;
  timeout_activity_sid: string | null;
  date_created: number;
  date_updated: number;
}

export interface ActivityRecord {
  sid: string;
  account_sid: string;
  workspace_sid: string;
  friendly_name: string;
  available: boolean;
  date_created: number;
  date_updated: number;
}

export interface TaskChannelRecord {
  sid: string;
  account_sid: string;
  workspace_sid: string;
  friendly_name: string;
  unique_name: string;
  channel_optimized_routing: boolean | null;
  date_created: number;
  date_updated: number;
}

export interface WorkerRecord {
  sid: string;
  account_sid: string;
  workspace_sid: string;
  friendly_name: string;
  attributes: string;
  activity_sid: string;
  date_status_changed: number;
  /** Orders workers "longest idle first": set when they become available and when they get a reservation. */
  idle_since: number;
  date_created: number;
  date_updated: number;
  version: number;
}

export interface WorkerChannelRecord {
  sid: string;
  account_sid: string;
  workspace_sid: string;
  worker_sid: string;
  task_channel_sid: string;
  configured_capacity: number;
  available: boolean;
  last_reserved_time: number | null;
  date_created: number;
  date_updated: number;
  version: number;
}

export interface TaskQueueRecord {
  sid: string;
  account_sid: string;
  workspace_sid: string;
  friendly_name: string;
  target_workers: string;
  max_reserved_workers: number;
  task_order: TaskOrder;
  reservation_activity_sid: string | null;
  assignment_activity_sid: string | null;
  date_created: number;
  date_updated: number;
}

export interface WorkflowRecord {
  sid: string;
  account_sid: string;
  workspace_sid: string;
  friendly_name: string;
  configuration: string;
  assignment_callback_url: string | null;
  fallback_assignment_callback_url: string | null;
  task_reservation_timeout: number;
  date_created: number;
  date_updated: number;
}

/**
 * The workflow configuration a waiting task still follows: the one it entered under, kept when its workflow's
 * configuration changed without `ReEvaluateTasks` (`sid` is the task's).
 */
export interface TaskConfigurationRecord {
  sid: string;
  configuration: string;
}

export interface TaskRecord {
  sid: string;
  account_sid: string;
  workspace_sid: string;
  workflow_sid: string | null;
  task_queue_sid: string | null;
  task_channel_sid: string;
  attributes: string;
  addons: string;
  priority: number;
  assignment_status: AssignmentStatus;
  reason: string | null;
  timeout: number;
  routing_target: string | null;
  ignore_capacity: boolean;
  virtual_start_time: number | null;
  task_queue_entered_date: number | null;
  date_created: number;
  date_updated: number;
  version: number;
  /** Creation order; breaks ties between tasks of equal priority and age. */
  seq: number;
  /** Workflow filter the task is in (-1: default_filter), or null when routed straight to a queue. */
  step_filter: number | null;
  /** Target index inside that filter. */
  step_target: number | null;
  /** When the task entered the filter; target timeouts add up from here. */
  step_base: number | null;
  /** When the current target times out, or null if it does not. */
  step_deadline: number | null;
  /** pending → reserved transitions so far (TaskRouter cancels after 1000). */
  assignment_count: number;
}

export interface ReservationRecord {
  sid: string;
  account_sid: string;
  workspace_sid: string;
  task_sid: string;
  worker_sid: string;
  task_queue_sid: string;
  task_channel_sid: string;
  reservation_status: ReservationStatus;
  /** Seconds before a pending reservation times out. */
  timeout: number;
  worker_previous_activity_sid: string | null;
  /** The activity this reservation moved the worker to, if it did (to undo on cancel/rescind). */
  reservation_activity_sid: string | null;
  instruction: RecordedInstruction | null;
  canceled_reason_code: number | null;
  date_created: number;
  date_updated: number;
  version: number;
}

/** Reservation statuses that hold a worker's capacity. */
export const ACTIVE_RESERVATION_STATUSES: ReadonlySet<ReservationStatus> = new Set(['pending', 'accepted', 'wrapping']);

/** Task statuses a task can still leave. */
export const OPEN_TASK_STATUSES: ReadonlySet<AssignmentStatus> = new Set(['pending', 'reserved', 'assigned', 'wrapping']);
