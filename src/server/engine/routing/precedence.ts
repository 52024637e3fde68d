/**
 * Assignment precedence (TaskQueue reference): higher priority first; among equal
 * priorities the oldest task (FIFO) or the newest (LIFO). `virtual_start_time`
 * stands in for the creation date when set. Creation order breaks exact ties.
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

/** Order inside one queue (both keys carry the queue's order). */
export function compareInQueue(a: TaskKey, b: TaskKey): number {
  if (a.priority !== b.priority) return b.priority - a.priority;
  const age = a.time - b.time || a.seq - b.seq;
  return a.lifo ? -age : age;
}

/**
 * Order across queues for a worker in several: priority first; between a FIFO and
 * a LIFO queue the workspace's `prioritize_queue_order` decides; otherwise as in
 * one queue.
 */
export function compareAcrossQueues(prefer: TaskOrder): (a: TaskKey, b: TaskKey) => number {
  return (a, b) => {
    if (a.priority !== b.priority) return b.priority - a.priority;
    if (a.lifo !== b.lifo) return a.lifo === (prefer === 'LIFO') ? -1 : 1;
    return compareInQueue(a, b);
  };
}
