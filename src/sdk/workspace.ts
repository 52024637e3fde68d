import { Connection, type ConnectionEvents, type TaskRouterEventType } from './connection.js';
import { ListResource, listWithStatistics } from './list.js';
import { CHANNEL_ARGS, readOptions, type ConnectionOptions } from './options.js';
import type { Task } from './reservation.js';
import type { ActivityResource, TaskQueueResource, WorkerResource, WorkflowResource } from './resource-types.js';
import { addStatistics, CORE, URL_, type Statistics, type WithStatistics } from './resource.js';

/** Workspace events: the shared ones, and any TaskRouter event the workspace channel receives. */
export interface WorkspaceEvents extends ConnectionEvents<Workspace> {
  [type: TaskRouterEventType]: (...args: any[]) => void;
}

/**
 * A TaskRouter Workspace (TaskRouter.js v1 `Twilio.TaskRouter.Workspace`): the workspace itself, its
 * statistics, and the list resources `activities`, `workflows`, `taskqueues`, `workers` and `tasks`.
 *
 * @example
 * const workspace = new Workspace(token, { eventBridgeUrl: 'http://127.0.0.1:4200' });
 * const queues = await workspace.taskqueues.fetch();
 */
export class Workspace extends Connection<WorkspaceEvents> {
  declare prioritizeQueueOrder: 'FIFO' | 'LIFO';
  declare defaultActivitySid: string;
  declare defaultActivityName: string;
  declare timeoutActivitySid: string;
  declare timeoutActivityName: string;
  declare eventCallbackUrl: string | null;
  declare eventsFilter: string | null;
  declare multiTaskEnabled: boolean;
  readonly activities: ListResource<ActivityResource>;
  readonly workflows: ListResource<WorkflowResource>;
  /** With `statistics`, `realtimeStats` and `cumulativeStats` for all queues. */
  readonly taskqueues: ListResource<TaskQueueResource> & WithStatistics;
  /** With `statistics`, `realtimeStats` and `cumulativeStats` for all workers. */
  readonly workers: ListResource<WorkerResource> & WithStatistics;
  readonly tasks: ListResource<Task>;
  declare readonly statistics: Statistics;
  declare readonly realtimeStats: Statistics;
  declare readonly cumulativeStats: Statistics;

  /** `new Workspace(token, options)` or v1's `new Workspace(token, debug, region, maxRetries)`. */
  constructor(token: string, ...args: unknown[]) {
    super(token, readOptions<ConnectionOptions>(args, CHANNEL_ARGS), 'WS');
    const core = this[CORE];
    this.activities = new ListResource(core, 'Activities');
    this.workflows = new ListResource(core, 'Workflows');
    this.taskqueues = listWithStatistics(core, 'TaskQueues');
    this.workers = listWithStatistics(core, 'Workers');
    this.tasks = new ListResource(core, 'Tasks');
    addStatistics(this, core, this[URL_]);
  }
}
