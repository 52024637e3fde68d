/**
 * Entry `taskrouter-kit/elements/tr-queue-stats`, for a page that uses only this element: it
 * defines `<tr-queue-stats>` and `<tr-provider>` and leaves the other elements' code out.
 */
export * from '../entry-common.js';
export * from './tr-queue-stats.js';
