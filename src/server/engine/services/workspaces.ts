import { invalidParameter, notFound } from '../errors.js';
import { optionalBoolean, optionalEnum, optionalString, requiredString } from '../input.js';
import { newSid } from '../sids.js';
import type { WorkspaceRecord } from '../store/records.js';
import type { Table } from '../store/table.js';
import type {
  CreateWorkspaceParams,
  Page,
  UpdateWorkspaceParams,
  WorkspaceListFilters,
  WorkspaceResource,
  WriteOptions,
} from '../types.js';
import type { ActivityService } from './activities.js';
import { Service } from './service.js';
import type { TaskChannelService } from './task-channels.js';
import type { TaskQueueService } from './task-queues.js';
import type { WorkflowService } from './workflows.js';

/** Activities every new workspace starts with (twilio.com/docs/taskrouter/activities). */
export const DEFAULT_ACTIVITIES = [
  { friendly_name: 'Offline', available: false },
  { friendly_name: 'Available', available: true },
  { friendly_name: 'Unavailable', available: false },
] as const;

/** Task channels every new workspace starts with. */
export const DEFAULT_TASK_CHANNELS = [
  { unique_name: 'default', friendly_name: 'Default' },
  { unique_name: 'voice', friendly_name: 'Voice' },
  { unique_name: 'sms', friendly_name: 'SMS' },
  { unique_name: 'chat', friendly_name: 'Chat' },
  { unique_name: 'video', friendly_name: 'Video' },
] as const;

const ORDERS = ['FIFO', 'LIFO'] as const;

interface WorkspaceDependencies {
  activities: ActivityService;
  taskChannels: TaskChannelService;
  taskQueues: TaskQueueService;
  workflows: WorkflowService;
}

/** Workspaces of an account. Every call takes the AccountSid the caller authenticated as. */
export class WorkspaceService extends Service {
  private dependencies!: WorkspaceDependencies;

  /** @internal wires the services a new workspace is populated with. */
  use(dependencies: WorkspaceDependencies): void {
    this.dependencies = dependencies;
  }

  /**
   * Creates a workspace with the default activities (Offline — also the default
   * and timeout activity —, Available, Unavailable) and task channels (default,
   * voice, sms, chat, video). Template `FIFO` adds "Sample Queue" (TargetWorkers
   * `1==1`) and "Default Fifo Workflow" routing every task to it.
   */
  create(accountSid: string, params: CreateWorkspaceParams): WorkspaceResource {
    if (!this.model.accounts.get(accountSid)) throw notFound('Account', accountSid);
    const friendlyName = requiredString(params.friendly_name, 'friendly_name', 64);
    const multiTask = optionalBoolean(params.multi_task_enabled, 'multi_task_enabled') ?? true;
    const order = optionalEnum(params.prioritize_queue_order, 'prioritize_queue_order', ORDERS) ?? 'FIFO';
    const template = optionalEnum(params.template, 'template', ['NONE', 'FIFO'] as const) ?? 'NONE';
    const eventCallbackUrl = optionalString(params.event_callback_url, 'event_callback_url', 2048) ?? null;
    const eventsFilter = optionalString(params.events_filter, 'events_filter') ?? null;
    return this.core.mutate(() => {
      const now = this.now();
      let workspace = this.model.workspaces.put({
        sid: newSid('WS'),
        account_sid: accountSid,
        friendly_name: friendlyName,
        event_callback_url: eventCallbackUrl,
        events_filter: eventsFilter,
        multi_task_enabled: multiTask,
        prioritize_queue_order: order,
        default_activity_sid: null,
        timeout_activity_sid: null,
        date_created: now,
        date_updated: now,
      });
      this.core.emit.resource('workspace.created', workspace);
      const { activities, taskChannels, taskQueues, workflows } = this.dependencies;
      const created = DEFAULT_ACTIVITIES.map((a) => activities.create(workspace.sid, a));
      for (const channel of DEFAULT_TASK_CHANNELS) taskChannels.create(workspace.sid, channel);
      workspace = this.model.workspaces.update(workspace, {
        default_activity_sid: created[0]!.sid,
        timeout_activity_sid: created[0]!.sid,
      });
      if (template === 'FIFO') {
        const queue = taskQueues.create(workspace.sid, { friendly_name: 'Sample Queue', target_workers: '1==1' });
        workflows.create(workspace.sid, {
          friendly_name: 'Default Fifo Workflow',
          configuration: { task_routing: { filters: [], default_filter: { queue: queue.sid } } },
        });
      }
      return this.views.workspace(workspace);
    });
  }

