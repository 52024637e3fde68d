import type { SqliteDatabase } from './database.js';
import {
  ACTIVE_RESERVATION_STATUSES,
  OPEN_TASK_STATUSES,
  type AccountRecord,
  type ActivityRecord,
  type ReservationRecord,
  type TaskChannelRecord,
  type TaskConfigurationRecord,
  type TaskQueueRecord,
  type TaskRecord,
  type WorkerChannelRecord,
  type WorkerRecord,
  type WorkflowRecord,
  type WorkspaceRecord,
} from './records.js';
import { Table } from './table.js';
import type { UnitOfWork } from './unit-of-work.js';

/**
 * Every resource table plus the secondary indexes the services need. The whole
 * state (except the event log) lives in memory, written through to SQLite.
 */
export class Model {
  readonly accounts: Table<AccountRecord>;
  readonly workspaces: Table<WorkspaceRecord>;
  readonly activities: Table<ActivityRecord>;
  readonly taskChannels: Table<TaskChannelRecord>;
  readonly workers: Table<WorkerRecord>;
  readonly workerChannels: Table<WorkerChannelRecord>;
  readonly taskQueues: Table<TaskQueueRecord>;
  readonly workflows: Table<WorkflowRecord>;
  readonly tasks: Table<TaskRecord>;
  readonly reservations: Table<ReservationRecord>;
  readonly taskConfigurations: Table<TaskConfigurationRecord>;

  readonly workspacesByAccount;
  readonly activitiesByWorkspace;
  readonly taskChannelsByWorkspace;
  readonly workersByWorkspace;
  readonly workersByActivity;
  readonly workerChannelsByWorker;
  readonly workerChannelsByTaskChannel;
  readonly taskQueuesByWorkspace;
  readonly workflowsByWorkspace;
  readonly tasksByWorkspace;
  /** Tasks not yet completed or canceled, by their current queue. */
  readonly openTasksByQueue;
  /** Tasks not yet completed or canceled, by workflow. */
  readonly openTasksByWorkflow;
  /** Tasks not yet completed or canceled, by task channel. */
  readonly openTasksByChannel;
  readonly reservationsByTask;
  readonly reservationsByWorker;
  /** Pending, accepted and wrapping reservations, by worker. */
  readonly activeReservationsByWorker;
  /** Pending reservations, by task. */
  readonly pendingReservationsByTask;

  private taskSeq = 0;

