/** Real-time statistics from the current state (protocol.md §5). */
import type { Model } from '../store/model.js';
import type { TaskRecord, WorkerRecord } from '../store/records.js';
import type { ActivityStatistic, TasksByStatus } from '../types.js';

/** Workers per activity of the workspace (every activity listed, zeros included). */
export function activityStatistics(model: Model, workspaceSid: string, workers: Iterable<WorkerRecord>): ActivityStatistic[] {
  const counts = new Map<string, number>();
  for (const worker of workers) counts.set(worker.activity_sid, (counts.get(worker.activity_sid) ?? 0) + 1);
  return [...model.activitiesByWorkspace.get(workspaceSid)].map((activity) => ({
    sid: activity.sid,
    friendly_name: activity.friendly_name,
    workers: counts.get(activity.sid) ?? 0,
  }));
}

export interface TaskSummary {
  tasks_by_status: TasksByStatus;
  tasks_by_priority: Record<string, number>;
  total_tasks: number;
  longest_task_waiting_age: number;
  longest_task_waiting_sid: string | null;
  longest_relative_task_age_in_queue: number;
  longest_relative_task_sid_in_queue: string | null;
}

/**
 * Open tasks by status and priority; the longest waiting (pending or reserved)
 * task by age, and by time in its current queue. Ages are whole seconds.
 */
export function summarizeTasks(tasks: Iterable<TaskRecord>, now: number, channelSid?: string): TaskSummary {
  const summary: TaskSummary = {
    tasks_by_status: { pending: 0, reserved: 0, assigned: 0, wrapping: 0 },
    tasks_by_priority: {},
    total_tasks: 0,
    longest_task_waiting_age: 0,
    longest_task_waiting_sid: null,
    longest_relative_task_age_in_queue: 0,
    longest_relative_task_sid_in_queue: null,
  };
  let oldest = Infinity;
  let oldestInQueue = Infinity;
  for (const task of tasks) {
    if (channelSid !== undefined && task.task_channel_sid !== channelSid) continue;
    const status = task.assignment_status;
    if (status === 'completed' || status === 'canceled') continue;
    summary.tasks_by_status[status]++;
    summary.total_tasks++;
    summary.tasks_by_priority[String(task.priority)] = (summary.tasks_by_priority[String(task.priority)] ?? 0) + 1;
    if (status !== 'pending' && status !== 'reserved') continue;
    if (task.date_created < oldest) {
      oldest = task.date_created;
      summary.longest_task_waiting_sid = task.sid;
      summary.longest_task_waiting_age = Math.floor((now - task.date_created) / 1000);
    }
    const entered = task.task_queue_entered_date;
    if (entered !== null && entered < oldestInQueue) {
      oldestInQueue = entered;
      summary.longest_relative_task_sid_in_queue = task.sid;
      summary.longest_relative_task_age_in_queue = Math.floor((now - entered) / 1000);
    }
  }
  return summary;
}
