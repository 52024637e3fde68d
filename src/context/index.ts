export { clientContext } from './client-context.js';
export { ClientController, type ClientControllerOptions } from './client-controller.js';
export * from './client-types.js';
export { attachContextRoot } from './context-root.js';
export { defineElement, type VersionedElement } from './define.js';
export { TrProvider } from './tr-provider.js';
export { KIT_VERSION } from './version.js';
