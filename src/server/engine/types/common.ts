/**
 * Shapes every part of the engine's service API shares: form-encoded inputs, the
 * task and reservation statuses, paging, and the options of reading and writing calls.
 */

/** A number, or a string spelling one (form-encoded input). */
export type NumberInput = number | string;
/** A boolean, or "true"/"false" (form-encoded input). */
export type BooleanInput = boolean | string;
/** A JSON object as a string (as Twilio stores it) or as an object. */
export type JsonInput = string | Record<string, unknown>;

export type TaskOrder = 'FIFO' | 'LIFO';
export type AssignmentStatus = 'pending' | 'reserved' | 'assigned' | 'wrapping' | 'completed' | 'canceled';
export type ReservationStatus =
  | 'pending'
  | 'accepted'
  | 'rejected'
  | 'timeout'
  | 'canceled'
  | 'rescinded'
  | 'wrapping'
  | 'completed';

/** Paging inputs for list calls. `page` is 0-based; `page_size` defaults to 50, max 1000. */
export interface PageParams {
  page?: NumberInput;
  page_size?: NumberInput;
  /** Where the previous page ended (its `next_token`): the page starts after that item, wherever the list has changed. */
  page_token?: string;
}

/** One page of a list. The REST layer turns it into `{<key>: items, meta}`. */
export interface Page<T> {
  items: T[];
  page: number;
  page_size: number;
  /** True when a further page exists. */
  has_next: boolean;
  /** With `has_next`: the `page_token` of the next page. */
  next_token?: string;
}

/** Options of calls that read what only some callers may see. */
export interface ReadOptions {
  /** Who is acting (e.g. the worker of a capability token); recorded as the events' actor. */
  actor?: { sid: string; type: string };
}

/** Options of calls that change state. */
export interface WriteOptions extends ReadOptions {
  /** The resource `version` the caller last saw (`If-Match`); a mismatch throws a 412. Tasks, workers, reservations. */
  expectedVersion?: string | number;
}
