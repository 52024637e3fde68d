/**
 * Entry `taskrouter-kit/elements/tr-queue-editor`, for a page that uses only this element: it
 * defines `<tr-queue-editor>` and `<tr-provider>` and leaves the other elements' code out.
 */
export * from '../entry-common.js';
export * from './tr-queue-editor.js';