  constructor(db: SqliteDatabase, uow: UnitOfWork) {
    this.accounts = new Table<AccountRecord>(db, uow, 'accounts', {
      sid: 'text', friendly_name: 'text', auth_token: 'text', date_created: 'int', date_updated: 'int',
    });
    this.workspaces = new Table<WorkspaceRecord>(db, uow, 'workspaces', {
      sid: 'text', account_sid: 'text', friendly_name: 'text', event_callback_url: 'text', events_filter: 'text',
      multi_task_enabled: 'bool', prioritize_queue_order: 'text', default_activity_sid: 'text',
      timeout_activity_sid: 'text', date_created: 'int', date_updated: 'int',
    });
    this.activities = new Table<ActivityRecord>(db, uow, 'activities', {
      sid: 'text', account_sid: 'text', workspace_sid: 'text', friendly_name: 'text', available: 'bool',
      date_created: 'int', date_updated: 'int',
    });
    this.taskChannels = new Table<TaskChannelRecord>(db, uow, 'task_channels', {
      sid: 'text', account_sid: 'text', workspace_sid: 'text', friendly_name: 'text', unique_name: 'text',
      channel_optimized_routing: 'bool', date_created: 'int', date_updated: 'int',
    });
    this.workers = new Table<WorkerRecord>(db, uow, 'workers', {
      sid: 'text', account_sid: 'text', workspace_sid: 'text', friendly_name: 'text', attributes: 'text',
      activity_sid: 'text', date_status_changed: 'int', idle_since: 'int', date_created: 'int', date_updated: 'int',
      version: 'int',
    });
    this.workerChannels = new Table<WorkerChannelRecord>(db, uow, 'worker_channels', {
      sid: 'text', account_sid: 'text', workspace_sid: 'text', worker_sid: 'text', task_channel_sid: 'text',
      configured_capacity: 'int', available: 'bool', last_reserved_time: 'int', date_created: 'int',
      date_updated: 'int', version: 'int',
    });
    this.taskQueues = new Table<TaskQueueRecord>(db, uow, 'task_queues', {
      sid: 'text', account_sid: 'text', workspace_sid: 'text', friendly_name: 'text', target_workers: 'text',
      max_reserved_workers: 'int', task_order: 'text', reservation_activity_sid: 'text',
      assignment_activity_sid: 'text', date_created: 'int', date_updated: 'int',
    });
    this.workflows = new Table<WorkflowRecord>(db, uow, 'workflows', {
      sid: 'text', account_sid: 'text', workspace_sid: 'text', friendly_name: 'text', configuration: 'text',
      assignment_callback_url: 'text', fallback_assignment_callback_url: 'text', task_reservation_timeout: 'int',
      date_created: 'int', date_updated: 'int',
    });
    this.tasks = new Table<TaskRecord>(db, uow, 'tasks', {
      sid: 'text', account_sid: 'text', workspace_sid: 'text', workflow_sid: 'text', task_queue_sid: 'text',
      task_channel_sid: 'text', attributes: 'text', addons: 'text', priority: 'int', assignment_status: 'text',
      reason: 'text', timeout: 'int', routing_target: 'text', ignore_capacity: 'bool', virtual_start_time: 'int',
      task_queue_entered_date: 'int', date_created: 'int', date_updated: 'int', version: 'int', seq: 'int',
      step_filter: 'int', step_target: 'int', step_base: 'int', step_deadline: 'int', assignment_count: 'int',
    });
    this.reservations = new Table<ReservationRecord>(db, uow, 'reservations', {
      sid: 'text', account_sid: 'text', workspace_sid: 'text', task_sid: 'text', worker_sid: 'text',
      task_queue_sid: 'text', task_channel_sid: 'text', reservation_status: 'text', timeout: 'int',
      worker_previous_activity_sid: 'text', reservation_activity_sid: 'text', instruction: 'json',
      canceled_reason_code: 'int', date_created: 'int', date_updated: 'int', version: 'int',
    });

    this.taskConfigurations = new Table<TaskConfigurationRecord>(db, uow, 'task_configurations', { sid: 'text', configuration: 'text' });

    this.workspacesByAccount = this.workspaces.group((r) => r.account_sid);
    this.activitiesByWorkspace = this.activities.group((r) => r.workspace_sid);
    this.taskChannelsByWorkspace = this.taskChannels.group((r) => r.workspace_sid);
    this.workersByWorkspace = this.workers.group((r) => r.workspace_sid);
    this.workersByActivity = this.workers.group((r) => r.activity_sid);
    this.workerChannelsByWorker = this.workerChannels.group((r) => r.worker_sid);
    this.workerChannelsByTaskChannel = this.workerChannels.group((r) => r.task_channel_sid);
    this.taskQueuesByWorkspace = this.taskQueues.group((r) => r.workspace_sid);
    this.workflowsByWorkspace = this.workflows.group((r) => r.workspace_sid);
    this.tasksByWorkspace = this.tasks.group((r) => r.workspace_sid);
    const open = (r: TaskRecord) => OPEN_TASK_STATUSES.has(r.assignment_status);
    this.openTasksByQueue = this.tasks.group((r) => (open(r) ? r.task_queue_sid : null));
    this.openTasksByWorkflow = this.tasks.group((r) => (open(r) ? r.workflow_sid : null));
    this.openTasksByChannel = this.tasks.group((r) => (open(r) ? r.task_channel_sid : null));
    this.reservationsByTask = this.reservations.group((r) => r.task_sid);
    this.reservationsByWorker = this.reservations.group((r) => r.worker_sid);
    this.activeReservationsByWorker = this.reservations.group((r) =>
      ACTIVE_RESERVATION_STATUSES.has(r.reservation_status) ? r.worker_sid : null,
    );
    this.pendingReservationsByTask = this.reservations.group((r) => (r.reservation_status === 'pending' ? r.task_sid : null));
  }

  /** Loads every table; call after listeners are attached. */
  load(): void {
    for (const table of this.tables()) table.load();
    for (const task of this.tasks.values()) this.taskSeq = Math.max(this.taskSeq, task.seq);
  }

  /** The next task creation number. */
  nextTaskSeq(): number {
    return ++this.taskSeq;
  }

  private tables(): Table<{ sid: string }>[] {
    return [
      this.accounts, this.workspaces, this.activities, this.taskChannels, this.workers, this.workerChannels,
      this.taskQueues, this.workflows, this.tasks, this.reservations, this.taskConfigurations,
    ] as unknown as Table<{ sid: string }>[];
  }
}
