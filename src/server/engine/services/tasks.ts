import { conflict, forbidden, invalidParameter } from '../errors.js';
import {
  optionalBoolean,
  optionalDate,
  optionalInteger,
  optionalJsonObject,
  optionalString,
} from '../input.js';
import { attributesOf } from '../routing/contexts.js';
import type { TaskRecord } from '../store/records.js';
import { isWaiting } from '../task-status.js';
import type {
  AssignmentStatus,
  CreateTaskParams,
  Page,
  ReadOptions,
  TaskListFilters,
  TaskResource,
  UpdateTaskParams,
  WriteOptions,
} from '../types.js';
import { Service } from './service.js';
import type { TaskChannelService } from './task-channels.js';

/** Task TTL bounds (seconds): default one day, at most two weeks. */
export const DEFAULT_TASK_TIMEOUT = 86_400;
export const MAX_TASK_TIMEOUT = 1_209_600;
const MAX_PRIORITY = 2_147_483_647;

/** Filter value no SID equals (a name that matches nothing lists nothing). */
const NO_MATCH = '';

const EARLIEST_VIRTUAL_START = Date.UTC(1900, 0, 1);

/** Reservations through which a worker may change its task. */
const LIVE_RESERVATION = new Set(['pending', 'accepted', 'wrapping']);

const STATUSES: readonly AssignmentStatus[] = ['pending', 'reserved', 'assigned', 'wrapping', 'completed', 'canceled'];

/**
 * Tasks: created into a workflow (or straight into a queue), routed, reserved,
 * assigned, wrapped up and completed — or canceled while still waiting.
 */
export class TaskService extends Service {
  private taskChannels!: TaskChannelService;

  /** @internal */
  use(taskChannels: TaskChannelService): void {
    this.taskChannels = taskChannels;
  }

  /** Creates a task and routes it at once (it may come back already reserved). */
  create(workspaceSid: string, params: CreateTaskParams = {}, options: WriteOptions = {}): TaskResource {
    const workspace = this.requireWorkspace(workspaceSid);
    const attributes = optionalJsonObject(params.attributes, 'attributes') ?? '{}';
    const priority = optionalInteger(params.priority, 'priority', { min: 0, max: MAX_PRIORITY }) ?? 0;
    const timeout = optionalInteger(params.timeout, 'timeout', { min: 1, max: MAX_TASK_TIMEOUT }) ?? DEFAULT_TASK_TIMEOUT;
    const channel = this.channel(workspaceSid, optionalString(params.task_channel, 'task_channel') ?? 'default');
    const virtualStart = this.virtualStartTime(params.virtual_start_time);
    const routingTarget = optionalString(params.routing_target, 'routing_target') ?? null;
    const { workflowSid, queueSid } = this.destination(workspaceSid, params, routingTarget);
    const toWorker = routingTarget?.startsWith('WK') ?? false;
    if (toWorker && this.model.workers.get(routingTarget!)?.workspace_sid !== workspaceSid) {
      throw invalidParameter('RoutingTarget', `Invalid RoutingTarget: Worker ${routingTarget} does not exist in this workspace`);
    }
    // As on TaskRouter, a task routed to one worker reaches it whatever its capacity, unless told otherwise.
    const ignoreCapacity = optionalBoolean(params.ignore_capacity, 'ignore_capacity') ?? toWorker;
    const sid = this.core.mutate(() => {
      const now = this.now();
      const task = this.insert(this.model.tasks, 'WT', workspace, {
        workflow_sid: workflowSid,
        task_queue_sid: queueSid,
        task_channel_sid: channel,
        attributes,
        addons: '{}',
        priority,
        assignment_status: 'pending',
        reason: null,
        timeout,
        routing_target: routingTarget,
        ignore_capacity: ignoreCapacity,
        virtual_start_time: virtualStart ?? now,
        task_queue_entered_date: null,
        version: 1,
        seq: this.model.nextTaskSeq(),
        step_filter: null,
        step_target: null,
        step_base: null,
        step_deadline: null,
        assignment_count: 0,
      }, now);
      this.core.setTimer('ttl', task.sid, now + timeout * 1000);
      this.core.lifecycle.admit(task, options.actor ?? null);
      return task.sid;
    });
    return this.view(sid);
  }

