import { isoDate } from '../dates.js';
import { invalidParameter, notFound } from '../errors.js';
import { optionalString } from '../input.js';
import { activityDurations } from '../statistics/activity-durations.js';
import { EventCounter, QueueEventCounter, type EventScope, type EventTallies } from '../statistics/cumulative.js';
import { activityStatistics, summarizeTasks, type TaskSummary } from '../statistics/realtime.js';
import { splitThresholds, statisticsWindow } from '../statistics/window.js';
import type { WorkerRecord } from '../store/records.js';
import type {
  Page,
  RealtimeQuery,
  StatisticsQuery,
  TaskQueueCumulativeStatistics,
  TaskQueueRealtimeStatistics,
  TaskQueuesRealtimeStatistics,
  TaskQueuesStatisticsQuery,
  TaskQueueStatistics,
  WorkerStatistics,
  WorkersCumulativeStatistics,
  WorkersRealtimeStatistics,
  WorkersStatistics,
  WorkersStatisticsQuery,
  WorkflowCumulativeStatistics,
  WorkflowRealtimeStatistics,
  WorkflowStatistics,
  WorkspaceCumulativeStatistics,
  WorkspaceRealtimeStatistics,
  WorkspaceStatistics,
} from '../types.js';
import { Service } from './service.js';
import type { TaskChannelService } from './task-channels.js';

/** Task counters every task-level cumulative block reports, by the event type they count. */
const TASK_COUNTS = { tasks_canceled: 'task.canceled', tasks_completed: 'task.completed', tasks_deleted: 'task.deleted' } as const;
/** Counters of tasks that pass through workflows (the workspace's and a workflow's blocks). */
const WORKFLOW_TASK_COUNTS = { tasks_moved: 'task-queue.moved', tasks_timed_out_in_workflow: 'workflow.timeout' } as const;

/** `counts` of each event type named in `fields`, under the field's name (0 when none). */
function tally<F extends string>(counts: Map<string, number>, fields: Readonly<Record<F, string>>): Record<F, number> {
  const result = {} as Record<F, number>;
  for (const field of Object.keys(fields) as F[]) result[field] = counts.get(fields[field]) ?? 0;
  return result;
}

/** The waiting-task fields of a summary that every real-time block reports. */
function waitingTasks(summary: TaskSummary) {
  return {
    longest_task_waiting_age: summary.longest_task_waiting_age,
    longest_task_waiting_sid: summary.longest_task_waiting_sid,
    tasks_by_priority: summary.tasks_by_priority,
    tasks_by_status: summary.tasks_by_status,
    total_tasks: summary.total_tasks,
  };
}

/**
 * Real-time (from current state) and cumulative (from the event log, over
 * `minutes` — default 15 — or `start_date`…`end_date`) statistics of the
 * workspace, its queues, workflows and workers, shaped as protocol.md §5.
 * Durations are whole seconds.
 */
export class StatisticsService extends Service {
  private taskChannels!: TaskChannelService;
  private counterInstance?: EventCounter;

  /** @internal */
  use(taskChannels: TaskChannelService): void {
    this.taskChannels = taskChannels;
  }

  // ---------------------------------------------------------- workspace

  workspace(workspaceSid: string, query: StatisticsQuery = {}): WorkspaceStatistics {
    return this.combine(
      workspaceSid,
      {},
      () => this.workspaceRealtime(workspaceSid, query),
      () => this.workspaceCumulative(workspaceSid, query),
    );
  }

  workspaceRealtime(workspaceSid: string, query: RealtimeQuery = {}): WorkspaceRealtimeStatistics {
    const ids = this.ids(workspaceSid);
    const channel = this.channel(workspaceSid, query);
    const summary = summarizeTasks(this.model.tasksByWorkspace.get(workspaceSid), this.now(), channel);
    return {
      ...ids,
      activity_statistics: activityStatistics(this.model, workspaceSid, this.model.workersByWorkspace.get(workspaceSid)),
      ...waitingTasks(summary),
      total_workers: this.model.workersByWorkspace.count(workspaceSid),
    };
  }

