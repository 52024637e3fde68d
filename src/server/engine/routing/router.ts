/**
 * Matches workers and tasks after every change (protocol.md §6.2, §7). Workers
 * that became ready are served first, longest idle first, each taking the best
 * task across its queues; then tasks that became routable, highest precedence
 * first, each reserving the longest-idle qualifying workers (up to the queue's
 * max_reserved_workers, or by the target's order_by). Work is driven by what
 * changed, so a change costs in proportion to the workers and tasks it touches.
 */
import { numericValue } from '../../../expression/index.js';
import type { EngineCore } from '../core.js';
import type { TaskQueueRecord, TaskRecord, WorkerRecord } from '../store/records.js';
import { isWaiting } from '../task-status.js';
import type { OrderTerm, TargetPlan } from '../workflow-config.js';
import { readPath } from '../workflow-config.js';
import { attributesOf } from './contexts.js';
import { canTake } from './eligibility.js';
import { compareAcrossQueues, type TaskKey } from './precedence.js';

export class Router {
  /** Tasks that entered a workflow step in this transaction (skip_if applies to them). */
  private readonly entered = new Set<string>();
  /** Tasks a worker just declined (rejected, or let time out), with that worker. */
  private readonly declined = new Map<string, string>();

  constructor(private readonly core: EngineCore) {}

  /** Notes that a task just entered a step; skip_if is checked if it gets no reservation at once. */
  noteEntered(taskSid: string): void {
    this.entered.add(taskSid);
  }

  /**
   * Notes that a worker declined a task: the task is offered to the other qualifying workers before that
   * worker, ready again, is served ("TaskRouter will attempt to assign the Task to any other matching Workers").
   * With no other worker to take it, it comes back to the same worker.
   */
  noteDeclined(taskSid: string, workerSid: string): void {
    this.declined.set(taskSid, workerSid);
  }

  /** Routes until nothing more can be matched. */
  flush(): void {
    const index = this.core.index;
    for (;;) {
      for (const [taskSid, workerSid] of this.declined) {
        this.declined.delete(taskSid);
        this.routeTask(taskSid, workerSid);
      }
      const workerSid = index.takeWorker();
      if (workerSid !== undefined) {
        this.routeWorker(workerSid);
        continue;
      }
      const taskSid = index.takeTask();
      if (taskSid !== undefined) {
        this.routeTask(taskSid);
        continue;
      }
      if (this.entered.size === 0) break;
      for (const sid of [...this.entered]) this.checkSkip(sid);
    }
  }

  /** Gives a ready worker the best waiting task across its queues and channels. */
  private routeWorker(workerSid: string): void {
    const { model, matcher } = this.core;
    const worker = model.workers.get(workerSid);
    if (!worker) return;
    const channels = matcher.readyChannels(worker);
    if (channels.length === 0) return;
    const compare = compareAcrossQueues(model.workspaces.get(worker.workspace_sid)!.prioritize_queue_order);
    let best: { key: TaskKey; task: TaskRecord; queue: TaskQueueRecord } | null = null;
    for (const queueSid of matcher.queuesOf(worker)) {
      const queue = model.taskQueues.get(queueSid)!;
      for (const channel of channels) {
        for (const key of matcher.waitingTasks(queue, channel)) {
          if (best && compare(key, best.key) >= 0) break;
          const task = model.tasks.get(key.sid)!;
          if (!this.qualifies(task, worker)) continue;
          best = { key, task, queue };
          break;
        }
      }
    }
    if (best) this.core.lifecycle.reserve(best.task, worker, best.queue);
  }

  /** Reserves the best qualifying ready workers for a routable task, other than `passedOver` (who just declined it). */
  private routeTask(taskSid: string, passedOver?: string): void {
    const { model, matcher, index } = this.core;
    const task = model.tasks.get(taskSid);
    if (!task || !index.isWaiting(taskSid)) return;
    const queue = model.taskQueues.get(task.task_queue_sid!)!;
    const target = this.core.plans.currentTarget(task);
    if (!target) return;
    const need = queue.max_reserved_workers - model.pendingReservationsByTask.count(task.sid);
    const restricted = this.restrictedWorker(task, target);
    const candidates: WorkerRecord[] = [];
    if (restricted !== undefined) {
      const worker = restricted ? model.workers.get(restricted) : undefined;
      // A known agent must belong to the target's queue (TaskRouter error 40152); a RoutingTarget worker need not.
      const routedToWorker = task.routing_target === restricted;
      if (
        worker &&
        worker.workspace_sid === task.workspace_sid &&
        (routedToWorker || index.membersOf(queue.sid).has(worker.sid)) &&
        (task.ignore_capacity || canTake(model, worker, task.task_channel_sid)) &&
        this.qualifiesFor(task, worker, target, restricted)
      ) {
        candidates.push(worker);
      }
    } else {
      for (const key of matcher.readyWorkers(queue, task.task_channel_sid)) {
        const worker = model.workers.get(key.sid)!;
        if (worker.sid === passedOver || !this.qualifiesFor(task, worker, target, restricted)) continue;
        candidates.push(worker);
        if (!target.orderBy && candidates.length >= need) break;
      }
      if (target.orderBy) this.sortByOrder(candidates, target.orderBy);
    }
    for (const worker of candidates.slice(0, need)) {
      const current = model.tasks.get(task.sid)!;
      if (!isWaiting(current)) break;
      this.core.lifecycle.reserve(current, model.workers.get(worker.sid)!, queue);
    }
    this.checkSkip(task.sid);
  }

