// Connection faults against the real local server, through a TCP proxy that cuts sockets:
// random drops during reservation traffic, a reservation created while offline, a response lost on its
// way back (retried only where repeating is safe), maxRetries and
// `failed`, recovery with connect(), disconnect(), heartbeat silence, and session replacement.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { WebSocket as WsWebSocket } from 'ws';
import { Reservation, TaskRouterError, Worker, Workspace } from '../../src/sdk/index.js';
import { mintWorkerToken } from '../../src/server/tokens/index.js';
import { Fixture, laggingWebSocket, next, Proxy, until, type Json } from './helpers.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let fx: Fixture;
let proxy: Proxy;

/** A WebSocket constructor that records every socket it makes. */
function countingWebSocket() {
  const sockets: WsWebSocket[] = [];
  class Counting extends WsWebSocket {
    constructor(url: string) {
      super(url);
      sockets.push(this);
    }
  }
  return { sockets, WebSocket: Counting as unknown as typeof globalThis.WebSocket };
}

/** Worker options through the proxy, with short delays so faults play out in milliseconds. */
const fast = (extra: Json = {}) =>
  fx.options({ eventBridgeUrl: proxy.url, reconnectDelay: 20, reconnectDelayMax: 200, retryDelay: 20, requestTimeout: 2000, ...extra });

before(async () => {
  fx = await Fixture.start({ workers: 2 });
  await fx.api('POST', `Workers/${fx.workers[1]}`, { ActivitySid: fx.activities.offline });
  proxy = new Proxy(fx.server.port);
  await proxy.start();
});

after(async () => {
  await proxy.stop();
  await fx.close();
});

