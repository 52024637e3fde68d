import type { QueueStatisticsView } from '../../context/client-types.js';
import type { Translation } from '../internal/localize.js';

type ColumnTerm<Key> = Key extends `column_${infer Id}` ? Id : never;
/** A column id: its header is the `column_<id>` term (`queue` is the row headers' column). */
export type ColumnId = Exclude<ColumnTerm<keyof Translation>, 'queue'>;

/** How the totals row combines a column's rows: workers sit in several queues, so their counts get `none`. */
type Total = 'sum' | 'max' | 'none';

/**
 * The number a column sorts and totals by. Undefined for a queue with nothing to measure (no accepted task to
 * average, no waiting task): shown as a dash, not as a time of 0:00.
 */
type Measure = (stats: QueueStatisticsView) => number | undefined;

/** A column of the table: a count or duration of each queue, or something else (neither sorted nor totalled). */
export type StatColumn = { id: ColumnId } & (
  | { kind: 'count' | 'duration'; value: Measure; total: Total }
  | { kind: 'activities' | 'trend'; value?: never; total?: never }
);

/** A count, added up in the totals row unless `total` says otherwise. */
const count = (id: ColumnId, value: Measure, total: Total = 'sum') => ({ id, kind: 'count', value, total }) as const;
/** A duration, with no total unless `total` gives one. */
const duration = (id: ColumnId, value: Measure, total: Total = 'none') => ({ id, kind: 'duration', value, total }) as const;

/** An average over accepted reservations, when there were any. */
const acceptedAverage = (s: QueueStatisticsView, average: number) => (s.cumulative.reservationsAccepted ? average : undefined);

/** The real-time columns, in display order. */
export const REALTIME_COLUMNS: readonly StatColumn[] = [
  count('waiting', (s) => s.realtime.tasksByStatus.pending),
  count('reserved', (s) => s.realtime.tasksByStatus.reserved),
  count('assigned', (s) => s.realtime.tasksByStatus.assigned),
  count('wrapping', (s) => s.realtime.tasksByStatus.wrapping),
  count('totalTasks', (s) => s.realtime.totalTasks),
  // TaskRouter reports an age of 0 when no task waits (pending or reserved): that is no wait, not one of 0:00.
  duration('longestWait', ({ realtime: r }) => (r.tasksByStatus.pending + r.tasksByStatus.reserved ? r.longestTaskWaitingAge : undefined), 'max'),
  count('availableWorkers', (s) => s.realtime.availableWorkers, 'none'),
  count('eligibleWorkers', (s) => s.realtime.eligibleWorkers, 'none'),
  { id: 'activities', kind: 'activities' },
];

/** The columns of the statistics window (cumulative), in display order. */
export const WINDOW_COLUMNS: readonly StatColumn[] = [
  count('entered', (s) => s.cumulative.tasksEntered),
  count('completed', (s) => s.cumulative.tasksCompleted),
  count('canceled', (s) => s.cumulative.tasksCanceled),
  count('accepted', (s) => s.cumulative.reservationsAccepted),
  count('rejected', (s) => s.cumulative.reservationsRejected),
  count('timedOut', (s) => s.cumulative.reservationsTimedOut),
  duration('acceptanceTime', (s) => acceptedAverage(s, s.cumulative.avgTaskAcceptanceTime)),
  duration('waitUntilAccepted', (s) => acceptedAverage(s, s.cumulative.waitDurationUntilAccepted.avg)),
  { id: 'trend', kind: 'trend' },
];

/** Every column the table can show, in display order. */
export const STAT_COLUMNS: readonly StatColumn[] = [...REALTIME_COLUMNS, ...WINDOW_COLUMNS];

/** The columns shown until the user chooses, when the page sets no `columns`. */
export const DEFAULT_COLUMNS: readonly ColumnId[] = [
  'waiting', 'reserved', 'assigned', 'longestWait', 'availableWorkers', 'eligibleWorkers', 'entered', 'completed', 'acceptanceTime', 'trend',
];

/** Keeps the user's column choice in the browser (quietly skipped where storage is blocked). */
export const columnStore = {
  load(key: string): string[] | undefined {
    try {
      const saved: unknown = JSON.parse(localStorage.getItem(key) ?? 'null');
      return Array.isArray(saved) ? saved.filter((id) => STAT_COLUMNS.some((column) => column.id === id)) : undefined;
    } catch {
      return undefined;
    }
  },
  save(key: string, columns: readonly string[]): void {
    try {
      localStorage.setItem(key, JSON.stringify(columns));
    } catch {
      // Private modes may refuse storage; the choice then lasts for the page only.
    }
  },
};
