/**
 * State transitions of tasks, reservations and workers (protocol.md §6.2, §6.4,
 * §7), each recorded with its events and timers. Called by the services, the
 * router and the timers, always inside {@link EngineCore.mutate}.
 */
import type { EngineCore, TimerKind } from './core.js';
import type { Actor } from './emitter.js';
import { newSid } from './sids.js';
import type {
  ReservationRecord,
  TaskQueueRecord,
  TaskRecord,
  WorkerRecord,
} from './store/records.js';
import type { ReservationStatus } from './types.js';
import { DEFAULT_FILTER, type WorkflowPlan } from './workflow-config.js';
import { findStep, liveTarget, targetAt, type Step } from './routing/steps.js';

/** TaskRouter cancels a task after this many pending → reserved transitions. */
export const MAX_ASSIGNMENT_COUNT = 1000;
/** Reservation timeout when the task has no workflow (seconds). */
export const DEFAULT_RESERVATION_TIMEOUT = 120;

export const CANCEL_REASONS = {
  ttl: 'Task TTL Exceeded',
  maxAssignments: 'Max assignment count exceeded',
  noFilter: 'Task matched no workflow filter and the workflow has no default_filter',
  fellOut: 'Task fell out of the workflow: the last target timed out',
} as const;

export class Lifecycle {
  constructor(private readonly core: EngineCore) {}

  private get model() {
    return this.core.model;
  }

  // ------------------------------------------------------------ timers

  /** Re-arms every timer from stored timestamps (after opening the store). */
  rearmTimers(): void {
    const core = this.core;
    for (const task of this.model.tasks.values()) {
      if (isWaiting(task)) {
        core.setTimer('ttl', task.sid, task.date_created + task.timeout * 1000);
        if (task.step_deadline !== null) core.setTimer('step', task.sid, task.step_deadline);
        this.watchClock(task);
      } else if (isFinished(task)) {
        if (core.retentionMs !== null) core.setTimer('purge', task.sid, task.date_updated + core.retentionMs);
      }
    }
    for (const reservation of this.model.reservations.values()) {
      if (reservation.reservation_status === 'pending') {
        core.setTimer('reservation', reservation.sid, reservation.date_created + reservation.timeout * 1000);
      }
    }
  }

  onTimer(kind: TimerKind, sid: string): void {
    if (kind === 'reservation') {
      const reservation = this.model.reservations.get(sid);
      if (reservation?.reservation_status === 'pending') this.timeOut(reservation);
      return;
    }
    const task = this.model.tasks.get(sid);
    if (!task) return;
    if (kind === 'step') this.advance(task);
    else if (kind === 'clock' && isWaiting(task)) {
      this.core.index.markTask(task.sid);
      this.watchClock(task);
    } else if (kind === 'ttl' && isWaiting(task)) this.cancel(task, CANCEL_REASONS.ttl);
    else if (kind === 'purge' && isFinished(task)) this.remove(task);
  }

  /**
   * A waiting task whose target expression reads the time (`taskrouter.currentTime`, `dayOfWeek`…) is routed again
   * at every minute, when those values change: an agent idle before opening time gets it once the window opens.
   */
  private watchClock(task: TaskRecord): void {
    const target = isWaiting(task) ? this.core.plans.currentTarget(task) : undefined;
    if (target?.expression?.keys.some((key) => key.scope === 'taskrouter')) {
      this.core.setTimer('clock', task.sid, (Math.floor(this.core.now() / 60_000) + 1) * 60_000);
    } else {
      this.core.clearTimer('clock', task.sid);
    }
  }

  // ------------------------------------------------------------ workers

  /** Moves a worker to another activity (no-op when already there) and records worker.activity.update. */
  setActivity(worker: WorkerRecord, activitySid: string, actor?: Actor | null): WorkerRecord {
    if (worker.activity_sid === activitySid) return worker;
    const now = this.core.now();
    const previous = this.model.activities.get(worker.activity_sid);
    const next = this.model.activities.get(activitySid)!;
    const becameAvailable = next.available && !previous?.available;
    const updated = this.model.workers.update(worker, {
      activity_sid: activitySid,
      date_status_changed: now,
      idle_since: becameAvailable ? now : worker.idle_since,
      date_updated: now,
      version: worker.version + 1,
    });
    this.core.emit.worker('worker.activity.update', updated, {
      previous: { activity: previous, since: worker.date_status_changed },
      actor: actor ?? null,
      description: `Worker ${worker.friendly_name} updated to ${next.friendly_name} Activity`,
    });
    return updated;
  }

