/**
 * A scriptable stand-in for TaskRouterClient, for the elements' unit tests only. It implements the
 * client contract the elements consume, keeps state the same way (a new snapshot per change, with the
 * changed keys), records every call, and can be told to fail the next call of a method.
 */
import { EventEmitter } from 'eventemitter3';
import { compile } from '../../src/expression/index.js';
import type {
  ActivityView, ChannelView, QueueStatisticsView, QueueView, ReservationView, TaskRouterClientEvents,
  TaskRouterClientLike, TaskRouterClientState, TaskView, WorkerPreview, WorkersPreview, WorkerView,
} from '../../src/context/client-types.js';

type Method = 'connect' | 'retry' | 'setActivity' | 'acceptReservation' | 'rejectReservation' | 'wrapUpTask' | 'completeTask'
  | 'createQueue' | 'updateQueue' | 'deleteQueue' | 'previewTargetWorkers' | 'workerAttributes';

/** The error shape the SDK rejects with. */
export class FakeTaskRouterError extends Error {
  constructor(message: string, public code = 20001, public status = 400, public param?: string) {
    super(message);
    this.name = 'TaskRouterError';
  }
}

export const EPOCH = Date.UTC(2025, 0, 1, 9, 0, 0);

export const ACTIVITIES: ActivityView[] = [
  { sid: 'WAavailable', friendlyName: 'Available', available: true },
  { sid: 'WAbreak', friendlyName: 'Break', available: false },
  { sid: 'WAoffline', friendlyName: 'Offline', available: false },
  { sid: 'WAlunch', friendlyName: 'Lunch', available: false },
];

export function makeWorker(overrides: Partial<WorkerView> = {}): WorkerView {
  return {
    sid: 'WKalice', friendlyName: 'Alice', activitySid: 'WAavailable', activityName: 'Available', available: true,
    attributes: { skills: ['support'] }, dateStatusChanged: new Date(EPOCH), ...overrides,
  };
}

export function makeChannel(overrides: Partial<ChannelView> = {}): ChannelView {
  return {
    sid: 'WCvoice', taskChannelUniqueName: 'voice', configuredCapacity: 1, assignedTasks: 0,
    availableCapacityPercentage: 100, available: true, ...overrides,
  };
}

export function makeTask(overrides: Partial<TaskView> = {}): TaskView {
  return {
    sid: 'WTone', attributes: { name: 'Ada Lovelace', phone: '+1 555 0100' }, priority: 0, assignmentStatus: 'reserved',
    age: 0, dateCreated: new Date(EPOCH), taskQueueSid: 'WQsupport', taskQueueFriendlyName: 'Support',
    workflowFriendlyName: 'Default', taskChannelUniqueName: 'voice', reason: null, ...overrides,
  };
}

let sequence = 0;
export function makeReservation(overrides: Partial<Omit<ReservationView, 'task'>> & { task?: Partial<TaskView> } = {}): ReservationView {
  const n = ++sequence;
  const dateCreated = overrides.dateCreated ?? new Date(EPOCH);
  const { task, ...rest } = overrides;
  return {
    sid: `WR${n}`, status: 'pending', dateCreated, dateUpdated: dateCreated,
    timeoutAt: new Date(Number(dateCreated) + 120_000), ...rest,
    task: makeTask({ sid: `WT${n}`, dateCreated, ...task }),
  };
}

export function makeQueue(overrides: Partial<QueueView> = {}): QueueView {
  return {
    sid: 'WQsupport', friendlyName: 'Support', targetWorkers: 'skills HAS "support"', maxReservedWorkers: 1,
    taskOrder: 'FIFO', reservationActivitySid: null, assignmentActivitySid: null, ...overrides,
  };
}

