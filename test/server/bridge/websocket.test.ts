import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { CLOSE_REPLACED, CLOSE_SHUTDOWN, MAX_HEARTBEAT_INTERVAL_MS, mintCapabilityToken, signJwt, workerPolicies } from '../../../src/server/index.js';
import { connectBridge, connectUrl, isErrorBody, startTestServer, type BridgeClient, type Refusal, type TestServer } from '../http/harness.js';
import { Heartbeat } from '../../../src/server/bridge/heartbeat.js';
import { ChannelRegistry, type BridgeSocket } from '../../../src/server/bridge/registry.js';

let server: TestServer;
before(async () => {
  server = await startTestServer({ heartbeatIntervalMs: 40 });
});
after(() => server.close());

async function refusal(promise: Promise<unknown>): Promise<Refusal> {
  try {
    await promise;
  } catch (error) {
    const { status, body } = error as Refusal;
    if (typeof status === 'number') return { status, body };
    throw error;
  }
  assert.fail('the handshake should have been refused');
}

const activityOf = (workerSid: string) => server.engine.workers.get(server.ws, workerSid).activity_name;
const setActivity = (workerSid: string, name: string) =>
  server.engine.workers.update(server.ws, workerSid, { activity_sid: server.sid.activity(name) });

/** Waits until the server has noticed a closed socket and applied its consequences. */
async function settle(check: () => boolean, what: string) {
  const deadline = Date.now() + 3000;
  while (!check()) {
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('handshake', () => {
  test('a worker token opens its channel', async () => {
    const dmitri = server.sid.worker('Dmitri');
    const client = await connectBridge(server, dmitri, { token: server.workerToken(dmitri), closeExistingSessions: 'false' });
    assert.equal(server.bridge.registry.sockets(dmitri).size, 1);
    await client.close();
    await settle(() => server.bridge.registry.sockets(dmitri).size === 0, 'the socket to be released');
  });

  test('refusals: 401 for an expired token, 403 for bad tokens and foreign channels, 4xx for bad parameters', async () => {
    const alice = server.sid.worker('Alice');
    const bob = server.sid.worker('Bob');
    const token = server.workerToken(alice);
    const { accountSid, authToken, ws } = server;
    const otherWorkspace = 'WS' + '1'.repeat(32);
    const cases: Array<[string, Promise<unknown>, number]> = [
      ['no token', connectBridge(server, alice, {}), 403],
      ['garbage token', connectBridge(server, alice, { token: 'not.a.jwt' }), 403],
      ['bad signature', connectBridge(server, alice, { token: token.slice(0, -4) + 'AAAA' }), 403],
      ['signed with another secret', connectBridge(server, alice, { token: signJwt(JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()), 'x'.repeat(32)) }), 403],
      ["another worker's channel", connectBridge(server, bob, { token }), 403],
      ['another account in the path', connectUrl(`${server.url.replace('http', 'ws')}/v1/wschannels/AC${'0'.repeat(32)}/${alice}?token=${token}`), 403],
      ['no GET policy on the channel', connectBridge(server, alice, {
        token: mintCapabilityToken({
          accountSid, authToken, workspaceSid: ws, channelId: alice, now: server.clock.now(),
          policies: workerPolicies({ accountSid, workspaceSid: ws, workerSid: alice }).filter((p) => !(p.url.includes('wschannels') && p.method === 'GET')),
        }),
      }), 403],
      ['a token of another workspace', connectBridge(server, alice, {
        token: mintCapabilityToken({ accountSid, authToken, workspaceSid: otherWorkspace, channelId: alice, now: server.clock.now(), policies: workerPolicies({ accountSid, workspaceSid: otherWorkspace, workerSid: alice }) }),
      }), 404],
      ['bad closeExistingSessions', connectBridge(server, alice, { token, closeExistingSessions: 'maybe' }), 400],
      ['unknown disconnectActivitySid', connectBridge(server, alice, { token, disconnectActivitySid: 'WA' + '0'.repeat(32) }), 404],
      ['disconnectActivitySid without activity updates', connectBridge(server, alice, {
        disconnectActivitySid: server.sid.activity('Offline'),
        token: mintCapabilityToken({
          accountSid, authToken, workspaceSid: ws, channelId: alice, now: server.clock.now(),
          policies: workerPolicies({ accountSid, workspaceSid: ws, workerSid: alice, activityUpdates: false }),
        }),
      }), 403],
      ['unknown path', connectUrl(`${server.url.replace('http', 'ws')}/v1/wschannels/${accountSid}?token=${token}`), 404],
    ];
    for (const [what, attempt, status] of cases) {
      const refused = await refusal(attempt);
      assert.equal(refused.status, status, what);
      assert.ok(isErrorBody(refused.body, status), what);
      assert.ok(!JSON.stringify(refused.body).includes('"friendly_name"'), `${what}: no data leaked`);
    }
    assert.equal(server.bridge.registry.sockets(alice).size, 0);
    const bad = await refusal(connectBridge(server, alice, { token, closeExistingSessions: 'maybe' }));
    assert.equal(bad.body.param, 'closeExistingSessions', 'the refusal names the query parameter');
  });

  test('an expired token is refused with 401', async () => {
    const alice = server.sid.worker('Alice');
    const token = server.workerToken(alice, { ttl: 60 });
    server.clock.advance(61_000);
    const refused = await refusal(connectBridge(server, alice, { token }));
    assert.equal(refused.status, 401);
    assert.match(refused.body.message, /expired/);
  });

  test('a deleted worker cannot connect', async () => {
    const temp = server.engine.workers.create(server.ws, { friendly_name: 'Temp' });
    const token = server.workerToken(temp.sid);
    server.engine.workers.delete(server.ws, temp.sid);
    assert.equal((await refusal(connectBridge(server, temp.sid, { token }))).status, 404);
  });
});

describe('heartbeats', () => {
  test('an interval over 15 s is refused: the SDKs would drop the sockets', async () => {
    for (const heartbeatIntervalMs of [MAX_HEARTBEAT_INTERVAL_MS + 1, 0]) {
      // A server that wrongly starts is closed again, so the test fails rather than hangs.
      const started = startTestServer({ heartbeatIntervalMs }).then((running) => running.close());
      await assert.rejects(started, /heartbeat interval/, `${heartbeatIntervalMs} ms`);
    }
  });

  test('whitespace frames arrive at the configured interval', async () => {
    const carmen = server.sid.worker('Carmen');
    const client = await connectBridge(server, carmen, { token: server.workerToken(carmen) });
    await client.until(() => client.heartbeats >= 3, 'three heartbeats');
    assert.deepEqual(client.frames, []);
    await client.close();
  });

  test('a socket is terminated at the beat after its second unanswered ping, not later', () => {
    const registry = new ChannelRegistry();
    const beats: string[] = [];
    const ws = {
      OPEN: 1,
      readyState: 1,
      send: (frame: string) => beats.push(`send ${JSON.stringify(frame)}`),
      ping: () => beats.push('ping'),
      terminate: () => beats.push('terminate'),
    };
    const socket = { ws, accountSid: server.accountSid, channel: 'WK' + '0'.repeat(32), claims: {}, disconnectActivitySid: undefined, missedPongs: 0 };
    registry.add(socket as unknown as BridgeSocket);
    const heartbeat = new Heartbeat(registry, { intervalMs: 1000 });
    heartbeat.tick();
    heartbeat.tick();
    assert.deepEqual(beats, ['send " "', 'ping', 'send " "', 'ping']);
    heartbeat.tick();
    assert.deepEqual(beats.slice(4), ['terminate'], 'two pings unanswered: dropped at the third beat');
  });

  test('a client that never answers pings is dropped, and its disconnect activity applied', async () => {
    const carmen = server.sid.worker('Carmen');
    setActivity(carmen, 'Available');
    const client = await connectBridge(
      server,
      carmen,
      { token: server.workerToken(carmen), disconnectActivitySid: server.sid.activity('Offline') },
      { autoPong: false },
    );
    await client.closed;
    assert.equal(client.closeCode, 1006);
    await settle(() => activityOf(carmen) === 'Offline', 'the disconnect activity');
  });
});

describe('sessions', () => {
  test('closeExistingSessions=true closes the other sockets of the channel with a readable reason', async () => {
    const emma = server.sid.worker('Emma');
    const token = server.workerToken(emma);
    const first = await connectBridge(server, emma, { token, closeExistingSessions: 'false' });
    const second = await connectBridge(server, emma, { token, closeExistingSessions: 'false' });
    assert.equal(server.bridge.registry.sockets(emma).size, 2);

    setActivity(emma, 'Unavailable');
    for (const client of [first, second]) assert.equal((await client.next('worker.activity.update')).payload.activity_name, 'Unavailable');

    const third = await connectBridge(server, emma, { token, closeExistingSessions: 'true' });
    await Promise.all([first.closed, second.closed]);
    for (const client of [first, second]) {
      assert.equal(client.closeCode, CLOSE_REPLACED);
      assert.match(client.closeReason ?? '', /closeExistingSessions/);
    }
    await settle(() => server.bridge.registry.sockets(emma).size === 1, 'the evicted sockets to go');
    setActivity(emma, 'Break');
    assert.equal((await third.next('worker.activity.update')).payload.activity_name, 'Break');
    await third.close();
  });

  test('disconnectActivitySid applies only when the last socket of the worker goes', async () => {
    const dmitri = server.sid.worker('Dmitri');
    setActivity(dmitri, 'Available');
    const token = server.workerToken(dmitri);
    const offline = server.sid.activity('Offline');
    const withActivity = await connectBridge(server, dmitri, { token, disconnectActivitySid: offline });
    const plain = await connectBridge(server, dmitri, { token });

    await withActivity.close();
    await settle(() => server.bridge.registry.sockets(dmitri).size === 1, 'the first socket to go');
    assert.equal(activityOf(dmitri), 'Available');

    const again = await connectBridge(server, dmitri, { token, disconnectActivitySid: offline });
    await plain.close();
    assert.equal(activityOf(dmitri), 'Available');
    again.ws.terminate();
    await settle(() => activityOf(dmitri) === 'Offline', 'the disconnect activity');
  });
});

test("deleting a workspace closes its own sockets only, not those of the account's other workspaces", async () => {
  const { accountSid, authToken } = server;
  const other = server.engine.workspaces.create(accountSid, { friendly_name: 'Short-lived' }).sid;
  const stranger = server.engine.workers.create(other, { friendly_name: 'Stranger' }).sid;
  const elsewhere = await connectBridge(server, stranger, {
    token: mintCapabilityToken({ accountSid, authToken, workspaceSid: other, channelId: stranger, now: server.clock.now(), policies: workerPolicies({ accountSid, workspaceSid: other, workerSid: stranger }) }),
  });
  const dmitri = server.sid.worker('Dmitri');
  const here = await connectBridge(server, dmitri, { token: server.workerToken(dmitri) });
  server.engine.workspaces.delete(accountSid, other);
  await elsewhere.closed;
  assert.equal(elsewhere.closeCode, 4001);
  const mine = [...server.bridge.registry.sockets(dmitri)];
  assert.deepEqual(mine.map((socket) => socket.ws.readyState), [mine[0]?.ws.OPEN], "the demo workspace's socket stays open");
  assert.equal(here.closeCode, undefined);
  await here.close();
});

test('closing the server closes its sockets with 1001 and applies no disconnect activity', async () => {
  const other = await startTestServer();
  const bob = other.sid.worker('Bob');
  const client = await connectBridge(other, bob, { token: other.workerToken(bob), disconnectActivitySid: other.sid.activity('Offline') });
  const engine = other.engine;
  await other.close();
  await client.closed;
  assert.equal(client.closeCode, CLOSE_SHUTDOWN);
  assert.match(client.closeReason ?? '', /shutting down/);
  // The in-memory model stays readable after close: Bob was not moved to Offline.
  assert.equal(engine.workers.get(other.ws, bob).activity_name, 'Available');
});

describe('event routing', () => {
  let alice: string;
  let bob: string;
  let clients: { alice: BridgeClient; aliceTab: BridgeClient; bob: BridgeClient; sales: BridgeClient; spanish: BridgeClient; workspace: BridgeClient };

  before(async () => {
    alice = server.sid.worker('Alice');
    bob = server.sid.worker('Bob');
    for (const name of ['Carmen', 'Dmitri', 'Emma']) setActivity(server.sid.worker(name), 'Offline');
    setActivity(alice, 'Available');
    setActivity(bob, 'Available');
    clients = {
      alice: await connectBridge(server, alice, { token: server.workerToken(alice) }),
      aliceTab: await connectBridge(server, alice, { token: server.workerToken(alice) }),
      bob: await connectBridge(server, bob, { token: server.workerToken(bob) }),
      sales: await connectBridge(server, server.sid.queue('Sales'), { token: server.queueToken(server.sid.queue('Sales')) }),
      spanish: await connectBridge(server, server.sid.queue('Support Spanish'), { token: server.queueToken(server.sid.queue('Support Spanish')) }),
      workspace: await connectBridge(server, server.ws, { token: server.workspaceToken() }),
    };
  });
  after(async () => {
    await Promise.all(Object.values(clients).map((client) => client.close()));
  });

  test("a reservation reaches its worker's sockets in the v1 form, the queue and the workspace", async () => {
    const task = server.engine.tasks.create(server.ws, { workflow_sid: server.sid.workflow(), attributes: { type: 'sales', from: '+1555' } });
    const reservation = server.engine.reservations.listForTask(server.ws, task.sid).items[0]!;
    assert.equal(reservation.worker_sid, alice);

    for (const client of [clients.alice, clients.aliceTab]) {
      const { payload } = await client.next('reservation.created');
      assert.equal(payload.sid, task.sid);
      assert.equal(payload.reservation_sid, reservation.sid);
      assert.equal(payload.assignment_status, 'reserved');
      assert.equal(typeof payload.attributes, 'string');
      assert.deepEqual(JSON.parse(payload.attributes), { type: 'sales', from: '+1555' });
      assert.equal(typeof payload.date_created, 'number');
      assert.equal(payload.task_queue_sid, server.sid.queue('Sales'));
    }

    const queued = await clients.sales.next('reservation.created');
    assert.equal(queued.payload.sid, reservation.sid);
    assert.equal(queued.payload.task_sid, task.sid);
    const entered = await clients.sales.next('task-queue.entered');
    assert.equal(entered.payload.resource_sid, server.sid.queue('Sales'));

    const all = await clients.workspace.next('reservation.created');
    assert.equal(all.payload.sid, reservation.sid);
    await clients.workspace.next('task.created');

    server.engine.reservations.accept(server.ws, reservation.sid);
    await clients.alice.next('reservation.accepted');
    server.engine.tasks.update(server.ws, task.sid, { assignment_status: 'completed' });
    await clients.alice.next('reservation.completed');
    await clients.workspace.next('task.completed');

    assert.ok(!clients.bob.types().some((type) => type.startsWith('reservation.')), 'Bob sees nothing of Alice');
    assert.ok(!clients.spanish.types().length, 'another queue sees nothing');
  });

  test("the worker's reservation events embed the whole Reservation, keeping the v1 form", async () => {
    const task = server.engine.tasks.create(server.ws, { workflow_sid: server.sid.workflow(), attributes: { type: 'sales' } });
    const reservation = server.engine.reservations.listForTask(server.ws, task.sid).items[0]!;
    assert.equal(reservation.worker_sid, alice);
    const { payload } = await clients.alice.next('reservation.created');
    // v1: the Task at the top, the reservation's SID beside it.
    assert.equal(payload.sid, task.sid);
    assert.equal(payload.reservation_sid, reservation.sid);
    // The Reservation, snake_case, dates as epoch seconds like every event-bridge payload.
    const seconds = (iso: string) => Math.floor(Date.parse(iso) / 1000);
    assert.deepEqual(payload.reservation, { ...reservation, date_created: seconds(reservation.date_created), date_updated: seconds(reservation.date_updated) });
    assert.equal(payload.reservation.reservation_status, 'pending');
    assert.equal(payload.reservation.task_sid, task.sid);

    server.engine.reservations.accept(server.ws, reservation.sid);
    const accepted = await clients.alice.next('reservation.accepted');
    assert.equal(accepted.payload.reservation.reservation_status, 'accepted');
    assert.equal(accepted.payload.reservation.sid, reservation.sid);
    server.engine.tasks.update(server.ws, task.sid, { assignment_status: 'completed' });
    assert.equal((await clients.alice.next('reservation.completed')).payload.reservation.reservation_status, 'completed');
  });

  test('a queue channel hears task.created of the tasks that enter it, after task-queue.entered', async () => {
    const sales = server.sid.queue('Sales');
    clients.sales.frames.length = 0;
    const task = server.engine.tasks.create(server.ws, { workflow_sid: server.sid.workflow(), attributes: { type: 'sales' } });
    await clients.sales.until(() => clients.sales.types().includes('reservation.created'), 'the reservation');
    // TaskRouter's order (protocol.md §6.4), as far as the queue is concerned.
    assert.deepEqual(clients.sales.types(), ['task-queue.entered', 'task.created', 'workflow.target-matched', 'reservation.created']);
    const created = await clients.sales.next('task.created');
    assert.equal(created.payload.sid, task.sid);
    assert.equal(created.payload.task_queue_sid, sales);
    assert.equal(typeof created.payload.date_created, 'number');
    assert.ok(!clients.spanish.types().includes('task.created'), 'another queue does not hear it');
    const reservation = server.engine.reservations.listForTask(server.ws, task.sid).items[0]!;
    server.engine.reservations.accept(server.ws, reservation.sid);
    server.engine.tasks.update(server.ws, task.sid, { assignment_status: 'completed' });
    await clients.sales.next('task.completed');
  });

  test('task.* events reach the worker the task is reserved or assigned to, and no other worker', async () => {
    for (const client of [clients.alice, clients.aliceTab, clients.bob]) client.frames.length = 0;
    const task = server.engine.tasks.create(server.ws, { workflow_sid: server.sid.workflow(), attributes: { type: 'sales' } });
    const reservation = server.engine.reservations.listForTask(server.ws, task.sid).items[0]!;
    assert.equal(reservation.worker_sid, alice);

    server.engine.tasks.update(server.ws, task.sid, { priority: 7 });
    for (const client of [clients.alice, clients.aliceTab]) {
      const updated = await client.next('task.updated');
      assert.equal(updated.payload.sid, task.sid);
      assert.equal(updated.payload.priority, 7);
      assert.equal(updated.payload.assignment_status, 'reserved');
      assert.equal(typeof updated.payload.attributes, 'string');
    }
    server.engine.reservations.accept(server.ws, reservation.sid);
    server.engine.tasks.update(server.ws, task.sid, { assignment_status: 'wrapping' });
    assert.equal((await clients.alice.next('task.wrapup')).payload.assignment_status, 'wrapping');
    server.engine.tasks.update(server.ws, task.sid, { assignment_status: 'completed', reason: 'done' });
    const completed = await clients.alice.next('task.completed');
    assert.equal(completed.payload.sid, task.sid);
    assert.equal(completed.payload.reason, 'done');

    const canceled = server.engine.tasks.create(server.ws, { workflow_sid: server.sid.workflow(), attributes: { type: 'sales' } });
    assert.equal(server.engine.reservations.listForTask(server.ws, canceled.sid).items[0]!.worker_sid, alice);
    server.engine.tasks.update(server.ws, canceled.sid, { assignment_status: 'canceled', reason: 'caller hung up' });
    await clients.alice.next('reservation.canceled');
    assert.equal((await clients.alice.next('task.canceled')).payload.sid, canceled.sid);

    assert.ok(!clients.bob.types().some((type) => type.startsWith('task.')), "Bob hears nothing of Alice's tasks");
  });

  test("worker events reach that worker's channel and the workspace only", async () => {
    setActivity(bob, 'Break');
    const { payload } = await clients.bob.next('worker.activity.update');
    assert.equal(payload.sid, bob);
    assert.equal(payload.activity_name, 'Break');
    assert.equal(typeof payload.attributes, 'string');
    assert.equal(typeof payload.date_updated, 'number');
    assert.equal((await clients.workspace.next('worker.activity.update')).payload.sid, bob);

    server.engine.workerChannels.update(server.ws, bob, 'chat', { capacity: 5 });
    const capacity = await clients.bob.next('worker.capacity.update');
    assert.equal(capacity.payload.worker_sid, bob);
    assert.equal(capacity.payload.configured_capacity, 5);

    assert.ok(!clients.alice.types().some((type) => type.startsWith('worker.')), 'Alice hears nothing of Bob');
    setActivity(bob, 'Available');
    await clients.bob.next('worker.activity.update');
  });
});