  // ------------------------------------------------------------ workflow steps

  /**
   * Puts a new task on its route and announces it. TaskRouter's order is
   * `workflow.entered, task-queue.entered, task.created, workflow.target-matched`
   * (protocol.md §6.4): task.created comes once the task is in its queue, so it names
   * the queue (and reaches the queue's channel), before any reservation.
   */
  admit(task: TaskRecord, actor: Actor | null): void {
    if (task.workflow_sid) this.core.emit.task('workflow.entered', task, { resourceType: 'workflow', resourceSid: task.workflow_sid });
    let announced = false;
    const announce = () => {
      if (announced) return;
      announced = true;
      this.core.emit.task('task.created', this.model.tasks.get(task.sid)!, { actor });
    };
    this.route(task, announce);
    announce();
  }

  /**
   * Routes a task from the top of its workflow: a new one ({@link admit}), or a waiting
   * one again after its attributes or the workflow changed. `entered` runs once the task
   * is in its queue, before its target is announced, or before it leaves the workflow.
   */
  route(task: TaskRecord, entered?: () => void): void {
    // From the top means under the workflow's configuration as it is now.
    this.model.taskConfigurations.delete(task.sid);
    if (task.workflow_sid === null) {
      if (task.task_queue_entered_date === null && task.task_queue_sid) this.enterQueue(task, null);
      return;
    }
    const plan = this.planOf(task);
    const { step } = findStep(plan, task, 0, task.date_created, this.core.now(), true);
    if (!step) {
      entered?.();
      this.core.emit.task('workflow.timeout', task, { resourceType: 'workflow', resourceSid: task.workflow_sid });
      this.cancel(task, CANCEL_REASONS.noFilter);
      return;
    }
    const sameStep = step.filter === task.step_filter && step.target === task.step_target && step.base === task.step_base;
    if (sameStep && targetAt(plan, step.filter, step.target)!.queueSid === task.task_queue_sid) return;
    this.enterStep(task, step, entered);
  }

  /** A waiting task's target timed out: next target, next matching filter, or out of the workflow. */
  private advance(task: TaskRecord): void {
    const now = this.core.now();
    if (!isWaiting(task) || task.step_deadline === null || task.step_deadline > now || task.step_filter === null) return;
    this.core.emit.task('task-queue.timeout', task, { resourceType: 'taskqueue', resourceSid: task.task_queue_sid! });
    this.moveOn(task, false);
  }

  /** skip_if held on entering the step: go on as if the step had timed out. */
  skipStep(task: TaskRecord): void {
    if (task.step_filter === null || task.step_filter === DEFAULT_FILTER) return;
    this.core.emit.task('workflow.skipped', task, { resourceType: 'workflow', resourceSid: task.workflow_sid! });
    this.moveOn(task, true);
  }

  private moveOn(task: TaskRecord, skipped: boolean): void {
    const now = this.core.now();
    const plan = this.planOf(task);
    const filter = task.step_filter!;
    let step: Step | null = filter === DEFAULT_FILTER ? null : liveTarget(plan, filter, task.step_target! + 1, task.step_base!, now);
    // A skipped filter counts as not matched, so the default filter stays reachable (§6.2 skip_if).
    if (!step && filter !== DEFAULT_FILTER) step = findStep(plan, task, filter + 1, now, now, skipped).step;
    if (step) {
      this.enterStep(task, step);
      return;
    }
    this.core.emit.task('workflow.timeout', task, { resourceType: 'workflow', resourceSid: task.workflow_sid! });
    this.cancel(this.model.tasks.get(task.sid)!, CANCEL_REASONS.fellOut);
  }

