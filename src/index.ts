/**
 * taskrouter-kit: the elements and the SDK in one entry. Importing it defines
 * `<tr-provider>` and the four elements.
 */
export * from './elements/index.js';
export * from './sdk/index.js';
