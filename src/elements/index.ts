/**
 * The taskrouter-kit elements. Importing this module defines `<tr-provider>` first, then the elements
 * that consume it. (The first element constructed attaches the page's context root, so elements that
 * upgrade before their provider still connect.)
 */
// The provider first: it must be defined before the elements that consume it.
export { TrProvider } from '../context/tr-provider.js';
export * from '../context/index.js';
export { TrElement, type Failure, type TrAction, type TrErrorEvent } from './internal/tr-element.js';
export { registerTranslation, type Translation } from './internal/localize.js';
export { en } from './translations/en.js';
export * from './tr-worker-status/tr-worker-status.js';
export * from './tr-reservation-inbox/tr-reservation-inbox.js';
export * from './tr-queue-stats/tr-queue-stats.js';
export * from './tr-queue-editor/tr-queue-editor.js';
