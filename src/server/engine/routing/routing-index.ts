/**
 * The routing indexes, kept current incrementally so that routing never scans
 * every worker or task:
 *
 * - queue membership: which workers each queue's TargetWorkers matches, updated
 *   when a worker's attributes or a queue's expression change;
 * - ready workers per (queue, channel), longest idle first (for channels in use);
 * - waiting tasks per (queue, channel), in assignment precedence.
 *
 * Table listeners mark what changed; {@link RoutingIndex.sync} brings the marked
 * entries up to date and queues the workers and tasks that may now be matched
 * (the router's work lists). Listeners also fire on rollback, so the indexes
 * follow the store back after a failed transaction.
 */
import type { ExpressionCache } from '../expressions.js';
import { BinaryHeap } from '../heap.js';
import type { Model } from '../store/model.js';
import type { TaskQueueRecord, TaskRecord, WorkerRecord } from '../store/records.js';
import { isWaiting } from '../task-status.js';
import { inQueue, type WorkerContexts } from './contexts.js';
import { readyChannels } from './eligibility.js';
import { compareInQueue, sameKey, taskKey, type TaskKey } from './precedence.js';
import { SortedList } from './sorted-list.js';

/** A worker's place in the ready lists: idle since, then SID. */
export interface WorkerKey {
  sid: string;
  idle: number;
}

export function compareIdle(a: WorkerKey, b: WorkerKey): number {
  return a.idle - b.idle || (a.sid < b.sid ? -1 : a.sid > b.sid ? 1 : 0);
}

type Lists<T> = Map<string, Map<string, SortedList<T>>>;

/** Where a ready worker sits: in the lists of every (queue, channel) pair of these. */
interface ReadyState {
  key: WorkerKey;
  queues: string[];
  channels: string[];
}

interface WaitingState {
  key: TaskKey;
  queue: string;
  channel: string;
}

export class RoutingIndex {
  private readonly queuesOfWorker = new Map<string, Set<string>>();
  private readonly workersOfQueue = new Map<string, Set<string>>();
  private readonly readyLists: Lists<WorkerKey> = new Map();
  private readonly readyState = new Map<string, ReadyState>();
  /**
   * Channels whose ready lists are kept: a channel's lists are built the first time
   * a task of that channel looks for workers, so unused channels cost nothing.
   */
  private readonly activeChannels = new Set<string>();
  private readonly waitingLists: Lists<TaskKey> = new Map();
  private readonly waitingState = new Map<string, WaitingState>();

  private readonly dirtyQueues = new Map<string, { membership: boolean; reorder: boolean }>();
  private readonly dirtyMembership = new Set<string>();
  private readonly dirtyWorkers = new Set<string>();
  private readonly dirtyTasks = new Set<string>();

  private readonly workerWork = new BinaryHeap<WorkerKey>(compareIdle);
  private readonly workerQueued = new Set<string>();
  private readonly taskWork = new BinaryHeap<TaskKey>(compareInQueue);
  private readonly taskQueued = new Set<string>();

  constructor(
    private readonly model: Model,
    private readonly expressions: ExpressionCache,
    private readonly contexts: WorkerContexts,
  ) {
    model.workers.onChange((before, after) => {
      const sid = (after ?? before)!.sid;
      this.markWorker(sid, !before || !after || before.attributes !== after.attributes);
    });
    model.workerChannels.onChange((before, after) => this.markWorker((after ?? before)!.worker_sid));
    model.reservations.onChange((before, after) => {
      const reservation = (after ?? before)!;
      this.markWorker(reservation.worker_sid);
      this.markTask(reservation.task_sid);
    });
    model.tasks.onChange((before, after) => this.markTask((after ?? before)!.sid));
    model.taskQueues.onChange((before, after) => {
      const sid = (after ?? before)!.sid;
      const flags = this.dirtyQueues.get(sid) ?? { membership: false, reorder: false };
      flags.membership ||= !before || !after || before.target_workers !== after.target_workers;
      flags.reorder ||= !before || !after || before.task_order !== after.task_order;
      this.dirtyQueues.set(sid, flags);
    });
    model.workspaces.onChange((before, after) => {
      if (before && after && before.multi_task_enabled !== after.multi_task_enabled) {
        for (const worker of model.workersByWorkspace.get(after.sid)) this.markWorker(worker.sid);
      }
    });
    model.activities.onChange((_, after) => {
      if (after) for (const worker of model.workersByActivity.get(after.sid)) this.markWorker(worker.sid);
    });
  }

  /** Notes that a worker changed (`membership`: its attributes changed too). */
  markWorker(sid: string, membership = false): void {
    this.dirtyWorkers.add(sid);
    if (membership) this.dirtyMembership.add(sid);
    this.contexts.invalidate(sid);
  }

