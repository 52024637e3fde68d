/**
 * Public shapes of the engine's service API: resources as TaskRouter's REST API
 * returns them (snake_case, protocol.md §4) minus `url` and `links`, which the REST
 * layer adds; the parameters each call takes (snake_case versions of the REST
 * parameters); list filters and paging.
 *
 * Parameter values may come straight from a form body: numbers and booleans are
 * also accepted as strings ("5", "true"), and `attributes` as a JSON string or an
 * object. Dates in resources are ISO 8601 strings (UTC, second precision).
 */

/** A number, or a string spelling one (form-encoded input). */
export type NumberInput = number | string;
/** A boolean, or "true"/"false" (form-encoded input). */
export type BooleanInput = boolean | string;
/** A JSON object as a string (as Twilio stores it) or as an object. */
export type JsonInput = string | Record<string, unknown>;

export type TaskOrder = 'FIFO' | 'LIFO';
export type AssignmentStatus = 'pending' | 'reserved' | 'assigned' | 'wrapping' | 'completed' | 'canceled';
export type ReservationStatus =
  | 'pending'
  | 'accepted'
  | 'rejected'
  | 'timeout'
  | 'canceled'
  | 'rescinded'
  | 'wrapping'
  | 'completed';

/** Paging inputs for list calls. `page` is 0-based; `page_size` defaults to 50, max 1000. */
export interface PageParams {
  page?: NumberInput;
  page_size?: NumberInput;
  /** Where the previous page ended (its `next_token`): the page starts after that item, wherever the list has changed. */
  page_token?: string;
}

/** One page of a list. The REST layer turns it into `{<key>: items, meta}`. */
export interface Page<T> {
  items: T[];
  page: number;
  page_size: number;
  /** True when a further page exists. */
  has_next: boolean;
  /** With `has_next`: the `page_token` of the next page. */
  next_token?: string;
}

/** Options of calls that read what only some callers may see. */
export interface ReadOptions {
  /** Who is acting (e.g. the worker of a capability token); recorded as the events' actor. */
  actor?: { sid: string; type: string };
}

/** Options of calls that change state. */
export interface WriteOptions extends ReadOptions {
  /** The resource `version` the caller last saw (`If-Match`); a mismatch throws a 412. Tasks, workers, reservations. */
  expectedVersion?: string | number;
}

// ---------------------------------------------------------------- resources

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

// ---------------------------------------------------------------- params

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

// ---------------------------------------------------------------- statistics (§5)

/** Window and channel for statistics. `minutes` (default 15) excludes start/end dates. */
export interface StatisticsQuery {
  minutes?: NumberInput;
  start_date?: string;
  end_date?: string;
  /** TaskChannel SID or unique name. */
  task_channel?: string;
  /** Comma-separated seconds, e.g. "30,60". */
  split_by_wait_time?: string;
}

export interface RealtimeQuery {
  task_channel?: string;
}

export interface ActivityStatistic {
  sid: string;
  friendly_name: string;
  workers: number;
}

export interface TasksByStatus {
  pending: number;
  reserved: number;
  assigned: number;
  wrapping: number;
}

/** avg/min/max/total in seconds. */
export interface DurationStatistic {
  avg: number;
  min: number;
  max: number;
  total: number;
}

export interface SplitStatistic {
  above: { tasks_canceled: number; reservations_accepted: number };
  below: { tasks_canceled: number; reservations_accepted: number };
}

export interface ReservationCounts {
  reservations_created: number;
  reservations_accepted: number;
  reservations_rejected: number;
  reservations_timed_out: number;
  reservations_canceled: number;
  reservations_rescinded: number;
}

export interface TaskWaitStatistics {
  avg_task_acceptance_time: number;
  wait_duration_until_accepted: DurationStatistic;
  wait_duration_until_canceled: DurationStatistic;
  split_by_wait_time: Record<string, SplitStatistic> | null;
}

interface StatisticsIds {
  account_sid: string;
  workspace_sid: string;
}

