import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import {
  eventBridgePolicies,
  mintCapabilityToken,
  workerPolicies,
  type CapabilityPolicy,
} from '../../../src/server/index.js';
import { connectBridge, isErrorBody, startTestServer, type TestServer } from '../http/harness.js';

let server: TestServer;
let alice: string;
let bob: string;
before(async () => {
  server = await startTestServer();
  alice = server.sid.worker('Alice');
  bob = server.sid.worker('Bob');
});
after(() => server.close());

const api = (path: string) => `https://taskrouter.twilio.com/v1/Workspaces/${server.ws}${path}`;
const local = (path: string) => `${server.url}/v1/Workspaces/${server.ws}${path}`;

function tokenWith(channel: string, policies: CapabilityPolicy[], workspaceSid = server.ws): string {
  return mintCapabilityToken({
    accountSid: server.accountSid, authToken: server.authToken, workspaceSid, channelId: channel, policies, now: server.clock.now(),
  });
}

describe('the v1 REST proxy', () => {
  test('ready fetch: 200 {event_type, payload} with the worker JSON as v1 needs it', async () => {
    const token = server.workerToken(alice);
    const response = await server.proxy(alice, { url: api(`/Workers/${alice}`), method: 'GET', event_type: 'ready', token }, { raw: false });
    assert.equal(response.status, 200);
    assert.equal(response.body.event_type, 'ready');
    assert.equal(response.body.payload.sid, alice);
    assert.equal(typeof response.body.payload.attributes, 'string');
    assert.equal(response.body.payload.url, api(`/Workers/${alice}`), 'urls keep the host the client named');
  });

  test('the body may be text/plain, JSON or untyped; urls may name Twilio, this server, or be relative', async () => {
    const token = server.workerToken(alice);
    const body = (url: string) => JSON.stringify({ url, method: 'GET', token });
    const channel = `${server.url}/v1/wschannels/${server.accountSid}/${alice}`;
    const variants: Array<[string, RequestInit]> = [
      ['text/plain', { method: 'POST', body: body(api(`/Workers/${alice}`)), headers: { 'content-type': 'text/plain;charset=UTF-8' } }],
      ['json', { method: 'POST', body: body(local(`/Workers/${alice}`)), headers: { 'content-type': 'application/json' } }],
      ['untyped', { method: 'POST', body: new Blob([body(`Workspaces/${server.ws}/Workers/${alice}`)]) }],
    ];
    for (const [what, init] of variants) {
      const response = await fetch(channel, init);
      assert.equal(response.status, 200, what);
      const json = (await response.json()) as any;
      assert.equal(json.payload.sid, alice, what);
      assert.equal(json.event_type, undefined, what);
    }
  });

  test('lists carry meta.key; next_page_url can be followed through the proxy', async () => {
    const token = server.workspaceToken();
    const first = await server.proxy(server.ws, { url: api('/Activities'), method: 'GET', params: { PageSize: 2 }, token });
    assert.equal(first.status, 200);
    assert.equal(first.body.payload.meta.key, 'activities');
    assert.equal(first.body.payload.activities.length, 2);
    const next = await server.proxy(server.ws, { url: first.body.payload.meta.next_page_url, method: 'GET', token });
    assert.equal(next.body.payload.meta.page, 1);
    assert.notEqual(next.body.payload.activities[0].sid, first.body.payload.activities[0].sid);
  });

  test('query parameters in a GET url join the params, and the explicit params win', async () => {
    const token = server.workspaceToken();
    const names = async (url: string, params: Record<string, string>) => {
      const response = await server.proxy(server.ws, { url, method: 'GET', params, token });
      assert.equal(response.status, 200);
      return response.body.payload.workers.map((w: any) => w.friendly_name);
    };
    assert.deepEqual(await names(api('/Workers?FriendlyName=Alice'), {}), ['Alice']);
    assert.deepEqual(await names(api('/Workers?FriendlyName=Alice'), { FriendlyName: 'Bob' }), ['Bob']);
  });

  test('statistics carry url; creates and deletes answer 200', async () => {
    const token = server.workspaceToken();
    const stats = await server.proxy(server.ws, { url: api(`/TaskQueues/${server.sid.queue('Sales')}/Statistics`), method: 'GET', token });
    assert.equal(stats.status, 200);
    assert.equal(stats.body.payload.url, api(`/TaskQueues/${server.sid.queue('Sales')}/Statistics`));
    assert.ok(stats.body.payload.realtime && stats.body.payload.cumulative);

    const created = await server.proxy(server.ws, { url: api('/Activities'), method: 'POST', params: { FriendlyName: 'Proxied', Available: false }, token });
    assert.equal(created.status, 200);
    assert.equal(created.body.payload.friendly_name, 'Proxied');
    const deleted = await server.proxy(server.ws, { url: api(`/Activities/${created.body.payload.sid}`), method: 'DELETE', token });
    assert.equal(deleted.status, 200);
    assert.deepEqual(deleted.body, { payload: {} });
  });

  test('object params become JSON strings (worker.update with Attributes)', async () => {
    const token = server.workspaceToken();
    const attributes = { skills: ['sales'], languages: ['ru', 'en'], level: 1, contact_uri: 'client:dmitri' };
    const dmitri = server.sid.worker('Dmitri');
    const response = await server.proxy(server.ws, { url: api(`/Workers/${dmitri}`), method: 'POST', params: { Attributes: attributes }, token });
    assert.equal(response.status, 200);
    assert.deepEqual(JSON.parse(response.body.payload.attributes), attributes);
  });

  test('inner errors keep their status and body; If-Match passes through', async () => {
    const token = server.workspaceToken();
    const missing = await server.proxy(server.ws, { url: api(`/Workers/WK${'0'.repeat(32)}`), method: 'GET', token });
    assert.equal(missing.status, 404);
    assert.ok(isErrorBody(missing.body, 404));
    const invalid = await server.proxy(server.ws, { url: api('/Activities'), method: 'POST', params: {}, token });
    assert.equal(invalid.status, 400);
    assert.match(invalid.body.message, /FriendlyName/);
    assert.equal(invalid.body.param, 'FriendlyName', 'the field to show the error next to');
    const unknown = await server.proxy(server.ws, { url: api(`/Workers/${alice}`), method: 'POST', params: { Colour: 'red' }, token });
    assert.equal(unknown.status, 400);
    assert.equal(unknown.body.param, 'Colour');
    assert.ok(!('param' in missing.body), 'a 404 names no parameter');
    const stale = await server.proxy(
      server.ws,
      { url: api(`/Workers/${alice}`), method: 'POST', params: { FriendlyName: 'Alice' }, token },
      { headers: { 'if-match': '999' } },
    );
    assert.equal(stale.status, 412);
  });

  test('malformed proxy bodies are 400 naming the field', async () => {
    const token = server.workerToken(alice);
    const cases: Array<[unknown, string]> = [
      ['{not json', 'body'],
      ['[1,2]', 'body'],
      [JSON.stringify({ method: 'GET', token }), 'url'],
      [JSON.stringify({ url: api(`/Workers/${alice}`), method: 'PATCH', token }), 'method'],
      [JSON.stringify({ url: api(`/Workers/${alice}`), method: 'GET', token, params: [1] }), 'params'],
      [JSON.stringify({ url: api(`/Workers/${alice}`), method: 'GET', token, event_type: 42 }), 'event_type'],
      [JSON.stringify({ url: api(`/Workers/${alice}`), method: 'POST', token, params: { ActivitySid: [{}] } }), 'ActivitySid'],
      [JSON.stringify({ url: 'https://evil.example/v1/Workspaces', method: 'GET', token }), 'url'],
      [JSON.stringify({ url: api(`/Workers/${alice}%2F..%2F${bob}`), method: 'GET', token }), 'url'],
    ];
    for (const [body, field] of cases) {
      const response = await server.proxy(alice, body, { raw: true });
      assert.equal(response.status, 400, String(body));
      assert.ok(isErrorBody(response.body, 400));
      assert.match(response.body.message, new RegExp(field), String(body));
      assert.equal(response.body.param, field, String(body));
    }
  });

  test('CORS: the proxy answers any origin, preflight included; the public API does not', async () => {
    const channel = `${server.url}/v1/wschannels/${server.accountSid}/${alice}`;
    const preflight = await fetch(channel, {
      method: 'OPTIONS',
      headers: { origin: 'http://demo.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,clientversion,if-match' },
    });
    assert.ok(preflight.status < 300);
    assert.equal(preflight.headers.get('access-control-allow-origin'), '*');
    const post = await fetch(channel, {
      method: 'POST',
      headers: { origin: 'http://demo.example' },
      body: JSON.stringify({ url: api(`/Workers/${alice}`), method: 'GET', token: server.workerToken(alice) }),
    });
    assert.equal(post.headers.get('access-control-allow-origin'), '*');
    const rest = await fetch(`${server.url}/v1/Workspaces`, { headers: { origin: 'http://demo.example' } });
    assert.equal(rest.headers.get('access-control-allow-origin'), null);
  });
});

