/**
 * Dates as the engine prints them: ISO 8601 in UTC at second precision, four-digit
 * years, as TaskRouter's REST API does. Resources store epoch milliseconds.
 */

/** The earliest date printable with a four-digit year. */
export const EARLIEST_ISO = '0000-01-01T00:00:00Z';
/** The latest date printable with a four-digit year. */
export const LATEST_ISO = '9999-12-31T23:59:59Z';

/** The dates `isoDate` prints as Twilio does: four-digit years 0000–9999. */
export const DATE_RANGE = { earliest: Date.parse(EARLIEST_ISO), latest: Date.parse(LATEST_ISO) + 999 } as const;

/** Whether `ms` falls in DATE_RANGE (so dates derived from input never reach an invalid time value). */
export function isPrintableDate(ms: number): boolean {
  return ms >= DATE_RANGE.earliest && ms <= DATE_RANGE.latest;
}

const isoCache = new Map<number, string>();

/** Epoch ms → ISO 8601 at second precision, as Twilio prints dates (memoized per second). */
export function isoDate(ms: number): string {
  const second = Math.floor(ms / 1000);
  let text = isoCache.get(second);
  if (text === undefined) {
    if (isoCache.size >= 4096) isoCache.clear();
    text = new Date(second * 1000).toISOString().slice(0, 19) + 'Z';
    isoCache.set(second, text);
  }
  return text;
}

/** Epoch ms → ISO or null. */
export function isoDateOrNull(ms: number | null): string | null {
  return ms === null ? null : isoDate(ms);
}
