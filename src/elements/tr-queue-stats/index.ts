/**
 * `taskrouter-kit/elements/tr-queue-stats`: `<tr-queue-stats>` and `<tr-provider>`, for a page that
 * uses only this element (it ships without the other elements' code).
 */
export { TrProvider } from '../../context/tr-provider.js';
export * from './tr-queue-stats.js';
