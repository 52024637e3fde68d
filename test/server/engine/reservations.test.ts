import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { EngineError } from '../../../src/server/engine/index.js';
import { acceptOnly, fixture, type Fixture } from './helpers.js';

describe('reservations', () => {
  let f: Fixture;
  afterEach(() => f.close());

  it('reserves up to max_reserved_workers and rescinds the others on the first accept; a later accept is 410', () => {
    f = fixture({ multi_task_enabled: false });
    f.queueWithWorkflow({ max_reserved_workers: 5 });
    const w1 = f.worker('W1').sid;
    const w2 = f.worker('W2').sid;
    const task = f.task({ escalated: true });
    const pending = f.reservations(task.sid, 'pending');
    assert.deepEqual(pending.map((r) => r.worker_sid).sort(), [w1, w2].sort(), 'two available workers, two reservations');
    assert.equal(f.engine.tasks.get(f.ws, task.sid).assignment_status, 'reserved');

    const third = f.worker('W3').sid;
    assert.equal(f.pendingFor(third).length, 1, 'a worker becoming available joins the multi-reservation');

    const winner = acceptOnly(f, w2);
    assert.equal(winner.reservation_status, 'accepted');
    const statuses = Object.fromEntries(f.reservations(task.sid).map((r) => [r.worker_sid, r.reservation_status]));
    assert.deepEqual(statuses, { [w1]: 'rescinded', [w2]: 'accepted', [third]: 'rescinded' });
    assert.equal(f.eventTypes().filter((t) => t === 'reservation.rescinded').length, 2);
    const types = f.eventTypes();
    assert.ok(types.lastIndexOf('reservation.accepted') < types.indexOf('reservation.rescinded'), 'the acceptance comes before what it causes');

    const rescinded = f.reservations(task.sid, 'rescinded')[0]!;
    assert.throws(
      () => f.engine.reservations.updateForWorker(f.ws, rescinded.worker_sid, rescinded.sid, { reservation_status: 'accepted' }),
      (error: EngineError) => error instanceof EngineError && error.status === 410 && /rescinded/.test(error.message),
    );
    assert.throws(() => f.engine.reservations.accept(f.ws, winner.sid), (error: EngineError) => error.status === 410);
    assert.equal(f.engine.tasks.get(f.ws, task.sid).assignment_status, 'assigned');
  });

  it('times out a reservation: the worker goes to the timeout activity and the task is routed to the next worker', () => {
    f = fixture({ multi_task_enabled: false });
    const { workflow } = f.queueWithWorkflow();
    f.engine.workflows.update(f.ws, workflow, { task_reservation_timeout: 30 });
    const slow = f.worker('Slow').sid;
    f.clock.advance(1000);
    const next = f.worker('Next').sid;
    const task = f.task({});
    assert.equal(f.pendingFor(slow).length, 1);
    assert.equal(f.pendingFor(slow)[0]!.reservation_timeout, 30);
    f.clock.advance(29_999);
    assert.equal(f.pendingFor(slow).length, 1, 'not yet');
    f.clock.advance(1);
    assert.equal(f.reservations(task.sid, 'timeout')[0]?.worker_sid, slow);
    const slowWorker = f.engine.workers.get(f.ws, slow);
    assert.equal(slowWorker.activity_name, 'Offline', 'moved to the workspace timeout activity');
    assert.equal(f.pendingFor(next).length, 1, 'rerouted to the next worker');
    assert.equal(f.engine.tasks.get(f.ws, task.sid).assignment_status, 'reserved');
    assert.ok(f.eventTypes().includes('reservation.timeout'));
  });

  it('rejects with a worker activity and the task goes to the next worker', () => {
    f = fixture({ multi_task_enabled: false });
    f.queueWithWorkflow();
    const first = f.worker('First').sid;
    f.clock.advance(1000);
    const second = f.worker('Second').sid;
    const task = f.task({});
    const reservation = f.pendingFor(first)[0]!;
    const rejected = f.engine.reservations.reject(f.ws, reservation.sid, f.activity.Unavailable);
    assert.equal(rejected.reservation_status, 'rejected');
    assert.equal(f.engine.workers.get(f.ws, first).activity_name, 'Unavailable');
    assert.equal(f.pendingFor(second)[0]?.task_sid, task.sid);
    assert.throws(
      () => f.engine.reservations.reject(f.ws, f.pendingFor(second)[0]!.sid, 'WA00000000000000000000000000000000'),
      (error: EngineError) => error.param === 'WorkerActivitySid',
    );
  });

  it('a task whose only worker rejects without changing activity waits and is offered to them again after they change', () => {
    f = fixture({ multi_task_enabled: false });
    f.queueWithWorkflow();
    const only = f.worker('Only').sid;
    const task = f.task({});
    f.engine.reservations.reject(f.ws, f.pendingFor(only)[0]!.sid);
    const again = f.pendingFor(only);
    assert.equal(again.length, 1, 'still available, so the task is offered again');
    assert.equal(f.reservations(task.sid).length, 2);
  });

  it('a rejected or timed-out task goes to another idle worker first, not back to the one who declined it', () => {
    f = fixture({ multi_task_enabled: false });
    f.engine.workspaces.update(f.account, f.ws, { timeout_activity_sid: f.activity.Available });
    f.queueWithWorkflow();
    const alice = f.worker('Alice').sid;
    f.clock.advance(1000);
    const bob = f.worker('Bob').sid;
    const task = f.task({});
    f.engine.reservations.reject(f.ws, f.pendingFor(alice)[0]!.sid);
    assert.equal(f.pendingFor(alice).length, 0, 'Alice, still available, is passed over');
    assert.equal(f.pendingFor(bob)[0]?.task_sid, task.sid, 'Bob, idle, gets the task');
    // An available timeout activity: Bob stays available when his reservation times out, and Alice gets it this time.
    f.clock.advance(120_000);
    assert.equal(f.reservations(task.sid, 'timeout')[0]?.worker_sid, bob);
    assert.equal(f.engine.workers.get(f.ws, bob).activity_name, 'Available');
    assert.equal(f.pendingFor(alice)[0]?.task_sid, task.sid);
    assert.equal(f.pendingFor(bob).length, 0);
  });

  it('RejectPendingReservations moves the worker from the reservation activity straight to the new one', () => {
    f = fixture({ multi_task_enabled: false });
    f.queueWithWorkflow({ reservation_activity_sid: f.addActivity('Reserved', false) });
    const alice = f.worker('Alice').sid;
    const task = f.task({});
    assert.equal(f.engine.workers.get(f.ws, alice).activity_name, 'Reserved');
    f.events.length = 0;
    f.engine.workers.update(f.ws, alice, { activity_sid: f.activity.Offline, reject_pending_reservations: true });
    const moves = f.events.filter((e) => e.event_type === 'worker.activity.update').map((e) => `${e.event_data.worker_previous_activity_name}→${e.event_data.worker_activity_name}`);
    assert.deepEqual(moves, ['Reserved→Offline'], 'no moment in Available on the way');
    assert.equal(f.reservations(task.sid, 'rejected').length, 1);
  });

  it('a declined task with a known agent waits for that agent rather than go to someone else', () => {
    f = fixture({ multi_task_enabled: false });
    const { queue } = f.queueWithWorkflow();
    f.engine.workflows.create(f.ws, {
      friendly_name: 'known',
      configuration: { task_routing: { default_filter: { queue, known_worker_sid: 'task.agent' } } },
    });
    const agent = f.worker('Agent').sid;
    f.worker('Other');
    const workflow = f.engine.workflows.list(f.ws).items.find((w) => w.friendly_name === 'known')!.sid;
    const task = f.task({ agent }, { workflow_sid: workflow });
    f.engine.reservations.reject(f.ws, f.pendingFor(agent)[0]!.sid);
    assert.deepEqual(f.reservations(task.sid, 'pending').map((r) => r.worker_sid), [agent], 'offered to the known agent again');
  });

  it('moves the worker to the reservation activity on reserve and the assignment activity on accept (single-tasking)', () => {
    f = fixture({ multi_task_enabled: false });
    const reserved = f.addActivity('Reserved', false);
    const busy = f.addActivity('Busy', false);
    f.engine.workflows.create(f.ws, {
      friendly_name: 'wf',
      configuration: {
        task_routing: {
          default_filter: {
            queue: f.engine.taskQueues.create(f.ws, {
              friendly_name: 'q',
              reservation_activity_sid: reserved,
              assignment_activity_sid: busy,
            }).sid,
          },
        },
      },
    });
    const worker = f.worker('Dana').sid;
    const task = f.task({});
    assert.equal(f.engine.workers.get(f.ws, worker).activity_name, 'Reserved');
    assert.equal(f.reservations(task.sid)[0]!.worker_previous_activity_sid, f.activity.Available);
    acceptOnly(f, worker);
    assert.equal(f.engine.workers.get(f.ws, worker).activity_name, 'Busy');
    f.engine.tasks.update(f.ws, task.sid, { assignment_status: 'completed' });
    assert.equal(f.engine.workers.get(f.ws, worker).activity_name, 'Busy', 'completing does not change the activity');
    const updates = f.events.filter((e) => e.event_type === 'worker.activity.update').map((e) => e.worker?.activity_name);
    assert.deepEqual(updates, ['Reserved', 'Busy']);
  });

  it('puts the worker back in their previous activity when a pending reservation is canceled', () => {
    f = fixture({ multi_task_enabled: false });
    const reserved = f.addActivity('Reserved', false);
    const queue = f.engine.taskQueues.create(f.ws, { friendly_name: 'q', reservation_activity_sid: reserved }).sid;
    f.engine.workflows.create(f.ws, { friendly_name: 'wf', configuration: { task_routing: { default_filter: { queue } } } });
    const worker = f.worker('Eve').sid;
    const task = f.task({});
    f.engine.tasks.update(f.ws, task.sid, { assignment_status: 'canceled', reason: 'caller hung up' });
    assert.equal(f.reservations(task.sid)[0]!.reservation_status, 'canceled');
    assert.equal(f.engine.workers.get(f.ws, worker).activity_name, 'Available');
    assert.equal(f.engine.tasks.get(f.ws, task.sid).reason, 'caller hung up');
  });

  it('leaves activities alone in a multitasking workspace', () => {
    f = fixture({ multi_task_enabled: true });
    f.queueWithWorkflow({ reservation_activity_sid: f.addActivity('Reserved', false) });
    const worker = f.worker('Fay').sid;
    f.task({});
    acceptOnly(f, worker);
    assert.equal(f.engine.workers.get(f.ws, worker).activity_name, 'Available');
  });

  it('walks a reservation through accepted, wrapping and completed', () => {
    f = fixture({ multi_task_enabled: false });
    f.queueWithWorkflow();
    const worker = f.worker('Gus').sid;
    const task = f.task({});
    const reservation = acceptOnly(f, worker);
    const wrapping = f.engine.reservations.updateForTask(f.ws, task.sid, reservation.sid, { reservation_status: 'wrapping' });
    assert.equal(wrapping.reservation_status, 'wrapping');
    assert.equal(f.engine.tasks.get(f.ws, task.sid).assignment_status, 'wrapping');
    const done = f.engine.reservations.updateForTask(f.ws, task.sid, reservation.sid, { reservation_status: 'completed' });
    assert.equal(done.reservation_status, 'completed');
    assert.equal(f.engine.tasks.get(f.ws, task.sid).assignment_status, 'completed');
    const types = f.eventTypes();
    for (const type of ['reservation.created', 'reservation.accepted', 'reservation.wrapup', 'task.wrapup', 'task.completed', 'reservation.completed']) {
      assert.ok(types.includes(type), type);
    }
  });

  it('records telephony instructions as simulated and gives them their TaskRouter effect', () => {
    f = fixture({ multi_task_enabled: true });
    f.queueWithWorkflow();
    const worker = f.worker('Hal').sid;
    f.engine.workerChannels.update(f.ws, worker, 'default', { capacity: 5 });
    const tasks = [f.task({ n: 1 }), f.task({ n: 2 }), f.task({ n: 3 }), f.task({ n: 4 }), f.task({ n: 5 })];
    const [dequeue, call, callAccept, redirect, conference] = tasks.map((t) => f.reservations(t.sid)[0]!);
    const wrapUp = f.addActivity('WrapUp', false);
    const d = f.engine.reservations.updateForWorker(f.ws, worker, dequeue!.sid, {
      instruction: 'dequeue',
      dequeue_from: '+15550100',
      dequeue_post_work_activity_sid: wrapUp,
    });
    assert.equal(d.reservation_status, 'accepted');
    assert.deepEqual({ ...d.instruction, recorded_at: 0 }, {
      instruction: 'dequeue',
      params: { dequeue_from: '+15550100', dequeue_post_work_activity_sid: wrapUp },
      simulated: true,
      recorded_at: 0,
    });
    const c = f.engine.reservations.updateForWorker(f.ws, worker, call!.sid, { instruction: 'call', call_from: '+1555', call_url: 'https://x.test/twiml' });
    assert.equal(c.reservation_status, 'pending', 'call without CallAccept does not accept');
    const ca = f.engine.reservations.updateForWorker(f.ws, worker, callAccept!.sid, {
      instruction: 'call', call_from: '+1555', call_url: 'https://x.test/twiml', call_accept: 'true',
    });
    assert.equal(ca.reservation_status, 'accepted');
    const r = f.engine.reservations.updateForWorker(f.ws, worker, redirect!.sid, {
      instruction: 'redirect', redirect_call_sid: 'CA123', redirect_url: 'https://x.test', redirect_accept: true,
    });
    assert.equal(r.reservation_status, 'accepted');
    assert.equal(f.engine.reservations.updateForWorker(f.ws, worker, conference!.sid, { instruction: 'conference' }).reservation_status, 'accepted');
    assert.throws(
      () => f.engine.reservations.updateForWorker(f.ws, worker, call!.sid, { instruction: 'call', call_from: '+1555' }),
      (error: EngineError) => error.param === 'CallUrl',
    );
    assert.throws(
      () => f.engine.reservations.updateForWorker(f.ws, worker, dequeue!.sid, { instruction: 'conference' }),
      (error: EngineError) => error.status === 410 && error.code === 40144,
    );
    // The simulated call ends: post-work activity, and the task wraps up (multitasking).
    f.engine.reservations.endCall(f.ws, dequeue!.sid);
    assert.equal(f.engine.workers.get(f.ws, worker).activity_name, 'WrapUp');
    assert.equal(f.engine.tasks.get(f.ws, dequeue!.task_sid).assignment_status, 'wrapping');
  });

  it('enforces If-Match versions on workers, tasks and reservations', () => {
    f = fixture({ multi_task_enabled: false });
    f.queueWithWorkflow();
    const worker = f.worker('Ivy', {}, 'Offline');
    assert.throws(
      () => f.engine.workers.update(f.ws, worker.sid, { attributes: { a: 1 } }, { expectedVersion: '999' }),
      (error: EngineError) => error.status === 412 && error.code === 20412,
    );
    const updated = f.engine.workers.update(f.ws, worker.sid, { attributes: { a: 1 } }, { expectedVersion: worker.version });
    assert.notEqual(updated.version, worker.version);
    const task = f.task({});
    assert.throws(() => f.engine.tasks.update(f.ws, task.sid, { priority: 3 }, { expectedVersion: 0 }), (e: EngineError) => e.status === 412);
    assert.equal(f.engine.tasks.update(f.ws, task.sid, { priority: 3 }, { expectedVersion: task.version }).priority, 3);
  });
});

