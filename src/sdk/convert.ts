/**
 * JSON → object conversion as TaskRouter.js v1 did it (protocol.md §2.4): snake_case keys become
 * camelCase (nested ones too), JSON-string `attributes` / `configuration` / `addons` are parsed,
 * dates become Date objects (numbers are epoch seconds), and `url` / `links` / `reservation_sid` are dropped.
 */
export type Json = Record<string, unknown>;

const SKIPPED = new Set(['url', 'links', 'reservation_sid']);
const PARSED = /^(attributes|configuration|addons)$/;
const DATE = /(^date_|_date$)/;

/** `task_queue_sid` → `taskQueueSid`. */
export const camelCase = (key: string): string => key.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());

function value(key: string, v: unknown): unknown {
  if (PARSED.test(key)) {
    if (typeof v !== 'string') return v;
    try {
      return JSON.parse(v);
    } catch {
      return v;
    }
  }
  if (DATE.test(key) && (typeof v === 'number' || typeof v === 'string')) return new Date(typeof v === 'number' ? v * 1000 : v);
  if (Array.isArray(v)) return v.map((item) => (item && typeof item === 'object' ? toFields(item) : item));
  return v && typeof v === 'object' ? toFields(v as Json) : v;
}

/** Converts one JSON object from the wire into camelCased fields. */
export function toFields(json: Json): Json {
  const out: Json = {};
  for (const key in json) if (!SKIPPED.has(key)) out[camelCase(key)] = value(key, json[key]);
  return out;
}