  private enterStep(task: TaskRecord, step: Step, entered?: () => void): void {
    const now = this.core.now();
    const plan = this.planOf(task);
    const target = targetAt(plan, step.filter, step.target)!;
    const previousQueue = task.task_queue_sid;
    const queueChanged = previousQueue !== target.queueSid;
    if (queueChanged) {
      this.endAllPending(task.sid, 'canceled');
      task = this.model.tasks.get(task.sid)!;
    }
    const updated = this.model.tasks.update(task, {
      task_queue_sid: target.queueSid,
      task_queue_entered_date: queueChanged ? now : task.task_queue_entered_date,
      priority: target.priority ?? task.priority,
      assignment_status: this.model.pendingReservationsByTask.count(task.sid) > 0 ? task.assignment_status : 'pending',
      step_filter: step.filter,
      step_target: step.target,
      step_base: step.base,
      step_deadline: step.deadline,
      date_updated: now,
      version: task.version + 1,
    });
    if (step.deadline === null) this.core.clearTimer('step', task.sid);
    else this.core.setTimer('step', task.sid, step.deadline);
    this.watchClock(updated);
    // The task enters its queue before the target is announced (protocol.md §6.4).
    if (queueChanged) this.enterQueue(updated, previousQueue);
    entered?.();
    const filterName = step.filter === DEFAULT_FILTER ? 'Default Filter' : plan.filters[step.filter]!.name;
    this.core.emit.task('workflow.target-matched', this.model.tasks.get(task.sid)!, {
      resourceType: 'workflow',
      resourceSid: updated.workflow_sid!,
      data: { workflow_filter_name: filterName, workflow_filter_target_index: step.target },
    });
    this.core.router.noteEntered(task.sid);
  }

  /** The routing plan a task follows (only called for tasks that have a workflow). */
  private planOf(task: TaskRecord): WorkflowPlan {
    return this.core.plans.planFor(task)!;
  }

  private enterQueue(task: TaskRecord, previousQueue: string | null): void {
    if (task.task_queue_entered_date === null) {
      task = this.model.tasks.update(task, { task_queue_entered_date: this.core.now() });
    }
    if (previousQueue) {
      this.core.emit.task('task-queue.moved', task, {
        resourceType: 'taskqueue',
        resourceSid: previousQueue,
        data: { task_queue_previous_sid: previousQueue },
      });
    }
    this.core.emit.task('task-queue.entered', task, { resourceType: 'taskqueue', resourceSid: task.task_queue_sid! });
  }

  // ------------------------------------------------------------ reservations

  /** Creates a pending reservation of `task` for `worker` in `queue`. */
  reserve(task: TaskRecord, worker: WorkerRecord, queue: TaskQueueRecord): void {
    const now = this.core.now();
    const first = task.assignment_status === 'pending';
    if (first && task.assignment_count >= MAX_ASSIGNMENT_COUNT) {
      this.cancel(task, CANCEL_REASONS.maxAssignments);
      return;
    }
    const workspace = this.model.workspaces.get(task.workspace_sid)!;
    const workflow = task.workflow_sid ? this.model.workflows.get(task.workflow_sid) : undefined;
    const timeout = workflow?.task_reservation_timeout ?? DEFAULT_RESERVATION_TIMEOUT;
    const previousActivity = worker.activity_sid;
    let movedTo: string | null = null;
    if (!workspace.multi_task_enabled && queue.reservation_activity_sid && queue.reservation_activity_sid !== worker.activity_sid) {
      worker = this.setActivity(worker, queue.reservation_activity_sid);
      movedTo = queue.reservation_activity_sid;
    }
    this.model.workers.update(worker, { idle_since: now, version: worker.version + 1, date_updated: now });
    for (const channel of this.model.workerChannelsByWorker.get(worker.sid)) {
      if (channel.task_channel_sid !== task.task_channel_sid) continue;
      this.model.workerChannels.update(channel, { last_reserved_time: now, version: channel.version + 1 });
    }
    this.model.tasks.update(task, {
      assignment_status: 'reserved',
      assignment_count: first ? task.assignment_count + 1 : task.assignment_count,
      date_updated: now,
      version: task.version + 1,
    });
    const reservation = this.model.reservations.put({
      sid: newSid('WR'),
      account_sid: task.account_sid,
      workspace_sid: task.workspace_sid,
      task_sid: task.sid,
      worker_sid: worker.sid,
      task_queue_sid: queue.sid,
      task_channel_sid: task.task_channel_sid,
      reservation_status: 'pending',
      timeout,
      worker_previous_activity_sid: previousActivity,
      reservation_activity_sid: movedTo,
      instruction: null,
      canceled_reason_code: null,
      date_created: now,
      date_updated: now,
      version: 1,
    });
    this.core.setTimer('reservation', reservation.sid, now + timeout * 1000);
    this.core.emit.reservation('reservation.created', reservation);
  }