describe('who may act on a task, and repeated transitions', () => {
  let f: Fixture;
  afterEach(() => f.close());

  it('a task offered 1,000 times is canceled, Max assignment count exceeded, with no 1,001st offer', () => {
    f = fixture();
    f.queueWithWorkflow();
    const ann = f.worker('Ann').sid;
    const task = f.task({});
    let offers = 0;
    for (let pending = f.pendingFor(ann)[0]; pending; pending = f.pendingFor(ann)[0]) {
      offers++;
      f.engine.reservations.reject(f.ws, pending.sid); // Ann stays available: the task comes straight back to her
    }
    assert.equal(offers, 1000);
    const canceled = f.engine.tasks.get(f.ws, task.sid);
    assert.deepEqual([canceled.assignment_status, canceled.reason], ['canceled', 'Max assignment count exceeded']);
  });

  it('a worker that rejected its reservation can no longer complete or cancel the task (403)', () => {
    f = fixture();
    f.queueWithWorkflow();
    const ann = f.worker('Ann').sid;
    const task = f.task({});
    const mine = f.reservations(task.sid, 'pending')[0]!;
    assert.equal(mine.worker_sid, ann);
    f.engine.reservations.reject(f.ws, mine.sid, f.activity['Offline'], { actor: { sid: ann, type: 'worker' } });
    const ben = f.worker('Ben').sid;
    acceptOnly(f, ben);
    assert.throws(
      () => f.engine.tasks.update(f.ws, task.sid, { assignment_status: 'completed' }, { actor: { sid: ann, type: 'worker' } }),
      (e: { status?: number }) => e.status === 403,
    );
    assert.equal(f.engine.tasks.get(f.ws, task.sid).assignment_status, 'assigned');
  });

  it('an assigned task cannot be canceled (409): it stays assigned, its reservation accepted', () => {
    f = fixture();
    f.queueWithWorkflow();
    const ann = f.worker('Ann').sid;
    const task = f.task({});
    acceptOnly(f, ann);
    const before = f.events.length;
    assert.throws(() => f.engine.tasks.update(f.ws, task.sid, { assignment_status: 'canceled' }), (e: { status?: number }) => e.status === 409);
    assert.equal(f.engine.tasks.get(f.ws, task.sid).assignment_status, 'assigned');
    assert.equal(f.reservations(task.sid)[0]!.reservation_status, 'accepted');
    assert.equal(f.events.length, before);
  });

  it('moving a wrapping reservation to wrapping again is refused (410) and emits nothing', () => {
    f = fixture();
    f.queueWithWorkflow();
    const ann = f.worker('Ann').sid;
    const task = f.task({});
    const r = acceptOnly(f, ann);
    f.engine.reservations.updateForTask(f.ws, task.sid, r.sid, { reservation_status: 'wrapping' });
    const before = f.events.length;
    assert.throws(() => f.engine.reservations.updateForTask(f.ws, task.sid, r.sid, { reservation_status: 'wrapping' }), (e: { status?: number }) => e.status === 410);
    assert.equal(f.events.length, before);
  });

  it('single-tasking: a worker whose channel is unavailable gets no task on it', () => {
    f = fixture({ multi_task_enabled: false });
    f.queueWithWorkflow();
    const ann = f.worker('Ann').sid;
    f.engine.workerChannels.update(f.ws, ann, 'voice', { available: false });
    const task = f.task({}, { task_channel: 'voice' });
    assert.equal(f.reservations(task.sid).length, 0);
  });
});
