/**
 * The reservation lifecycle, in one place for the Worker, the TaskRouterClient and the elements: a reservation is
 * `pending`, then `accepted`, then `wrapping`, and ends `completed`, or earlier `rejected`, `timeout`, `canceled`
 * or `rescinded`. A Worker announces each status with an event (`reservation.accepted`…).
 */

/** Reservation statuses as TaskRouter reports them. */
export type ReservationStatus = 'pending' | 'accepted' | 'wrapping' | 'rejected' | 'timeout' | 'canceled' | 'rescinded' | 'completed';

/** The statuses in which a reservation still needs its worker, in lifecycle order. */
const ACTIVE_ORDER: readonly ReservationStatus[] = ['pending', 'accepted', 'wrapping'];

/** The statuses in which a reservation still needs its worker. */
export const ACTIVE_RESERVATION_STATUSES: ReadonlySet<ReservationStatus> = new Set(ACTIVE_ORDER);

/** The statuses that end a reservation: none follows them. */
export const ENDED_RESERVATION_STATUSES: ReadonlySet<ReservationStatus> = new Set(['rejected', 'timeout', 'canceled', 'rescinded', 'completed']);

/** The endings the worker did not cause: the reservation timed out, its task was canceled, or TaskRouter rescinded it. */
export const WITHDRAWN_RESERVATION_STATUSES: ReadonlySet<ReservationStatus> = new Set(['timeout', 'canceled', 'rescinded']);

/** Every status, the active ones first. */
export const RESERVATION_STATUSES: ReadonlySet<ReservationStatus> = new Set([...ACTIVE_ORDER, ...ENDED_RESERVATION_STATUSES]);

/** How far a status is along the lifecycle: pending 0, accepted 1, wrapping 2, and every ending (or unknown status) 3. */
export function lifecycleRank(status: ReservationStatus): number {
  const rank = ACTIVE_ORDER.indexOf(status);
  return rank < 0 ? 3 : rank;
}

/** Statuses whose event has another name: `pending` is announced by `reservation.created`, `wrapping` by `reservation.wrapup`. */
const EVENT_NAMES = { pending: 'created', wrapping: 'wrapup' } as const;

/** The Worker event types that announce a status. */
export type ReservationEventType = `reservation.${(typeof EVENT_NAMES)[keyof typeof EVENT_NAMES] | Exclude<ReservationStatus, keyof typeof EVENT_NAMES>}`;

/** The Worker event type that announces `status`, e.g. `reservation.accepted`. */
export const eventTypeOf = (status: ReservationStatus) =>
  `reservation.${EVENT_NAMES[status as keyof typeof EVENT_NAMES] ?? status}` as ReservationEventType;

/** The status a reservation event type announces; undefined for a type that announces none (`reservation.failed`). */
export const statusOf = (eventType: string): ReservationStatus | undefined => [...RESERVATION_STATUSES].find((status) => eventTypeOf(status) === eventType);

/**
 * Whether a reservation event type ends the reservation: an ending status's event, or `reservation.failed`, which
 * TaskRouter sends for a reservation that failed (protocol.md §1.6) though no status says so.
 */
export function endsReservation(eventType: string): boolean {
  const status = statusOf(eventType);
  return status ? ENDED_RESERVATION_STATUSES.has(status) : eventType === 'reservation.failed';
}