  /**
   * skip_if (§6.2): evaluated once, when a task that just entered a step got no
   * reservation; variables `workers.available`, `workers.unavailable` and
   * `workers.<ActivitySid>` count the queue's workers.
   */
  private checkSkip(taskSid: string): void {
    if (!this.entered.delete(taskSid)) return;
    const { model, index } = this.core;
    const task = model.tasks.get(taskSid);
    if (!task || model.pendingReservationsByTask.count(taskSid) > 0) return;
    if (task.assignment_status !== 'pending') return;
    const target = this.core.plans.currentTarget(task);
    if (!target?.skipIf) return;
    const workers: Record<string, number> = { available: 0, unavailable: 0 };
    for (const workerSid of index.membersOf(target.queueSid)) {
      const worker = model.workers.get(workerSid)!;
      const activity = model.activities.get(worker.activity_sid);
      workers[activity?.available ? 'available' : 'unavailable']!++;
      workers[worker.activity_sid] = (workers[worker.activity_sid] ?? 0) + 1;
    }
    const attributes = attributesOf(task);
    if (target.skipIf({ attributes: { workers }, task: attributes, now: this.core.now() })) this.core.lifecycle.skipStep(task);
  }

  /** Whether `worker` may get `task`: not already holding a pending reservation for it, and the target's conditions hold. */
  private qualifies(task: TaskRecord, worker: WorkerRecord): boolean {
    const target = this.core.plans.currentTarget(task);
    return target !== null && this.qualifiesFor(task, worker, target, this.restrictedWorker(task, target));
  }

  /** {@link qualifies} with the task's target and restricted worker already resolved (once per task, not per candidate). */
  private qualifiesFor(task: TaskRecord, worker: WorkerRecord, target: TargetPlan, restricted: string | null | undefined): boolean {
    for (const reservation of this.core.model.pendingReservationsByTask.get(task.sid)) {
      if (reservation.worker_sid === worker.sid) return false;
    }
    if (restricted !== undefined && restricted !== worker.sid) return false;
    if (!target.expression) return true;
    const attributes = attributesOf(task);
    return target.expression({ task: attributes, worker: this.core.contexts.get(worker), now: this.core.now() });
  }

  /**
   * The one worker a task may go to (a worker's SID as RoutingTarget, known_worker_sid,
   * known_worker_friendly_name), null when that worker cannot be resolved, or
   * undefined when any worker of the queue may take it.
   */
  private restrictedWorker(task: TaskRecord, target: TargetPlan): string | null | undefined {
    return task.routing_target?.startsWith('WK') ? task.routing_target : this.knownWorker(task, target);
  }

  /**
   * The worker a known-agent target (known_worker_sid, known_worker_friendly_name) names in the task's
   * attributes, null when it names none, or undefined when the target is not a known-agent one.
   */
  knownWorker(task: TaskRecord, target: TargetPlan): string | null | undefined {
    if (target.knownWorkerSid) {
      const sid = readPath(attributesOf(task), target.knownWorkerSid);
      return typeof sid === 'string' ? sid : null;
    }
    if (target.knownWorkerFriendlyName) {
      const name = readPath(attributesOf(task), target.knownWorkerFriendlyName);
      if (typeof name !== 'string') return null;
      for (const worker of this.core.model.workersByWorkspace.get(task.workspace_sid)) {
        if (worker.friendly_name === name) return worker.sid;
      }
      return null;
    }
    return undefined;
  }

  /** Sorts by `order_by` terms; workers lacking an attribute go after those that have it; ties keep idle order. */
  private sortByOrder(workers: WorkerRecord[], terms: OrderTerm[]): void {
    const contexts = this.core.contexts;
    const values = new Map(workers.map((w) => [w.sid, terms.map((term) => readPath(contexts.get(w), term.path))]));
    workers.sort((a, b) => {
      const av = values.get(a.sid)!;
      const bv = values.get(b.sid)!;
      for (let i = 0; i < terms.length; i++) {
        const order = compareValues(av[i], bv[i]);
        if (order !== 0) return terms[i]!.descending && av[i] != null && bv[i] != null ? -order : order;
      }
      return 0;
    });
  }
}

/** Missing values sort last; numbers (and strings that spell them, as the expression language reads them) numerically; everything else as strings. */
function compareValues(a: unknown, b: unknown): number {
  const aMissing = a === undefined || a === null;
  const bMissing = b === undefined || b === null;
  if (aMissing || bMissing) return aMissing === bMissing ? 0 : aMissing ? 1 : -1;
  const [an, bn] = [numericValue(a), numericValue(b)];
  if (an !== undefined && bn !== undefined) return an - bn;
  const as = String(a);
  const bs = String(b);
  return as < bs ? -1 : as > bs ? 1 : 0;
}
