/**
 * `taskrouter-kit/elements/tr-queue-editor`: `<tr-queue-editor>` and `<tr-provider>`, for a page that
 * uses only this element (it ships without the other elements' code).
 */
export { TrProvider } from '../../context/tr-provider.js';
export * from './tr-queue-editor.js';
