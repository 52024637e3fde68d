import { ENDED_RESERVATION_STATUSES, type ReservationStatus, type ReservationView } from '../../context/client-types.js';

/** A status's display group: pending first (0), then the work in hand (1: accepted, wrapping), then the ended ones (2). */
const group = (status: ReservationStatus): number => (status === 'pending' ? 0 : ENDED_RESERVATION_STATUSES.has(status) ? 2 : 1);

/** Pending first, then the work in hand, then the ended ones; the newest first within each group. */
export function orderReservations(reservations: readonly ReservationView[]): ReservationView[] {
  return [...reservations].sort(
    (a, b) => group(a.status) - group(b.status) || Number(b.dateCreated) - Number(a.dateCreated),
  );
}

/**
 * Remembers when this page first saw each reservation end, so ended ones stay visible for a while
 * (measured on the local clock, not the server's) and then drop out.
 */
export class EndedReservations {
  readonly #seen = new Map<string, number>();

  /**
   * The reservations to show at `now`: all live ones, and ended ones first seen less than `lingerMs` ago. Notes when
   * it first sees each ended one, and forgets those no longer in the list.
   */
  visibleAt(reservations: readonly ReservationView[], now: number, lingerMs: number): ReservationView[] {
    const current = new Set<string>();
    const shown = reservations.filter((reservation) => {
      if (!ENDED_RESERVATION_STATUSES.has(reservation.status)) return true;
      current.add(reservation.sid);
      const since = this.#seen.get(reservation.sid) ?? now;
      this.#seen.set(reservation.sid, since);
      return now - since < lingerMs;
    });
    for (const sid of this.#seen.keys()) if (!current.has(sid)) this.#seen.delete(sid);
    return shown;
  }
}
