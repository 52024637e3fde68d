import type { Clock } from './clock.js';
import { EngineCore, type EngineOptions } from './core.js';
import type { EngineEventListener } from './events.js';
import { AccountService } from './services/accounts.js';
import { ActivityService } from './services/activities.js';
import { EventService } from './services/events.js';
import { ReservationService } from './services/reservations.js';
import { StatisticsService } from './services/statistics.js';
import { TaskChannelService } from './services/task-channels.js';
import { TaskQueueService } from './services/task-queues.js';
import { TaskService } from './services/tasks.js';
import { WorkerChannelService } from './services/worker-channels.js';
import { WorkerService } from './services/workers.js';
import { WorkflowService } from './services/workflows.js';
import { WorkspaceService } from './services/workspaces.js';

/**
 * The local TaskRouter: resources, routing, timers, events and statistics over a
 * SQLite store. Every call that changes state is one transaction; events reach
 * subscribers after it commits. Inputs are snake_case (strings accepted for
 * numbers and booleans); outputs are TaskRouter's JSON shapes without `url` and
 * `links`. Bad input and rule violations throw {@link EngineError}.
 *
 * @example
 * const engine = openEngine({ memory: true });
 * const account = engine.accounts.create();
 * const ws = engine.workspaces.create(account.sid, { friendly_name: 'Support' });
 * const queue = engine.taskQueues.create(ws.sid, { friendly_name: 'All', target_workers: '1==1' });
 * engine.workflows.create(ws.sid, { friendly_name: 'Main', configuration: { task_routing: { default_filter: { queue: queue.sid } } } });
 * const available = engine.activities.list(ws.sid, { friendly_name: 'Available' }).items[0]!;
 * const alice = engine.workers.create(ws.sid, { friendly_name: 'Alice', activity_sid: available.sid });
 * const task = engine.tasks.create(ws.sid, { attributes: { type: 'support' } }); // reserved for Alice
 */
export class Engine {
  /** Accounts (AccountSid + AuthToken). */
  readonly accounts: AccountService;
  /** Workspaces of an account; every call takes the caller's AccountSid. */
  readonly workspaces: WorkspaceService;
  readonly activities: ActivityService;
  readonly taskChannels: TaskChannelService;
  readonly workers: WorkerService;
  /** A worker's channels (capacity, availability). */
  readonly workerChannels: WorkerChannelService;
  readonly taskQueues: TaskQueueService;
  readonly workflows: WorkflowService;
  readonly tasks: TaskService;
  /** Reservations through their task or their worker; accept, reject, instructions. */
  readonly reservations: ReservationService;
  /** The event log. */
  readonly events: EventService;
  readonly statistics: StatisticsService;

  private readonly core: EngineCore;

  constructor(options: EngineOptions = {}) {
    const core = (this.core = new EngineCore(options));
    this.accounts = new AccountService(core);
    this.workspaces = new WorkspaceService(core);
    this.activities = new ActivityService(core);
    this.taskChannels = new TaskChannelService(core);
    this.workers = new WorkerService(core);
    this.workerChannels = new WorkerChannelService(core);
    this.taskQueues = new TaskQueueService(core);
    this.workflows = new WorkflowService(core);
    this.tasks = new TaskService(core);
    this.reservations = new ReservationService(core);
    this.events = new EventService(core);
    this.statistics = new StatisticsService(core);
    this.workspaces.use(this);
    this.workers.use(this.taskChannels);
    this.tasks.use(this.taskChannels);
    this.events.use(this.taskChannels);
    this.statistics.use(this.taskChannels);
  }

  /** The engine's time source. */
  get clock(): Clock {
    return this.core.clock;
  }

  /**
   * Calls `listener` with every event after the transaction that produced it
   * commits, in order. Returns the function that unsubscribes.
   */
  subscribe(listener: EngineEventListener): () => void {
    return this.core.log.subscribe(listener);
  }

  /** Stops timers and closes the database. The engine cannot be used afterwards. */
  close(): void {
    this.core.close();
  }
}

/**
 * Opens an engine: `{ file }` (default `taskrouter.db`) or `{ memory: true }`, an
 * optional clock (a `ManualClock` in tests). State, indexes and timers are
 * restored from the store.
 */
export function openEngine(options: EngineOptions = {}): Engine {
  return new Engine(options);
}
