/**
 * Statistics queries and the statistics resources (protocol.md §5): real-time, cumulative
 * and both together, for task queues, workflows, the workspace and its workers.
 */
import type { NumberInput, PageParams } from './common.js';

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

/** Real-time statistics of several queues in one answer (the bulk `TaskQueues/RealTimeStatistics` call). */
export interface TaskQueuesRealtimeStatistics extends StatisticsIds {
  task_queue_data: TaskQueueRealtimeStatistics[];
  task_queue_response_count: number;
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
