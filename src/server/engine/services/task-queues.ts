import { inUse, invalidParameter } from '../errors.js';
import { optionalEnum, optionalInteger, optionalJsonObject, optionalString, requiredString } from '../input.js';
import { inQueue } from '../routing/contexts.js';
import type { TaskQueueRecord, WorkerRecord } from '../store/records.js';
import type {
  CreateTaskQueueParams,
  Page,
  TaskQueueListFilters,
  TaskQueueResource,
  UpdateTaskQueueParams,
  WriteOptions,
} from '../types.js';
import { Service } from './service.js';

const ORDERS = ['FIFO', 'LIFO'] as const;
/** TaskQueue reference: MaxReservedWorkers is 1–50. */
export const MAX_RESERVED_WORKERS = 50;

/** TaskQueues: which workers (TargetWorkers) get which tasks, in what order. */
export class TaskQueueService extends Service {
  create(workspaceSid: string, params: CreateTaskQueueParams, options: WriteOptions = {}): TaskQueueResource {
    const workspace = this.requireWorkspace(workspaceSid);
    const fields = this.fields(workspaceSid, params, {
      friendly_name: requiredString(params.friendly_name, 'friendly_name', 64),
      target_workers: '1==1',
      max_reserved_workers: 1,
      task_order: 'FIFO',
      reservation_activity_sid: null,
      assignment_activity_sid: null,
    });
    return this.core.mutate(() => {
      const record = this.insert(this.model.taskQueues, 'WQ', workspace, fields);
      this.core.emit.resource('task-queue.created', record, { actor: options.actor ?? null });
      return this.views.taskQueue(record);
    });
  }

  get(workspaceSid: string, sid: string): TaskQueueResource {
    return this.views.taskQueue(this.record(workspaceSid, sid));
  }

  /** Lists queues; `evaluate_worker_attributes` and `worker_sid` keep the queues whose TargetWorkers match. */
  list(workspaceSid: string, filters: TaskQueueListFilters = {}): Page<TaskQueueResource> {
    this.requireWorkspace(workspaceSid);
    const name = optionalString(filters.friendly_name, 'friendly_name');
    const attributes = optionalJsonObject(filters.evaluate_worker_attributes, 'evaluate_worker_attributes');
    const probe = attributes === undefined ? undefined : ({ attributes } as WorkerRecord);
    const workerSid = optionalString(filters.worker_sid, 'worker_sid');
    const workerQueues = workerSid === undefined ? undefined : this.core.index.queuesOf(workerSid);
    let queues = [...this.model.taskQueuesByWorkspace.get(workspaceSid)].filter(
      (queue) =>
        (name === undefined || queue.friendly_name === name) &&
        (!probe || inQueue(this.core.expressions, queue, probe)) &&
        (!workerQueues || workerQueues.has(queue.sid)),
    );
    return this.listPage(this.model.taskQueues, queues, filters, (q) => this.views.taskQueue(q), {
      by: optionalString(filters.ordering, 'ordering'),
      fields: { DateCreated: (q) => q.date_created, DateUpdated: (q) => q.date_updated },
    });
  }

  /** Updates a queue; a new TargetWorkers re-evaluates membership (task-queue.expression.updated) and routes again. */
  update(workspaceSid: string, sid: string, params: UpdateTaskQueueParams, options: WriteOptions = {}): TaskQueueResource {
    const record = this.record(workspaceSid, sid);
    const friendlyName = optionalString(params.friendly_name, 'friendly_name', 64);
    const fields = this.fields(workspaceSid, params, {
      ...record,
      friendly_name: friendlyName === undefined ? record.friendly_name : requiredString(friendlyName, 'friendly_name', 64),
    });
    return this.core.mutate(() => {
      const updated = this.model.taskQueues.put({ ...record, ...fields, date_updated: this.now() });
      if (updated.target_workers !== record.target_workers) {
        this.core.emit.resource('task-queue.expression.updated', updated, {
          actor: options.actor ?? null,
          data: { task_queue_previous_target_expression: record.target_workers },
        });
      }
      return this.views.taskQueue(updated);
    });
  }

  /** Deletes a queue that holds no open task and no workflow routes to. */
  delete(workspaceSid: string, sid: string, options: WriteOptions = {}): void {
    const record = this.record(workspaceSid, sid);
    const tasks = this.model.openTasksByQueue.count(sid);
    if (tasks > 0) {
      throw inUse(`Cannot delete TaskQueue ${record.friendly_name} (${sid}): it still holds ${tasks} task(s) not yet completed or canceled`);
    }
    for (const workflow of this.model.workflowsByWorkspace.get(workspaceSid)) {
      if (this.core.plans.get(workflow).queueSids.has(sid)) {
        throw inUse(`Cannot delete TaskQueue ${record.friendly_name} (${sid}): Workflow ${workflow.friendly_name} (${workflow.sid}) routes to it`);
      }
    }
    this.core.mutate(() => {
      this.model.taskQueues.delete(sid);
      this.core.emit.resource('task-queue.deleted', record, { actor: options.actor ?? null });
    });
  }

  /** The queue, or 404. */
  private record(workspaceSid: string, sid: string): TaskQueueRecord {
    return this.find(this.model.taskQueues, workspaceSid, sid, 'TaskQueue');
  }

  /** Validates the settable fields, starting from `base`. */
  private fields(
    workspaceSid: string,
    params: UpdateTaskQueueParams,
    base: Pick<TaskQueueRecord, 'friendly_name' | 'target_workers' | 'max_reserved_workers' | 'task_order' | 'reservation_activity_sid' | 'assignment_activity_sid'>,
  ) {
    const targetWorkers = optionalString(params.target_workers, 'target_workers', 8192);
    // Empty is allowed, as on TaskRouter: no worker matches, and tasks wait until deleted or moved.
    if (targetWorkers?.trim()) this.core.expressions.get(targetWorkers, 'TargetWorkers');
    return {
      friendly_name: base.friendly_name,
      target_workers: targetWorkers ?? base.target_workers,
      max_reserved_workers:
        optionalInteger(params.max_reserved_workers, 'max_reserved_workers', { min: 1, max: MAX_RESERVED_WORKERS }) ??
        base.max_reserved_workers,
      task_order: optionalEnum(params.task_order, 'task_order', ORDERS) ?? base.task_order,
      reservation_activity_sid: this.activity(workspaceSid, params.reservation_activity_sid, 'reservation_activity_sid') ?? base.reservation_activity_sid,
      assignment_activity_sid: this.activity(workspaceSid, params.assignment_activity_sid, 'assignment_activity_sid') ?? base.assignment_activity_sid,
    };
  }

  private activity(workspaceSid: string, value: unknown, name: string): string | undefined {
    const sid = optionalString(value, name);
    if (sid === undefined) return undefined;
    if (this.model.activities.get(sid)?.workspace_sid !== workspaceSid) {
      const param = name === 'reservation_activity_sid' ? 'ReservationActivitySid' : 'AssignmentActivitySid';
      throw invalidParameter(param, `Invalid ${param}: Activity ${sid} does not exist in this workspace`);
    }
    return sid;
  }
}
