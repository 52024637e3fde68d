/**
 * Faults the security suite found and reported, not yet fixed in src/. Each has its own
 * failing test marked `todo` in faults.test.ts; the fuzzers tally a case that hits one
 * apart instead of failing on it, so they keep finding new faults meanwhile. Remove an
 * entry once its fix lands (its todo test then passes and loses its mark).
 */
import type { RawRequest, RawResponse } from './http.js';

export interface KnownFault {
  id: string;
  /** The todo test that reproduces it. */
  test: string;
  matches(request: RawRequest, response: RawResponse): boolean;
  /** The internal error the server reports for it, if it reports one. */
  internalError?: RegExp;
}

function queryOf(request: RawRequest): URLSearchParams {
  return new URLSearchParams(request.query ?? []);
}

export const KNOWN_FAULTS: readonly KnownFault[] = [
  {
    id: 'statistics-window-out-of-date-range',
    test: 'faults.test.ts › statistics windows reaching past the earliest date',
    // A window starting before -271821-04-20 (a huge Minutes, or an EndDate at the earliest date) makes isoDate throw: 500.
    matches: (request, response) => {
      const query = queryOf(request);
      return response.status === 500 && /Statistics/.test(request.path) &&
        (query.getAll('Minutes').some((value) => Number(value) > 1e11) || [...query.getAll('StartDate'), ...query.getAll('EndDate')].some((value) => /^-27/.test(value)));
    },
    internalError: /RangeError: Invalid time value/,
  },
];

/** The known fault a case hit, if any. */
export function knownFault(request: RawRequest, response: RawResponse): KnownFault | undefined {
  return KNOWN_FAULTS.find((fault) => fault.matches(request, response));
}
