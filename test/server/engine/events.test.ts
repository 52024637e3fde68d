import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { EngineError, type EngineEvent } from '../../../src/server/engine/index.js';
import { acceptOnly, fixture, type Fixture } from './helpers.js';

describe('events', () => {
  let f: Fixture;
  afterEach(() => f.close());

  it('records a TaskRouter event for each step of a task, with routing SIDs and snapshots', () => {
    f = fixture({ multi_task_enabled: false });
    const { queue, workflow } = f.queueWithWorkflow();
    const worker = f.worker('Ana').sid;
    f.events.length = 0;
    const task = f.task({ topic: 'billing' });
    const reservation = acceptOnly(f, worker);
    f.engine.tasks.update(f.ws, task.sid, { assignment_status: 'completed' });
    // TaskRouter's captured order (protocol.md §6.4).
    assert.deepEqual(f.eventTypes(), [
      'workflow.entered',
      'task-queue.entered',
      'task.created',
      'workflow.target-matched',
      'reservation.created',
      'reservation.accepted',
      'task.completed',
      'reservation.completed',
    ]);
    const created = f.events.find((e) => e.event_type === 'reservation.created')!;
    assert.equal(created.resource_type, 'reservation');
    assert.equal(created.resource_sid, reservation.sid);
    assert.deepEqual(
      [created.task_sid, created.worker_sid, created.reservation_sid, created.task_queue_sid, created.workflow_sid],
      [task.sid, worker, reservation.sid, queue, workflow],
    );
    assert.equal(created.reservation?.reservation_status, 'pending');
    assert.equal(created.task?.assignment_status, 'reserved');
    assert.equal(created.worker?.friendly_name, 'Ana');
    assert.equal(created.event_data.task_attributes, '{"topic":"billing"}');
    assert.equal(created.event_data.worker_name, 'Ana');
    assert.match(created.sid, /^EV[0-9a-f]{32}$/);
    assert.equal(created.event_date, '2024-01-01T09:00:00Z');
  });

  it('task.created names the queue the task entered, also for tasks sent straight to a queue', () => {
    f = fixture({ multi_task_enabled: false });
    const { queue } = f.queueWithWorkflow();
    const direct = f.engine.taskQueues.create(f.ws, { friendly_name: 'Direct' }).sid;
    f.events.length = 0;
    const routed = f.task({});
    const queued = f.task({}, { task_queue_sid: direct });
    const created = f.events.filter((e) => e.event_type === 'task.created');
    assert.deepEqual(created.map((e) => [e.task_sid, e.task_queue_sid, e.task?.task_queue_sid]), [
      [routed.sid, queue, queue],
      [queued.sid, direct, direct],
    ]);
    assert.deepEqual(f.engine.events.list(f.ws, { task_queue_sid: queue, event_type: 'task.created' }).items.map((e) => e.resource_sid), [routed.sid]);
  });

  it('task.created comes before workflow.timeout for a task no filter matches', () => {
    f = fixture({ multi_task_enabled: false });
    const queue = f.engine.taskQueues.create(f.ws, { friendly_name: 'Only VIP' }).sid;
    const workflow = f.engine.workflows.create(f.ws, {
      friendly_name: 'No default',
      configuration: { task_routing: { filters: [{ filter_friendly_name: 'VIP', expression: 'vip == true', targets: [{ queue }] }] } },
    }).sid;
    f.events.length = 0;
    f.task({ vip: false }, { workflow_sid: workflow });
    assert.deepEqual(f.eventTypes(), ['workflow.entered', 'task.created', 'workflow.timeout', 'task.canceled']);
  });

  it('task.* events of a reserved or assigned task name the workers holding it', () => {
    f = fixture({ multi_task_enabled: false });
    f.queueWithWorkflow({ max_reserved_workers: 2 });
    const ana = f.worker('Ana').sid;
    const ben = f.worker('Ben').sid;
    const holdersOf = (type: string) => {
      const event = f.events.findLast((e) => e.event_type === type)!;
      return { worker: event.worker_sid, workers: event.worker_sids && [...event.worker_sids].sort() };
    };

    const task = f.task({});
    assert.equal(f.reservations(task.sid, 'pending').length, 2);
    f.engine.tasks.update(f.ws, task.sid, { priority: 5 });
    assert.deepEqual(holdersOf('task.updated'), { worker: undefined, workers: [ana, ben].sort() });

    acceptOnly(f, ana);
    f.engine.tasks.update(f.ws, task.sid, { priority: 6 });
    assert.deepEqual(holdersOf('task.updated'), { worker: ana, workers: undefined });
    f.engine.tasks.update(f.ws, task.sid, { assignment_status: 'wrapping' });
    assert.deepEqual(holdersOf('task.wrapup'), { worker: ana, workers: undefined });
    f.engine.tasks.update(f.ws, task.sid, { assignment_status: 'completed' });
    assert.deepEqual(holdersOf('task.completed'), { worker: ana, workers: undefined });
    // Stored too: the worker's event list shows the tasks they handled.
    assert.ok(f.engine.events.list(f.ws, { worker_sid: ana, event_type: 'task.completed' }).items.some((e) => e.resource_sid === task.sid));

    f.setActivity(ana, 'Available');
    f.setActivity(ben, 'Offline');
    const canceled = f.task({});
    assert.equal(f.pendingFor(ana).length, 1);
    f.engine.tasks.update(f.ws, canceled.sid, { assignment_status: 'canceled' });
    // Its reservation is canceled first, yet task.canceled still reaches the worker it was reserved to.
    assert.deepEqual(holdersOf('task.canceled'), { worker: ana, workers: undefined });

    f.setActivity(ana, 'Offline');
    const waiting = f.task({});
    f.engine.tasks.update(f.ws, waiting.sid, { priority: 1 });
    assert.deepEqual(holdersOf('task.updated'), { worker: undefined, workers: undefined }, 'a waiting task concerns no worker');
  });

  it('publishes after commit, in order, also when a listener changes state', () => {
    f = fixture({ multi_task_enabled: false });
    f.queueWithWorkflow();
    const worker = f.worker('Bea').sid;
    const seen: string[] = [];
    f.engine.subscribe((event: EngineEvent) => {
      seen.push(event.event_type);
      if (event.event_type === 'reservation.created') {
        // The listener sees committed state, and may act on it (as an auto-accepting bridge would).
        assert.equal(f.engine.tasks.get(f.ws, event.task_sid!).assignment_status, 'reserved');
        f.engine.reservations.accept(f.ws, event.reservation_sid!);
      }
    });
    const unsubscribe = f.engine.subscribe(() => {
      throw new Error('a broken listener');
    });
    const errors: unknown[] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => errors.push(args);
    try {
      f.task({});
    } finally {
      console.error = original;
    }
    unsubscribe();
    assert.deepEqual(seen.slice(-2), ['reservation.created', 'reservation.accepted']);
    assert.ok(errors.length >= 2, 'listener errors are reported, not thrown');
    assert.equal(f.engine.reservations.listForWorker(f.ws, worker).items[0]!.reservation_status, 'accepted');
  });

  it('lists events newest first with filters, paging and time windows, and fetches one by SID', () => {
    f = fixture({ multi_task_enabled: false });
    f.queueWithWorkflow();
    const worker = f.worker('Cy').sid;
    const first = f.task({});
    f.clock.advance(60_000);
    const second = f.task({});
    const all = f.engine.events.list(f.ws, { page_size: 1000 }).items;
    assert.ok(all.length > 10);
    assert.ok(all[0]!.event_date_ms >= all.at(-1)!.event_date_ms, 'newest first');
    assert.deepEqual(
      f.engine.events.list(f.ws, { task_sid: first.sid, event_type: 'task.created' }).items.map((e) => e.resource_sid),
      [first.sid],
    );
    assert.equal(f.engine.events.list(f.ws, { worker_sid: worker, event_type: 'reservation.created' }).items.length, 1);
    const recent = f.engine.events.list(f.ws, { minutes: 1 }).items;
    assert.ok(recent.every((e) => e.event_date_ms >= f.clock.now() - 60_000));
    assert.ok(recent.some((e) => e.resource_sid === second.sid));
    const windowed = f.engine.events.list(f.ws, {
      start_date: new Date(f.clock.now() - 1000).toISOString(),
      end_date: new Date(f.clock.now()).toISOString(),
      event_type: 'task.created',
    }).items;
    assert.deepEqual(windowed.map((e) => e.resource_sid), [second.sid]);
    const page0 = f.engine.events.list(f.ws, { page_size: 3 });
    const page1 = f.engine.events.list(f.ws, { page_size: 3, page: 1 });
    assert.equal(page0.has_next, true);
    assert.notEqual(page0.items[0]!.sid, page1.items[0]!.sid);
    assert.deepEqual(f.engine.events.get(f.ws, all[3]!.sid), all[3]);
    assert.throws(() => f.engine.events.get(f.ws, 'EV' + '0'.repeat(32)), (e: EngineError) => e.status === 404);
    assert.throws(() => f.engine.events.list(f.ws, { minutes: 5, end_date: '2024-01-01T00:00:00Z' }), (e: EngineError) => e.param === 'Minutes');
  });

  it('lists the last 15 minutes when no window is given, or the 15 before EndDate, as TaskRouter does', () => {
    f = fixture();
    f.queueWithWorkflow();
    const old = f.task({});
    f.clock.advance(16 * 60_000);
    const recent = f.task({});
    const created = (filters: object) =>
      f.engine.events.list(f.ws, { event_type: 'task.created', ...filters }).items.map((e) => e.resource_sid);
    assert.deepEqual(created({}), [recent.sid]);
    assert.deepEqual(created({ end_date: new Date(f.clock.now() - 10 * 60_000).toISOString() }), [old.sid]);
    assert.deepEqual(created({ minutes: 20 }), [recent.sid, old.sid]);
  });

  it('a window ending at a burst of over 1,024 events in one millisecond holds them all', () => {
    f = fixture();
    f.queueWithWorkflow();
    const tasks = Array.from({ length: 400 }, () => f.task({}).sid); // three events each, at one instant
    const now = new Date(f.clock.now()).toISOString();
    const listed = f.engine.events.list(f.ws, { event_type: 'task.created', start_date: now, end_date: now, page_size: 1000 }).items;
    assert.equal(listed.length, tasks.length);
    assert.equal(f.engine.statistics.workspaceCumulative(f.ws, { start_date: now, end_date: now }).tasks_created, tasks.length);
    f.clock.advance(1);
    const after = new Date(f.clock.now()).toISOString();
    assert.equal(f.engine.events.list(f.ws, { start_date: after }).items.length, 0, 'none of the burst in the next millisecond');
  });
});
