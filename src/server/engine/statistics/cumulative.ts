/**
 * Cumulative statistics from the event log (protocol.md §5): counts of events by
 * type in a window, and wait durations from the task ages recorded on them.
 */
import type { Statement } from 'better-sqlite3';
import { eventsBetween } from '../events.js';
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

type AgeColumn = 'task_age_ms' | 'queue_age_ms';
type Aggregate = { n: number; avg: number | null; min: number | null; max: number | null; total: number | null };

/**
 * What cumulative blocks read from the event log, scope by scope. The counters are abstract so that queue
 * statistics, of one queue or of a list of many, come from a few grouped queries (QueueEventCounter).
 */
export abstract class EventTallies {
  /** Number of events per type in scope. */
  abstract counts(scope: EventScope): Map<string, number>;
  /** avg/min/max/total in seconds of a task age column over events of `type` in scope. */
  abstract durations(scope: EventScope, type: string, column: AgeColumn): DurationStatistic;
  /** Task ages (ms) of events of `type` in scope. */
  abstract ages(scope: EventScope, type: string): number[];

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

/** The counters for any one scope, each one query over the scope's window. */
export class EventCounter extends EventTallies {
  /** Prepared statements by SQL text: preparing compiles one, so it is done once per text. */
  private readonly prepared = new Map<string, Statement>();

  constructor(private readonly db: SqliteDatabase) {
    super();
  }

  private statement(sql: string): Statement {
    let statement = this.prepared.get(sql);
    if (!statement) this.prepared.set(sql, (statement = this.db.prepare(sql)));
    return statement;
  }

  counts(scope: EventScope): Map<string, number> {
    const { where, values } = clause(scope);
    const sql = `SELECT event_type AS type, COUNT(*) AS n FROM events WHERE ${where} GROUP BY event_type`;
    const rows = this.statement(sql).all(...values) as { type: string; n: number }[];
    return new Map(rows.map((row) => [row.type, row.n]));
  }

  /** Number of events per type in scope, summed over the given workers (one query, not one per worker). */
  countsForWorkers(scope: EventScope, workerSids: readonly string[]): Map<string, number> {
    const { where, values } = clause(scope);
    const sql = `SELECT event_type AS type, COUNT(*) AS n FROM events
      WHERE ${where} AND worker_sid IN (SELECT value FROM json_each(?)) GROUP BY event_type`;
    const rows = this.statement(sql).all(...values, JSON.stringify(workerSids)) as { type: string; n: number }[];
    return new Map(rows.map((row) => [row.type, row.n]));
  }

  durations(scope: EventScope, type: string, column: AgeColumn): DurationStatistic {
    const { where, values } = clause(scope);
    const sql = `SELECT COUNT(${column}) AS n, AVG(${column}) AS avg, MIN(${column}) AS min, MAX(${column}) AS max, SUM(${column}) AS total
      FROM events WHERE ${where} AND event_type = ?`;
    return durationOf(this.statement(sql).get(...values, type) as Aggregate);
  }

  ages(scope: EventScope, type: string): number[] {
    const { where, values } = clause(scope);
    const sql = `SELECT task_age_ms AS age FROM events WHERE ${where} AND event_type = ? AND task_age_ms IS NOT NULL`;
    return (this.statement(sql).all(...values, type) as { age: number }[]).map((row) => row.age);
  }
}

/** Event types whose task ages the wait statistics read. */
const TIMED_TYPES = ['reservation.accepted', 'task.canceled'];

/**
 * The counters of every queue in one window (or of the scope's queue, when it names one), from two scans of
 * the window grouped by queue: counting scope by scope would scan it about five times per queue. It answers
 * for scopes of that window whose `task_queue_sid` names a queue; ages are loaded only if a split by wait time
 * asks for them.
 */
export class QueueEventCounter extends EventTallies {
  private readonly countsByQueue = new Map<string, Map<string, number>>();
  private readonly durationsByQueue = new Map<string, DurationStatistic>();
  private readonly moved = new Map<string, number>();
  private agesByQueue?: Map<string, number[]>;

  /** The window, channel and queue (if any) of the scope. */
  private readonly list: { where: string; values: unknown[] };

  constructor(private readonly db: SqliteDatabase, scope: EventScope) {
    super();
    this.list = clause(scope);
    this.loadCountsAndDurations();
    this.loadMoves(clause({ ...scope, columns: { task_channel_sid: scope.columns.task_channel_sid } }));
  }

