/**
 * State transitions of tasks, reservations and workers (protocol.md §6.2, §6.4,
 * §7), each recorded with its events and timers. Called by the services, the
 * router and the timers, always inside {@link EngineCore.mutate}. The workflow steps
 * (lifecycle-steps.ts) and the timers (lifecycle-timers.ts) are parts of their own,
 * reached through this class.
 */
import type { EngineCore, TimerKind } from './core.js';
import type { Actor } from './emitter.js';
import { LifecycleSteps } from './lifecycle-steps.js';
import { LifecycleTimers } from './lifecycle-timers.js';
import { newSid } from './sids.js';
import type {
  ReservationRecord,
  TaskQueueRecord,
  TaskRecord,
  WorkerRecord,
} from './store/records.js';
import { CANCEL_REASONS } from './task-status.js';
import type { ReservationStatus } from './types.js';

/** TaskRouter cancels a task after this many pending → reserved transitions. */
export const MAX_ASSIGNMENT_COUNT = 1000;
/** Reservation timeout when the task has no workflow (seconds). */
export const DEFAULT_RESERVATION_TIMEOUT = 120;

/** The transitions the services, the router and the timers change tasks, reservations and workers through. */
export class Lifecycle {
  private readonly steps: LifecycleSteps;
  private readonly timers: LifecycleTimers;

  constructor(private readonly core: EngineCore) {
    this.steps = new LifecycleSteps(core, this);
    this.timers = new LifecycleTimers(core, this, this.steps);
  }

  private get model() {
    return this.core.model;
  }

  // ------------------------------------------------------------ timers (lifecycle-timers.ts)

  /** Re-arms every timer from stored timestamps (after opening the store). */
  rearmTimers(): void {
    this.timers.rearm();
  }

  /** Runs the transition timer `<kind>:<sid>` stands for. */
  onTimer(kind: TimerKind, sid: string): void {
    this.timers.fire(kind, sid);
  }

  // ------------------------------------------------------------ workflow steps (lifecycle-steps.ts)

  /** Puts a new task on its route and announces it (task.created). */
  admit(task: TaskRecord, actor: Actor | null): void {
    this.steps.admit(task, actor);
  }

  /** Routes a waiting task again from the top of its workflow. */
  route(task: TaskRecord, entered?: () => void): void {
    this.steps.route(task, entered);
  }

  /** skip_if held on entering the step: go on as if the step had timed out. */
  skipStep(task: TaskRecord): void {
    this.steps.skipStep(task);
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
    // Known-agent routing's reservations name the worker: the target says so, nothing to resolve (the router did).
    const target = this.core.plans.currentTarget(task);
    const knownAgent = !!(target?.knownWorkerSid || target?.knownWorkerFriendlyName);
    this.core.emit.reservation('reservation.created', reservation, { data: knownAgent ? { known_worker_sid: worker.sid } : undefined });
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
    this.core.router.noteDeclined(reservation.task_sid, worker.sid);
    this.settle(reservation.task_sid);
    this.core.emit.reservation('reservation.rejected', rejected, { actor });
    return this.model.reservations.get(reservation.sid)!;
  }

  /** A reservation timed out (its timer fired): the worker goes to the workspace's timeout activity and the task is routed again. */
  timeOut(reservation: ReservationRecord): void {
    const timedOut = this.setStatus(reservation, 'timeout');
    const workspace = this.model.workspaces.get(reservation.workspace_sid)!;
    const worker = this.model.workers.get(reservation.worker_sid)!;
    if (workspace.timeout_activity_sid) this.setActivity(worker, workspace.timeout_activity_sid);
    else this.undoReservationActivity(reservation);
    this.core.router.noteDeclined(reservation.task_sid, worker.sid);
    this.settle(reservation.task_sid);
    this.core.emit.reservation('reservation.timeout', timedOut);
  }

  /** Ends a pending reservation the worker did not decide (rescinded, canceled), restoring the worker's activity. */
  private endPending(reservation: ReservationRecord, status: 'rescinded' | 'canceled'): void {
    const ended = this.setStatus(reservation, status);
    this.undoReservationActivity(reservation);
    this.core.emit.reservation(`reservation.${status}`, ended);
  }

  /** Ends every pending reservation of a task (copied first: ending one changes the index being walked); also when it changes queue. */
  endAllPending(taskSid: string, status: 'rescinded' | 'canceled'): void {
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
  remove(task: TaskRecord): void {
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
