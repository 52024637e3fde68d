/**
 * `taskrouter-kit/elements/tr-worker-status`: `<tr-worker-status>` and `<tr-provider>`, for a page that
 * uses only this element (it ships without the other elements' code).
 */
export { TrProvider } from '../../context/tr-provider.js';
export * from './tr-worker-status.js';