  get(workspaceSid: string, sid: string, options: ReadOptions = {}): TaskResource {
    const record = this.record(workspaceSid, sid);
    this.requireHeld(record, options, 'see');
    return this.views.task(record);
  }

  /** The workspace's tasks; for a worker, those it has had a reservation for. */
  list(workspaceSid: string, filters: TaskListFilters = {}, options: ReadOptions = {}): Page<TaskResource> {
    this.requireWorkspace(workspaceSid);
    const model = this.model;
    const statuses = this.statusFilter(filters.assignment_status);
    const workflowSid = this.sidByName(workspaceSid, filters.workflow_sid, filters.workflow_name, 'workflow');
    const queueSid = this.sidByName(workspaceSid, filters.task_queue_sid, filters.task_queue_name, 'task_queue');
    const priority = optionalInteger(filters.priority, 'priority');
    const routingTarget = optionalString(filters.routing_target, 'routing_target');
    const hasAddons = optionalBoolean(filters.has_addons, 'has_addons');
    const source = optionalString(filters.evaluate_task_attributes, 'evaluate_task_attributes');
    const expression = source === undefined ? undefined : this.core.expressions.get(source, 'EvaluateTaskAttributes');
    let tasks = [...model.tasksByWorkspace.get(workspaceSid)].filter((task) => {
      if (!this.held(task, options, 'see')) return false;
      if (statuses && !statuses.has(task.assignment_status)) return false;
      if (workflowSid !== undefined && task.workflow_sid !== workflowSid) return false;
      if (queueSid !== undefined && task.task_queue_sid !== queueSid) return false;
      if (priority !== undefined && task.priority !== priority) return false;
      if (routingTarget !== undefined && task.routing_target !== routingTarget) return false;
      if (hasAddons !== undefined && (task.addons !== '{}') !== hasAddons) return false;
      if (expression) {
        const attributes = attributesOf(task);
        if (!expression({ attributes, task: attributes, now: this.now() })) return false;
      }
      return true;
    });
    const ordering = optionalString(filters.ordering, 'ordering');
    if (ordering && /DateCreated/.test(ordering) && /VirtualStartTime/.test(ordering)) {
      throw invalidParameter('Ordering', `Invalid Ordering: "${ordering}" (DateCreated and VirtualStartTime cannot be paired)`);
    }
    return this.listPage(model.tasks, tasks, filters, (t) => this.views.task(t), {
      by: ordering,
      fields: { DateCreated: (t) => t.date_created, Priority: (t) => t.priority, VirtualStartTime: (t) => t.virtual_start_time ?? t.date_created },
    });
  }

