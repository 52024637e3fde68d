/**
 * Test fixtures: an in-memory engine on a ManualClock with one workspace, its
 * activities by name, and shortcuts for the common steps.
 */
import { ManualClock, openEngine, type Engine, type EngineEvent, type EngineOptions } from '../../../src/server/engine/index.js';
import type { CreateTaskQueueParams, CreateWorkspaceParams, ReservationResource, TaskResource, WorkerResource } from '../../../src/server/engine/types.js';

export interface Fixture {
  engine: Engine;
  clock: ManualClock;
  /** The workspace's account SID. */
  account: string;
  ws: string;
  /** Activity SIDs by friendly name (Offline, Available, Unavailable, plus any added). */
  activity: Record<string, string>;
  events: EngineEvent[];
  /** Creates a queue and a workflow whose default filter routes to it; returns both SIDs. */
  queueWithWorkflow(params?: Partial<CreateTaskQueueParams>): { queue: string; workflow: string };
  worker(name: string, attributes?: Record<string, unknown>, activity?: string): WorkerResource;
  task(attributes?: Record<string, unknown>, extra?: Record<string, unknown>): TaskResource;
  /** Reservations of a task with the given status. */
  reservations(taskSid: string, status?: string): ReservationResource[];
  /** Pending reservations of a worker. */
  pendingFor(workerSid: string): ReservationResource[];
  setActivity(workerSid: string, name: string): WorkerResource;
  addActivity(name: string, available: boolean): string;
  eventTypes(): string[];
  close(): void;
}

export function fixture(
  workspace: Partial<CreateWorkspaceParams> = {},
  options: EngineOptions = {},
): Fixture {
  const clock = new ManualClock(Date.UTC(2024, 0, 1, 9, 0, 0));
  const engine = openEngine({ memory: true, clock, ...options });
  const events: EngineEvent[] = [];
  engine.subscribe((event) => events.push(event));
  const account = engine.accounts.create();
  const ws = engine.workspaces.create(account.sid, { friendly_name: 'Test', ...workspace }).sid;
  const activity: Record<string, string> = {};
  for (const a of engine.activities.list(ws).items) activity[a.friendly_name] = a.sid;
  const f: Fixture = {
    engine,
    clock,
    account: account.sid,
    ws,
    activity,
    events,
    queueWithWorkflow(params = {}) {
      const queue = engine.taskQueues.create(ws, { friendly_name: `Q${Math.random()}`, ...params }).sid;
      const workflow = engine.workflows.create(ws, {
        friendly_name: `W${Math.random()}`,
        configuration: { task_routing: { default_filter: { queue } } },
      }).sid;
      return { queue, workflow };
    },
    worker(name, attributes = {}, activityName = 'Available') {
      return engine.workers.create(ws, { friendly_name: name, attributes, activity_sid: activity[activityName] });
    },
    task(attributes = {}, extra = {}) {
      return engine.tasks.create(ws, { attributes, ...extra });
    },
    reservations(taskSid, status) {
      return engine.reservations.listForTask(ws, taskSid, status ? { reservation_status: status } : {}).items;
    },
    pendingFor(workerSid) {
      return engine.reservations.listForWorker(ws, workerSid, { reservation_status: 'pending' }).items;
    },
    setActivity(workerSid, name) {
      return engine.workers.update(ws, workerSid, { activity_sid: activity[name] });
    },
    addActivity(name, available) {
      const sid = engine.activities.create(ws, { friendly_name: name, available }).sid;
      activity[name] = sid;
      return sid;
    },
    eventTypes() {
      return events.map((e) => e.event_type);
    },
    close() {
      engine.close();
    },
  };
  return f;
}

/** Accepts the only pending reservation of a worker and returns it. */
export function acceptOnly(f: Fixture, workerSid: string): ReservationResource {
  const pending = f.pendingFor(workerSid);
  if (pending.length !== 1) throw new Error(`expected one pending reservation for ${workerSid}, found ${pending.length}`);
  return f.engine.reservations.accept(f.ws, pending[0]!.sid);
}

/** Accepts, completes and makes the worker available again; returns the task SID it handled. */
export function finishAndFree(f: Fixture, workerSid: string): string {
  const reservation = acceptOnly(f, workerSid);
  f.engine.tasks.update(f.ws, reservation.task_sid, { assignment_status: 'completed' });
  f.setActivity(workerSid, 'Available');
  return reservation.task_sid;
}
