import { Connection, type ConnectionEvents, type TaskRouterEventType } from './connection.js';
import { CHANNEL_ARGS, readOptions, type ConnectionOptions } from './options.js';
import { addStatistics, CORE, URL_, type Statistics } from './resource.js';

/** TaskQueue events: the shared ones, and any TaskRouter event the queue channel receives. */
export interface TaskQueueEvents extends ConnectionEvents<TaskQueue> {
  [type: TaskRouterEventType]: (...args: any[]) => void;
}

/**
 * A TaskRouter TaskQueue (TaskRouter.js v1 `Twilio.TaskRouter.TaskQueue`): the queue and its statistics.
 *
 * @example
 * const queue = new TaskQueue(token, { eventBridgeUrl: 'http://127.0.0.1:4200' });
 * queue.on('ready', async () => console.log((await queue.realtimeStats.fetch()).totalAvailableWorkers));
 */
export class TaskQueue extends Connection<TaskQueueEvents> {
  declare targetWorkers: string;
  declare maxReservedWorkers: number;
  declare taskOrder: 'FIFO' | 'LIFO';
  declare reservationActivitySid: string | null;
  declare assignmentActivitySid: string | null;
  declare reservationActivityName: string | null;
  declare assignmentActivityName: string | null;
  declare readonly statistics: Statistics;
  declare readonly realtimeStats: Statistics;
  declare readonly cumulativeStats: Statistics;

  /** `new TaskQueue(token, options)` or v1's `new TaskQueue(token, debug, region, maxRetries)`. */
  constructor(token: string, ...args: unknown[]) {
    super(token, readOptions<ConnectionOptions>(args, CHANNEL_ARGS), 'WQ');
    addStatistics(this, this[CORE], this[URL_]);
  }
}