  /**
   * Updates a task. New attributes (task.updated) route a waiting task again
   * through its workflow. `assignment_status`: `canceled` from pending/reserved,
   * `wrapping` from assigned, `completed` from assigned or wrapping.
   */
  update(workspaceSid: string, sid: string, params: UpdateTaskParams, options: WriteOptions = {}): TaskResource {
    const record = this.record(workspaceSid, sid);
    // A worker that held the task hears first why the change cannot be made (it is completed, say), then that it
    // no longer holds the task: as the back end would, racing it to complete.
    this.requireHeld(record, options, 'see');
    this.checkVersion(record, 'Task', options);
    const attributes = optionalJsonObject(params.attributes, 'attributes');
    const priority = optionalInteger(params.priority, 'priority', { min: 0, max: MAX_PRIORITY });
    const channelName = optionalString(params.task_channel, 'task_channel');
    const channel = channelName === undefined ? undefined : this.channel(workspaceSid, channelName);
    const virtualStart = this.virtualStartTime(params.virtual_start_time);
    const reason = optionalString(params.reason, 'reason', 1024) ?? null;
    const status = params.assignment_status === undefined ? undefined : this.targetStatus(record, params.assignment_status);
    const changes: Partial<TaskRecord> = {};
    if (attributes !== undefined) changes.attributes = attributes;
    // "The Task takes on the specified priority unless it matches a Workflow Target with a Priority set."
    if (priority !== undefined && this.core.plans.currentTarget(record)?.priority == null) changes.priority = priority;
    if (virtualStart !== undefined) changes.virtual_start_time = virtualStart;
    if (channel !== undefined && channel !== record.task_channel_sid) {
      if (record.assignment_status !== 'pending') {
        throw conflict(`Cannot change the TaskChannel of Task ${sid}: it is ${record.assignment_status}, not pending`, 'TaskChannel');
      }
      changes.task_channel_sid = channel;
    }
    const changed = Object.keys(changes).length > 0;
    if (changed && !isWaiting(record) && record.assignment_status !== 'assigned' && record.assignment_status !== 'wrapping') {
      throw conflict(`Cannot update Task ${sid}: it is already ${record.assignment_status}`);
    }
    this.requireHeld(record, options, 'change');
    const actor = options.actor ?? null;
    this.core.mutate(() => {
      let task = record;
      if (changed) {
        task = this.model.tasks.update(task, { ...changes, date_updated: this.now(), version: task.version + 1 });
        this.core.emit.task('task.updated', task, { actor });
        if (attributes !== undefined && isWaiting(task)) this.core.lifecycle.route(task);
        task = this.model.tasks.get(sid)!;
      }
      if (status === 'canceled') this.core.lifecycle.cancel(task, reason, actor);
      else if (status === 'wrapping') this.core.lifecycle.wrapup(task, actor);
      else if (status === 'completed') this.core.lifecycle.complete(task, reason, actor);
    });
    return this.view(sid);
  }

  /** Deletes a task in any state; its pending reservations are canceled. */
  delete(workspaceSid: string, sid: string, options: WriteOptions = {}): void {
    const record = this.record(workspaceSid, sid);
    this.checkVersion(record, 'Task', options);
    this.core.mutate(() => this.core.lifecycle.delete(record, options.actor ?? null));
  }

  /**
   * Whether the caller may see or change the task: a worker (the actor of a worker's capability token) sees the tasks
   * it has had a reservation for, and changes those it holds one for now (pending, accepted or wrapping). Twilio's
   * worker policies allow GET and POST on every task path, which would show any agent every customer's task and let
   * it cancel or complete a colleague's.
   */
  private held(task: TaskRecord, { actor }: ReadOptions, access: 'see' | 'change'): boolean {
    if (actor?.type !== 'worker') return true;
    for (const reservation of this.model.reservationsByTask.get(task.sid)) {
      if (reservation.worker_sid === actor.sid && (access === 'see' || LIVE_RESERVATION.has(reservation.reservation_status))) return true;
    }
    return false;
  }

  /** 403 unless the caller may see or change the task (see `held`). */
  private requireHeld(task: TaskRecord, options: ReadOptions, access: 'see' | 'change'): void {
    if (this.held(task, options, access)) return;
    const what = access === 'see' ? 'has no reservation for it' : 'holds no pending, accepted or wrapping reservation for it';
    throw forbidden(`Worker ${options.actor!.sid} may not ${access} Task ${task.sid}: it ${what}`);
  }

  /** The task, or 404. */
  private record(workspaceSid: string, sid: string): TaskRecord {
    return this.find(this.model.tasks, workspaceSid, sid, 'Task');
  }

  private view(sid: string): TaskResource {
    return this.views.task(this.model.tasks.get(sid)!);
  }

  /** Checks an `assignment_status` update against the task's state. */
  private targetStatus(task: TaskRecord, value: string): 'canceled' | 'wrapping' | 'completed' {
    const from = task.assignment_status;
    const allowed: Record<string, AssignmentStatus[]> = {
      canceled: ['pending', 'reserved'],
      wrapping: ['assigned'],
      completed: ['assigned', 'wrapping'],
    };
    const sources = allowed[value];
    if (!sources) {
      throw invalidParameter('AssignmentStatus', `Invalid AssignmentStatus: expected canceled, wrapping or completed, got "${value}"`);
    }
    if (!sources.includes(from)) {
      throw conflict(`Cannot move Task ${task.sid} to ${value}: it is ${from} (allowed from ${sources.join(' or ')})`, 'AssignmentStatus');
    }
    return value as 'canceled' | 'wrapping' | 'completed';
  }