  workspaceCumulative(workspaceSid: string, query: StatisticsQuery = {}): WorkspaceCumulativeStatistics {
    const scope = this.scope(workspaceSid, query, {});
    const counts = this.counter.counts(scope);
    return {
      ...this.taskCumulative(workspaceSid, {}, query, scope, counts),
      ...tally(counts, { tasks_created: 'task.created', ...WORKFLOW_TASK_COUNTS }),
    };
  }

  // ---------------------------------------------------------- task queues

  taskQueue(workspaceSid: string, queueSid: string, query: StatisticsQuery = {}, counter?: QueueEventCounter): TaskQueueStatistics {
    return this.combine(
      workspaceSid,
      { task_queue_sid: queueSid },
      () => this.taskQueueRealtime(workspaceSid, queueSid, query),
      () => this.taskQueueCumulative(workspaceSid, queueSid, query, counter),
    );
  }

  /** Real-time statistics of 1 to 50 queues at once, in the order asked. */
  taskQueuesRealtime(workspaceSid: string, queueSids: string[], query: RealtimeQuery = {}): TaskQueuesRealtimeStatistics {
    if (queueSids.length === 0 || queueSids.length > 50) throw invalidParameter('QueueSids', 'QueueSids must name 1 to 50 task queues');
    const data = queueSids.map((sid) => this.taskQueueRealtime(workspaceSid, sid, query));
    return { ...this.ids(workspaceSid), task_queue_data: data, task_queue_response_count: data.length };
  }

  /**
   * Eligible workers are those the queue's TargetWorkers match, whatever their
   * activity; available ones are in an available activity (and, with
   * `task_channel`, have that channel available with capacity).
   */
  taskQueueRealtime(workspaceSid: string, queueSid: string, query: RealtimeQuery = {}): TaskQueueRealtimeStatistics {
    this.queue(workspaceSid, queueSid);
    const channel = this.channel(workspaceSid, query);
    const members = [...this.core.index.membersOf(queueSid)].map((sid) => this.model.workers.get(sid)!);
    const available = members.filter((worker) => this.isAvailable(worker, channel)).length;
    const summary = summarizeTasks(this.model.openTasksByQueue.get(queueSid), this.now(), channel);
    return {
      ...this.ids(workspaceSid),
      task_queue_sid: queueSid,
      activity_statistics: activityStatistics(this.model, workspaceSid, members),
      ...summary,
      total_available_workers: available,
      total_eligible_workers: members.length,
    };
  }

  /** `counter`: a statistics list passes one that answers for all its queues at once; else one for this queue. */
  taskQueueCumulative(workspaceSid: string, queueSid: string, query: StatisticsQuery = {}, counter?: QueueEventCounter): TaskQueueCumulativeStatistics {
    this.queue(workspaceSid, queueSid);
    const scope = this.scope(workspaceSid, query, { task_queue_sid: queueSid });
    counter ??= new QueueEventCounter(this.core.db, scope);
    const counts = counter.counts(scope);
    return {
      ...this.taskCumulative(workspaceSid, { task_queue_sid: queueSid }, query, scope, counts, counter),
      ...tally(counts, { tasks_entered: 'task-queue.entered' }),
      tasks_moved: counter.movedOutOf(queueSid),
      wait_duration_in_queue_until_accepted: counter.durations(scope, 'reservation.accepted', 'queue_age_ms'),
    };
  }

  /** Statistics of every queue (optionally those named `friendly_name`), paged. */
  taskQueues(workspaceSid: string, query: TaskQueuesStatisticsQuery = {}): Page<TaskQueueStatistics> {
    this.requireWorkspace(workspaceSid);
    const name = optionalString(query.friendly_name, 'friendly_name');
    const queues = [...this.model.taskQueuesByWorkspace.get(workspaceSid)].filter((q) => name === undefined || q.friendly_name === name);
    // One counter for the page: a few grouped queries instead of a few per queue.
    const counter = new QueueEventCounter(this.core.db, this.scope(workspaceSid, query, {}));
    return this.listPage(this.model.taskQueues, queues, query, (queue) => this.taskQueue(workspaceSid, queue.sid, query, counter));
  }

