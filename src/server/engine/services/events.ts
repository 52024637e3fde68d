import { invalidParameter, notFound } from '../errors.js';
import { eventResource, eventsBetween, positionOf, type EventRow } from '../events.js';
import { optionalDate, optionalInteger, optionalString } from '../input.js';
import { encodeToken, pageToken, pageWindow } from '../paging.js';
import { DEFAULT_MINUTES } from '../statistics/window.js';
import type { EventListFilters, EventResource, Page } from '../types.js';
import { Service } from './service.js';
import type { TaskChannelService } from './task-channels.js';

/** Columns the SID filters map to. */
const SID_FILTERS = {
  reservation_sid: 'reservation_sid',
  task_queue_sid: 'task_queue_sid',
  task_sid: 'task_sid',
  worker_sid: 'worker_sid',
  workflow_sid: 'workflow_sid',
  sid: 'sid',
} as const;

/** The event log of a workspace, newest first. */
export class EventService extends Service {
  private taskChannels!: TaskChannelService;

  /** @internal */
  use(taskChannels: TaskChannelService): void {
    this.taskChannels = taskChannels;
  }

  /**
   * Lists events, newest first (time windows are ranges of the time-ordered log). `minutes` (not combinable with start/end dates)
   * limits to the last N minutes; without any window, to the last 15, as TaskRouter does.
   */
  list(workspaceSid: string, filters: EventListFilters = {}): Page<EventResource> {
    this.requireWorkspace(workspaceSid);
    const where = ['workspace_sid = ?'];
    const values: unknown[] = [workspaceSid];
    const minutes = optionalInteger(filters.minutes, 'minutes', { min: 1 });
    const start = optionalDate(filters.start_date, 'start_date');
    const end = optionalDate(filters.end_date, 'end_date');
    if (minutes !== undefined && (start !== undefined || end !== undefined)) {
      throw invalidParameter('Minutes', 'Invalid Minutes: cannot be combined with StartDate or EndDate');
    }
    // Without a window, the last 15 minutes (or the 15 before EndDate), as TaskRouter lists them.
    const from = minutes !== undefined ? this.now() - minutes * 60_000 : start ?? (end ?? this.now()) - DEFAULT_MINUTES * 60_000;
    const window = eventsBetween(from, end);
    where.push(...window.where);
    values.push(...window.values);
    const type = optionalString(filters.event_type, 'event_type');
    if (type !== undefined) {
      where.push('event_type = ?');
      values.push(type);
    }
    for (const [param, column] of Object.entries(SID_FILTERS)) {
      const value = optionalString(filters[param as keyof typeof SID_FILTERS], param);
      if (value === undefined) continue;
      where.push(`${column} = ?`);
      values.push(value);
    }
    const channel = optionalString(filters.task_channel, 'task_channel');
    if (channel !== undefined) {
      where.push('task_channel_sid = ?');
      values.push(this.taskChannels.resolve(workspaceSid, channel).sid);
    }
    const { page, pageSize } = pageWindow(filters);
    // Newest first: a page token holds the last position negated (positions grow along a page), and the next page
    // starts below it, however many events came since.
    const after = pageToken(filters, 1);
    if (after !== undefined) {
      where.push('position < ?');
      values.push(-after[0]!);
    }
    const rows = this.core.db
      .prepare(`SELECT * FROM events WHERE ${where.join(' AND ')} ORDER BY position DESC LIMIT ? OFFSET ?`)
      .all(...values, pageSize + 1, after === undefined ? page * pageSize : 0) as EventRow[];
    const items = rows.slice(0, pageSize);
    const hasNext = rows.length > pageSize;
    return {
      items: items.map(eventResource),
      page,
      page_size: pageSize,
      has_next: hasNext,
      ...(hasNext ? { next_token: encodeToken([-items.at(-1)!.position]) } : {}),
    };
  }

  get(workspaceSid: string, sid: string): EventResource {
    this.requireWorkspace(workspaceSid);
    const position = positionOf(sid);
    const row =
      position === undefined
        ? undefined
        : (this.core.db.prepare('SELECT * FROM events WHERE position = ? AND sid = ? AND workspace_sid = ?').get(position, sid, workspaceSid) as
            | EventRow
            | undefined);
    if (!row) throw notFound('Event', sid);
    return eventResource(row);
  }
}
