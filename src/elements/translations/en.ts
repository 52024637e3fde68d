import type { ParseError } from '../../expression/index.js';

/**
 * A TargetWorkers syntax error, for `expressionError`: where it is, what was expected (phrases like `a value`,
 * or quoted tokens), what was found, the token it came after, a hint, and the English sentence of all that.
 */
export type ExpressionProblem = Pick<ParseError, 'line' | 'column' | 'expected' | 'found' | 'after' | 'hint' | 'description'>;

/** Picks the singular or plural form (enough for English and Spanish). */
export const plural = (n: number, one: string, other: string) => (n === 1 ? one : other);

/** A number as a language writes it (10,000 / 10.000): for the numbers in sentences that may be large. */
export const numeral = (n: number, language: string) => n.toLocaleString(language);

/** English, the kit's source language and the fallback for missing terms. */
export const en = {
  $code: 'en',
  $name: 'English',

  connecting: 'Connecting…',
  noProvider: 'Not connected: place this element inside <tr-provider>, or set its client property.',
  retry: 'Retry',
  cancel: 'Cancel',
  dismiss: 'Dismiss',
  available: 'Available',
  unavailable: 'Unavailable',
  connection_connecting: 'Connecting…',
  connection_connected: 'Connected',
  connection_reconnecting: 'Connection lost, reconnecting…',
  connection_disconnected: 'Disconnected',
  connection_failed: 'Connection failed',
  actionFailed: (action: string, reason: string) => `${action} failed: ${reason}`,
  unreachable: 'TaskRouter could not be reached',

  noWorker: 'No worker is signed in.',
  timeInActivity: 'Time in this activity',
  changeActivity: 'Change activity',
  activityLabel: (activity: string) => `Activity: ${activity}`,
  confirmUnavailable: (activity: string, pending: number) =>
    `You have ${pending} pending ${plural(pending, 'reservation', 'reservations')}. Switch to ${activity} anyway?`,
  switchTo: (activity: string) => `Switch to ${activity}`,
  channels: 'Channels',
  capacity: (assigned: number, capacity: number) => `${assigned} of ${capacity} ${plural(capacity, 'task', 'tasks')}`,

  reservations: 'Reservations',
  noReservations: 'No reservations right now.',
  status_pending: 'Incoming',
  status_accepted: 'Accepted',
  status_wrapping: 'Wrapping up',
  status_completed: 'Completed',
  status_rejected: 'Rejected',
  status_timeout: 'Timed out',
  status_canceled: 'Canceled',
  status_rescinded: 'Taken by another worker',
  priority: (priority: number) => `Priority ${numeral(priority, 'en')}`,
  age: (duration: string) => `Waiting ${duration}`,
  expiresIn: (duration: string) => `Expires in ${duration}`,
  inStatusFor: (duration: string) => `for ${duration}`,
  accept: 'Accept',
  reject: 'Reject',
  wrapup: 'Wrap up',
  complete: 'Complete',
  newReservation: (queue: string, summary: string) => `New reservation from ${queue}${summary ? `: ${summary}` : ''}`,
  reservationEnded: (name: string, status: string) => `Reservation for ${name}: ${status}`,
  notificationTitle: 'New reservation',
  enableNotifications: 'Enable desktop notifications',

  queueStatistics: (minutes: number) => `Queues (cumulative: last ${plural(minutes, 'minute', `${numeral(minutes, 'en')} minutes`)})`,
  noQueues: 'No queues to show.',
  realtime: 'Real time',
  window: (minutes: number) => `Last ${plural(minutes, 'minute', `${numeral(minutes, 'en')} minutes`)}`,
  chooseColumns: 'Columns',
  total: 'Total',
  trendLabel: (from: number, to: number) => `Waiting tasks, from ${numeral(from, 'en')} to ${numeral(to, 'en')}`,
  column_queue: 'Queue',
  column_waiting: 'Waiting',
  column_reserved: 'Reserved',
  column_assigned: 'Assigned',
  column_wrapping: 'Wrapping',
  column_totalTasks: 'Tasks',
  column_longestWait: 'Longest wait',
  column_availableWorkers: 'Available workers',
  column_eligibleWorkers: 'Eligible workers',
  column_activities: 'Workers by activity',
  column_entered: 'Entered',
  column_completed: 'Completed',
  column_canceled: 'Canceled',
  column_accepted: 'Accepted',
  column_rejected: 'Rejected',
  column_timedOut: 'Timed out',
  column_acceptanceTime: 'Avg. time to accept',
  column_waitUntilAccepted: 'Avg. wait until accepted',
  column_trend: 'Trend',

  newQueue: 'New task queue',
  needsWorkspaceToken: 'Editing task queues needs a workspace token: set workspace-token-url on <tr-provider>.',
  editQueue: (name: string) => `Edit task queue ${name}`,
  field_FriendlyName: 'Name',
  field_TargetWorkers: 'Target workers',
  field_MaxReservedWorkers: 'Max reserved workers',
  field_TaskOrder: 'Task order',
  field_ReservationActivitySid: 'Activity on reservation',
  field_AssignmentActivitySid: 'Activity on assignment',
  fifo: 'First in, first out',
  lifo: 'Last in, first out',
  noActivityChange: 'No change',
  targetWorkersHint: 'An expression on worker attributes; empty matches every worker.',
  previewLoading: 'Finding matching workers…',
  previewCount: (count: number) => `${numeral(count, 'en')} matching ${plural(count, 'worker', 'workers')}`,
  previewMore: (count: number) => `and ${numeral(count, 'en')} more`,
  required: 'Enter a name.',
  nameTooLong: (max: number) => `Use at most ${max} characters.`,
  maxReservedRange: 'Enter a whole number from 1 to 50.',
  expressionError: (error: ExpressionProblem) => `Line ${error.line}, column ${error.column}: ${error.description}`,
  queueNotFound: 'This task queue does not exist (any more).',
  save: 'Save',
  create: 'Create',
  delete: 'Delete',
  confirmDelete: (name: string) => `Delete the task queue ${name}? This cannot be undone.`,
  saved: 'Saved.',
  deleted: 'Deleted.',
};

/** A language for the kit: every term of the English source, translated. */
export type Translation = {
  [K in keyof typeof en]: (typeof en)[K] extends (...args: infer A) => string ? (...args: A) => string : string;
};