  get(accountSid: string, sid: string): WorkspaceResource {
    return this.views.workspace(this.owned(accountSid, sid));
  }

  list(accountSid: string, filters: WorkspaceListFilters = {}): Page<WorkspaceResource> {
    const name = optionalString(filters.friendly_name, 'friendly_name');
    const workspaces = [...this.model.workspacesByAccount.get(accountSid)].filter((w) => name === undefined || w.friendly_name === name);
    return this.listPage(this.model.workspaces, workspaces, filters, (w) => this.views.workspace(w));
  }

  update(accountSid: string, sid: string, params: UpdateWorkspaceParams, options: WriteOptions = {}): WorkspaceResource {
    const workspace = this.owned(accountSid, sid);
    const changes: Partial<WorkspaceRecord> = {};
    const friendlyName = optionalString(params.friendly_name, 'friendly_name', 64);
    if (friendlyName !== undefined) changes.friendly_name = requiredString(friendlyName, 'friendly_name', 64);
    const url = optionalString(params.event_callback_url, 'event_callback_url', 2048);
    if (url !== undefined) changes.event_callback_url = url || null;
    const filter = optionalString(params.events_filter, 'events_filter');
    if (filter !== undefined) changes.events_filter = filter || null;
    const multiTask = optionalBoolean(params.multi_task_enabled, 'multi_task_enabled');
    if (multiTask !== undefined) changes.multi_task_enabled = multiTask;
    const order = optionalEnum(params.prioritize_queue_order, 'prioritize_queue_order', ORDERS);
    if (order !== undefined) changes.prioritize_queue_order = order;
    for (const key of ['default_activity_sid', 'timeout_activity_sid'] as const) {
      const activitySid = optionalString(params[key], key);
      if (activitySid === undefined) continue;
      if (this.model.activities.get(activitySid)?.workspace_sid !== sid) {
        throw invalidParameter(key === 'default_activity_sid' ? 'DefaultActivitySid' : 'TimeoutActivitySid',
          `Invalid ${key === 'default_activity_sid' ? 'DefaultActivitySid' : 'TimeoutActivitySid'}: Activity ${activitySid} does not exist in this workspace`);
      }
      changes[key] = activitySid;
    }
    return this.core.mutate(() => {
      const updated = this.model.workspaces.update(workspace, { ...changes, date_updated: this.now() });
      this.core.emit.resource('workspace.updated', updated, { actor: options.actor ?? null });
      return this.views.workspace(updated);
    });
  }

  /** Deletes a workspace and everything in it (tasks, workers, queues, workflows, activities, channels, events). */
  delete(accountSid: string, sid: string, options: WriteOptions = {}): void {
    const workspace = this.owned(accountSid, sid);
    const model = this.model;
    this.core.mutate(() => {
      for (const task of [...model.tasksByWorkspace.get(sid)]) {
        for (const reservation of [...model.reservationsByTask.get(task.sid)]) {
          this.core.clearTimer('reservation', reservation.sid);
          model.reservations.delete(reservation.sid);
        }
        for (const kind of ['step', 'ttl', 'purge'] as const) this.core.clearTimer(kind, task.sid);
        model.tasks.delete(task.sid);
      }
      for (const worker of [...model.workersByWorkspace.get(sid)]) {
        deleteAll(model.workerChannels, model.workerChannelsByWorker.get(worker.sid));
        model.workers.delete(worker.sid);
      }
      deleteAll(model.workflows, model.workflowsByWorkspace.get(sid));
      deleteAll(model.taskQueues, model.taskQueuesByWorkspace.get(sid));
      deleteAll(model.activities, model.activitiesByWorkspace.get(sid));
      deleteAll(model.taskChannels, model.taskChannelsByWorkspace.get(sid));
      this.core.db.prepare('DELETE FROM events WHERE workspace_sid = ?').run(sid);
      model.workspaces.delete(sid);
      this.core.emit.resource('workspace.deleted', workspace, { actor: options.actor ?? null });
    });
  }

  private owned(accountSid: string, sid: string): WorkspaceRecord {
    const workspace = this.model.workspaces.get(sid);
    if (!workspace || workspace.account_sid !== accountSid) throw notFound('Workspace', sid);
    return workspace;
  }
}

function deleteAll<R extends { sid: string }>(table: Table<R>, records: Iterable<R>): void {
  for (const record of [...records]) table.delete(record.sid);
}