  markTask(sid: string): void {
    this.dirtyTasks.add(sid);
  }

  /** Marks every worker and task dirty (after loading the store). */
  markAll(): void {
    for (const worker of this.model.workers.values()) this.markWorker(worker.sid, true);
    for (const task of this.model.tasks.values()) this.markTask(task.sid);
    // Loading marked every queue too; the per-worker pass above already covers membership.
    this.dirtyQueues.clear();
  }

  /** Brings marked entries up to date and queues what may now be matched. */
  sync(): void {
    if (this.dirtyQueues.size > 0) this.syncQueues();
    if (this.dirtyMembership.size > 0) {
      for (const sid of this.dirtyMembership) this.syncMembership(sid);
      this.dirtyMembership.clear();
    }
    if (this.dirtyWorkers.size > 0) {
      for (const sid of this.dirtyWorkers) this.syncWorker(sid);
      this.dirtyWorkers.clear();
    }
    if (this.dirtyTasks.size > 0) {
      for (const sid of this.dirtyTasks) this.syncTask(sid);
      this.dirtyTasks.clear();
    }
  }

  /** The next worker to try to route (longest idle first), or undefined. */
  takeWorker(): string | undefined {
    this.sync();
    const next = this.workerWork.pop();
    if (next) this.workerQueued.delete(next.sid);
    return next?.sid;
  }

  /** The next task to try to route (highest precedence first), or undefined. */
  takeTask(): string | undefined {
    this.sync();
    const next = this.taskWork.pop();
    if (next) this.taskQueued.delete(next.sid);
    return next?.sid;
  }

  /** Drops queued work (after a rollback, or when routing is finished). */
  clearWork(): void {
    this.workerWork.clear();
    this.workerQueued.clear();
    this.taskWork.clear();
    this.taskQueued.clear();
  }

  /** SIDs of the queues a worker belongs to. */
  queuesOf(workerSid: string): ReadonlySet<string> {
    this.sync();
    return this.queuesOfWorker.get(workerSid) ?? EMPTY;
  }

  /** SIDs of the workers a queue's TargetWorkers matches. */
  membersOf(queueSid: string): ReadonlySet<string> {
    this.sync();
    return this.workersOfQueue.get(queueSid) ?? EMPTY;
  }

  /** Ready workers of (queue, channel), longest idle first. Do not change state while iterating. */
  readyWorkers(queueSid: string, channelSid: string): Iterable<WorkerKey> {
    this.sync();
    if (!this.activeChannels.has(channelSid)) this.activate(channelSid);
    return this.readyLists.get(queueSid)?.get(channelSid) ?? [];
  }

  /** Routable tasks of (queue, channel) in precedence order. Do not change state while iterating. */
  waitingTasks(queueSid: string, channelSid: string): Iterable<TaskKey> {
    this.sync();
    return this.waitingLists.get(queueSid)?.get(channelSid) ?? [];
  }

  /** Channels on which the worker is ready (and in at least one queue). */
  readyChannelsOf(workerSid: string): string[] {
    this.sync();
    return [...(this.readyState.get(workerSid)?.channels ?? [])];
  }

  /** True when the task sits in a waiting list (it can take more reservations). */
  isWaiting(taskSid: string): boolean {
    this.sync();
    return this.waitingState.has(taskSid);
  }

  private syncQueues(): void {
    for (const [sid, flags] of this.dirtyQueues) {
      const queue = this.model.taskQueues.get(sid);
      if (!queue || flags.reorder) this.dropWaitingLists(sid);
      if (!queue) {
        for (const workerSid of this.workersOfQueue.get(sid) ?? []) {
          this.queuesOfWorker.get(workerSid)?.delete(sid);
          this.markWorker(workerSid);
        }
        this.workersOfQueue.delete(sid);
        this.readyLists.delete(sid);
        continue;
      }
      if (flags.membership) {
        for (const worker of this.model.workersByWorkspace.get(queue.workspace_sid)) this.setMembership(queue, worker);
      }
      for (const task of this.model.openTasksByQueue.get(sid)) this.markTask(task.sid);
    }
    this.dirtyQueues.clear();
  }

  private dropWaitingLists(queueSid: string): void {
    for (const list of this.waitingLists.get(queueSid)?.values() ?? []) {
      for (const key of list) {
        this.waitingState.delete(key.sid);
        this.markTask(key.sid);
      }
    }
    this.waitingLists.delete(queueSid);
  }

  private syncMembership(workerSid: string): void {
    const worker = this.model.workers.get(workerSid);
    if (!worker) {
      for (const queueSid of this.queuesOfWorker.get(workerSid) ?? []) this.workersOfQueue.get(queueSid)?.delete(workerSid);
      this.queuesOfWorker.delete(workerSid);
      return;
    }
    for (const queue of this.model.taskQueuesByWorkspace.get(worker.workspace_sid)) this.setMembership(queue, worker);
  }

