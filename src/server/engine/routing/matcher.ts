/**
 * How the router finds candidates. The indexed matcher reads the incremental
 * indexes; the full-scan matcher recomputes everything from the records each
 * time (the naive baseline the benchmark compares against, and a cross-check in
 * tests: both must route identically).
 */
import type { ExpressionCache } from '../expressions.js';
import type { Model } from '../store/model.js';
import type { TaskQueueRecord, WorkerRecord } from '../store/records.js';
import { isWaiting } from '../task-status.js';
import { inQueue } from './contexts.js';
import { readyChannels } from './eligibility.js';
import { compareInQueue, taskKey, type TaskKey } from './precedence.js';
import { compareIdle, type RoutingIndex, type WorkerKey } from './routing-index.js';

export interface Matcher {
  /** Workers who can take a task of (queue, channel) now, longest idle first. */
  readyWorkers(queue: TaskQueueRecord, channelSid: string): Iterable<WorkerKey>;
  /** Tasks of (queue, channel) that can take another reservation, in precedence order. */
  waitingTasks(queue: TaskQueueRecord, channelSid: string): Iterable<TaskKey>;
  /** SIDs of the queues whose TargetWorkers match the worker. */
  queuesOf(worker: WorkerRecord): Iterable<string>;
  /** Channels on which the worker can take a task now. */
  readyChannels(worker: WorkerRecord): string[];
}

export type MatcherKind = 'indexed' | 'full-scan';

export class IndexedMatcher implements Matcher {
  constructor(private readonly index: RoutingIndex) {}

  readyWorkers(queue: TaskQueueRecord, channelSid: string): Iterable<WorkerKey> {
    return this.index.readyWorkers(queue.sid, channelSid);
  }

  waitingTasks(queue: TaskQueueRecord, channelSid: string): Iterable<TaskKey> {
    return this.index.waitingTasks(queue.sid, channelSid);
  }

  queuesOf(worker: WorkerRecord): Iterable<string> {
    return this.index.queuesOf(worker.sid);
  }

  readyChannels(worker: WorkerRecord): string[] {
    return this.index.readyChannelsOf(worker.sid);
  }
}

export class FullScanMatcher implements Matcher {
  constructor(
    private readonly model: Model,
    private readonly expressions: ExpressionCache,
  ) {}

  readyWorkers(queue: TaskQueueRecord, channelSid: string): Iterable<WorkerKey> {
    const keys: WorkerKey[] = [];
    for (const worker of this.model.workersByWorkspace.get(queue.workspace_sid)) {
      if (!inQueue(this.expressions, queue, worker)) continue;
      if (!readyChannels(this.model, worker).includes(channelSid)) continue;
      keys.push({ sid: worker.sid, idle: worker.idle_since });
    }
    return keys.sort(compareIdle);
  }

  waitingTasks(queue: TaskQueueRecord, channelSid: string): Iterable<TaskKey> {
    const keys: TaskKey[] = [];
    for (const task of this.model.tasksByWorkspace.get(queue.workspace_sid)) {
      if (task.task_queue_sid !== queue.sid || task.task_channel_sid !== channelSid) continue;
      if (!isWaiting(task)) continue;
      if (this.model.pendingReservationsByTask.count(task.sid) >= queue.max_reserved_workers) continue;
      keys.push(taskKey(task, queue.task_order));
    }
    return keys.sort(compareInQueue);
  }

  queuesOf(worker: WorkerRecord): Iterable<string> {
    const sids: string[] = [];
    for (const queue of this.model.taskQueuesByWorkspace.get(worker.workspace_sid)) {
      if (inQueue(this.expressions, queue, worker)) sids.push(queue.sid);
    }
    return sids;
  }

  readyChannels(worker: WorkerRecord): string[] {
    return this.model.taskQueuesByWorkspace.count(worker.workspace_sid) > 0 ? readyChannels(this.model, worker) : [];
  }
}