  // ---------------------------------------------------------- workflows

  workflow(workspaceSid: string, workflowSid: string, query: StatisticsQuery = {}): WorkflowStatistics {
    return this.combine(
      workspaceSid,
      { workflow_sid: workflowSid },
      () => this.workflowRealtime(workspaceSid, workflowSid, query),
      () => this.workflowCumulative(workspaceSid, workflowSid, query),
    );
  }

  workflowRealtime(workspaceSid: string, workflowSid: string, query: RealtimeQuery = {}): WorkflowRealtimeStatistics {
    this.find(this.model.workflows, workspaceSid, workflowSid, 'Workflow');
    const summary = summarizeTasks(this.model.openTasksByWorkflow.get(workflowSid), this.now(), this.channel(workspaceSid, query));
    return {
      ...this.ids(workspaceSid),
      workflow_sid: workflowSid,
      ...waitingTasks(summary),
    };
  }

  workflowCumulative(workspaceSid: string, workflowSid: string, query: StatisticsQuery = {}): WorkflowCumulativeStatistics {
    this.find(this.model.workflows, workspaceSid, workflowSid, 'Workflow');
    const scope = this.scope(workspaceSid, query, { workflow_sid: workflowSid });
    const counts = this.counter.counts(scope);
    return {
      ...this.taskCumulative(workspaceSid, { workflow_sid: workflowSid }, query, scope, counts),
      ...tally(counts, { tasks_entered: 'workflow.entered', ...WORKFLOW_TASK_COUNTS }),
    };
  }

  // ---------------------------------------------------------- workers

  workers(workspaceSid: string, query: WorkersStatisticsQuery = {}): WorkersStatistics {
    return this.combine(
      workspaceSid,
      {},
      () => this.workersRealtime(workspaceSid, query),
      () => this.workersCumulative(workspaceSid, query),
    );
  }

  workersRealtime(workspaceSid: string, query: WorkersStatisticsQuery = {}): WorkersRealtimeStatistics {
    const workers = this.selectWorkers(workspaceSid, query);
    // A worker is in one activity whatever the channel: a TaskChannel is checked (404 when unknown), not counted.
    this.channel(workspaceSid, query);
    return {
      ...this.ids(workspaceSid),
      activity_statistics: activityStatistics(this.model, workspaceSid, workers),
      total_workers: workers.length,
    };
  }

  workersCumulative(workspaceSid: string, query: WorkersStatisticsQuery = {}): WorkersCumulativeStatistics {
    const filtered = query.task_queue_sid !== undefined || query.task_queue_name !== undefined || query.friendly_name !== undefined;
    const workers = filtered ? this.selectWorkers(workspaceSid, query) : null;
    const scope = this.scope(workspaceSid, query, {});
    const counts = workers
      ? this.counter.countsForWorkers(scope, workers.map((w) => w.sid))
      : this.counter.counts(scope);
    return {
      ...this.ids(workspaceSid),
      ...this.range(scope),
      ...this.counter.reservationCounts(counts),
      activity_durations: activityDurations(this.core.db, this.model, workspaceSid, scope.window, workers, this.now()),
    };
  }

  /** One worker's cumulative statistics (TaskRouter has no real-time block for a single worker). */
  worker(workspaceSid: string, workerSid: string, query: StatisticsQuery = {}): WorkerStatistics {
    const worker = this.find(this.model.workers, workspaceSid, workerSid, 'Worker');
    const scope = this.scope(workspaceSid, query, { worker_sid: workerSid });
    const counts = this.counter.counts(scope);
    return {
      ...this.ids(workspaceSid),
      worker_sid: workerSid,
      cumulative: {
        ...this.ids(workspaceSid),
        worker_sid: workerSid,
        ...this.range(scope),
        ...this.counter.reservationCounts(counts),
        activity_durations: activityDurations(this.core.db, this.model, workspaceSid, scope.window, [worker], this.now()),
      },
    };
  }

