/**
 * The event log: every state change appends a TaskRouter event (protocol.md §6.4)
 * in the same transaction, and subscribers hear it once the transaction commits.
 */
import { randomHex } from './sids.js';
import type { Statement } from 'better-sqlite3';
import type { SqliteDatabase } from './store/database.js';
import type { UnitOfWork } from './store/unit-of-work.js';
import type {
  EventResource,
  ReservationResource,
  TaskResource,
  WorkerChannelResource,
  WorkerResource,
} from './types.js';
import { isoDate } from './dates.js';

/**
 * An event as published to subscribers: the stored TaskRouter event plus what the
 * event bridge needs to route it (the SIDs involved) and full snapshots of the
 * affected resources at the time of the event.
 */
export interface EngineEvent extends EventResource {
  worker_sid?: string;
  /** Every worker holding the task of a task.* event, when more than one does (multi-reservation). */
  worker_sids?: string[];
  task_queue_sid?: string;
  task_sid?: string;
  reservation_sid?: string;
  workflow_sid?: string;
  task_channel_sid?: string;
  worker?: WorkerResource;
  task?: TaskResource;
  reservation?: ReservationResource;
  worker_channel?: WorkerChannelResource;
}

/** Listener for {@link EventLog.subscribe}. */
export type EngineEventListener = (event: EngineEvent) => void;

/** What a service hands to {@link EventLog.append}. */
export interface EventInput {
  accountSid: string;
  workspaceSid: string;
  type: string;
  resourceType: string;
  resourceSid: string;
  description: string;
  actorSid?: string | null;
  actorType?: string | null;
  data: Record<string, unknown>;
  /** SIDs the event concerns (stored as columns for filters and statistics). */
  taskSid?: string | null;
  taskQueueSid?: string | null;
  workflowSid?: string | null;
  workerSid?: string | null;
  /** Workers the event concerns when there are several (published only; `workerSid` is stored). */
  workerSids?: readonly string[] | null;
  reservationSid?: string | null;
  taskChannelSid?: string | null;
  /** Task age at the event (ms), for wait-time statistics. */
  taskAgeMs?: number | null;
  /** Time the task had spent in its queue (ms). */
  queueAgeMs?: number | null;
  /** worker.activity.update: time spent in the previous activity (ms); its SID is `previousActivitySid`. */
  durationMs?: number | null;
  previousActivitySid?: string | null;
  snapshots?: Pick<EngineEvent, 'worker' | 'task' | 'reservation' | 'worker_channel'>;
}

const COLUMNS = [
  'position', 'sid', 'account_sid', 'workspace_sid', 'event_type', 'resource_type', 'resource_sid', 'description', 'actor_sid',
  'actor_type', 'event_date_ms', 'event_data', 'task_sid', 'task_queue_sid', 'workflow_sid', 'worker_sid',
  'reservation_sid', 'task_channel_sid', 'task_age_ms', 'queue_age_ms', 'duration_ms', 'previous_activity_sid',
] as const;

/** SIDs copied onto published events for the event bridge. */
const ROUTING_KEYS = ['worker_sid', 'task_queue_sid', 'task_sid', 'reservation_sid', 'workflow_sid', 'task_channel_sid'] as const;

/** Most rows one INSERT carries. */
const MAX_BATCH = 32;

/** Stored row of the `events` table. */
export interface EventRow {
  /** Log position (row id): event time in ms × 1024 + a counter. */
  position: number;
  sid: string;
  account_sid: string;
  workspace_sid: string;
  event_type: string;
  resource_type: string;
  resource_sid: string;
  description: string;
  actor_sid: string | null;
  actor_type: string | null;
  event_date_ms: number;
  event_data: string;
  task_sid: string | null;
  task_queue_sid: string | null;
  workflow_sid: string | null;
  worker_sid: string | null;
  reservation_sid: string | null;
  task_channel_sid: string | null;
  task_age_ms: number | null;
  queue_age_ms: number | null;
  duration_ms: number | null;
  previous_activity_sid: string | null;
}

