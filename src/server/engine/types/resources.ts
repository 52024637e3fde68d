/**
 * Resources as TaskRouter's REST API returns them (snake_case, protocol.md §4) minus `url`
 * and `links`, which the REST layer adds. Dates are ISO 8601 strings (UTC, second precision).
 */
import type { AssignmentStatus, ReservationStatus, TaskOrder } from './common.js';

export interface AccountResource {
  sid: string;
  friendly_name: string;
  status: 'active';
  date_created: string;
  date_updated: string;
}

/** Returned by account creation only: the account plus its auth token. */
export interface AccountWithToken extends AccountResource {
  auth_token: string;
}

export interface WorkspaceResource {
  account_sid: string;
  sid: string;
  friendly_name: string;
  event_callback_url: string | null;
  events_filter: string | null;
  multi_task_enabled: boolean;
  prioritize_queue_order: TaskOrder;
  default_activity_sid: string | null;
  default_activity_name: string | null;
  timeout_activity_sid: string | null;
  timeout_activity_name: string | null;
  date_created: string;
  date_updated: string;
}

export interface ActivityResource {
  account_sid: string;
  workspace_sid: string;
  sid: string;
  friendly_name: string;
  available: boolean;
  date_created: string;
  date_updated: string;
}

export interface TaskChannelResource {
  account_sid: string;
  workspace_sid: string;
  sid: string;
  friendly_name: string;
  unique_name: string;
  channel_optimized_routing: boolean | null;
  date_created: string;
  date_updated: string;
}

export interface WorkerResource {
  account_sid: string;
  workspace_sid: string;
  sid: string;
  friendly_name: string;
  /** JSON object as a string. */
  attributes: string;
  activity_sid: string;
  activity_name: string;
  available: boolean;
  date_status_changed: string;
  date_created: string;
  date_updated: string;
  /** Bumped on every change; compare with `expectedVersion` (If-Match). */
  version: string;
}

export interface WorkerChannelResource {
  account_sid: string;
  workspace_sid: string;
  sid: string;
  worker_sid: string;
  task_channel_sid: string;
  task_channel_unique_name: string;
  configured_capacity: number;
  /** Accepted and wrapping reservations on this channel. */
  assigned_tasks: number;
  available: boolean;
  /** floor((1 − active reservations / capacity) × 100), 0 when capacity is 0. */
  available_capacity_percentage: number;
  /** Epoch ms of the last reservation on this channel, or null. */
  last_reserved_time: number | null;
  date_created: string;
  date_updated: string;
  version: string;
}

export interface TaskQueueResource {
  account_sid: string;
  workspace_sid: string;
  sid: string;
  friendly_name: string;
  target_workers: string;
  max_reserved_workers: number;
  task_order: TaskOrder;
  reservation_activity_sid: string | null;
  reservation_activity_name: string | null;
  assignment_activity_sid: string | null;
  assignment_activity_name: string | null;
  date_created: string;
  date_updated: string;
}

export interface WorkflowResource {
  account_sid: string;
  workspace_sid: string;
  sid: string;
  friendly_name: string;
  /** Workflow configuration document as a JSON string (§6.1). */
  configuration: string;
  assignment_callback_url: string | null;
  fallback_assignment_callback_url: string | null;
  task_reservation_timeout: number;
  document_content_type: 'application/json';
  date_created: string;
  date_updated: string;
}

export interface TaskResource {
  account_sid: string;
  workspace_sid: string;
  sid: string;
  /** Seconds since creation. */
  age: number;
  assignment_status: AssignmentStatus;
  /** JSON object as a string. */
  attributes: string;
  /** JSON object as a string. */
  addons: string;
  priority: number;
  reason: string | null;
  /** TTL in seconds. */
  timeout: number;
  task_queue_sid: string | null;
  task_queue_friendly_name: string | null;
  task_queue_entered_date: string | null;
  task_channel_sid: string;
  task_channel_unique_name: string;
  workflow_sid: string | null;
  workflow_friendly_name: string | null;
  virtual_start_time: string;
  routing_target: string | null;
  ignore_capacity: boolean;
  date_created: string;
  date_updated: string;
  version: string;
}

/** What a telephony instruction on a reservation recorded (nothing is really dialled). */
export interface RecordedInstruction {
  instruction: 'dequeue' | 'call' | 'conference' | 'redirect';
  /** The instruction's parameters as given (snake_case). */
  params: Record<string, string | number | boolean>;
  /** Always true: the local server has no phone network. */
  simulated: true;
  /** Epoch ms when it was recorded. */
  recorded_at: number;
}

export interface ReservationResource {
  account_sid: string;
  workspace_sid: string;
  sid: string;
  task_sid: string;
  worker_sid: string;
  worker_name: string;
  reservation_status: ReservationStatus;
  task_channel_sid: string;
  task_queue_sid: string;
  /** Seconds the reservation stays pending before it times out. */
  reservation_timeout: number;
  worker_previous_activity_sid: string | null;
  /** Set when an instruction (dequeue, call, conference, redirect) was given. */
  instruction: RecordedInstruction | null;
  canceled_reason_code: number | null;
  date_created: string;
  date_updated: string;
  version: string;
}

export interface EventResource {
  account_sid: string;
  workspace_sid: string;
  sid: string;
  event_type: string;
  resource_type: string;
  resource_sid: string;
  description: string;
  actor_sid: string | null;
  actor_type: string | null;
  event_date: string;
  event_date_ms: number;
  event_data: Record<string, unknown>;
  source: 'taskrouter-kit';
  source_ip_address: string | null;
}
