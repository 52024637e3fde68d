import { conflict, inUse, invalidParameter, notFound } from '../errors.js';
import { availableFilter, optionalBoolean, optionalJsonObject, optionalString, requiredString } from '../input.js';
import type { TaskQueueRecord, WorkerRecord } from '../store/records.js';
import type {
  CreateWorkerParams,
  Page,
  UpdateWorkerParams,
  WorkerListFilters,
  WorkerResource,
  WriteOptions,
} from '../types.js';
import { Service } from './service.js';
import type { TaskChannelService } from './task-channels.js';

/** Workers: their activity, attributes (matched by TargetWorkers) and channels. */
export class WorkerService extends Service {
  private taskChannels!: TaskChannelService;

  /** @internal */
  use(taskChannels: TaskChannelService): void {
    this.taskChannels = taskChannels;
  }

  /** Creates a worker in `activity_sid` (default: the workspace's default activity), with one channel per task channel. */
  create(workspaceSid: string, params: CreateWorkerParams, options: WriteOptions = {}): WorkerResource {
    const workspace = this.requireWorkspace(workspaceSid);
    const friendlyName = requiredString(params.friendly_name, 'friendly_name', 64);
    this.checkUniqueName(workspaceSid, friendlyName);
    const attributes = optionalJsonObject(params.attributes, 'attributes') ?? '{}';
    const activitySid = optionalString(params.activity_sid, 'activity_sid') ?? workspace.default_activity_sid;
    if (!activitySid) throw invalidParameter('ActivitySid', 'Missing required parameter ActivitySid (the workspace has no default activity)');
    this.activity(workspaceSid, activitySid);
    const sid = this.core.mutate(() => {
      const now = this.now();
      const record = this.insert(
        this.model.workers,
        'WK',
        workspace,
        { friendly_name: friendlyName, attributes, activity_sid: activitySid, date_status_changed: now, idle_since: now, version: 1 },
        now,
      );
      for (const channel of this.model.taskChannelsByWorkspace.get(workspaceSid)) this.taskChannels.addWorkerChannel(record.sid, channel);
      this.core.emit.worker('worker.created', record, { actor: options.actor ?? null });
      return record.sid;
    });
    return this.views.worker(this.model.workers.get(sid)!);
  }

  get(workspaceSid: string, sid: string): WorkerResource {
    return this.views.worker(this.record(workspaceSid, sid));
  }

  /** Lists workers; `task_queue_sid`/`task_queue_name` use the live queue membership. */
  list(workspaceSid: string, filters: WorkerListFilters = {}): Page<WorkerResource> {
    this.requireWorkspace(workspaceSid);
    const model = this.model;
    const activitySid = optionalString(filters.activity_sid, 'activity_sid');
    const activityName = optionalString(filters.activity_name, 'activity_name');
    const available = availableFilter(filters.available);
    const friendlyName = optionalString(filters.friendly_name, 'friendly_name');
    const expressionSource = optionalString(filters.target_workers_expression, 'target_workers_expression');
    const expression = expressionSource === undefined ? undefined : this.core.expressions.get(expressionSource, 'TargetWorkersExpression');
    const queue = this.queueFilter(workspaceSid, filters);
    const members = queue ? this.core.index.membersOf(queue.sid) : undefined;
    let workers = [...model.workersByWorkspace.get(workspaceSid)].filter((worker) => {
      const activity = model.activities.get(worker.activity_sid);
      if (activitySid !== undefined && worker.activity_sid !== activitySid) return false;
      if (activityName !== undefined && activity?.friendly_name !== activityName) return false;
      if (available !== undefined && (activity?.available ?? false) !== available) return false;
      if (friendlyName !== undefined && worker.friendly_name !== friendlyName) return false;
      if (members && !members.has(worker.sid)) return false;
      if (expression) {
        // The worker as target expressions see it: attributes, and its fields (activity_name, channel…) as TaskRouter documents.
        const context = this.core.contexts.get(worker);
        if (!expression({ attributes: context, worker: context })) return false;
      }
      return true;
    });
    return this.listPage(model.workers, workers, filters, (w) => this.views.worker(w), {
      by: optionalString(filters.ordering, 'ordering'),
      fields: { DateCreated: (w) => w.date_created, DateStatusChanged: (w) => w.date_status_changed },
    });
  }

