/**
 * Cumulative statistics from the event log (protocol.md §5): counts of events by
 * type in a window, and wait durations from the task ages recorded on them.
 */
import { positionAt } from '../events.js';
import type { SqliteDatabase } from '../store/database.js';
import type { DurationStatistic, ReservationCounts, SplitStatistic, TaskWaitStatistics } from '../types.js';
import type { Window } from './window.js';

/** Which events count: the workspace, the window, and optional column filters. */
export interface EventScope {
  workspaceSid: string;
  window: Window;
  /** Column → value (task_queue_sid, workflow_sid, worker_sid, task_channel_sid). */
  columns: Record<string, string | undefined>;
}

const RESERVATION_COUNTS: Record<keyof ReservationCounts, string> = {
  reservations_created: 'reservation.created',
  reservations_accepted: 'reservation.accepted',
  reservations_rejected: 'reservation.rejected',
  reservations_timed_out: 'reservation.timeout',
  reservations_canceled: 'reservation.canceled',
  reservations_rescinded: 'reservation.rescinded',
};

export class EventCounter {
  constructor(private readonly db: SqliteDatabase) {}

  /** Number of events per type in scope. */
  counts(scope: EventScope): Map<string, number> {
    const { where, values } = clause(scope);
    const rows = this.db
      .prepare(`SELECT event_type AS type, COUNT(*) AS n FROM events WHERE ${where} GROUP BY event_type`)
      .all(...values) as { type: string; n: number }[];
    return new Map(rows.map((row) => [row.type, row.n]));
  }

  /** Number of events per type in scope, summed over the given workers (one query, not one per worker). */
  countsForWorkers(scope: EventScope, workerSids: readonly string[]): Map<string, number> {
    const { where, values } = clause(scope);
    const rows = this.db
      .prepare(
        `SELECT event_type AS type, COUNT(*) AS n FROM events
         WHERE ${where} AND worker_sid IN (SELECT value FROM json_each(?)) GROUP BY event_type`,
      )
      .all(...values, JSON.stringify(workerSids)) as { type: string; n: number }[];
    return new Map(rows.map((row) => [row.type, row.n]));
  }

  /** Events of `type` in scope whose `resource_sid` is `resourceSid` (e.g. task-queue.moved out of a queue). */
  countByResource(scope: EventScope, type: string, resourceSid: string): number {
    const { where, values } = clause({ ...scope, columns: {} });
    const row = this.db
      .prepare(`SELECT COUNT(*) AS n FROM events WHERE ${where} AND event_type = ? AND resource_sid = ?`)
      .get(...values, type, resourceSid) as { n: number };
    return row.n;
  }

  /** avg/min/max/total in seconds of a numeric column over events of `type` in scope. */
  durations(scope: EventScope, type: string, column: 'task_age_ms' | 'queue_age_ms'): DurationStatistic {
    const { where, values } = clause(scope);
    const row = this.db
      .prepare(
        `SELECT COUNT(${column}) AS n, AVG(${column}) AS avg, MIN(${column}) AS min, MAX(${column}) AS max, SUM(${column}) AS total
         FROM events WHERE ${where} AND event_type = ?`,
      )
      .get(...values, type) as { n: number; avg: number | null; min: number | null; max: number | null; total: number | null };
    if (row.n === 0) return { avg: 0, min: 0, max: 0, total: 0 };
    return { avg: toSeconds(row.avg!), min: toSeconds(row.min!), max: toSeconds(row.max!), total: toSeconds(row.total!) };
  }

  /** Task ages (ms) of events of `type` in scope. */
  ages(scope: EventScope, type: string): number[] {
    const { where, values } = clause(scope);
    return (
      this.db.prepare(`SELECT task_age_ms AS age FROM events WHERE ${where} AND event_type = ? AND task_age_ms IS NOT NULL`).all(...values, type) as {
        age: number;
      }[]
    ).map((row) => row.age);
  }

  /** reservations_* counts from per-type counts. */
  reservationCounts(counts: Map<string, number>): ReservationCounts {
    const result = {} as ReservationCounts;
    for (const [field, type] of Object.entries(RESERVATION_COUNTS)) result[field as keyof ReservationCounts] = counts.get(type) ?? 0;
    return result;
  }

  /** Acceptance and cancellation waits, split by thresholds when asked. */
  waits(scope: EventScope, thresholds: number[] | null): TaskWaitStatistics {
    const accepted = this.durations(scope, 'reservation.accepted', 'task_age_ms');
    return {
      avg_task_acceptance_time: accepted.avg,
      wait_duration_until_accepted: accepted,
      wait_duration_until_canceled: this.durations(scope, 'task.canceled', 'task_age_ms'),
      split_by_wait_time: thresholds ? this.split(scope, thresholds) : null,
    };
  }

  private split(scope: EventScope, thresholds: number[]): Record<string, SplitStatistic> {
    const canceled = this.ages(scope, 'task.canceled');
    const accepted = this.ages(scope, 'reservation.accepted');
    const result: Record<string, SplitStatistic> = {};
    for (const seconds of thresholds) {
      const limit = seconds * 1000;
      const below = (ages: number[]) => ages.filter((age) => age < limit).length;
      result[String(seconds)] = {
        below: { tasks_canceled: below(canceled), reservations_accepted: below(accepted) },
        above: { tasks_canceled: canceled.length - below(canceled), reservations_accepted: accepted.length - below(accepted) },
      };
    }
    return result;
  }
}

function clause(scope: EventScope): { where: string; values: unknown[] } {
  const parts = ['position >= ?', 'position < ?', 'workspace_sid = ?'];
  const values: unknown[] = [positionAt(scope.window.start), positionAt(scope.window.end + 1), scope.workspaceSid];
  for (const [column, value] of Object.entries(scope.columns)) {
    if (value === undefined) continue;
    parts.push(`${column} = ?`);
    values.push(value);
  }
  return { where: parts.join(' AND '), values };
}

/** ms → whole seconds (rounded). */
function toSeconds(ms: number): number {
  return Math.round(ms / 1000);
}
