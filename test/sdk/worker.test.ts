// Worker against the real local server, following the TaskRouter.js v1 Worker page (seeds/003):
// constructor forms, update, activities, reservations, channels, tasks, events and Reservation actions.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Reservation, TaskRouterError, Worker, type Page, type WorkerChannelResource } from '../../src/sdk/index.js';
import { CORE } from '../../src/sdk/resource.js';
import { mintWorkerToken } from '../../src/server/tokens/index.js';
import { Fixture, next, TwilioShapedWebSocket, withGlobalWebSocket, type Json } from './helpers.js';

let fx: Fixture;
const open: Worker[] = [];

/** A connected worker for `workerSid` (ready awaited). */
async function worker(workerSid?: string, extra: Json = {}): Promise<Worker> {
  for (const earlier of open.splice(0)) earlier.disconnect();
  const w = new Worker(fx.workerToken(workerSid), fx.options(extra));
  open.push(w);
  await next(w, 'ready');
  return w;
}

/** Calls a v1 method with an error-first callback and resolves with `[error, result]`. */
function callback<T>(call: (cb: (error: TaskRouterError | null, result?: T) => void) => unknown): Promise<[TaskRouterError | null, T | undefined]> {
  return new Promise((resolve) => call((error, result) => resolve([error, result])));
}

before(async () => {
  fx = await Fixture.start({ workers: 3 });
  // Only agent-0 takes tasks unless a test says otherwise.
  for (const sid of fx.workers.slice(1)) await fx.api('POST', `Workers/${sid}`, { ActivitySid: fx.activities.offline });
});

after(async () => {
  for (const w of open) w.disconnect();
  await fx.close();
});

