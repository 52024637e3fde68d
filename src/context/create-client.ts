import { TaskRouterClient } from '../sdk/client.js';
import type { TaskRouterClientLike, TaskRouterClientOptions } from './client-types.js';

/** Creates the SDK client `<tr-provider>` owns (its own module, so tests of the provider can see what it builds). */
export function createClient(options: TaskRouterClientOptions): TaskRouterClientLike {
  return new TaskRouterClient(options);
}