  /**
   * Updates a worker. A new `activity_sid` records worker.activity.update (with
   * `reject_pending_reservations`, only for an unavailable activity, the worker's
   * pending reservations are rejected); new `attributes` record
   * worker.attributes.update and re-evaluate the worker's queues.
   */
  update(workspaceSid: string, sid: string, params: UpdateWorkerParams, options: WriteOptions = {}): WorkerResource {
    const record = this.record(workspaceSid, sid);
    this.checkVersion(record, 'Worker', options);
    const friendlyName = optionalString(params.friendly_name, 'friendly_name', 64);
    if (friendlyName !== undefined && friendlyName !== record.friendly_name) {
      this.checkUniqueName(workspaceSid, requiredString(friendlyName, 'friendly_name', 64));
    }
    const attributes = optionalJsonObject(params.attributes, 'attributes');
    const activitySid = optionalString(params.activity_sid, 'activity_sid');
    const activity = activitySid === undefined ? undefined : this.activity(workspaceSid, activitySid);
    const rejectPending = optionalBoolean(params.reject_pending_reservations, 'reject_pending_reservations') ?? false;
    if (rejectPending && (!activity || activity.available)) {
      throw invalidParameter('RejectPendingReservations', 'Invalid RejectPendingReservations: only allowed together with an unavailable ActivitySid');
    }
    const actor = options.actor ?? null;
    this.core.mutate(() => {
      const now = this.now();
      let worker = record;
      if (friendlyName !== undefined || attributes !== undefined) {
        worker = this.model.workers.update(worker, {
          friendly_name: friendlyName ?? worker.friendly_name,
          attributes: attributes ?? worker.attributes,
          date_updated: now,
          version: worker.version + 1,
        });
        if (attributes !== undefined) this.core.emit.worker('worker.attributes.update', worker, { actor });
      }
      if (activity) {
        if (rejectPending) {
          for (const reservation of [...this.model.activeReservationsByWorker.get(sid)]) {
            // Straight to the new activity: restoring the one before the reservation would flash the worker Available.
            if (reservation.reservation_status === 'pending') this.core.lifecycle.reject(reservation, activity.sid, actor);
          }
          worker = this.model.workers.get(sid)!;
        }
        this.core.lifecycle.setActivity(worker, activity.sid, actor);
      }
    });
    return this.views.worker(this.model.workers.get(sid)!);
  }

  /** Deletes a worker that holds no pending, accepted or wrapping reservation. */
  delete(workspaceSid: string, sid: string, options: WriteOptions = {}): void {
    const record = this.record(workspaceSid, sid);
    this.checkVersion(record, 'Worker', options);
    const active = this.model.activeReservationsByWorker.count(sid);
    if (active > 0) {
      throw inUse(`Cannot delete Worker ${record.friendly_name} (${sid}): it holds ${active} pending or assigned reservation(s)`);
    }
    this.core.mutate(() => {
      this.core.emit.worker('worker.deleted', record, {
        actor: options.actor ?? null,
        previous: { activity: this.model.activities.get(record.activity_sid), since: record.date_status_changed },
      });
      for (const channel of [...this.model.workerChannelsByWorker.get(sid)]) this.model.workerChannels.delete(channel.sid);
      this.model.workers.delete(sid);
    });
  }

  /** The worker, or 404. */
  private record(workspaceSid: string, sid: string): WorkerRecord {
    return this.find(this.model.workers, workspaceSid, sid, 'Worker');
  }

  private activity(workspaceSid: string, activitySid: string) {
    const activity = this.model.activities.get(activitySid);
    if (!activity || activity.workspace_sid !== workspaceSid) {
      throw invalidParameter('ActivitySid', `Invalid ActivitySid: Activity ${activitySid} does not exist in this workspace`);
    }
    return activity;
  }

  private queueFilter(workspaceSid: string, filters: WorkerListFilters): TaskQueueRecord | undefined {
    const sid = optionalString(filters.task_queue_sid, 'task_queue_sid');
    const name = optionalString(filters.task_queue_name, 'task_queue_name');
    if (sid !== undefined) {
      const queue = this.model.taskQueues.get(sid);
      if (!queue || queue.workspace_sid !== workspaceSid) throw notFound('TaskQueue', sid);
      return queue;
    }
    if (name !== undefined) {
      const queue = [...this.model.taskQueuesByWorkspace.get(workspaceSid)].find((q) => q.friendly_name === name);
      if (!queue) throw notFound('TaskQueue', name);
      return queue;
    }
    return undefined;
  }

  private checkUniqueName(workspaceSid: string, name: string): void {
    for (const worker of this.model.workersByWorkspace.get(workspaceSid)) {
      if (worker.friendly_name === name) throw conflict(`FriendlyName "${name}" is already used by Worker ${worker.sid}`, 'FriendlyName');
    }
  }
}

