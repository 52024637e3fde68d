import { createContext } from '@lit/context';
import type { TaskRouterClientLike } from './client-types.js';

/**
 * The context that carries the shared client from `<tr-provider>` to the elements.
 *
 * The key is a registered symbol so that two copies of the kit on one page (two bundles) still meet.
 * Only the stable client object travels through context; data reaches the elements through client events.
 */
export const clientContext = createContext<TaskRouterClientLike | undefined>(Symbol.for('taskrouter-kit.client'));