/** Log positions per millisecond (position = event time in ms × this + counter). */
const POSITIONS_PER_MS = 1024;

/**
 * Creates the events table. Each event's row id is its log position, derived from
 * its time, so the table is ordered by time and takes new events at its end, and
 * time windows are row-id ranges: no secondary index is needed.
 */
export function createEventTable(db: SqliteDatabase): void {
  db.exec(`
    CREATE TABLE IF NOT EXISTS events (
      position INTEGER PRIMARY KEY, sid TEXT NOT NULL, account_sid TEXT NOT NULL, workspace_sid TEXT NOT NULL,
      event_type TEXT NOT NULL, resource_type TEXT NOT NULL, resource_sid TEXT NOT NULL,
      description TEXT NOT NULL, actor_sid TEXT, actor_type TEXT, event_date_ms INTEGER NOT NULL,
      event_data TEXT NOT NULL, task_sid TEXT, task_queue_sid TEXT, workflow_sid TEXT, worker_sid TEXT,
      reservation_sid TEXT, task_channel_sid TEXT, task_age_ms INTEGER, queue_age_ms INTEGER,
      duration_ms INTEGER, previous_activity_sid TEXT)
  `);
}

/** The first log position at or after time `ms`. */
export function positionAt(ms: number): number {
  return Math.floor(ms) * POSITIONS_PER_MS;
}

/**
 * SQL conditions (and their values) for the events of a time window, ms, both ends included; either end may be open.
 * Positions make the window a row-id range. An event's position is at or after its time, and past 1,024 events in
 * one millisecond it spills into the next millisecond's positions, so the start also checks the time, and the end
 * runs to the first event after the window rather than to the position of its last millisecond.
 */
export function eventsBetween(start: number | undefined, end: number | undefined): { where: string[]; values: number[] } {
  const where: string[] = [];
  const values: number[] = [];
  if (start !== undefined) {
    where.push('position >= ?', 'event_date_ms >= ?');
    values.push(positionAt(start), start);
  }
  if (end !== undefined) {
    where.push(`position < COALESCE((SELECT position FROM events WHERE position >= ? AND event_date_ms > ? ORDER BY position LIMIT 1), ${Number.MAX_SAFE_INTEGER})`);
    values.push(positionAt(end + 1), end);
  }
  return { where, values };
}

/**
 * The log position an event SID names (its first 16 hex digits), or undefined
 * for a string that is not an event SID.
 */
export function positionOf(sid: string): number | undefined {
  if (!/^EV[0-9a-f]{32}$/.test(sid)) return undefined;
  return parseInt(sid.slice(2, 18), 16);
}

/** Turns a stored row into the public Event resource. */
export function eventResource(row: EventRow): EventResource {
  return resourceOf(row, JSON.parse(row.event_data) as Record<string, unknown>);
}

function resourceOf(row: EventRow, data: Record<string, unknown>): EventResource {
  return {
    account_sid: row.account_sid,
    workspace_sid: row.workspace_sid,
    sid: row.sid,
    event_type: row.event_type,
    resource_type: row.resource_type,
    resource_sid: row.resource_sid,
    description: row.description,
    actor_sid: row.actor_sid,
    actor_type: row.actor_type,
    event_date: isoDate(row.event_date_ms),
    event_date_ms: row.event_date_ms,
    event_data: data,
    source: 'taskrouter-kit',
    source_ip_address: null,
  };
}

/** Appends events inside transactions and publishes them after commit. */
export class EventLog {
  private readonly inserts = new Map<number, Statement>();
  private readonly insert: (count: number) => Statement;
  /** Rows appended in the open transaction, inserted together just before it commits. */
  private pendingRows: EventRow[] = [];
  /** Position of the latest event (positions only grow, even if the clock goes back). */
  private lastPosition: number;
  private readonly listeners = new Set<EngineEventListener>();
  private unpublished: EngineEvent[] = [];
  private publishing = false;

