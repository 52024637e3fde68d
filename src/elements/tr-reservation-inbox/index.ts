/**
 * Entry `taskrouter-kit/elements/tr-reservation-inbox`, for a page that uses only this element: it
 * defines `<tr-reservation-inbox>` and `<tr-provider>` and leaves the other elements' code out.
 */
export * from '../entry-common.js';
export * from './tr-reservation-inbox.js';