/** A queue's statistics, the cumulative ones over the last 60 minutes (the tables' default window). */
export function makeStats(queue: Pick<QueueView, 'sid' | 'friendlyName'>, waiting = 0, overrides: Partial<QueueStatisticsView['realtime']> = {}): QueueStatisticsView {
  return {
    queueSid: queue.sid, friendlyName: queue.friendlyName, updatedAt: new Date(EPOCH),
    realtime: {
      tasksByStatus: { pending: waiting, reserved: 1, assigned: 2, wrapping: 0 }, totalTasks: waiting + 3,
      longestTaskWaitingAge: waiting * 10, availableWorkers: 2, eligibleWorkers: 4,
      activityStatistics: [{ sid: 'WAavailable', friendlyName: 'Available', workers: 2 }, { sid: 'WAbreak', friendlyName: 'Break', workers: 1 }],
      ...overrides,
    },
    cumulative: {
      60: {
        tasksEntered: 10, tasksCompleted: 7, tasksCanceled: 1, reservationsAccepted: 8, reservationsRejected: 1,
        reservationsTimedOut: 1, avgTaskAcceptanceTime: 12, waitDurationUntilAccepted: { avg: 30, min: 1, max: 90 },
      },
    },
    history: [0, 2, 1, waiting].map((value, index) => ({ at: new Date(EPOCH - (3 - index) * 60_000), waiting: value, availableWorkers: 2 })),
  };
}

export const EMPTY_STATE: TaskRouterClientState = {
  connection: 'connecting', connections: {}, worker: null, activities: [], channels: [], reservations: [], queues: [], queueStatistics: {}, error: null,
};

/** A connected worker with activities, one queue with statistics and no reservations. */
export function connectedState(overrides: Partial<TaskRouterClientState> = {}): TaskRouterClientState {
  const queue = makeQueue();
  return {
    ...EMPTY_STATE, connection: 'connected', worker: makeWorker(), activities: ACTIVITIES, channels: [makeChannel()],
    queues: [queue], queueStatistics: { [queue.sid]: makeStats(queue, 3) }, ...overrides,
  };
}

export class FakeClient extends EventEmitter<TaskRouterClientEvents> implements TaskRouterClientLike {
  state: TaskRouterClientState;
  /** A supervisor's client by default: it can open the workspace connection the queue editor needs. */
  options: TaskRouterClientLike['options'] = { workerToken: 'worker', workspaceToken: 'workspace' };
  /** Every call made, as `[method, ...args]`. */
  readonly calls: unknown[][] = [];
  /** Workers `previewTargetWorkers` filters with the real expression evaluator, and whose attributes `workerAttributes` lists. */
  workers: Array<WorkerPreview & { attributes: Record<string, unknown> }> = [
    { sid: 'WKalice', friendlyName: 'Alice', activityName: 'Available', available: true, attributes: { skills: ['support'], level: 3 } },
    { sid: 'WKbob', friendlyName: 'Bob', activityName: 'Break', available: false, attributes: { skills: ['sales'], level: 1 } },
  ];
  /** The most workers `previewTargetWorkers` answers with, as TaskRouter's page size bounds it. */
  pageSize = 1000;
  /** How many workers' attributes `workerAttributes` has handed out. */
  workerAttributesRead = 0;
  private readonly failures = new Map<Method, Error>();
  private readonly holds = new Map<Method, Promise<void>>();

  constructor(state: Partial<TaskRouterClientState> = {}) {
    super();
    this.state = { ...EMPTY_STATE, ...state };
  }

  /** Replaces parts of the state and emits `change` with the keys given. */
  set(patch: Partial<TaskRouterClientState>): void {
    const previous = this.state.connection;
    this.state = { ...this.state, ...patch };
    this.emit('change', this.state, Object.keys(patch) as Array<keyof TaskRouterClientState>);
    if (patch.connection && patch.connection !== previous) this.emit('connection', patch.connection);
  }

  /** Adds a reservation as the SDK does when one arrives. */
  addReservation(reservation: ReservationView): void {
    this.set({ reservations: [...this.state.reservations, reservation] });
    this.emit('reservation.created', reservation);
  }

  updateReservation(sid: string, patch: Partial<ReservationView>): void {
    const reservations = this.state.reservations.map((r) => (r.sid === sid ? { ...r, ...patch, dateUpdated: new Date() } : r));
    this.set({ reservations });
    const updated = reservations.find((r) => r.sid === sid);
    if (updated) this.emit('reservation.updated', updated);
  }

  /** Makes the next call of `method` reject with `error`. */
  failNext(method: Method, error: Error): void {
    this.failures.set(method, error);
  }

