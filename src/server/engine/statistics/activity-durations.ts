/**
 * Time workers spent in each activity within a window, from the intervals closed
 * by worker.activity.update / worker.deleted events (each records the activity
 * left and how long the worker was in it) plus each worker's current activity.
 */
import { positionAt } from '../events.js';
import type { SqliteDatabase } from '../store/database.js';
import type { Model } from '../store/model.js';
import type { WorkerRecord } from '../store/records.js';
import type { ActivityDuration } from '../types.js';
import type { Window } from './window.js';

/** Per activity: total, and avg/min/max over the workers that spent any time in it (seconds). */
export function activityDurations(
  db: SqliteDatabase,
  model: Model,
  workspaceSid: string,
  window: Window,
  workers: WorkerRecord[] | null,
  now: number,
): ActivityDuration[] {
  const perWorker = new Map<string, Map<string, number>>();
  const add = (activitySid: string, workerSid: string, from: number, to: number) => {
    const ms = Math.min(to, window.end) - Math.max(from, window.start);
    if (ms <= 0) return;
    let byWorker = perWorker.get(activitySid);
    if (!byWorker) perWorker.set(activitySid, (byWorker = new Map()));
    byWorker.set(workerSid, (byWorker.get(workerSid) ?? 0) + ms);
  };
  const only = workers ? new Set(workers.map((w) => w.sid)) : null;
  const rows = db
    .prepare(
      `SELECT worker_sid, previous_activity_sid, duration_ms, event_date_ms FROM events
       WHERE position >= ? AND workspace_sid = ? AND event_type IN ('worker.activity.update', 'worker.deleted')
         AND previous_activity_sid IS NOT NULL AND duration_ms IS NOT NULL`,
    )
    .all(positionAt(window.start), workspaceSid) as { worker_sid: string; previous_activity_sid: string; duration_ms: number; event_date_ms: number }[];
  for (const row of rows) {
    if (only && !only.has(row.worker_sid)) continue;
    add(row.previous_activity_sid, row.worker_sid, row.event_date_ms - row.duration_ms, row.event_date_ms);
  }
  for (const worker of workers ?? model.workersByWorkspace.get(workspaceSid)) {
    add(worker.activity_sid, worker.sid, worker.date_status_changed, now);
  }
  return [...model.activitiesByWorkspace.get(workspaceSid)].map((activity) => {
    const spans = [...(perWorker.get(activity.sid)?.values() ?? [])];
    const total = spans.reduce((sum, ms) => sum + ms, 0);
    const seconds = (ms: number) => Math.round(ms / 1000);
    return {
      sid: activity.sid,
      friendly_name: activity.friendly_name,
      avg: spans.length ? seconds(total / spans.length) : 0,
      min: spans.length ? seconds(Math.min(...spans)) : 0,
      max: spans.length ? seconds(Math.max(...spans)) : 0,
      total: seconds(total),
    };
  });
}