describe('faults', () => {
  it('random socket drops during reservation traffic lose and duplicate no reservation event', async (t) => {
    const TASKS = 24;
    const w = new Worker(fx.workerToken(), fast({ maxRetries: 8 }));
    const counts = new Map<string, number>();
    const reservations = new Map<string, Reservation>();
    let connects = 0;
    w.on('connected', () => connects++);
    for (const type of ['created', 'accepted', 'rejected', 'timeout', 'canceled', 'rescinded', 'completed', 'wrapup'] as const) {
      w.on(`reservation.${type}`, (r: Reservation) => {
        const key = `${r.sid} ${type}`;
        counts.set(key, (counts.get(key) ?? 0) + 1);
        reservations.set(r.sid, r);
      });
    }
    // The app: accept what is pending, complete what is accepted; failures (a cut mid-request) are retried on the next pass.
    const work = setInterval(() => {
      for (const r of reservations.values()) {
        if (r.reservationStatus === 'pending') r.accept().catch(() => {});
        else if (r.reservationStatus === 'accepted' && r.task.assignmentStatus !== 'completed') r.task.complete().catch(() => {});
      }
    }, 50);
    // Every other 120 ms tick: the drops land all over the reservations' lifecycles, and always enough of them.
    let drops = 0;
    let ticks = 0;
    const chaos = setInterval(() => {
      if (++ticks % 2 === 0) {
        proxy.drop();
        drops++;
      }
    }, 120);
    try {
      await next(w, 'ready', 10000);
      // Paced, so that the drops land among the reservations' lifecycles.
      for (let i = 0; i < TASKS; i++) {
        await fx.task({ n: i });
        await new Promise((resolve) => setTimeout(resolve, 80));
      }
      await until(async () => (await fx.api('GET', 'Tasks', { AssignmentStatus: 'completed', PageSize: 100 })).tasks.length === TASKS, 'every task completed', 40000);
    } finally {
      clearInterval(chaos);
      clearInterval(work);
    }
    const server = (await fx.api('GET', `Workers/${w.sid}/Reservations`, { PageSize: 100 })).reservations as Json[];
    // Once the sockets are left alone, what the server knows reaches the app.
    const settled = () => server.every((r) => reservations.get(r.sid)?.reservationStatus === r.reservation_status);
    await until(settled, 'every reservation in its server status', 10000);
    t.diagnostic(`${drops} drops, ${connects} connects, ${counts.size} reservation events`);
    assert.ok(drops > 3 && connects > 2, `the chaos happened (${drops} drops, ${connects} connects)`);
    assert.equal(server.length, TASKS);
    for (const r of server) {
      assert.equal(counts.get(`${r.sid} created`), 1, `created once: ${r.sid}`);
      assert.equal(counts.get(`${r.sid} accepted`), 1, `accepted once: ${r.sid}`);
      assert.equal(counts.get(`${r.sid} ${r.reservation_status}`), 1, `${r.reservation_status} once: ${r.sid}`);
    }
    for (const [key, count] of counts) assert.equal(count, 1, `${key} emitted once`);
    w.disconnect();
  });

  it('a reservation created while the socket was down reaches the app once, after the reconnect', async () => {
    const w = new Worker(fx.workerToken(), fast());
    await next(w, 'ready');
    const created: Reservation[] = [];
    w.on('reservation.created', (r: Reservation) => created.push(r));
    await proxy.stop();
    await until(() => w.connectionState === 'connecting', 'the loss noticed');
    const task = await fx.task({ offline: true });
    await proxy.start();
    await until(() => created.length === 1, 'reservation.created after the reconnect', 5000);
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.equal(created.length, 1);
    assert.equal(created[0]!.task.sid, task.sid);
    await created[0]!.accept();
    await created[0]!.task.complete();
    w.disconnect();
  });

  it('a response lost on its way back: an accept is retried without failing, a create is not repeated', async (t) => {
    // The server does the work; the answer to the first request matching `lose` never reaches the SDK.
    let lose: ((body: Json) => boolean) | null = null;
    const losing = (async (url: string, init: RequestInit) => {
      const response = await fetch(url, init);
      const body = JSON.parse(String(init.body));
      if (!lose?.(body)) return response;
      lose = null;
      throw new TypeError('fetch failed: connection reset');
    }) as typeof fetch;
    const options = fx.options({ fetch: losing, maxRetries: 2, retryDelay: 20 });
    const w = new Worker(fx.workerToken(), options);
    const ws = new Workspace(fx.workspaceToken(), options);
    t.after(() => [w, ws].forEach((c) => c.disconnect()));
    await Promise.all([next(w, 'ready'), next(ws, 'ready')]);
    const created = next<Reservation>(w, 'reservation.created');
    const task = await fx.task({ lost: 'accept' });
    const reservation = await created;
    lose = (body) => body.method === 'POST' && body.params?.ReservationStatus === 'accepted';
    await reservation.accept();
    assert.equal(lose, null, 'the accept answer was lost');
    assert.equal(reservation.reservationStatus, 'accepted');
    assert.equal((await fx.api('GET', `Tasks/${task.sid}/Reservations/${reservation.sid}`)).reservation_status, 'accepted');
    await reservation.task.complete();

    const before = (await fx.api('GET', 'Tasks', { PageSize: 1000 })).tasks.length;
    lose = (body) => body.method === 'POST' && /\/Tasks$/.test(body.url);
    await assert.rejects(ws.tasks.create({ WorkflowSid: fx.workflowSid, Attributes: { lost: 'create' } }), /Network error/);
    const tasks: Json[] = (await fx.api('GET', 'Tasks', { PageSize: 1000 })).tasks;
    assert.equal(tasks.length, before + 1, 'one task, not two');
    // Out of the way of the tests after this one.
    for (const made of tasks.filter((candidate) => JSON.parse(candidate.attributes).lost === 'create')) await fx.api('POST', `Tasks/${made.sid}`, { AssignmentStatus: 'canceled' });
  });

  it("late events (the socket lags behind the app's own calls) move no reservation back, and each comes once", async () => {
    const { lag, release, WebSocket } = laggingWebSocket();
    const w = new Worker(fx.workerToken(), fast({ WebSocket }));
    const seen: string[] = [];
    for (const type of ['created', 'accepted', 'completed'] as const) {
      w.on(`reservation.${type}`, (r: Reservation) => seen.push(`${type}:${r.reservationStatus}`));
    }
    await next(w, 'ready');
    const created = next<Reservation>(w, 'reservation.created');
    await fx.task({ lagging: true });
    const reservation = await created;
    lag.holding = true;
    await reservation.accept();
    await reservation.task.complete();
    await until(() => lag.held.length >= 2, 'the held events');
    assert.equal(reservation.reservationStatus, 'accepted');
    const fresh = await reservation.fetch();
    assert.equal(fresh.reservationStatus, 'completed');
    release();
    await until(() => seen.length === 3, 'the late events');
    await new Promise((resolve) => setTimeout(resolve, 200));
    assert.deepEqual(seen, ['created:pending', 'accepted:completed', 'completed:completed']);
    assert.equal(reservation.reservationStatus, 'completed');
    w.disconnect();
  });

  it('with the server gone, maxRetries bounds the reconnects and the state ends failed; connect() recovers', async () => {
    const { sockets, WebSocket } = countingWebSocket();
    const w = new Worker(fx.workerToken(), fast({ maxRetries: 3, WebSocket }));
    await next(w, 'ready');
    assert.equal(sockets.length, 1);
    const states: string[] = [];
    w.on('connection', (state) => states.push(state));
    const disconnected = next<{ message: string }>(w, 'disconnected');
    await proxy.stop();
    assert.equal(typeof (await disconnected).message, 'string');
    await until(() => w.connectionState === 'failed', 'failed', 5000);
    assert.equal(sockets.length, 1 + 3, 'three reconnect attempts');
    assert.deepEqual(states, ['connecting', 'failed']);
    // REST calls are bounded too: 1 + maxRetries attempts, then the network error.
    await assert.rejects(w.fetch(), (e: TaskRouterError) => e instanceof TaskRouterError && e.status === 0 && /Network error/.test(e.message));

    await proxy.start();
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.equal(w.connectionState, 'failed', 'failed stays failed until the app asks');
    assert.equal(sockets.length, 4);
    w.connect();
    await next(w, 'ready');
    assert.equal(w.connectionState, 'connected');
    w.disconnect();
  });

  it('an event bridge that never answers (a wrong URL, say) is said once as error, naming it, while reconnecting goes on', async () => {
    await proxy.stop();
    let down = true;
    const w = new Worker(fx.workerToken(), fast());
    try {
      const errors: TaskRouterError[] = [];
      w.on('error', (error) => errors.push(error));
      await until(() => errors.length > 0, 'the error', 5000);
      await new Promise((resolve) => setTimeout(resolve, 200));
      assert.equal(errors.length, 1, 'once per outage, not once per attempt');
      assert.equal(errors[0]!.status, 0);
      assert.match(errors[0]!.message, new RegExp(`^No answer from the event bridge at ${proxy.url}/v1/wschannels/AC\\w+/WK\\w+ \\(.+\\); retrying$`));
      assert.equal(w.connectionState, 'connecting');
      await proxy.start();
      down = false;
      await next(w, 'ready');
    } finally {
      w.disconnect();
      if (down) await proxy.start();
    }
  });

  it("a socket refused for its token is explained once, as error with the server's code and message, and waits for a new token", async () => {
    const { sockets, WebSocket } = countingWebSocket();
    const forged = mintWorkerToken({
      accountSid: fx.server.accountSid, authToken: 'not-the-auth-token', workspaceSid: fx.workspaceSid, workerSid: fx.workers[0]!, ttl: 3600,
    });
    const w = new Worker(forged, fast({ maxRetries: 3, WebSocket }));
    const errors: TaskRouterError[] = [];
    w.on('error', (error) => errors.push(error));
    await until(() => w.connectionState === 'disconnected' && errors.length > 0, 'disconnected, with the reason', 5000);
    await new Promise((resolve) => setTimeout(resolve, 200));
    assert.equal(sockets.length, 1, 'the same token is not tried again');
    assert.equal(w.connectionState, 'disconnected');
    assert.equal(errors.length, 1);
    assert.ok(errors[0] instanceof TaskRouterError);
    assert.deepEqual([errors[0].status, errors[0].code, errors[0].message], [403, 20003, 'The token signature is invalid']);
    // The seed's `error.response + " with message: " + error.message`: response is what the server sent.
    assert.equal((errors[0].response as { code?: number }).code, 20003);

    // connect() tries again and is explained again; a valid token connects.
    w.connect();
    await until(() => errors.length === 2, 'the second explanation', 5000);
    w.updateToken(fx.workerToken());
    await until(() => w.connectionState === 'connected', 'connected with a valid token', 5000);
    w.disconnect();
  });

  it('disconnect() stops reconnecting and the token timer; connect() starts again', async () => {
    const { sockets, WebSocket } = countingWebSocket();
    const w = new Worker(fx.workerToken(undefined, 2), fast({ WebSocket }));
    await next(w, 'ready');
    let expired = 0;
    w.on('token.expired', () => expired++);
    w.disconnect();
    assert.equal(w.connectionState, 'disconnected');
    proxy.drop();
    await new Promise((resolve) => setTimeout(resolve, 1500));
    assert.equal(sockets.length, 1, 'no reconnect after disconnect()');
    assert.equal(expired, 0, 'no token timer after disconnect()');
    assert.ok(sockets.every((s) => s.readyState === s.CLOSED || s.readyState === s.CLOSING));
    // A token given while disconnected is kept, and arms no timer until connect().
    w.updateToken(fx.workerToken(undefined, 2));
    assert.equal(sockets.length, 1, 'updateToken does not reopen a disconnected worker');
    await new Promise((resolve) => setTimeout(resolve, 1500));
    assert.equal(expired, 0, 'no token timer for a token given after disconnect()');
    w.updateToken(fx.workerToken());
    w.connect();
    await next(w, 'ready');
    w.disconnect();
  });

  it('heartbeat silence reconnects, closing the old socket before opening a new one', async () => {
    const { sockets, WebSocket } = countingWebSocket();
    // The server beats every 10 s; 300 ms of silence counts as a dead connection.
    const w = new Worker(fx.workerToken(), fast({ WebSocket, heartbeatTimeout: 300 }));
    await next(w, 'ready');
    await next(w, 'disconnected', 3000);
    await until(() => sockets.length >= 2, 'a new socket');
    const live = () => sockets.filter((s) => s.readyState === s.OPEN || s.readyState === s.CONNECTING).length;
    assert.ok(live() <= 1, 'never two live sockets');
    assert.ok(sockets.slice(0, -1).every((s) => s.readyState === s.CLOSED || s.readyState === s.CLOSING));
    w.disconnect();
  });

  it('a session replaced by closeExistingSessions stays closed instead of evicting the newer one', async () => {
    const older = new Worker(fx.workerToken(), fx.options());
    await next(older, 'ready');
    const newer = new Worker(fx.workerToken(), fx.options({ closeExistingSessions: true }));
    const lost = next<{ message: string }>(older, 'disconnected');
    await next(newer, 'ready');
    assert.match((await lost).message, /closeExistingSessions|newer session/i);
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.equal(older.connectionState, 'disconnected');
    assert.equal(newer.connectionState, 'connected');
    older.disconnect();
    newer.disconnect();
  });

  it('heartbeats keep a quiet socket open; the silence timer restarts with every frame', async (t) => {
    const { sockets, WebSocket } = countingWebSocket();
    const w = new Worker(fx.workerToken(), fast({ WebSocket, heartbeatTimeout: 600 }));
    t.after(() => w.disconnect());
    await next(w, 'ready');
    let lost = 0;
    w.on('disconnected', () => lost++);
    // The server's own heartbeat, beating every 100 ms instead of every 10 s.
    const beat = setInterval(() => fx.server.bridge.heartbeat.tick(), 100);
    try {
      await sleep(2000);
    } finally {
      clearInterval(beat);
    }
    assert.equal(lost, 0, 'no loss while heartbeats arrive');
    assert.equal(w.connectionState, 'connected');
    assert.equal(sockets.length, 1, 'one socket all along');
    // The timeout is really that short: once the beats stop, the silence drops the socket.
    await next(w, 'disconnected', 2000);
  });

  it('emits ready once per connect(), not again when the socket reconnects by itself', async (t) => {
    // The sync after each socket open asks for the pending reservations, after the `ready` fetch.
    let syncs = 0;
    const counting = ((url: string, init: RequestInit) => {
      if (JSON.parse(String(init.body)).params?.ReservationStatus === 'pending') syncs++;
      return fetch(url, init);
    }) as typeof fetch;
    const w = new Worker(fx.workerToken(), fast({ fetch: counting }));
    t.after(() => w.disconnect());
    let readies = 0;
    w.on('ready', () => readies++);
    await until(() => syncs === 1, 'the first sync');
    for (const expected of [2, 3]) {
      proxy.drop();
      await until(() => syncs === expected, `the sync after dropped socket ${expected - 1}`);
    }
    assert.equal(readies, 1, 'reconnects are not ready again');
    w.disconnect();
    w.connect();
    await until(() => syncs === 4, 'the sync after connect()');
    assert.equal(readies, 2, 'connect() is ready again');
  });

  it('a 429 to the question why the socket did not open is no refusal: reconnecting goes on', async (t) => {
    // While `limited`, every REST call is rate-limited, as a busy TaskRouter answers.
    let limited = false;
    let refused = 0;
    let synced = false;
    const rateLimited = (async (url: string, init: RequestInit) => {
      if (limited) {
        refused++;
        return new Response(JSON.stringify({ code: 20429, message: 'Too many requests', status: 429 }), { status: 429 });
      }
      const response = await fetch(url, init);
      await response.clone().arrayBuffer();
      // The last request of the sync after the socket opened: its pending reservations.
      synced ||= JSON.parse(String(init.body)).params?.ReservationStatus === 'pending';
      return response;
    }) as typeof fetch;
    const w = new Worker(fx.workerToken(), fast({ fetch: rateLimited }));
    let down = false;
    t.after(async () => {
      w.disconnect();
      if (down) await proxy.start();
    });
    await until(() => synced, 'the first sync');
    const errors: TaskRouterError[] = [];
    w.on('error', (error) => errors.push(error));
    limited = down = true;
    await proxy.stop();
    // A socket that does not open is explained with a REST probe, which gets the 429.
    await until(() => refused === 1, 'the probe answered 429');
    await sleep(200);
    assert.deepEqual(errors, []);
    assert.equal(w.connectionState, 'connecting', 'still reconnecting, not waiting for a new token');
    limited = down = false;
    await proxy.start();
    await next(w, 'connected', 5000);
    assert.equal(w.connectionState, 'connected');
    assert.deepEqual(errors, []);
  });

  it('an activity or attributes change made while the socket was down is emitted once after the reconnect', async (t) => {
    const w = new Worker(fx.workerToken(), fast());
    const original = await fx.api('GET', `Workers/${w.sid}`);
    t.after(async () => {
      w.disconnect();
      await fx.api('POST', `Workers/${w.sid}`, { ActivitySid: fx.activities.idle, Attributes: original.attributes });
    });
    await next(w, 'ready');
    const activities: string[] = [];
    const attributes: Json[] = [];
    w.on('activity.update', (worker: Worker) => activities.push(worker.activitySid));
    w.on('attributes.update', (worker: Worker) => attributes.push(worker.attributes));
    await proxy.stop();
    await until(() => w.connectionState === 'connecting', 'the loss noticed');
    // Another tab or a supervisor changes the worker meanwhile; its events cannot reach this socket.
    await fx.api('POST', `Workers/${w.sid}`, { ActivitySid: fx.activities.busy, Attributes: { skills: ['support'], changed: 'offline' } });
    await proxy.start();
    await next(w, 'connected', 5000);
    await until(() => activities.length && attributes.length, 'the changes emitted after the reconnect');
    await sleep(200);
    assert.deepEqual(activities, [fx.activities.busy]);
    assert.equal(w.activityName, 'Busy');
    assert.deepEqual(attributes, [{ skills: ['support'], changed: 'offline' }]);
  });
});