/** The window a cumulative block covers. */
interface CumulativeRange {
  start_time: string;
  end_time: string;
}

/** Tasks a cumulative block counts, whatever resource it is scoped to. */
interface TaskCounts {
  tasks_canceled: number;
  tasks_completed: number;
  tasks_deleted: number;
}

/** What the workspace's and a workflow's cumulative blocks count of tasks passing through workflows. */
interface WorkflowTaskCounts {
  tasks_moved: number;
  tasks_timed_out_in_workflow: number;
}

/** The fields shared by every task-level cumulative block. */
interface TaskCumulativeStatistics extends StatisticsIds, CumulativeRange, ReservationCounts, TaskWaitStatistics, TaskCounts {}

/** The waiting-task figures of every real-time block that counts tasks. */
interface WaitingTasks {
  longest_task_waiting_age: number;
  longest_task_waiting_sid: string | null;
  tasks_by_priority: Record<string, number>;
  tasks_by_status: TasksByStatus;
  total_tasks: number;
}

export interface TaskQueueRealtimeStatistics extends StatisticsIds, WaitingTasks {
  task_queue_sid: string;
  activity_statistics: ActivityStatistic[];
  longest_relative_task_age_in_queue: number;
  longest_relative_task_sid_in_queue: string | null;
  total_available_workers: number;
  total_eligible_workers: number;
}

export interface TaskQueueCumulativeStatistics extends TaskCumulativeStatistics {
  task_queue_sid: string;
  tasks_entered: number;
  tasks_moved: number;
  wait_duration_in_queue_until_accepted: DurationStatistic;
}

export interface TaskQueueStatistics extends StatisticsIds {
  task_queue_sid: string;
  realtime: TaskQueueRealtimeStatistics;
  cumulative: TaskQueueCumulativeStatistics;
}

export interface WorkflowRealtimeStatistics extends StatisticsIds, WaitingTasks {
  workflow_sid: string;
}

export interface WorkflowCumulativeStatistics extends TaskCumulativeStatistics, WorkflowTaskCounts {
  workflow_sid: string;
  tasks_entered: number;
}

export interface WorkflowStatistics extends StatisticsIds {
  workflow_sid: string;
  realtime: WorkflowRealtimeStatistics;
  cumulative: WorkflowCumulativeStatistics;
}

export interface WorkspaceRealtimeStatistics extends StatisticsIds, WaitingTasks {
  activity_statistics: ActivityStatistic[];
  total_workers: number;
}

export interface WorkspaceCumulativeStatistics extends TaskCumulativeStatistics, WorkflowTaskCounts {
  tasks_created: number;
}

export interface WorkspaceStatistics extends StatisticsIds {
  realtime: WorkspaceRealtimeStatistics;
  cumulative: WorkspaceCumulativeStatistics;
}

/** Time spent in one activity within the window (seconds), over the workers that spent any. */
export interface ActivityDuration extends DurationStatistic {
  sid: string;
  friendly_name: string;
}

export interface WorkersRealtimeStatistics extends StatisticsIds {
  activity_statistics: ActivityStatistic[];
  total_workers: number;
}

export interface WorkersCumulativeStatistics extends StatisticsIds, CumulativeRange, ReservationCounts {
  activity_durations: ActivityDuration[];
}

export interface WorkersStatistics extends StatisticsIds {
  realtime: WorkersRealtimeStatistics;
  cumulative: WorkersCumulativeStatistics;
}

/** Filters for the all-workers statistics. */
export interface WorkersStatisticsQuery extends StatisticsQuery {
  task_queue_sid?: string;
  task_queue_name?: string;
  friendly_name?: string;
}

export interface WorkerStatistics extends StatisticsIds {
  worker_sid: string;
  cumulative: WorkersCumulativeStatistics & { worker_sid: string };
}

export interface TaskQueuesStatisticsQuery extends StatisticsQuery, PageParams {
  friendly_name?: string;
}