  /**
   * Accepts a pending reservation: the task is assigned, then the task's other pending reservations are rescinded
   * (their events follow the acceptance that caused them).
   */
  accept(reservation: ReservationRecord, actor?: Actor | null): ReservationRecord {
    const now = this.core.now();
    const accepted = this.setStatus(reservation, 'accepted');
    const task = this.model.tasks.get(reservation.task_sid)!;
    this.model.tasks.update(task, { assignment_status: 'assigned', date_updated: now, version: task.version + 1 });
    for (const kind of ['step', 'ttl', 'clock'] as const) this.core.clearTimer(kind, task.sid);
    this.model.taskConfigurations.delete(task.sid);
    const workspace = this.model.workspaces.get(task.workspace_sid)!;
    const queue = this.model.taskQueues.get(reservation.task_queue_sid);
    if (!workspace.multi_task_enabled && queue?.assignment_activity_sid) {
      this.setActivity(this.model.workers.get(reservation.worker_sid)!, queue.assignment_activity_sid, actor);
    }
    this.core.emit.reservation('reservation.accepted', accepted, { actor });
    this.endAllPending(task.sid, 'rescinded');
    return this.model.reservations.get(reservation.sid)!;
  }

  /** Rejects a pending reservation, optionally moving the worker; the task waits for the next worker. */
  reject(reservation: ReservationRecord, activitySid: string | null, actor?: Actor | null): ReservationRecord {
    const rejected = this.setStatus(reservation, 'rejected');
    const worker = this.model.workers.get(reservation.worker_sid)!;
    if (activitySid) this.setActivity(worker, activitySid, actor);
    else this.undoReservationActivity(reservation);
    this.settle(reservation.task_sid);
    this.core.emit.reservation('reservation.rejected', rejected, { actor });
    return this.model.reservations.get(reservation.sid)!;
  }

  /** A reservation timed out: the worker goes to the workspace's timeout activity and the task is routed again. */
  private timeOut(reservation: ReservationRecord): void {
    const timedOut = this.setStatus(reservation, 'timeout');
    const workspace = this.model.workspaces.get(reservation.workspace_sid)!;
    const worker = this.model.workers.get(reservation.worker_sid)!;
    if (workspace.timeout_activity_sid) this.setActivity(worker, workspace.timeout_activity_sid);
    else this.undoReservationActivity(reservation);
    this.settle(reservation.task_sid);
    this.core.emit.reservation('reservation.timeout', timedOut);
  }

  /** Ends a pending reservation the worker did not decide (rescinded, canceled), restoring the worker's activity. */
  private endPending(reservation: ReservationRecord, status: 'rescinded' | 'canceled'): void {
    const ended = this.setStatus(reservation, status);
    this.undoReservationActivity(reservation);
    this.core.emit.reservation(`reservation.${status}`, ended);
  }

  /** Ends every pending reservation of a task (copied first: ending one changes the index being walked). */
  private endAllPending(taskSid: string, status: 'rescinded' | 'canceled'): void {
    for (const reservation of [...this.model.pendingReservationsByTask.get(taskSid)]) this.endPending(reservation, status);
  }

  /** Moves the worker back if this reservation moved them to the queue's reservation activity and they are still there. */
  private undoReservationActivity(reservation: ReservationRecord): void {
    const worker = this.model.workers.get(reservation.worker_sid);
    if (!worker || !reservation.reservation_activity_sid || !reservation.worker_previous_activity_sid) return;
    if (worker.activity_sid !== reservation.reservation_activity_sid) return;
    if (!this.model.activities.get(reservation.worker_previous_activity_sid)) return;
    this.setActivity(worker, reservation.worker_previous_activity_sid);
  }

  /** A reserved task with no pending reservation left goes back to pending. */
  private settle(taskSid: string): void {
    const task = this.model.tasks.get(taskSid)!;
    if (task.assignment_status !== 'reserved' || this.model.pendingReservationsByTask.count(taskSid) > 0) return;
    this.model.tasks.update(task, { assignment_status: 'pending', date_updated: this.core.now(), version: task.version + 1 });
  }

