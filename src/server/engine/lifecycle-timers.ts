/**
 * The timers of the task lifecycle: a pending reservation's timeout, a workflow target's
 * timeout (`step`), a task's TTL, the clean-up of finished tasks (`purge`) and the
 * minute tick of targets that read the time (`clock`). Timers live in the scheduler as
 * `<kind>:<sid>`; this re-arms them from stored timestamps and runs the transition each
 * one stands for. Reached through {@link Lifecycle}, inside {@link EngineCore.mutate}.
 */
import type { EngineCore, TimerKind } from './core.js';
import type { Lifecycle } from './lifecycle.js';
import type { LifecycleSteps } from './lifecycle-steps.js';
import { CANCEL_REASONS, isFinished, isWaiting } from './task-status.js';

/** Arms the lifecycle's timers and runs the transition of each that fires. */
export class LifecycleTimers {
  constructor(
    private readonly core: EngineCore,
    private readonly lifecycle: Lifecycle,
    private readonly steps: LifecycleSteps,
  ) {}

  private get model() {
    return this.core.model;
  }

  /** Re-arms every timer from stored timestamps (after opening the store). */
  rearm(): void {
    const core = this.core;
    for (const task of this.model.tasks.values()) {
      if (isWaiting(task)) {
        core.setTimer('ttl', task.sid, task.date_created + task.timeout * 1000);
        if (task.step_deadline !== null) core.setTimer('step', task.sid, task.step_deadline);
        this.steps.watchClock(task);
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

  /** Runs what timer `<kind>:<sid>` stands for, unless its task or reservation has moved on since. */
  fire(kind: TimerKind, sid: string): void {
    if (kind === 'reservation') {
      const reservation = this.model.reservations.get(sid);
      if (reservation?.reservation_status === 'pending') this.lifecycle.timeOut(reservation);
      return;
    }
    const task = this.model.tasks.get(sid);
    if (!task) return;
    if (kind === 'step') this.steps.advance(task);
    else if (kind === 'clock' && isWaiting(task)) {
      this.core.index.markTask(task.sid);
      this.steps.watchClock(task);
    } else if (kind === 'ttl' && isWaiting(task)) this.lifecycle.cancel(task, CANCEL_REASONS.ttl);
    else if (kind === 'purge' && isFinished(task)) this.lifecycle.remove(task);
  }
}