  constructor(
    db: SqliteDatabase,
    private readonly uow: UnitOfWork,
    private readonly now: () => number,
  ) {
    createEventTable(db);
    this.lastPosition = (db.prepare('SELECT MAX(position) AS last FROM events').get() as { last: number | null }).last ?? 0;
    const row = `(${COLUMNS.map(() => '?').join(', ')})`;
    this.insert = (count: number) => {
      let statement = this.inserts.get(count);
      if (!statement) {
        statement = db.prepare(`INSERT INTO events (${COLUMNS.join(', ')}) VALUES ${Array(count).fill(row).join(', ')}`);
        this.inserts.set(count, statement);
      }
      return statement;
    };
  }

  /** Records one event in the open transaction; it is published after commit. */
  append(input: EventInput): EngineEvent {
    const date = this.now();
    const position = Math.max(this.lastPosition + 1, positionAt(date));
    this.lastPosition = position;
    const row: EventRow = {
      position,
      sid: 'EV' + position.toString(16).padStart(16, '0') + randomHex(8),
      account_sid: input.accountSid,
      workspace_sid: input.workspaceSid,
      event_type: input.type,
      resource_type: input.resourceType,
      resource_sid: input.resourceSid,
      description: input.description,
      actor_sid: input.actorSid ?? null,
      actor_type: input.actorType ?? null,
      event_date_ms: date,
      event_data: JSON.stringify(input.data),
      task_sid: input.taskSid ?? null,
      task_queue_sid: input.taskQueueSid ?? null,
      workflow_sid: input.workflowSid ?? null,
      worker_sid: input.workerSid ?? null,
      reservation_sid: input.reservationSid ?? null,
      task_channel_sid: input.taskChannelSid ?? null,
      task_age_ms: input.taskAgeMs ?? null,
      queue_age_ms: input.queueAgeMs ?? null,
      duration_ms: input.durationMs ?? null,
      previous_activity_sid: input.previousActivitySid ?? null,
    };
    if (this.pendingRows.length === 0) this.uow.beforeCommit(() => this.write());
    const rows = this.pendingRows;
    rows.push(row);
    this.uow.onRollback(() => {
      rows.length = 0;
    });
    const event: EngineEvent = resourceOf(row, input.data);
    for (const key of ROUTING_KEYS) {
      const value = row[key];
      if (value !== null) event[key] = value;
    }
    if (input.workerSids) event.worker_sids = [...input.workerSids];
    Object.assign(event, input.snapshots);
    const published = this.unpublished;
    const length = published.length;
    this.uow.onRollback(() => {
      published.length = length;
    });
    published.push(event);
    return event;
  }

  /** Inserts the transaction's events, up to MAX_BATCH rows per statement. */
  private write(): void {
    const rows = this.pendingRows;
    this.pendingRows = [];
    for (let start = 0; start < rows.length; start += MAX_BATCH) {
      const batch = rows.slice(start, start + MAX_BATCH);
      const values: unknown[] = [];
      for (const row of batch) for (const column of COLUMNS) values.push(row[column]);
      this.insert(batch.length).run(values);
    }
  }

  /** Adds a listener; returns the function that removes it. */
  subscribe(listener: EngineEventListener): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  /**
   * Hands committed events to listeners, in order. A listener that throws does not
   * stop the others; its error goes to `onError`.
   */
  publish(onError: (error: unknown) => void): void {
    // A listener that changes state publishes from inside this loop: its events wait
    // for the loop, so every listener sees events in commit order.
    if (this.publishing) return;
    this.publishing = true;
    try {
      this.deliver(onError);
    } finally {
      this.publishing = false;
    }
  }

  private deliver(onError: (error: unknown) => void): void {
    while (this.unpublished.length > 0) {
      const events = this.unpublished;
      this.unpublished = [];
      for (const event of events) {
        for (const listener of this.listeners) {
          try {
            listener(event);
          } catch (error) {
            onError(error);
          }
        }
      }
    }
  }
}
