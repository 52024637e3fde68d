/**
 * What a task's `assignment_status` means to the lifecycle and the router, and the
 * reasons TaskRouter gives when it cancels a task by itself.
 */
import type { TaskRecord } from './store/records.js';

/** The `reason` of a task TaskRouter canceled on its own. */
export const CANCEL_REASONS = {
  ttl: 'Task TTL Exceeded',
  maxAssignments: 'Max assignment count exceeded',
  noFilter: 'Task matched no workflow filter and the workflow has no default_filter',
  fellOut: 'Task fell out of the workflow: the last target timed out',
} as const;

/** Pending or reserved: still looking for a worker. */
export function isWaiting(task: TaskRecord): boolean {
  return task.assignment_status === 'pending' || task.assignment_status === 'reserved';
}

/** Completed or canceled: kept until the retention period ends. */
export function isFinished(task: TaskRecord): boolean {
  return task.assignment_status === 'completed' || task.assignment_status === 'canceled';
}
