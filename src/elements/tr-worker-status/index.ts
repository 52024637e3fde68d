/**
 * Entry `taskrouter-kit/elements/tr-worker-status`, for a page that uses only this element: it
 * defines `<tr-worker-status>` and `<tr-provider>` and leaves the other elements' code out.
 */
export * from '../entry-common.js';
export * from './tr-worker-status.js';