  /** Makes calls of `method` wait for `until` (to observe busy states). */
  hold(method: Method, until: Promise<void>): void {
    this.holds.set(method, until);
  }

  private async call(method: Method, ...args: unknown[]): Promise<void> {
    this.calls.push([method, ...args]);
    await this.holds.get(method);
    const failure = this.failures.get(method);
    if (failure) {
      this.failures.delete(method);
      throw failure;
    }
  }

  async connect(): Promise<void> {
    await this.call('connect');
    this.set({ connection: 'connected' });
  }

  disconnect(): void {
    this.calls.push(['disconnect']);
    this.set({ connection: 'disconnected' });
  }

  async retry(): Promise<void> {
    await this.call('retry');
    this.set({ connection: 'connected', error: null });
  }

  async setActivity(activitySid: string): Promise<void> {
    await this.call('setActivity', activitySid);
    const activity = this.state.activities.find((a) => a.sid === activitySid)!;
    this.set({ worker: { ...this.state.worker!, activitySid, activityName: activity.friendlyName, available: activity.available, dateStatusChanged: new Date() } });
  }

  async acceptReservation(sid: string): Promise<void> {
    await this.call('acceptReservation', sid);
    this.updateReservation(sid, { status: 'accepted' });
  }

  async rejectReservation(sid: string, activitySid?: string): Promise<void> {
    await this.call('rejectReservation', sid, activitySid);
    this.updateReservation(sid, { status: 'rejected' });
  }

  async wrapUpTask(sid: string): Promise<void> {
    await this.call('wrapUpTask', sid);
    this.updateReservation(sid, { status: 'wrapping' });
  }

  async completeTask(sid: string): Promise<void> {
    await this.call('completeTask', sid);
    this.updateReservation(sid, { status: 'completed' });
  }

  /** The watches not yet let go of, as `[queues, minutes]`. */
  readonly watches = new Set<[string[] | null, number | undefined]>();

  watchQueues(queues: string[] | null, minutes?: number): () => void {
    this.calls.push(['watchQueues', queues, minutes]);
    const watch: [string[] | null, number | undefined] = [queues, minutes];
    this.watches.add(watch);
    return () => this.watches.delete(watch);
  }

  async createQueue(params: Record<string, unknown>): Promise<QueueView> {
    await this.call('createQueue', params);
    const queue = queueFromParams(`WQ${++sequence}`, params);
    this.set({ queues: [...this.state.queues, queue] });
    return queue;
  }

  async updateQueue(queueSid: string, params: Record<string, unknown>): Promise<QueueView> {
    await this.call('updateQueue', queueSid, params);
    const queue = queueFromParams(queueSid, params);
    this.set({ queues: this.state.queues.map((q) => (q.sid === queueSid ? queue : q)) });
    return queue;
  }

  async deleteQueue(queueSid: string): Promise<void> {
    await this.call('deleteQueue', queueSid);
    this.set({ queues: this.state.queues.filter((q) => q.sid !== queueSid) });
  }

  async previewTargetWorkers(expression: string): Promise<WorkersPreview> {
    await this.call('previewTargetWorkers', expression);
    const matches = compile(expression);
    const workers = this.workers
      .filter((worker) => matches({ attributes: worker.attributes, worker: worker.attributes }))
      .map(({ attributes: _attributes, ...preview }) => preview);
    return { workers: workers.slice(0, this.pageSize), more: workers.length > this.pageSize };
  }

  async *workerAttributes(): AsyncGenerator<Record<string, unknown>> {
    await this.call('workerAttributes');
    for (const worker of this.workers) {
      this.workerAttributesRead++;
      yield structuredClone(worker.attributes);
    }
  }
}

function queueFromParams(sid: string, params: Record<string, unknown>): QueueView {
  return {
    sid,
    friendlyName: String(params.FriendlyName),
    targetWorkers: String(params.TargetWorkers ?? '1==1'),
    maxReservedWorkers: Number(params.MaxReservedWorkers ?? 1),
    taskOrder: params.TaskOrder === 'LIFO' ? 'LIFO' : 'FIFO',
    reservationActivitySid: (params.ReservationActivitySid as string | undefined) ?? null,
    assignmentActivitySid: (params.AssignmentActivitySid as string | undefined) ?? null,
  };
}