describe('the token matrix', () => {
  const refused = async (channel: string, body: Record<string, unknown>, status: number, what: string) => {
    const response = await server.proxy(channel, body);
    assert.equal(response.status, status, `${what}: ${response.text}`);
    assert.ok(isErrorBody(response.body, status), what);
    assert.equal(response.body.payload, undefined, `${what}: no payload`);
    assert.ok(!response.text.includes('"attributes"'), `${what}: no data leaked`);
    return response.body;
  };

  test('expired, bad signature, wrong account, malformed', async () => {
    const get = { url: api(`/Workers/${alice}`), method: 'GET' };
    const expiring = server.workerToken(alice, { ttl: 30 });
    const valid = server.workerToken(alice);
    const otherAccount = mintCapabilityToken({
      accountSid: 'AC' + '9'.repeat(32), authToken: server.authToken, workspaceSid: server.ws, channelId: alice, now: server.clock.now(),
      policies: workerPolicies({ accountSid: 'AC' + '9'.repeat(32), workspaceSid: server.ws, workerSid: alice }),
    });
    await refused(alice, { ...get, token: valid.slice(0, -3) + 'abc' }, 403, 'bad signature');
    await refused(alice, { ...get, token: otherAccount }, 403, 'unknown account');
    for (const token of [undefined, '', 'abc', 'a.b.c', 'x'.repeat(20_000), 12, { alg: 'none' }]) {
      await refused(alice, { ...get, token }, 403, `malformed ${JSON.stringify(token)?.slice(0, 20)}`);
    }
    server.clock.advance(31_000);
    const body = await refused(alice, { ...get, token: expiring }, 401, 'expired');
    assert.match(body.message, /expired/);
  });

  test("another worker's channel and another worker's data", async () => {
    const token = server.workerToken(alice);
    await refused(bob, { url: api(`/Workers/${bob}`), method: 'GET', token }, 403, "Alice's token on Bob's channel");
    await refused(alice, { url: api(`/Workers/${bob}`), method: 'GET', token }, 403, "Bob's worker through Alice's channel");
    await refused(alice, { url: api(`/Workers/${bob}/Reservations`), method: 'GET', token }, 403, "Bob's reservations");
    await refused(alice, { url: api('/Workers'), method: 'GET', token }, 403, 'all workers');
    await refused(alice, { url: api(`/Workers/${alice}/../${bob}`), method: 'GET', token }, 403, 'dot segments');
    await refused(alice, { url: api(`/Workers/${alice}`), method: 'DELETE', token }, 403, 'delete itself');
  });

  test("a worker sees the tasks it has had a reservation for, and changes only those it holds one for", async () => {
    const everyone = server.sid.queue('Everyone');
    const taskFor = (worker: string, attributes: object) =>
      server.engine.tasks.create(server.ws, { task_queue_sid: everyone, routing_target: worker, attributes: JSON.stringify(attributes) }).sid;
    const bobs = taskFor(bob, { customer: 'for Bob' });
    const alices = taskFor(alice, { customer: 'for Alice' });
    const [reservation] = server.engine.reservations.listForTask(server.ws, alices, {}).items;
    assert.equal(reservation?.worker_sid, alice);
    const token = server.workerToken(alice);
    const task = (sid: string) => api(`/Tasks/${sid}`);

    const refusal = await refused(alice, { url: task(bobs), method: 'GET', token }, 403, "Bob's task");
    assert.match(refusal.message, new RegExp(`Worker ${alice} may not see Task ${bobs}: it has no reservation for it`));
    await refused(alice, { url: task(bobs), method: 'POST', params: { AssignmentStatus: 'canceled' }, token }, 403, "canceling Bob's task");
    await refused(alice, { url: task(bobs), method: 'POST', params: { Attributes: { customer: 'tampered' } }, token }, 403, "rewriting Bob's task");
    assert.equal(server.engine.tasks.get(server.ws, bobs).assignment_status, 'reserved');
    assert.equal(JSON.parse(server.engine.tasks.get(server.ws, bobs).attributes).customer, 'for Bob');

    const list = await server.proxy(alice, { url: api('/Tasks'), method: 'GET', token });
    assert.deepEqual(list.body.payload.tasks.map((t: { sid: string }) => t.sid), [alices], 'the list holds her task only');
    const searched = await server.proxy(alice, { url: api('/Tasks'), method: 'GET', params: { EvaluateTaskAttributes: "customer == 'for Bob'" }, token });
    assert.deepEqual(searched.body.payload.tasks, [], 'a search finds nothing of Bob');

    const own = await server.proxy(alice, { url: task(alices), method: 'POST', params: { Attributes: { customer: 'for Alice', note: 'called back' } }, token });
    assert.equal(own.status, 200, own.text);
    const accepted = await server.proxy(alice, { url: api(`/Tasks/${alices}/Reservations/${reservation!.sid}`), method: 'POST', params: { ReservationStatus: 'accepted' }, token });
    assert.equal(accepted.status, 200, accepted.text);
    const completed = await server.proxy(alice, { url: task(alices), method: 'POST', params: { AssignmentStatus: 'completed' }, token });
    assert.equal(completed.status, 200, completed.text);
    const after = await server.proxy(alice, { url: task(alices), method: 'GET', token });
    assert.equal(after.body.payload.assignment_status, 'completed', 'a task she held stays hers to see');
    // Changing it fails for what anyone would be told (it is completed), as when she races the back end to complete it.
    const late = await refused(alice, { url: task(alices), method: 'POST', params: { AssignmentStatus: 'completed' }, token }, 409, 'completing it again');
    assert.match(late.message, /it is completed/);
    await refused(alice, { url: task(alices), method: 'POST', params: { Attributes: { customer: 'later' } }, token }, 409, 'a task she no longer holds');

    server.engine.tasks.update(server.ws, bobs, { assignment_status: 'canceled' });
  });

  test("a deleted worker's token opens nothing, and its open socket is closed", async () => {
    const leaver = server.engine.workers.create(server.ws, { friendly_name: 'Leaver' }).sid;
    const token = server.workerToken(leaver);
    const client = await connectBridge(server, leaver, { token });
    const before = await server.proxy(leaver, { url: api(`/Workers/${leaver}`), method: 'GET', token });
    assert.equal(before.status, 200);
    server.engine.workers.delete(server.ws, leaver);
    await client.closed;
    assert.equal(client.closeCode, 4001);
    assert.match(client.closeReason ?? '', new RegExp(`${leaver} was deleted`));
    const response = await server.proxy(leaver, { url: api(`/Workers/${leaver}`), method: 'GET', token });
    assert.equal(response.status, 404, response.text);
    assert.match(response.body.message, new RegExp(leaver));
  });

  test('a policy that allows GET but not POST on the channel', async () => {
    const [getChannel] = eventBridgePolicies(server.accountSid, alice);
    const token = tokenWith(alice, [getChannel!, ...workerPolicies({ accountSid: server.accountSid, workspaceSid: server.ws, workerSid: alice }).slice(2)]);
    const client = await connectBridge(server, alice, { token });
    await refused(alice, { url: api(`/Workers/${alice}`), method: 'GET', token }, 403, 'no POST on the channel');
    await client.close();
  });

  test('a post_filter requiring ActivitySid', async () => {
    const token = server.workerToken(alice);
    await refused(alice, { url: api(`/Workers/${alice}`), method: 'POST', params: { FriendlyName: 'Mallory' }, token }, 403, 'FriendlyName only');
    await refused(alice, { url: api(`/Workers/${alice}`), method: 'POST', params: { ActivitySid: server.sid.activity('Break'), FriendlyName: 'M' }, token }, 403, 'an extra param');
    const ok = await server.proxy(alice, { url: api(`/Workers/${alice}`), method: 'POST', params: { ActivitySid: server.sid.activity('Break') }, token });
    assert.equal(ok.status, 200);
    assert.equal(ok.body.payload.activity_name, 'Break');
    assert.equal(server.engine.workers.get(server.ws, alice).friendly_name, 'Alice');
  });

  test('a token for another workspace sees nothing of this one', async () => {
    const other = server.engine.workspaces.create(server.accountSid, { friendly_name: 'Other' });
    const otherWorker = server.engine.workers.create(other.sid, { friendly_name: 'Olga' });
    const token = mintCapabilityToken({
      accountSid: server.accountSid, authToken: server.authToken, workspaceSid: other.sid, channelId: otherWorker.sid, now: server.clock.now(),
      policies: [
        ...eventBridgePolicies(server.accountSid, otherWorker.sid),
        { url: 'https://taskrouter.twilio.com/v1/Workspaces/**', method: 'GET', allow: true, query_filter: {}, post_filter: {} },
      ],
    });
    const own = await server.proxy(otherWorker.sid, { url: `https://taskrouter.twilio.com/v1/Workspaces/${other.sid}/Workers/${otherWorker.sid}`, method: 'GET', token });
    assert.equal(own.status, 200);
    await refused(otherWorker.sid, { url: api('/Workers'), method: 'GET', token }, 403, 'the demo workspace');
    await refused(otherWorker.sid, { url: 'https://taskrouter.twilio.com/v1/Workspaces', method: 'GET', token }, 403, 'the workspace list');
  });

  test("a proxied request is refused once the socket's token has expired", async () => {
    const token = server.workerToken(alice, { ttl: 60 });
    const client = await connectBridge(server, alice, { token });
    const before = await server.proxy(alice, { url: api(`/Workers/${alice}`), method: 'GET', token });
    assert.equal(before.status, 200);
    server.clock.advance(61_000);
    await refused(alice, { url: api(`/Workers/${alice}`), method: 'GET', token }, 401, 'expired while connected');
    await client.close();
  });
});