describe('Worker', () => {
  it('emits ready with the worker camelCased, and connected; state is readable', async () => {
    const w = new Worker(fx.workerToken(), fx.options());
    open.push(w);
    assert.equal(w.connectionState, 'connecting');
    const states: string[] = [];
    w.on('connection', (state) => states.push(state));
    // Event names are checked (npm test type-checks this file): TaskRouter's families pass, a misspelling does not.
    w.on('task.updated', () => {});
    // @ts-expect-error 'reservation.createdd' is no event of a Worker
    w.on('reservation.createdd', () => {});
    const connected = next(w, 'connected');
    const ready = await next<Worker>(w, 'ready');
    await connected;
    assert.equal(ready, w);
    assert.equal(w.sid, fx.workers[0]);
    assert.equal(w.friendlyName, 'agent-0');
    assert.equal(w.activityName, 'Idle');
    assert.equal(w.activitySid, fx.activities.idle);
    assert.equal(w.available, true);
    assert.deepEqual(w.attributes, { skills: ['support'], contact_uri: 'client:agent0' });
    assert.ok(w.dateCreated instanceof Date);
    assert.equal(w.connectionState, 'connected');
    assert.deepEqual(states, ['connected']);
    // Internals stay out of JSON and for…in.
    assert.equal(JSON.parse(JSON.stringify(w)).sid, w.sid);
    assert.ok(!Object.keys(w).some((key) => key.startsWith('_')));
  });

  it('takes v1 positional arguments (token, debug, connectActivitySid, …) and applies connectActivitySid', async () => {
    const sid = fx.workers[1]!;
    await fx.api('POST', `Workers/${sid}`, { ActivitySid: fx.activities.offline });
    // Positional form: debug false, connect activity Idle, no disconnect activity, closeExistingSessions, region, maxRetries,
    // then v1's undocumented apiBaseUrl and eventBridgeUrl.
    const w = withGlobalWebSocket(() => new Worker(fx.workerToken(sid), false, fx.activities.idle, null, false, undefined, 2, undefined, fx.url));
    open.push(w);
    const update = next<Worker>(w, 'activity.update');
    await next(w, 'ready');
    assert.equal((await update).activitySid, fx.activities.idle);
    w.disconnect();
    await fx.api('POST', `Workers/${sid}`, { ActivitySid: fx.activities.offline });
  });

  it('leaves connectActivitySid unapplied while a reservation is pending, so the offer the worker is about to answer stands', async () => {
    for (const earlier of open.splice(0)) earlier.disconnect();
    const sid = fx.workers[0]!;
    const task = await fx.task({ waiting: 'for the page to open' });
    try {
      const [pending] = (await fx.api('GET', `Workers/${sid}/Reservations`, { ReservationStatus: 'pending' })).reservations as Json[];
      assert.equal(pending?.task_sid, task.sid, 'the worker has a pending reservation before it connects');
      const w = new Worker(fx.workerToken(sid), fx.options({ connectActivitySid: fx.activities.offline }));
      open.push(w);
      const activities: string[] = [];
      w.on('activity.update', (worker: Worker) => activities.push(worker.activitySid));
      const created = next<Reservation>(w, 'reservation.created');
      await next(w, 'ready');
      assert.equal((await created).sid, pending.sid);
      // The connect activity would be applied right after the pending reservations were fetched: give it time to land.
      await new Promise((resolve) => setTimeout(resolve, 300));
      assert.equal((await fx.api('GET', `Workers/${sid}`)).activity_sid, fx.activities.idle);
      assert.equal(w.activitySid, fx.activities.idle);
      assert.deepEqual(activities, []);
    } finally {
      await fx.api('POST', `Tasks/${task.sid}`, { AssignmentStatus: 'canceled', Reason: 'test' });
      await fx.api('POST', `Workers/${sid}`, { ActivitySid: fx.activities.idle });
    }
  });

  it('update: one key and value with a callback, or an object with a promise; activity.update and attributes.update fire', async () => {
    const w = await worker();
    const activity = next<Worker>(w, 'activity.update');
    const [error, updated] = await callback<Worker>((cb) => w.update('ActivitySid', fx.activities.busy, cb));
    assert.equal(error, null);
    assert.equal(updated, w);
    assert.equal(w.activityName, 'Busy');
    assert.equal((await activity).activityName, 'Busy');

    const attributes = next<Worker>(w, 'attributes.update');
    const result = await w.update({ ActivitySid: fx.activities.idle });
    assert.equal(result.activityName, 'Idle');
    // A workspace-side attributes change reaches the worker as attributes.update.
    await fx.api('POST', `Workers/${w.sid}`, { Attributes: { skills: ['support', 'billing'], contact_uri: 'client:agent0' } });
    assert.deepEqual((await attributes).attributes.skills, ['support', 'billing']);
  });

  it("the v1 page's multiple-attribute update, with a token that allows it (workerUpdates)", async () => {
    const w = withGlobalWebSocket(() => new Worker(fx.workerToken(fx.workers[1], 3600, { workerUpdates: true }), fx.options()));
    try {
      await next(w, 'ready');
      const attributes = next<Worker>(w, 'attributes.update');
      const activity = next<Worker>(w, 'activity.update');
      const [error, updated] = await callback<Worker>((cb) => w.update({ ActivitySid: fx.activities.busy, FriendlyName: 'UpdatedWorker' }, cb));
      assert.equal(error, null);
      assert.deepEqual([updated!.friendlyName, updated!.activityName], ['UpdatedWorker', 'Busy']);
      assert.equal((await activity).activityName, 'Busy');
      await w.update('Attributes', { skills: ['sales'] });
      assert.deepEqual((await attributes).attributes.skills, ['sales']);
    } finally {
      w.disconnect();
      await fx.api('POST', `Workers/${fx.workers[1]}`, { ActivitySid: fx.activities.offline });
    }
  });

  it('errors reach the callback and the promise with the server code and message', async () => {
    const w = await worker();
    const [error] = await callback((cb) => w.update('ActivitySid', 'WA00000000000000000000000000000000', cb));
    assert.ok(error instanceof TaskRouterError);
    assert.equal(typeof error.code, 'number');
    assert.notEqual(error.code, error.status, 'a Twilio code, not only the HTTP status');
    assert.ok(error.status >= 400 && error.status < 500);
    assert.ok(error.message.length > 0 && error.message !== 'Bad Request');
    await assert.rejects(w.update('ActivitySid', 'WA00000000000000000000000000000000'), (e: TaskRouterError) => e.code === error.code && e.message === error.message);
    // The worker token may only change its activity: the server's policy answer reaches the app.
    await assert.rejects(w.update('FriendlyName', 'renamed'), (e: TaskRouterError) => e.status === 403 && e.code > 0);
    assert.throws(() => (w.update as () => unknown)(), /update: expected/);
  });

  it('activities.fetch lists the workspace activities, and one by SID', async () => {
    const w = await worker();
    const [error, list] = await callback<Page<Json>>((cb) => w.activities.fetch(cb));
    assert.equal(error, null);
    assert.deepEqual(list!.data.map((a) => a.friendlyName).sort(), ['Available', 'Busy', 'Idle', 'Offline', 'Reserved', 'Unavailable']);
    const idle = await w.activities.fetch(fx.activities.idle);
    assert.equal(idle.friendlyName, 'Idle');
    assert.equal(idle.available, true);
  });

  it('fetchChannels lists the worker channels with capacity', async () => {
    const w = await worker();
    const [error, channels] = await callback<Page<WorkerChannelResource>>((cb) => w.fetchChannels(cb));
    assert.equal(error, null);
    const channel = channels!.data.find((c) => c.taskChannelUniqueName === 'default');
    assert.ok(channel, 'the default channel');
    assert.equal(typeof channel.configuredCapacity, 'number');
    assert.equal(typeof channel.availableCapacityPercentage, 'number');
    assert.equal(channel.workerSid, w.sid);
    assert.ok(channel.sid.startsWith('WC'));
  });
});