  // ---------------------------------------------------------- helpers

  private get counter(): EventCounter {
    return (this.counterInstance ??= new EventCounter(this.core.db));
  }

  private ids(workspaceSid: string) {
    const workspace = this.requireWorkspace(workspaceSid);
    return { account_sid: workspace.account_sid, workspace_sid: workspaceSid };
  }

  /** A resource's whole statistics: its ids, then both blocks (the workspace is checked first). */
  private combine<K extends object, R, C>(workspaceSid: string, key: K, realtime: () => R, cumulative: () => C) {
    return { ...this.ids(workspaceSid), ...key, realtime: realtime(), cumulative: cumulative() };
  }

  /** The fields every task-level cumulative block shares: ids, window, reservation counts, waits, task counts. */
  private taskCumulative<K extends object>(
    workspaceSid: string,
    key: K,
    query: StatisticsQuery,
    scope: EventScope,
    counts: Map<string, number>,
    counter: EventTallies = this.counter,
  ) {
    return {
      ...this.ids(workspaceSid),
      ...key,
      ...this.range(scope),
      ...counter.reservationCounts(counts),
      ...counter.waits(scope, splitThresholds(query)),
      ...tally(counts, TASK_COUNTS),
    };
  }

  private queue(workspaceSid: string, queueSid: string): void {
    this.find(this.model.taskQueues, workspaceSid, queueSid, 'TaskQueue');
  }

  private channel(workspaceSid: string, query: RealtimeQuery): string | undefined {
    const channel = optionalString(query.task_channel, 'task_channel');
    return channel === undefined ? undefined : this.taskChannels.resolve(workspaceSid, channel).sid;
  }

  private scope(workspaceSid: string, query: StatisticsQuery, columns: EventScope['columns']): EventScope {
    this.requireWorkspace(workspaceSid);
    return {
      workspaceSid,
      window: statisticsWindow(query, this.now()),
      columns: { ...columns, task_channel_sid: this.channel(workspaceSid, query) },
    };
  }

  private range(scope: EventScope) {
    return { start_time: isoDate(scope.window.start), end_time: isoDate(scope.window.end) };
  }

  private isAvailable(worker: WorkerRecord, channelSid: string | undefined): boolean {
    if (!this.model.activities.get(worker.activity_sid)?.available) return false;
    if (channelSid === undefined) return true;
    for (const channel of this.model.workerChannelsByWorker.get(worker.sid)) {
      if (channel.task_channel_sid === channelSid) return channel.available && channel.configured_capacity > 0;
    }
    return false;
  }

  private selectWorkers(workspaceSid: string, query: WorkersStatisticsQuery): WorkerRecord[] {
    this.requireWorkspace(workspaceSid);
    let queueSid = optionalString(query.task_queue_sid, 'task_queue_sid');
    const queueName = optionalString(query.task_queue_name, 'task_queue_name');
    if (queueSid === undefined && queueName !== undefined) {
      queueSid = [...this.model.taskQueuesByWorkspace.get(workspaceSid)].find((q) => q.friendly_name === queueName)?.sid;
      if (queueSid === undefined) throw notFound('TaskQueue', queueName);
    } else if (queueSid !== undefined) {
      this.queue(workspaceSid, queueSid);
    }
    const members = queueSid === undefined ? undefined : this.core.index.membersOf(queueSid);
    const name = optionalString(query.friendly_name, 'friendly_name');
    return [...this.model.workersByWorkspace.get(workspaceSid)].filter(
      (w) => (!members || members.has(w.sid)) && (name === undefined || w.friendly_name === name),
    );
  }
}
