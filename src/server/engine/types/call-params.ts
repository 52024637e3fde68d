/**
 * The parameters each service call takes (snake_case versions of the REST parameters),
 * and the filters of list calls. Values may come straight from a form body (see common.ts).
 */
import type { AssignmentStatus, BooleanInput, JsonInput, NumberInput, PageParams, ReservationStatus, TaskOrder } from './common.js';

export interface CreateAccountParams {
  friendly_name?: string;
  /** Use a given SID (e.g. a fixed demo account); a new one by default. */
  sid?: string;
  /** Use a given auth token; a new random one by default. */
  auth_token?: string;
}

export interface CreateWorkspaceParams {
  friendly_name: string;
  event_callback_url?: string;
  events_filter?: string;
  /** Default true. */
  multi_task_enabled?: BooleanInput;
  /** `FIFO` also creates "Sample Queue" and "Default Fifo Workflow"; `NONE` (default) does not. */
  template?: 'NONE' | 'FIFO' | string;
  prioritize_queue_order?: TaskOrder | string;
}

export interface UpdateWorkspaceParams {
  friendly_name?: string;
  event_callback_url?: string;
  events_filter?: string;
  multi_task_enabled?: BooleanInput;
  prioritize_queue_order?: TaskOrder | string;
  default_activity_sid?: string;
  timeout_activity_sid?: string;
}

export interface WorkspaceListFilters extends PageParams {
  friendly_name?: string;
}

export interface CreateActivityParams {
  friendly_name: string;
  /** Default false. Cannot be changed later. */
  available?: BooleanInput;
}

export interface UpdateActivityParams {
  friendly_name?: string;
}

export interface ActivityListFilters extends PageParams {
  friendly_name?: string;
  available?: BooleanInput;
}

export interface CreateTaskChannelParams {
  friendly_name: string;
  unique_name: string;
  channel_optimized_routing?: BooleanInput;
}

export interface UpdateTaskChannelParams {
  friendly_name?: string;
  channel_optimized_routing?: BooleanInput;
}

export interface CreateWorkerParams {
  friendly_name: string;
  /** Default: the workspace's default activity. */
  activity_sid?: string;
  attributes?: JsonInput;
}

export interface UpdateWorkerParams {
  friendly_name?: string;
  activity_sid?: string;
  attributes?: JsonInput;
  /** Reject the worker's pending reservations; only with an unavailable `activity_sid`. */
  reject_pending_reservations?: BooleanInput;
}

export interface WorkerListFilters extends PageParams {
  activity_sid?: string;
  activity_name?: string;
  available?: BooleanInput;
  friendly_name?: string;
  /** Only workers whose attributes match this expression. */
  target_workers_expression?: string;
  task_queue_sid?: string;
  task_queue_name?: string;
  /** e.g. `DateCreated:asc` or `DateStatusChanged:desc`. */
  ordering?: string;
}

export interface UpdateWorkerChannelParams {
  capacity?: NumberInput;
  available?: BooleanInput;
}

export interface CreateTaskQueueParams {
  friendly_name: string;
  /** Default `1==1`. */
  target_workers?: string;
  /** 1–50, default 1. */
  max_reserved_workers?: NumberInput;
  task_order?: TaskOrder | string;
  reservation_activity_sid?: string;
  assignment_activity_sid?: string;
}

export type UpdateTaskQueueParams = Partial<CreateTaskQueueParams>;

export interface TaskQueueListFilters extends PageParams {
  friendly_name?: string;
  /** A worker attributes JSON: only queues whose TargetWorkers match it. */
  evaluate_worker_attributes?: JsonInput;
  /** Only queues this worker belongs to. */
  worker_sid?: string;
  ordering?: string;
}

export interface CreateWorkflowParams {
  friendly_name: string;
  /** Workflow configuration (§6.1) as JSON text or an object. */
  configuration: JsonInput;
  assignment_callback_url?: string;
  fallback_assignment_callback_url?: string;
  /** Seconds, 1–86400, default 120. */
  task_reservation_timeout?: NumberInput;
}

export interface UpdateWorkflowParams extends Partial<CreateWorkflowParams> {
  /** Route the workflow's waiting tasks again under the new configuration. */
  re_evaluate_tasks?: BooleanInput;
}

export interface WorkflowListFilters extends PageParams {
  friendly_name?: string;
}

export interface CreateTaskParams {
  attributes?: JsonInput;
  /** Required when the workspace has more than one workflow (and no `task_queue_sid`). */
  workflow_sid?: string;
  /** Put the task straight into this queue instead of running a workflow. */
  task_queue_sid?: string;
  /** TaskChannel SID or unique name; default `default`. */
  task_channel?: string;
  priority?: NumberInput;
  /** TTL in seconds, 1–1209600, default 86400. */
  timeout?: NumberInput;
  /** ISO date used instead of the creation date for ordering. */
  virtual_start_time?: string;
  /** A worker SID: only that worker may receive the task. */
  routing_target?: string;
  /** With `routing_target`, ignore the worker's capacity and availability. */
  ignore_capacity?: BooleanInput;
}

export interface UpdateTaskParams {
  attributes?: JsonInput;
  /** `canceled` (from pending/reserved), `wrapping` (from assigned), `completed` (from assigned/wrapping). */
  assignment_status?: AssignmentStatus | string;
  reason?: string;
  priority?: NumberInput;
  task_channel?: string;
  virtual_start_time?: string;
}

export interface TaskListFilters extends PageParams {
  assignment_status?: string | string[];
  workflow_sid?: string;
  workflow_name?: string;
  task_queue_sid?: string;
  task_queue_name?: string;
  priority?: NumberInput;
  /** Only tasks whose attributes match this expression. */
  evaluate_task_attributes?: string;
  routing_target?: string;
  /** `DateCreated|Priority|VirtualStartTime:asc|desc`, comma separated. */
  ordering?: string;
  has_addons?: BooleanInput;
}

export interface UpdateReservationParams {
  /** `accepted`, `rejected`, `wrapping` or `completed`. */
  reservation_status?: ReservationStatus | string;
  /** With `rejected`: move the worker to this activity. */
  worker_activity_sid?: string;
  /** Telephony instruction; recorded and given its TaskRouter effect, never dialled. */
  instruction?: 'dequeue' | 'call' | 'conference' | 'redirect' | 'accept' | 'reject' | string;
  /** Any instruction parameter (`dequeue_from`, `call_accept`, `redirect_accept`, `post_work_activity_sid`, `to`, `from`…). */
  [instructionParam: string]: string | number | boolean | undefined;
}

export interface ReservationListFilters extends PageParams {
  reservation_status?: ReservationStatus | string;
  worker_sid?: string;
}

export interface EventListFilters extends PageParams {
  event_type?: string;
  minutes?: NumberInput;
  start_date?: string;
  end_date?: string;
  reservation_sid?: string;
  task_queue_sid?: string;
  task_sid?: string;
  worker_sid?: string;
  workflow_sid?: string;
  /** TaskChannel SID or unique name. */
  task_channel?: string;
  sid?: string;
}
