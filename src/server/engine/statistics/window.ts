import { isPrintableDate } from '../dates.js';
import { invalidParameter } from '../errors.js';
import { optionalDate, optionalInteger, optionalString } from '../input.js';
import type { StatisticsQuery } from '../types.js';

/** A statistics window in epoch ms. */
export interface Window {
  start: number;
  end: number;
}

/** Minutes when the query gives no window (protocol.md §5). */
export const DEFAULT_MINUTES = 15;

/**
 * The longest window `minutes` may ask for: 30 days. Longer windows are served by
 * StartDate/EndDate; the bound keeps `now - minutes` a valid date.
 */
export const MAX_MINUTES = 30 * 24 * 60;

/**
 * `minutes` (default 15, at most MAX_MINUTES) back from now, or `start_date`…`end_date`
 * (end defaults to now). Every bound must be a date of DATE_RANGE (dates.ts).
 */
export function statisticsWindow(query: StatisticsQuery, now: number): Window {
  const minutes = optionalInteger(query.minutes, 'minutes', { min: 1, max: MAX_MINUTES });
  const start = optionalDate(query.start_date, 'start_date');
  const end = optionalDate(query.end_date, 'end_date');
  if (minutes !== undefined && (start !== undefined || end !== undefined)) {
    throw invalidParameter('Minutes', 'Invalid Minutes: cannot be combined with StartDate or EndDate');
  }
  if (start === undefined && end === undefined) return { start: now - (minutes ?? DEFAULT_MINUTES) * 60_000, end: now };
  const windowEnd = end ?? now;
  const windowStart = start ?? windowEnd - DEFAULT_MINUTES * 60_000;
  if (!isPrintableDate(windowStart)) {
    throw invalidParameter('EndDate', `Invalid EndDate: the default ${DEFAULT_MINUTES}-minute window before it starts before the earliest date; give a StartDate`);
  }
  if (windowStart > windowEnd) throw invalidParameter('StartDate', 'Invalid StartDate: must not be after EndDate');
  return { start: windowStart, end: windowEnd };
}

/** `"30,60"` → [30, 60] (seconds). */
export function splitThresholds(query: StatisticsQuery): number[] | null {
  const text = optionalString(query.split_by_wait_time, 'split_by_wait_time');
  if (text === undefined || text.trim() === '') return null;
  return text.split(',').map((part) => {
    const seconds = part.trim();
    if (!/^\d+$/.test(seconds)) {
      throw invalidParameter('SplitByWaitTime', `Invalid SplitByWaitTime: "${seconds}" is not a whole number of seconds`);
    }
    return Number(seconds);
  });
}