  private channel(workspaceSid: string, sidOrName: string): string {
    try {
      return this.taskChannels.resolve(workspaceSid, sidOrName).sid;
    } catch {
      throw invalidParameter('TaskChannel', `Invalid TaskChannel: no TaskChannel "${sidOrName}" in this workspace`);
    }
  }

  /** `VirtualStartTime`, which TaskRouter takes from 1900 up to now. */
  private virtualStartTime(value: unknown): number | undefined {
    const ms = optionalDate(value, 'virtual_start_time');
    if (ms !== undefined && (ms > this.now() || ms < EARLIEST_VIRTUAL_START)) {
      throw invalidParameter('VirtualStartTime', `Invalid VirtualStartTime: "${String(value)}" is in the future or before 1900`);
    }
    return ms;
  }

  /**
   * The workflow (or queue) a new task goes to: the workflow or queue its `RoutingTarget` names, else
   * `WorkflowSid` or `TaskQueueSid`, else the workspace's one workflow.
   */
  private destination(
    workspaceSid: string,
    params: CreateTaskParams,
    routingTarget: string | null,
  ): { workflowSid: string | null; queueSid: string | null } {
    if (routingTarget !== null && !/^W[KQW]/.test(routingTarget)) {
      throw invalidParameter('RoutingTarget', `Invalid RoutingTarget: "${routingTarget}" is not the SID of a Worker (WK…), TaskQueue (WQ…) or Workflow (WW…)`);
    }
    const workflowSid = optionalString(params.workflow_sid, 'workflow_sid');
    const queueSid = optionalString(params.task_queue_sid, 'task_queue_sid');
    const [param, sid] =
      routingTarget !== null && !routingTarget.startsWith('WK') ? ['RoutingTarget', routingTarget]
      : workflowSid !== undefined ? ['WorkflowSid', workflowSid]
      : ['TaskQueueSid', queueSid];
    if (sid === undefined) {
      const workflows = [...this.model.workflowsByWorkspace.get(workspaceSid)];
      if (workflows.length !== 1) {
        throw invalidParameter('WorkflowSid', `Missing required parameter WorkflowSid (the workspace has ${workflows.length} workflows)`);
      }
      return { workflowSid: workflows[0]!.sid, queueSid: null };
    }
    if (sid.startsWith('WW') || param === 'WorkflowSid') {
      if (this.model.workflows.get(sid)?.workspace_sid !== workspaceSid) {
        throw invalidParameter(param, `Invalid ${param}: Workflow ${sid} does not exist in this workspace`);
      }
      return { workflowSid: sid, queueSid: null };
    }
    if (this.model.taskQueues.get(sid)?.workspace_sid !== workspaceSid) {
      throw invalidParameter(param, `Invalid ${param}: TaskQueue ${sid} does not exist in this workspace`);
    }
    return { workflowSid: null, queueSid: sid };
  }

  private statusFilter(value: TaskListFilters['assignment_status']): Set<string> | undefined {
    if (value === undefined) return undefined;
    const list = (Array.isArray(value) ? value : [value]).flatMap((v) => String(v).split(',')).map((v) => v.trim()).filter(Boolean);
    for (const status of list) {
      if (!STATUSES.includes(status as AssignmentStatus)) {
        throw invalidParameter('AssignmentStatus', `Invalid AssignmentStatus: "${status}" (expected ${STATUSES.join(', ')})`);
      }
    }
    return new Set(list);
  }

  private sidByName(workspaceSid: string, sid: unknown, name: unknown, kind: 'workflow' | 'task_queue'): string | undefined {
    const givenSid = optionalString(sid, `${kind}_sid`);
    if (givenSid !== undefined) return givenSid;
    const givenName = optionalString(name, `${kind}_name`);
    if (givenName === undefined) return undefined;
    const records = kind === 'workflow' ? this.model.workflowsByWorkspace.get(workspaceSid) : this.model.taskQueuesByWorkspace.get(workspaceSid);
    for (const record of records) if (record.friendly_name === givenName) return record.sid;
    return NO_MATCH;
  }
}
