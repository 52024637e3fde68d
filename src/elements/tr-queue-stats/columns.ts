import type { QueueStatisticsView } from '../../context/client-types.js';

/** How a column's cells are shown. */
export type ColumnKind = 'count' | 'duration' | 'activities' | 'trend';

export interface StatColumn {
  id: string;
  kind: ColumnKind;
  /** `true` for the cumulative statistics of the window, `false` for real-time ones. */
  cumulative: boolean;
  /**
   * The number to sort and total by; absent for columns that do neither. Undefined for a queue with nothing
   * to measure (no accepted task to average, no waiting task): shown as a dash, not as a time of 0:00.
   */
  value?: (stats: QueueStatisticsView) => number | undefined;
  /** How the totals row combines the rows: workers sit in several queues, so they get no total. */
  total?: 'sum' | 'max';
}

/** A count column; `total` null for counts that must not be added up. */
const count = (id: string, value: StatColumn['value'], cumulative = false, total: StatColumn['total'] | null = 'sum'): StatColumn =>
  ({ id, kind: 'count', cumulative, value, total: total ?? undefined });
const duration = (id: string, value: StatColumn['value'], cumulative = false, total?: StatColumn['total']): StatColumn =>
  ({ id, kind: 'duration', cumulative, value, total });

/** An average over accepted reservations, when there were any. */
const acceptedAverage = (s: QueueStatisticsView, average: number) => (s.cumulative.reservationsAccepted ? average : undefined);

/** Every column the table can show, in display order. */
export const STAT_COLUMNS: readonly StatColumn[] = [
  count('waiting', (s) => s.realtime.tasksByStatus.pending),
  count('reserved', (s) => s.realtime.tasksByStatus.reserved),
  count('assigned', (s) => s.realtime.tasksByStatus.assigned),
  count('wrapping', (s) => s.realtime.tasksByStatus.wrapping),
  count('totalTasks', (s) => s.realtime.totalTasks),
  // TaskRouter reports an age of 0 when no task waits (pending or reserved): that is no wait, not one of 0:00.
  duration('longestWait', ({ realtime: r }) => (r.tasksByStatus.pending + r.tasksByStatus.reserved ? r.longestTaskWaitingAge : undefined), false, 'max'),
  count('availableWorkers', (s) => s.realtime.availableWorkers, false, null),
  count('eligibleWorkers', (s) => s.realtime.eligibleWorkers, false, null),
  { id: 'activities', kind: 'activities', cumulative: false },
  count('entered', (s) => s.cumulative.tasksEntered, true),
  count('completed', (s) => s.cumulative.tasksCompleted, true),
  count('canceled', (s) => s.cumulative.tasksCanceled, true),
  count('accepted', (s) => s.cumulative.reservationsAccepted, true),
  count('rejected', (s) => s.cumulative.reservationsRejected, true),
  count('timedOut', (s) => s.cumulative.reservationsTimedOut, true),
  duration('acceptanceTime', (s) => acceptedAverage(s, s.cumulative.avgTaskAcceptanceTime), true),
  duration('waitUntilAccepted', (s) => acceptedAverage(s, s.cumulative.waitDurationUntilAccepted.avg), true),
  { id: 'trend', kind: 'trend', cumulative: true },
];

/** The columns shown until the user chooses, when the page sets no `columns`. */
export const DEFAULT_COLUMNS: readonly string[] = [
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