describe('Reservations', () => {
  it('reservation.created carries the reservation and its task; accept, then task.complete', async () => {
    const w = await worker();
    const created = next<Reservation>(w, 'reservation.created');
    const task = await fx.task({ foo: 'bar', baz: 'bang' }, { Priority: 1 });
    const reservation = await created;
    assert.ok(reservation instanceof Reservation);
    assert.ok(reservation.sid.startsWith('WR'));
    assert.equal(reservation.reservationStatus, 'pending');
    assert.equal(reservation.task.sid, task.sid);
    assert.deepEqual(reservation.task.attributes, { foo: 'bar', baz: 'bang' });
    assert.equal(reservation.task.priority, 1);
    assert.equal(typeof reservation.task.age, 'number');
    assert.ok(reservation.dateCreated instanceof Date);

    const accepted = next<Reservation>(w, 'reservation.accepted');
    const [error, result] = await callback<Reservation>((cb) => reservation.accept(cb));
    assert.equal(error, null);
    assert.equal(result, reservation);
    assert.equal(reservation.reservationStatus, 'accepted');
    assert.equal(reservation.task.assignmentStatus, 'assigned');
    assert.equal(await accepted, reservation, 'the same object, updated');

    const [completeError, completed] = await callback((cb) => reservation.task.complete(cb, 'done'));
    assert.equal(completeError, null);
    assert.equal((completed as Json).assignmentStatus, 'completed');
  });

  it("takes reservation events in the form Twilio's event bridge sends, fetching the task as v1 did", async () => {
    const w = await worker(undefined, { WebSocket: TwilioShapedWebSocket });
    const created = next<Reservation>(w, 'reservation.created');
    const task = await fx.task({ name: 'Ada' });
    const reservation = await created;
    assert.equal(reservation.task.sid, task.sid);
    assert.deepEqual(reservation.task.attributes, { name: 'Ada' });
    // The REST fields the bridge's task names otherwise, or leaves out.
    assert.equal(reservation.task.taskQueueSid, task.task_queue_sid);
    assert.equal(reservation.task.taskQueueFriendlyName, task.task_queue_friendly_name);
    assert.equal(reservation.task.workflowFriendlyName, task.workflow_friendly_name);
    assert.equal(reservation.task.taskChannelSid, task.task_channel_sid);
    assert.equal(reservation.task.timeout, task.timeout);
    const accepted = next<Reservation>(w, 'reservation.accepted');
    await reservation.accept();
    assert.equal(await accepted, reservation);
    await reservation.task.complete();
  });

  it('reject with an activity moves the worker; reservation.rejected fires', async () => {
    const w = await worker();
    const created = next<Reservation>(w, 'reservation.created');
    await fx.task();
    const reservation = await created;
    const rejected = next<Reservation>(w, 'reservation.rejected');
    const activity = next<Worker>(w, 'activity.update');
    await reservation.reject(fx.activities.busy);
    assert.equal((await rejected).sid, reservation.sid);
    assert.equal(reservation.reservationStatus, 'rejected');
    assert.equal((await activity).activityName, 'Busy');
    await w.update('ActivitySid', fx.activities.idle);
    // The task goes to another worker or stays pending; cancel it so later tests start clean.
    await fx.api('POST', `Tasks/${reservation.task.sid}`, { AssignmentStatus: 'canceled', Reason: 'test' });
  });

  it('fetchReservations with params returns reservations with their tasks', async () => {
    const w = await worker();
    const created = next<Reservation>(w, 'reservation.created');
    await fx.task({ n: 1 });
    const reservation = await created;
    // The pages' samples list a reservation's fields with for…in: its methods are not among them.
    const fields: string[] = [];
    for (const property in reservation) fields.push(property);
    assert.ok(fields.includes('reservationStatus') && fields.includes('task'), fields.join());
    assert.deepEqual(fields.filter((field) => typeof (reservation as unknown as Json)[field] === 'function'), []);
    const [error, list] = await callback<Page<Reservation>>((cb) => w.fetchReservations(cb, { ReservationStatus: 'pending' }));
    assert.equal(error, null);
    assert.deepEqual(list!.data.map((r) => r.sid), [reservation.sid]);
    assert.equal(list!.data[0], reservation, 'known reservations are the same objects');
    assert.deepEqual(list!.data[0]!.task.attributes, { n: 1 });
    const all = await w.fetchReservations();
    assert.ok(all.data.length >= 1);
    assert.equal(typeof all.hasNext, 'boolean');
    const canceled = next<Reservation>(w, 'reservation.canceled');
    await fx.api('POST', `Tasks/${reservation.task.sid}`, { AssignmentStatus: 'canceled', Reason: 'gone' });
    assert.equal((await canceled).sid, reservation.sid);
    assert.equal(reservation.reservationStatus, 'canceled');
    // The handler sees why: the task as it is now, canceled with its reason (v1 fetched it for every event).
    assert.equal(reservation.task.assignmentStatus, 'canceled');
    assert.equal(reservation.task.reason, 'gone');
  });

  it('forgets the oldest ended reservations beyond the last 100, so a day of work does not pile up', async () => {
    const w = await worker();
    const ended: Reservation[] = [];
    for (let i = 0; i < 102; i++) {
      const created = next<Reservation>(w, 'reservation.created');
      await fx.task({ i });
      const reservation = await created;
      const canceled = next<Reservation>(w, 'reservation.canceled');
      await fx.api('POST', `Tasks/${reservation.task.sid}`, { AssignmentStatus: 'canceled' });
      ended.push(await canceled);
    }
    const known = async (reservation: Reservation) =>
      (await w.fetchReservations(null, { ReservationStatus: 'canceled', PageSize: '1000' })).data.find((r) => r.sid === reservation.sid) === reservation;
    assert.equal(await known(ended.at(-1)!), true, 'a recent ended reservation is still the same object');
    assert.equal(await known(ended[0]!), false, 'the oldest was forgotten (fetching builds a new object)');
  });

  it('an answer older than what an event brought changes nothing (another tab changed the activity in between)', async () => {
    const w = await worker();
    const before = await fx.api('GET', `Workers/${w.sid}`);
    const updated = next<Worker>(w, 'activity.update');
    await fx.api('POST', `Workers/${w.sid}`, { ActivitySid: fx.activities.busy });
    await updated;
    w.apply(before);
    assert.equal(w.activitySid, fx.activities.busy);
    await w.update('ActivitySid', fx.activities.idle);
    assert.equal(w.activitySid, fx.activities.idle, 'a newer answer still applies');
  });

  it('updateTask and completeTask take a task SID', async () => {
    const w = await worker();
    const created = next<Reservation>(w, 'reservation.created');
    await fx.task();
    const reservation = await created;
    const [error, task] = await callback<Json>((cb) => w.updateTask(reservation.task.sid, { Priority: '15' }, cb));
    assert.equal(error, null);
    assert.equal(task!.priority, 15);
    await reservation.accept();
    const [completeError, completed] = await callback<Json>((cb) => w.completeTask(reservation.task.sid, cb, 'resolved'));
    assert.equal(completeError, null);
    assert.equal(completed!.assignmentStatus, 'completed');
    await assert.rejects(w.completeTask('WT00000000000000000000000000000000'), (e: TaskRouterError) => e.status === 404 && e.code === 20404);
  });

  it('dequeue, call, conference and redirect send their documented parameters', async () => {
    const w = await worker();
    const instructions: Array<[string, (r: Reservation) => Promise<unknown>, Json]> = [
      ['dequeue', (r) => new Promise((resolve, reject) => r.dequeue('18004746453', fx.activities.idle, 'record-from-answer', '30', 'http://example.com/status', 'client:joey', (e: unknown, v: unknown) => (e ? reject(e) : resolve(v)))), { from: '18004746453', to: 'client:joey' }],
      ['call', (r) => r.call('18004746453', 'http://example.com/twiml', 'http://example.com/status', 'true', 'record-from-answer', 'client:joey'), { from: '18004746453', url: 'http://example.com/twiml' }],
      ['conference', (r) => r.conference(null, null, null, null, null, { From: '18004746453', To: 'client:joey', ConferenceStatusCallbackEvent: ['start', 'end'] }), { from: '18004746453' }],
      ['redirect', (r) => r.redirect('CA00000000000000000000000000000000', 'http://example.com/twiml', 'true'), { call_sid: 'CA00000000000000000000000000000000' }],
    ];
    for (const [name, act, expected] of instructions) {
      const created = next<Reservation>(w, 'reservation.created');
      await fx.task({ instruction: name });
      const reservation = await created;
      await act(reservation);
      const stored = await fx.api('GET', `Tasks/${reservation.task.sid}/Reservations/${reservation.sid}`);
      assert.equal(stored.instruction?.type ?? stored.instruction?.instruction, name, `${name} recorded: ${JSON.stringify(stored.instruction)}`);
      const recorded = JSON.stringify(stored.instruction);
      for (const value of Object.values(expected)) assert.ok(recorded.includes(value), `${name} recorded ${value}: ${recorded}`);
      await fx.api('POST', `Tasks/${reservation.task.sid}`, { AssignmentStatus: stored.reservation_status === 'accepted' ? 'completed' : 'canceled', Reason: 'test' }).catch(() => {});
    }
    await w.update('ActivitySid', fx.activities.idle);
  });

  it('reservation.timeout fires when a reservation times out', async () => {
    const timeoutFixture = await Fixture.start({ workers: 1, reservationTimeout: 1 });
    const w = new Worker(timeoutFixture.workerToken(), timeoutFixture.options());
    try {
      await next(w, 'ready');
      const created = next<Reservation>(w, 'reservation.created');
      await timeoutFixture.task();
      const reservation = await created;
      const timedOut = await next<Reservation>(w, 'reservation.timeout', 5000);
      assert.equal(timedOut, reservation);
      assert.equal(reservation.reservationStatus, 'timeout');
    } finally {
      w.disconnect();
      await timeoutFixture.close();
    }
  });

  it('reservation.rescinded fires on the other workers when one accepts a multi-reservation', async () => {
    const multi = await Fixture.start({ workers: 2, maxReservedWorkers: 2 });
    const [a, b] = multi.workers.map((sid) => new Worker(multi.workerToken(sid), multi.options()));
    try {
      await Promise.all([next(a!, 'ready'), next(b!, 'ready')]);
      const createdA = next<Reservation>(a!, 'reservation.created');
      const createdB = next<Reservation>(b!, 'reservation.created');
      await multi.task();
      const [ra, rb] = await Promise.all([createdA, createdB]);
      const rescinded = next<Reservation>(b!, 'reservation.rescinded');
      await ra.accept();
      assert.equal((await rescinded).sid, rb.sid);
      assert.equal(rb.reservationStatus, 'rescinded');
      await assert.rejects(rb.accept(), (e: TaskRouterError) => e.status === 410 || e.status === 400 || e.status === 409);
    } finally {
      a!.disconnect();
      b!.disconnect();
      await multi.close();
    }
  });

  it('capacity.update carries the WorkerChannel', async () => {
    const w = await worker();
    const channels = await w.fetchChannels();
    const channel = channels.data[0]!;
    const update = next<Json>(w, 'capacity.update');
    await fx.api('POST', `Workers/${w.sid}/Channels/${channel.sid}`, { Capacity: 3 });
    const updated = await update;
    assert.equal(updated.sid, channel.sid);
    assert.equal(updated.configuredCapacity, 3);
    assert.equal(typeof updated.availableCapacityPercentage, 'number');
  });

  it('updateToken reaches reservations fetched earlier; token.expired fires before the token lapses', async () => {
    const w = new Worker(fx.workerToken(undefined, 3), fx.options({ tokenRefreshLead: 2000 }));
    open.push(w);
    await next(w, 'ready');
    const created = next<Reservation>(w, 'reservation.created');
    await fx.task();
    const reservation = await created;
    const started = Date.now();
    await next(w, 'token.expired', 4000);
    assert.ok(Date.now() - started < 3000, 'ahead of exp');
    w.updateToken(fx.workerToken(undefined, 3600));
    // Past the old token's exp: the old Reservation object uses the new token.
    await new Promise((resolve) => setTimeout(resolve, 3100 - (Date.now() - started)));
    await reservation.accept();
    assert.equal(reservation.reservationStatus, 'accepted');
    assert.throws(() => w.updateToken(fx.workerToken(fx.workers[2])), /token: for WK/);
  });

  it('an expired token no one renews (no token.expired listener) is an error, 20104; with a listener it is theirs to renew', async () => {
    // Minted an hour ago, for ten seconds.
    const expired = () => mintWorkerToken({ accountSid: fx.server.accountSid, authToken: fx.server.authToken, workspaceSid: fx.workspaceSid, workerSid: fx.workers[0]!, ttl: 10, now: Date.now() - 3_600_000 });
    const unattended = new Worker(expired(), fx.options());
    open.push(unattended);
    const error = await next<TaskRouterError>(unattended, 'error', 2000);
    assert.deepEqual([error.code, error.status, error.message], [20104, 401, 'The token has expired: pass a new one to updateToken()']);
    assert.equal(unattended.connectionState, 'disconnected');

    const renewed = new Worker(expired(), fx.options());
    open.push(renewed);
    const errors: TaskRouterError[] = [];
    renewed.on('error', (e) => errors.push(e));
    renewed.on('token.expired', () => renewed.updateToken(fx.workerToken()));
    await next(renewed, 'ready', 4000);
    assert.deepEqual(errors, []);
  });

  it('a request finding its token lapsed (a laptop waking with timers overdue) asks for the next one and waits for it', async () => {
    const w = new Worker(fx.workerToken(undefined, 2), fx.options());
    open.push(w);
    await next(w, 'ready');
    // As if asleep: the renewal timer has not fired by the time the token lapses.
    w[CORE].stop();
    await new Promise((resolve) => setTimeout(resolve, 2100));
    let asked = 0;
    w.on('token.expired', () => {
      asked++;
      setTimeout(() => w.updateToken(fx.workerToken(undefined, 3600)), 50);
    });
    const [channels, activities] = await Promise.all([w.fetchChannels(), w.activities.fetch()]);
    assert.ok(channels.data.length > 0 && activities.data.length > 0, 'answered with the new token, not refused with the old');
    assert.equal(asked, 1, 'asked once, however many requests wait');
  });
});