  /** Events per queue and type, with the task and queue age aggregates the wait statistics read. */
  private loadCountsAndDurations(): void {
    const { where, values } = this.list;
    const aggregate = (column: AgeColumn) =>
      `COUNT(${column}) AS ${column}_n, AVG(${column}) AS ${column}_avg, MIN(${column}) AS ${column}_min, MAX(${column}) AS ${column}_max, SUM(${column}) AS ${column}_total`;
    const rows = this.db
      .prepare(`SELECT task_queue_sid AS queue, event_type AS type, COUNT(*) AS n, ${aggregate('task_age_ms')}, ${aggregate('queue_age_ms')}
        FROM events WHERE ${where} AND task_queue_sid IS NOT NULL GROUP BY task_queue_sid, event_type`)
      .all(...values) as Array<Record<string, string | number | null>>;
    for (const row of rows) {
      grouped(this.countsByQueue, row.queue as string, () => new Map()).set(row.type as string, row.n as number);
      if (!TIMED_TYPES.includes(row.type as string)) continue;
      for (const column of ['task_age_ms', 'queue_age_ms'] as const) {
        const field = (name: string) => row[`${column}_${name}`] as number | null;
        const aggregated = { n: field('n') ?? 0, avg: field('avg'), min: field('min'), max: field('max'), total: field('total') };
        this.durationsByQueue.set(`${row.queue} ${row.type} ${column}`, durationOf(aggregated));
      }
    }
  }

  /** Moves out of a queue in the window and channel (the event names the queue it left as its resource, not as its queue). */
  private loadMoves({ where, values }: { where: string; values: unknown[] }): void {
    const rows = this.db
      .prepare(`SELECT resource_sid AS queue, COUNT(*) AS n FROM events
        WHERE ${where} AND event_type = 'task-queue.moved' GROUP BY resource_sid`)
      .all(...values) as { queue: string; n: number }[];
    for (const { queue, n } of rows) this.moved.set(queue, n);
  }

  counts(scope: EventScope): Map<string, number> {
    return new Map(this.countsByQueue.get(queueOf(scope)));
  }

  /** Tasks moved out of a queue in the window (`task-queue.moved` names the queue it left as its resource). */
  movedOutOf(queueSid: string): number {
    return this.moved.get(queueSid) ?? 0;
  }

  durations(scope: EventScope, type: string, column: AgeColumn): DurationStatistic {
    return this.durationsByQueue.get(`${queueOf(scope)} ${type} ${column}`) ?? { ...NO_DURATION };
  }

  ages(scope: EventScope, type: string): number[] {
    if (!this.agesByQueue) {
      this.agesByQueue = new Map();
      const { where, values } = this.list;
      const rows = this.db
        .prepare(`SELECT task_queue_sid AS queue, event_type AS type, task_age_ms AS age FROM events
          WHERE ${where} AND task_queue_sid IS NOT NULL AND task_age_ms IS NOT NULL AND event_type IN (SELECT value FROM json_each(?))`)
        .all(...values, JSON.stringify(TIMED_TYPES)) as { queue: string; type: string; age: number }[];
      for (const row of rows) grouped(this.agesByQueue, `${row.queue} ${row.type}`, () => []).push(row.age);
    }
    return [...(this.agesByQueue.get(`${queueOf(scope)} ${type}`) ?? [])];
  }
}

/** The queue a scope of a QueueEventCounter names. */
function queueOf(scope: EventScope): string {
  const queue = scope.columns.task_queue_sid;
  if (queue === undefined) throw new Error('QueueEventCounter answers for one queue at a time');
  return queue;
}

/** The value under `key`, created by `make` when missing. */
function grouped<V>(map: Map<string, V>, key: string, make: () => V): V {
  let value = map.get(key);
  if (value === undefined) map.set(key, (value = make()));
  return value;
}

const NO_DURATION: DurationStatistic = { avg: 0, min: 0, max: 0, total: 0 };

/** A SQL aggregate row in whole seconds; zeros when it counted nothing. */
function durationOf(row: Aggregate): DurationStatistic {
  if (row.n === 0) return { ...NO_DURATION };
  return { avg: toSeconds(row.avg!), min: toSeconds(row.min!), max: toSeconds(row.max!), total: toSeconds(row.total!) };
}

function clause(scope: EventScope): { where: string; values: unknown[] } {
  const window = eventsBetween(scope.window.start, scope.window.end);
  const parts = [...window.where, 'workspace_sid = ?'];
  const values: unknown[] = [...window.values, scope.workspaceSid];
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
