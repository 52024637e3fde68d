import type { ReservationStatus, ReservationView } from '../../context/client-types.js';

/** The display order of the groups: pending, then the work in hand, then the ended ones. */
const RANK: Record<ReservationStatus, number> = {
  pending: 0, accepted: 1, wrapping: 1, rejected: 2, timeout: 2, canceled: 2, rescinded: 2, completed: 2,
};

/** Statuses after which a reservation needs nothing more from the worker (the last group). */
export const ENDED_STATUSES: ReadonlySet<ReservationStatus> = new Set(
  (Object.keys(RANK) as ReservationStatus[]).filter((status) => RANK[status] === 2),
);

/** Pending first, then the work in hand, then the ended ones; the newest first within each group. */
export function orderReservations(reservations: readonly ReservationView[]): ReservationView[] {
  return [...reservations].sort(
    (a, b) => RANK[a.status] - RANK[b.status] || Number(b.dateCreated) - Number(a.dateCreated),
  );
}

/**
 * Remembers when this page first saw each reservation end, so ended ones stay visible for a while
 * (measured on the local clock, not the server's) and then drop out.
 */
export class EndedReservations {
  readonly #seen = new Map<string, number>();

  /** The reservations to show at `now`: all live ones, and ended ones seen less than `lingerMs` ago. */
  visible(reservations: readonly ReservationView[], now: number, lingerMs: number): ReservationView[] {
    const current = new Set<string>();
    const shown = reservations.filter((reservation) => {
      if (!ENDED_STATUSES.has(reservation.status)) return true;
      current.add(reservation.sid);
      const since = this.#seen.get(reservation.sid) ?? now;
      this.#seen.set(reservation.sid, since);
      return now - since < lingerMs;
    });
    for (const sid of this.#seen.keys()) if (!current.has(sid)) this.#seen.delete(sid);
    return shown;
  }
}