  private setMembership(queue: TaskQueueRecord, worker: WorkerRecord): void {
    const member = inQueue(this.expressions, queue, worker);
    let queues = this.queuesOfWorker.get(worker.sid);
    if (member === (queues?.has(queue.sid) ?? false)) return;
    let workers = this.workersOfQueue.get(queue.sid);
    if (member) {
      if (!queues) this.queuesOfWorker.set(worker.sid, (queues = new Set()));
      if (!workers) this.workersOfQueue.set(queue.sid, (workers = new Set()));
      queues.add(queue.sid);
      workers.add(worker.sid);
    } else {
      queues!.delete(queue.sid);
      workers?.delete(worker.sid);
    }
    this.markWorker(worker.sid);
  }

  private syncWorker(sid: string): void {
    const worker = this.model.workers.get(sid);
    const before = this.readyState.get(sid);
    const channels = worker ? readyChannels(this.model, worker) : [];
    const queues = channels.length > 0 ? [...(this.queuesOfWorker.get(sid) ?? [])] : [];
    if (queues.length === 0) {
      if (before) this.removeReady(before);
      this.readyState.delete(sid);
      return;
    }
    const unchanged =
      before && before.key.idle === worker!.idle_since && sameItems(before.queues, queues) && sameItems(before.channels, channels);
    if (!unchanged) {
      if (before) this.removeReady(before);
      const state: ReadyState = { key: { sid, idle: worker!.idle_since }, queues, channels };
      this.insertReady(state, channels);
      this.readyState.set(sid, state);
    }
    if (!this.workerQueued.has(sid)) {
      this.workerQueued.add(sid);
      this.workerWork.push(this.readyState.get(sid)!.key);
    }
  }

  /** Adds a ready worker to the lists of its queues for those of `channels` that are in use. */
  private insertReady(state: ReadyState, channels: readonly string[]): void {
    for (const channel of channels) {
      if (!this.activeChannels.has(channel)) continue;
      for (const queue of state.queues) listFor(this.readyLists, queue, channel, compareIdle).insert(state.key);
    }
  }

  private removeReady(state: ReadyState): void {
    for (const channel of state.channels) {
      if (!this.activeChannels.has(channel)) continue;
      for (const queue of state.queues) this.readyLists.get(queue)?.get(channel)?.delete(state.key);
    }
  }

  /** Starts keeping ready lists for a channel, filling them from the ready workers. */
  private activate(channel: string): void {
    this.activeChannels.add(channel);
    for (const state of this.readyState.values()) {
      if (state.channels.includes(channel)) this.insertReady(state, [channel]);
    }
  }

  private syncTask(sid: string): void {
    const task = this.model.tasks.get(sid);
    const before = this.waitingState.get(sid);
    const queue = task ? this.routableIn(task) : undefined;
    const key = task && queue ? taskKey(task, queue.task_order) : undefined;
    const same =
      before && key && before.queue === queue!.sid && before.channel === task!.task_channel_sid && sameKey(before.key, key);
    if (before && !same) {
      this.waitingLists.get(before.queue)?.get(before.channel)?.delete(before.key);
      this.waitingState.delete(sid);
    }
    if (!key) return;
    if (!same) {
      listFor(this.waitingLists, queue!.sid, task!.task_channel_sid, compareInQueue).insert(key);
      this.waitingState.set(sid, { key, queue: queue!.sid, channel: task!.task_channel_sid });
    }
    if (!this.taskQueued.has(sid)) {
      this.taskQueued.add(sid);
      this.taskWork.push(key);
    }
  }

  /** The queue a task can take more reservations in, if any. */
  private routableIn(task: TaskRecord): TaskQueueRecord | undefined {
    if (!isWaiting(task)) return undefined;
    if (!task.task_queue_sid) return undefined;
    const queue = this.model.taskQueues.get(task.task_queue_sid);
    if (!queue) return undefined;
    return this.model.pendingReservationsByTask.count(task.sid) < queue.max_reserved_workers ? queue : undefined;
  }
}

const EMPTY: ReadonlySet<string> = new Set();

function sameItems(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((item, i) => item === b[i]);
}

function listFor<T>(lists: Lists<T>, queue: string, channel: string, compare: (a: T, b: T) => number): SortedList<T> {
  let byChannel = lists.get(queue);
  if (!byChannel) lists.set(queue, (byChannel = new Map()));
  let list = byChannel.get(channel);
  if (!list) byChannel.set(channel, (list = new SortedList(compare)));
  return list;
}