  private setStatus(reservation: ReservationRecord, status: ReservationStatus): ReservationRecord {
    if (reservation.reservation_status === 'pending') this.core.clearTimer('reservation', reservation.sid);
    return this.model.reservations.update(reservation, {
      reservation_status: status,
      date_updated: this.core.now(),
      version: reservation.version + 1,
    });
  }

  // ------------------------------------------------------------ tasks

  /** assigned → wrapping (its accepted reservation too). */
  wrapup(task: TaskRecord, actor?: Actor | null): void {
    const now = this.core.now();
    const updated = this.model.tasks.update(task, { assignment_status: 'wrapping', date_updated: now, version: task.version + 1 });
    for (const reservation of this.acceptedReservations(task)) {
      this.core.emit.reservation('reservation.wrapup', this.setStatus(reservation, 'wrapping'), { actor });
    }
    this.core.emit.task('task.wrapup', updated, { actor });
  }

  /** assigned/wrapping → completed; the worker's capacity is freed (their activity does not change). */
  complete(task: TaskRecord, reason: string | null, actor?: Actor | null): void {
    const now = this.core.now();
    const updated = this.model.tasks.update(task, {
      assignment_status: 'completed',
      reason: reason ?? task.reason,
      date_updated: now,
      version: task.version + 1,
    });
    this.core.emit.task('task.completed', updated, { actor });
    for (const reservation of this.acceptedReservations(task)) {
      this.core.emit.reservation('reservation.completed', this.setStatus(reservation, 'completed'), { actor });
    }
    this.finished(updated);
  }

  /**
   * pending/reserved → canceled; pending reservations are canceled (task.canceled still reaches their workers). The
   * task is canceled first, so that their reservation.canceled events carry it canceled, with its reason.
   */
  cancel(task: TaskRecord, reason: string | null, actor?: Actor | null): void {
    const holders = this.core.emit.holders(task);
    this.model.tasks.update(task, {
      assignment_status: 'canceled',
      reason: reason ?? task.reason,
      date_updated: this.core.now(),
      version: task.version + 1,
    });
    this.endAllPending(task.sid, 'canceled');
    const canceled = this.model.tasks.get(task.sid)!;
    this.core.emit.task('task.canceled', canceled, { actor, holders });
    this.finished(canceled);
  }

  /** Deletes a task (API): its pending reservations are canceled first. */
  delete(task: TaskRecord, actor?: Actor | null): void {
    const holders = this.core.emit.holders(task);
    this.endAllPending(task.sid, 'canceled');
    this.core.emit.task('task.deleted', this.model.tasks.get(task.sid)!, { actor, holders });
    this.remove(task);
  }

  /** Removes a task and its reservations, with no event (also the 5-minute clean-up of finished tasks). */
  private remove(task: TaskRecord): void {
    for (const reservation of [...this.model.reservationsByTask.get(task.sid)]) {
      this.core.clearTimer('reservation', reservation.sid);
      this.model.reservations.delete(reservation.sid);
    }
    for (const kind of ['step', 'ttl', 'purge', 'clock'] as const) this.core.clearTimer(kind, task.sid);
    this.model.taskConfigurations.delete(task.sid);
    this.model.tasks.delete(task.sid);
  }

  private finished(task: TaskRecord): void {
    for (const kind of ['step', 'ttl', 'clock'] as const) this.core.clearTimer(kind, task.sid);
    this.model.taskConfigurations.delete(task.sid);
    if (this.core.retentionMs !== null) this.core.setTimer('purge', task.sid, task.date_updated + this.core.retentionMs);
  }

  private acceptedReservations(task: TaskRecord): ReservationRecord[] {
    return [...this.model.reservationsByTask.get(task.sid)].filter(
      (r) => r.reservation_status === 'accepted' || r.reservation_status === 'wrapping',
    );
  }
}

/** Pending or reserved: still looking for a worker. */
export function isWaiting(task: TaskRecord): boolean {
  return task.assignment_status === 'pending' || task.assignment_status === 'reserved';
}

/** Completed or canceled: kept until the retention period ends. */
function isFinished(task: TaskRecord): boolean {
  return task.assignment_status === 'completed' || task.assignment_status === 'canceled';
}
