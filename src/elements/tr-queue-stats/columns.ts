import type { QueueCumulativeStatistics, QueueStatisticsView } from '../../context/client-types.js';
import type { Translation } from '../internal/localize.js';

type ColumnTerm<Key> = Key extends `column_${infer Id}` ? Id : never;
/** A column id: its header is the `column_<id>` term (`queue` is the row headers' column). */
export type ColumnId = Exclude<ColumnTerm<keyof Translation>, 'queue'>;

/** How the totals row combines a column's rows: workers sit in several queues, so their counts get `none`. */
type Total = 'sum' | 'max' | 'none';

/**
 * The number a column sorts and totals by, with the table's window in minutes. Undefined for a queue with nothing to
 * measure (no accepted task to average, no waiting task, the window not fetched yet): shown as a dash, not as 0.
 */
type Measure = (stats: QueueStatisticsView, minutes: number) => number | undefined;

/** A column of the table: a count or duration of each queue, or something else (neither sorted nor totalled). */
export type StatColumn = { id: ColumnId } & (
  | { kind: 'count' | 'duration'; value: Measure; total: Total }
  | { kind: 'activities' | 'trend'; value?: never; total?: never }
);

/** A count, added up in the totals row unless `total` says otherwise. */
const count = (id: ColumnId, value: Measure, total: Total = 'sum') => ({ id, kind: 'count', value, total }) as const;
/** A duration, with no total unless `total` gives one. */
const duration = (id: ColumnId, value: Measure, total: Total = 'none') => ({ id, kind: 'duration', value, total }) as const;

/** A measure of the window's cumulative statistics, once they are in. */
const windowed = (measure: (c: QueueCumulativeStatistics) => number | undefined): Measure => (s, minutes) => {
  const cumulative = s.cumulative[minutes];
  return cumulative && measure(cumulative);
};
/** An average over accepted reservations, when there were any. */
const acceptedAverage = (average: (c: QueueCumulativeStatistics) => number) =>
  windowed((c) => (c.reservationsAccepted ? average(c) : undefined));

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
  count('entered', windowed((c) => c.tasksEntered)),
  count('completed', windowed((c) => c.tasksCompleted)),
  count('canceled', windowed((c) => c.tasksCanceled)),
  count('accepted', windowed((c) => c.reservationsAccepted)),
  count('rejected', windowed((c) => c.reservationsRejected)),
  count('timedOut', windowed((c) => c.reservationsTimedOut)),
  duration('acceptanceTime', acceptedAverage((c) => c.avgTaskAcceptanceTime)),
  duration('waitUntilAccepted', acceptedAverage((c) => c.waitDurationUntilAccepted.avg)),
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
