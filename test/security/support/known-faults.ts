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

/** None open: the last ones (statistics windows out of the date range) are fixed and guarded in faults.test.ts. */
export const KNOWN_FAULTS: readonly KnownFault[] = [];

/** The known fault a case hit, if any. */
export function knownFault(request: RawRequest, response: RawResponse): KnownFault | undefined {
  return KNOWN_FAULTS.find((fault) => fault.matches(request, response));
}