describe('tokens from the official twilio library', () => {
  const require = createRequire(import.meta.url);
  const twilio = require('twilio') as { jwt: { taskrouter: Record<string, any> } };
  const { TaskRouterCapability, util } = twilio.jwt.taskrouter;
  const { Policy } = TaskRouterCapability;
  const base = () => `https://taskrouter.twilio.com/v1/Workspaces/${server.ws}`;

  function capability(channelId: string) {
    return new TaskRouterCapability({ accountSid: server.accountSid, authToken: server.authToken, workspaceSid: server.ws, channelId });
  }

  test('a worker token with the documented policies connects, fetches and updates its activity', async () => {
    const cap = capability(alice);
    for (const policy of [
      ...util.defaultEventBridgePolicies(server.accountSid, alice),
      ...util.defaultWorkerPolicies('v1', server.ws, alice),
      new Policy({ url: `${base()}/Workers/${alice}`, method: 'POST', postFilter: { ActivitySid: { required: true } } }),
      new Policy({ url: `${base()}/Tasks/**`, method: 'POST' }),
    ]) cap.addPolicy(policy);
    const token = cap.toJwt();
    const client = await connectBridge(server, alice, { token, closeExistingSessions: 'false' });
    const ready = await server.proxy(alice, { url: `${base()}/Workers/${alice}`, method: 'GET', event_type: 'ready', token });
    assert.equal(ready.status, 200);
    const pending = await server.proxy(alice, { url: `${base()}/Workers/${alice}/Reservations`, method: 'GET', params: { ReservationStatus: 'pending' }, token });
    assert.equal(pending.status, 200);
    assert.equal(pending.body.payload.meta.key, 'reservations');
    const update = await server.proxy(alice, { url: `${base()}/Workers/${alice}`, method: 'POST', params: { ActivitySid: server.sid.activity('Available') }, token });
    assert.equal(update.status, 200);
    assert.equal((await client.next('worker.activity.update')).payload.activity_name, 'Available');
    const activities = await server.proxy(alice, { url: `${base()}/Activities`, method: 'GET', token });
    assert.equal(activities.status, 200);
    const denied = await server.proxy(alice, { url: `${base()}/Workers`, method: 'GET', token });
    assert.equal(denied.status, 403);
    await client.close();
  });

  test('a workspace token (the policies of the Workspace page) reads and writes the workspace', async () => {
    const cap = capability(server.ws);
    const policy = (resources: string[], method = 'GET') => new Policy({ url: [base(), ...resources].join('/'), method, allow: true });
    for (const p of [...util.defaultEventBridgePolicies(server.accountSid, server.ws), policy([]), policy(['**']), policy(['**'], 'POST'), policy(['**'], 'DELETE')]) {
      cap.addPolicy(p);
    }
    const token = cap.toJwt();
    const client = await connectBridge(server, server.ws, { token });
    const ready = await server.proxy(server.ws, { url: `${base()}/`, method: 'GET', event_type: 'ready', token });
    assert.equal(ready.status, 200);
    assert.equal(ready.body.payload.sid, server.ws);
    const workers = await server.proxy(server.ws, { url: `${base()}/Workers`, method: 'GET', token });
    assert.equal(workers.body.payload.meta.key, 'workers');
    const queue = await server.proxy(server.ws, { url: `${base()}/TaskQueues`, method: 'POST', params: { FriendlyName: 'From twilio token' }, token });
    assert.equal(queue.status, 200);
    await client.next('task-queue.created');
    await client.close();
  });

  test('a task queue token fetches its queue and statistics', async () => {
    const sales = server.sid.queue('Sales');
    const cap = capability(sales);
    for (const p of [
      ...util.defaultEventBridgePolicies(server.accountSid, sales),
      new Policy({ url: `${base()}/TaskQueues/${sales}`, method: 'GET' }),
      new Policy({ url: `${base()}/TaskQueues/${sales}/**`, method: 'GET' }),
      new Policy({ url: `${base()}/TaskQueues/${sales}`, method: 'POST' }),
    ]) cap.addPolicy(p);
    const token = cap.toJwt();
    const client = await connectBridge(server, sales, { token });
    const ready = await server.proxy(sales, { url: `${base()}/TaskQueues/${sales}`, method: 'GET', event_type: 'ready', token });
    assert.equal(ready.body.payload.sid, sales);
    const realtime = await server.proxy(sales, { url: `${base()}/TaskQueues/${sales}/RealTimeStatistics`, method: 'GET', token });
    assert.equal(realtime.status, 200);
    assert.ok(realtime.body.payload.url.endsWith('/RealTimeStatistics'));
    const other = await server.proxy(sales, { url: `${base()}/TaskQueues/${server.sid.queue('Everyone')}`, method: 'GET', token });
    assert.equal(other.status, 403);
    await client.close();
  });
});
