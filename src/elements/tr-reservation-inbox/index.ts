/**
 * `taskrouter-kit/elements/tr-reservation-inbox`: `<tr-reservation-inbox>` and `<tr-provider>`, for a page that
 * uses only this element (it ships without the other elements' code).
 */
export { TrProvider } from '../../context/tr-provider.js';
export * from './tr-reservation-inbox.js';
