/**
 * When a failed request may be sent again. A request that timed out, lost its connection or got a 5xx may
 * still have landed, and TaskRouter has no idempotency keys: repeating a create could make a second task
 * (a caller routed twice). Repeating a read, a delete or an update of one resource cannot.
 */
import type { Params } from './callback.js';
import type { Json } from './convert.js';

/** The server said it did nothing (rate limited, unavailable): anything may be sent again. */
export const serverDidNothing = (status: number) => status === 429 || status === 503;

/** A POST to a list (a URL not ending in a SID) creates a resource. */
export const creates = (method: string, url: string) => method === 'POST' && !/\/[A-Z]{2}[0-9a-f]{32}$/i.test(url);

/** Compares a field with a posted value, JSON text (Attributes) by its meaning. */
function same(field: unknown, posted: unknown): boolean {
  const canonical = (value: unknown) => {
    try {
      return JSON.stringify(typeof value === 'string' ? JSON.parse(value) : value);
    } catch {
      return String(value);
    }
  };
  return canonical(field) === canonical(posted);
}

/**
 * Whether `resource` (snake_case, as fetched) already shows what `params` set, so an update whose repeat was
 * refused had landed the first time: each posted parameter with a field of that name holds its value
 * (`ActivitySid` → `activity_sid`), and an `Instruction` (dequeue, call, conference, redirect) left the
 * reservation accepted. False when no parameter can be checked.
 */
export function updateLanded(resource: Json, params: Params = {}): boolean {
  let checked = 0;
  for (const [key, value] of Object.entries(params)) {
    const field = key === 'Instruction' ? 'reservation_status' : key.replace(/(?<=[a-z0-9])(?=[A-Z])/g, '_').toLowerCase();
    if (!(field in resource)) continue;
    if (!same(resource[field], key === 'Instruction' ? 'accepted' : value)) return false;
    checked++;
  }
  return checked > 0;
}
