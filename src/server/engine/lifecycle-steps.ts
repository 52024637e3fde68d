/**
 * The workflow-steps part of the task lifecycle (protocol.md §6.2, §6.4): a task enters
 * its workflow, matches a filter and target, waits in that target's queue, and moves on
 * when the target times out or its `skip_if` holds. Which step comes next is computed by
 * routing/steps.ts; this moves the task there, with its events and timers. Reached
 * through {@link Lifecycle}, inside {@link EngineCore.mutate}.
 */
import type { EngineCore } from './core.js';
import type { Actor } from './emitter.js';
import type { Lifecycle } from './lifecycle.js';
import { findStep, liveTarget, targetAt, type Step } from './routing/steps.js';
import type { TaskRecord } from './store/records.js';
import { CANCEL_REASONS, isWaiting } from './task-status.js';
import { DEFAULT_FILTER, type WorkflowPlan } from './workflow-config.js';

/** Moves tasks through their workflow's filters and targets. */
export class LifecycleSteps {
  constructor(
    private readonly core: EngineCore,
    private readonly lifecycle: Lifecycle,
  ) {}

  private get model() {
    return this.core.model;
  }

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
      this.lifecycle.cancel(task, CANCEL_REASONS.noFilter);
      return;
    }
    const sameStep = step.filter === task.step_filter && step.target === task.step_target && step.base === task.step_base;
    if (sameStep && targetAt(plan, step.filter, step.target)!.queueSid === task.task_queue_sid) return;
    this.enterStep(task, step, entered);
  }

  /** A waiting task's target timed out: next target, next matching filter, or out of the workflow. */
  advance(task: TaskRecord): void {
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
    this.lifecycle.cancel(this.model.tasks.get(task.sid)!, CANCEL_REASONS.fellOut);
  }

  private enterStep(task: TaskRecord, step: Step, entered?: () => void): void {
    const now = this.core.now();
    const plan = this.planOf(task);
    const target = targetAt(plan, step.filter, step.target)!;
    const previousQueue = task.task_queue_sid;
    const queueChanged = previousQueue !== target.queueSid;
    if (queueChanged) {
      this.lifecycle.endAllPending(task.sid, 'canceled');
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
    // Known-agent routing's events name the worker (null when the task's attributes name none).
    const known = this.core.router.knownWorker(updated, target);
    this.core.emit.task('workflow.target-matched', this.model.tasks.get(task.sid)!, {
      resourceType: 'workflow',
      resourceSid: updated.workflow_sid!,
      data: { workflow_filter_name: filterName, workflow_filter_target_index: step.target, ...(known !== undefined && { known_worker_sid: known }) },
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

  /**
   * A waiting task whose target expression reads the time (`taskrouter.currentTime`, `dayOfWeek`…) is routed again
   * at every minute, when those values change: an agent idle before opening time gets it once the window opens.
   */
  watchClock(task: TaskRecord): void {
    const target = isWaiting(task) ? this.core.plans.currentTarget(task) : undefined;
    if (target?.expression?.keys.some((key) => key.scope === 'taskrouter')) {
      this.core.setTimer('clock', task.sid, (Math.floor(this.core.now() / 60_000) + 1) * 60_000);
    } else {
      this.core.clearTimer('clock', task.sid);
    }
  }
}
