/**
 * Assignment precedence (TaskQueue reference, Queue Ordering): FIFO, higher priority first, then the oldest
 * task; LIFO, the newest task, whatever its priority ("LIFO ordering does not consider the Task priority").
 * `virtual_start_time` stands in for the creation date. Creation order breaks exact ties.
 */
import type { TaskRecord } from '../store/records.js';
import type { TaskOrder } from '../types.js';

/** A task's ordering key, frozen while it sits in an index. */
export interface TaskKey {
  sid: string;
  priority: number;
  time: number;
  seq: number;
  lifo: boolean;
}

export function taskKey(task: TaskRecord, order: TaskOrder): TaskKey {
  return {
    sid: task.sid,
    priority: task.priority,
    time: task.virtual_start_time ?? task.date_created,
    seq: task.seq,
    lifo: order === 'LIFO',
  };
}

/** Whether two keys are the same in every field (a LIFO key's priority orders nothing, yet it is kept current). */
export function sameKey(a: TaskKey, b: TaskKey): boolean {
  return a.priority === b.priority && a.time === b.time && a.seq === b.seq && a.lifo === b.lifo;
}

/** Order inside one queue (both keys carry the queue's order). */
export function compareInQueue(a: TaskKey, b: TaskKey): number {
  const age = a.time - b.time || a.seq - b.seq;
  if (a.lifo) return -age;
  return b.priority - a.priority || age;
}

/**
 * Order across queues for a worker in several: between a FIFO and a LIFO queue the workspace's
 * `prioritize_queue_order` decides; otherwise as in one queue.
 */
export function compareAcrossQueues(prefer: TaskOrder): (a: TaskKey, b: TaskKey) => number {
  return (a, b) => (a.lifo !== b.lifo ? (a.lifo === (prefer === 'LIFO') ? -1 : 1) : compareInQueue(a, b));
}
