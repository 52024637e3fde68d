/**
 * Tenant isolation on every list and fetch: account B cannot read account A's resources,
 * workspace A cannot be used to reach workspace A2's (same account), filters and
 * references naming another workspace's resources find or change nothing, tokens reach
 * only their own workspace, and the event bridge delivers no event across workspaces,
 * accounts, workers or queues. No answer carries a SID of another tenant that the
 * request did not name itself.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ROUTES } from '../../src/server/http/routes.js';
import { connectBridge, type BridgeClient } from '../server/http/harness.js';
import { send, violation, type RawRequest, type RawResponse } from './support/http.js';
import { sidFor, useWorld, type Tenant } from './support/world.js';

const world = useWorld();

const GETS = ROUTES.filter((route) => route.method === 'GET');

/** The route's path with the workspace of `workspace` and the other SIDs of `resources`. */
function pathOf(url: string, workspace: Tenant, resources: Tenant): string {
  const parts = url.split('/');
  return '/v1' + parts.map((part, i) => {
    if (!part.startsWith(':')) return part;
    const collection = parts[i - 1]!;
    return sidFor(collection === 'Workspaces' ? workspace : resources, collection, url);
  }).join('/');
}

/** SIDs of `others` that appear in the answer but not in the request. */
function leaked(request: RawRequest, response: RawResponse, others: Tenant[]): string[] {
  const asked = `${request.path} ${new URLSearchParams(request.query ?? []).toString()} ${request.body ?? ''}`;
  const foreign = new Set(others.flatMap((tenant) => world.sids(tenant)));
  return [...foreign].filter((sid) => response.text.includes(sid) && !asked.includes(sid));
}

async function expectNothing(request: RawRequest, others: Tenant[], what: string, allowed = [403, 404]): Promise<RawResponse> {
  const response = await send(world.server.url, request);
  assert.equal(violation(response, request.method), undefined, `${what}: ${response.status} ${response.text.slice(0, 200)}`);
  assert.ok(allowed.includes(response.status), `${what}: expected ${allowed.join(' or ')}, got ${response.status} ${response.text.slice(0, 200)}`);
  assert.deepEqual(leaked(request, response, others), [], `${what}: answer names another tenant's resources`);
  return response;
}

describe('every fetch and list route', () => {
  test("account B's credentials on account A's resources: 404 and nothing of A", async () => {
    const { a, b } = world;
    for (const route of GETS) {
      const request = { method: 'GET', path: pathOf(route.url, a, a), authorization: b.basic };
      // The account-level list answers B with B's own workspaces.
      await expectNothing(request, [a, world.a2], `B reads ${route.url}`, route.url === '/Workspaces' ? [200] : [403, 404]);
    }
  });

  test("workspace A's path with workspace A2's resource SIDs (same account): 404 and nothing of A2", async () => {
    const { a, a2 } = world;
    for (const route of GETS.filter((r) => r.url.split(':').length > 2)) {
      const request = { method: 'GET', path: pathOf(route.url, a, a2), authorization: a.basic };
      await expectNothing(request, [a2, world.b], `A path, A2 SIDs: ${route.url}`);
    }
  });

  test("workspace A2's path with workspace A's resource SIDs: 404 and nothing of A", async () => {
    const { a, a2 } = world;
    for (const route of GETS.filter((r) => r.url.split(':').length > 2)) {
      const request = { method: 'GET', path: pathOf(route.url, a2, a), authorization: a.basic };
      await expectNothing(request, [a, world.b], `A2 path, A SIDs: ${route.url}`);
    }
  });

  test("A's own lists and fetches carry nothing of A2 or B", async () => {
    const { a } = world;
    for (const route of GETS) {
      const request = { method: 'GET', path: pathOf(route.url, a, a), query: [['PageSize', '1000']] as Array<[string, string]>, authorization: a.basic };
      const wantsPaging = route.accepts.some((spec) => spec.name === 'PageSize');
      if (!wantsPaging) request.query = [];
      const response = await send(world.server.url, request);
      assert.equal(response.status, 200, `${route.url}: ${response.text.slice(0, 200)}`);
      // The account's workspace list rightly holds A2; nothing else does.
      assert.deepEqual(leaked(request, response, route.url === '/Workspaces' ? [world.b] : [world.a2, world.b]), [], route.url);
    }
    // Workspaces of account A: its own two, never B's.
    const list = await send(world.server.url, { method: 'GET', path: '/v1/Workspaces', authorization: a.basic });
    const sids = (list.body as { workspaces: Array<{ sid: string }> }).workspaces.map((w) => w.sid).sort();
    assert.deepEqual(sids, [a.workspaceSid, world.a2.workspaceSid].sort());
  });

  test("filters naming another workspace's resources find nothing of it", async () => {
    const { a, a2, b } = world;
    const filterValue: Record<string, (t: Tenant) => string> = {
      TaskQueueSid: (t) => t.queueSid, WorkerSid: (t) => t.reservedWorkerSid, WorkflowSid: (t) => t.workflowSid,
      ActivitySid: (t) => t.activitySid, ReservationSid: (t) => t.reservationSid, TaskSid: (t) => t.taskSid, Sid: (t) => t.eventSid,
      TaskChannel: (t) => t.taskChannelSid, TaskQueueName: () => 'Sales', WorkflowName: () => 'Demo routing',
    };
    let tried = 0;
    for (const route of GETS) {
      for (const spec of route.accepts.filter((s) => filterValue[s.name])) {
        for (const other of [a2, b]) {
          const request = { method: 'GET', path: pathOf(route.url, a, a), query: [[spec.name, filterValue[spec.name]!(other)]] as Array<[string, string]>, authorization: a.basic };
          await expectNothing(request, [a2, b], `${route.url}?${spec.name}=<${other === a2 ? 'A2' : 'B'}>`, [200, 400, 404]);
          tried++;
        }
      }
    }
    assert.ok(tried > 20, `${tried} filter cases`);
  });
});

describe('references to another workspace in writes', () => {
  test('are refused and change nothing', async () => {
    const { a, a2, b } = world;
    const engine = world.server.engine;
    const ws = `/v1/Workspaces/${a.workspaceSid}`;
    const before = JSON.stringify([
      engine.workers.get(a.workspaceSid, a.workerSid), engine.taskQueues.get(a.workspaceSid, a.queueSid),
      engine.workspaces.get(a.accountSid, a.workspaceSid), engine.reservations.getForTask(a.workspaceSid, a.taskSid, a.reservationSid),
    ]);
    const countOf = () => [engine.workers.list(a.workspaceSid, { page_size: 1000 }).items.length, engine.tasks.list(a.workspaceSid, { page_size: 1000 }).items.length,
      engine.taskQueues.list(a.workspaceSid, { page_size: 1000 }).items.length, engine.workflows.list(a.workspaceSid, { page_size: 1000 }).items.length];
    const counts = countOf();
    for (const other of [a2, b]) {
      const writes: Array<[string, Record<string, string>]> = [
        [`${ws}/Workers`, { FriendlyName: 'intruder', ActivitySid: other.activitySid }],
        [`${ws}/Workers/${a.workerSid}`, { ActivitySid: other.activitySid }],
        [`${ws}/TaskQueues`, { FriendlyName: 'q', ReservationActivitySid: other.activitySid }],
        [`${ws}/TaskQueues/${a.queueSid}`, { AssignmentActivitySid: other.activitySid }],
        [`${ws}/Tasks`, { WorkflowSid: other.workflowSid, Attributes: '{}' }],
        [`${ws}/Tasks`, { TaskQueueSid: other.queueSid, Attributes: '{}' }],
        [`${ws}/Workflows`, { FriendlyName: 'wf', Configuration: JSON.stringify({ task_routing: { default_filter: { queue: other.queueSid } } }) }],
        [`${ws}/Workflows/${a.workflowSid}`, { Configuration: JSON.stringify({ task_routing: { filters: [{ expression: '1==1', targets: [{ queue: other.queueSid }] }] } }) }],
        [ws, { DefaultActivitySid: other.activitySid }],
        [ws, { TimeoutActivitySid: other.activitySid }],
        [`${ws}/Tasks/${a.taskSid}/Reservations/${a.reservationSid}`, { ReservationStatus: 'rejected', WorkerActivitySid: other.activitySid }],
        [`${ws}/Workers/${a.reservedWorkerSid}/Reservations/${a.reservationSid}`, { ReservationStatus: 'accepted', Instruction: 'dequeue', DequeuePostWorkActivitySid: other.activitySid }],
        [`${ws}/Tasks/${a.taskSid}/Reservations/${other.reservationSid}`, { ReservationStatus: 'accepted' }],
        [`${ws}/Workers/${other.reservedWorkerSid}/Reservations/${a.reservationSid}`, { ReservationStatus: 'accepted' }],
      ];
      for (const [path, params] of writes) {
        const request = { method: 'POST', path, body: new URLSearchParams(params).toString(), contentType: 'application/x-www-form-urlencoded', authorization: a.basic };
        await expectNothing(request, [a2, b], `POST ${path.slice(ws.length)} ${JSON.stringify(params)}`, [400, 404]);
      }
      // B's credentials on A's resources, with B's own SIDs as values.
      const request = { method: 'POST', path: `${ws}/Workers/${a.workerSid}`, body: `ActivitySid=${b.activitySid}`, contentType: 'application/x-www-form-urlencoded', authorization: b.basic };
      await expectNothing(request, [a], 'B writes into A', [404]);
      for (const path of [`${ws}/Workers/${a.workerSid}`, `${ws}/TaskQueues/${a.queueSid}`, ws]) {
        await expectNothing({ method: 'DELETE', path, authorization: b.basic }, [a], `B deletes ${path}`, [404]);
      }
    }
    const after = JSON.stringify([
      engine.workers.get(a.workspaceSid, a.workerSid), engine.taskQueues.get(a.workspaceSid, a.queueSid),
      engine.workspaces.get(a.accountSid, a.workspaceSid), engine.reservations.getForTask(a.workspaceSid, a.taskSid, a.reservationSid),
    ]);
    assert.equal(after, before, 'nothing of A changed');
    assert.deepEqual(countOf(), counts, 'nothing was created in A');
  });
});

describe('tokens reach their own workspace only, on every route', () => {
  test("A's workspace token asks for every GET route of A2: 403", async () => {
    const { a, a2 } = world;
    const token = a.workspaceToken();
    for (const route of GETS) {
      const url = `https://taskrouter.twilio.com${pathOf(route.url, a2, a2)}`;
      const response = await send(world.server.url, {
        method: 'POST', path: `/v1/wschannels/${a.accountSid}/${a.workspaceSid}`, contentType: 'text/plain',
        body: JSON.stringify({ url, method: 'GET', params: {}, token }),
      });
      assert.equal(response.status, 403, `${route.url}: ${response.text.slice(0, 200)}`);
      assert.deepEqual(leaked({ method: 'GET', path: url }, response, [a2]), [], route.url);
    }
  });
});

describe('the event bridge delivers no event across tenants', () => {
  async function open(tenant: Tenant, channel: string, token: string): Promise<BridgeClient> {
    return connectBridge({ ...world.server, accountSid: tenant.accountSid }, channel, { token });
  }

  test('workspace, queue and worker channels get only their own events', async () => {
    const { a, a2, b } = world;
    const engine = world.server.engine;
    const otherWorker = Object.values(a.demo.workers).find((sid) => sid !== a.workerSid && sid !== a.reservedWorkerSid)!;
    const sockets = {
      workspace: await open(a, a.workspaceSid, a.workspaceToken()),
      queue: await open(a, a.queueSid, a.queueToken(a.queueSid)),
      worker: await open(a, a.workerSid, a.workerToken(a.workerSid)),
    };
    // Events elsewhere: the other workspaces, another worker and another queue of A.
    for (const other of [a2, b]) {
      engine.workers.update(other.workspaceSid, other.workerSid, { activity_sid: other.activitySid });
      engine.tasks.create(other.workspaceSid, { workflow_sid: other.workflowSid, attributes: { type: 'sales' } });
      engine.taskQueues.update(other.workspaceSid, other.queueSid, { friendly_name: 'renamed elsewhere' });
    }
    engine.workers.update(a.workspaceSid, otherWorker, { activity_sid: a.activitySid });
    const otherQueue = a.demo.queues['Support English']!;
    engine.taskQueues.update(a.workspaceSid, otherQueue, { target_workers: "skills HAS 'support'" });
    engine.tasks.create(a.workspaceSid, { workflow_sid: a.workflowSid, attributes: { type: 'support', language: 'en' } });
    // Then events every channel should get, as markers that all before them was delivered.
    const marker = engine.tasks.create(a.workspaceSid, { workflow_sid: a.workflowSid, attributes: { type: 'sales' } });
    engine.workers.update(a.workspaceSid, a.workerSid, { activity_sid: a.activitySid });

    await sockets.workspace.until(() => sockets.workspace.frames.some((f) => f.payload?.sid === a.workerSid && f.event_type === 'worker.activity.update'), 'marker on the workspace channel');
    await sockets.queue.until(() => sockets.queue.frames.some((f) => f.event_type === 'task.created' && f.payload?.sid === marker.sid), 'marker on the queue channel');
    await sockets.worker.until(() => sockets.worker.frames.some((f) => f.event_type === 'worker.activity.update'), 'marker on the worker channel');

    const foreign = [...world.sids(a2), ...world.sids(b)];
    for (const [name, socket] of Object.entries(sockets)) {
      for (const frame of socket.frames) {
        const text = JSON.stringify(frame);
        assert.deepEqual(foreign.filter((sid) => text.includes(sid)), [], `${name} channel got ${frame.event_type} of another tenant`);
        assert.ok(!text.includes(a2.workspaceSid) && !text.includes(b.workspaceSid));
      }
    }
    for (const frame of sockets.worker.frames) {
      assert.ok(!JSON.stringify(frame).includes(otherWorker), `the worker channel got ${frame.event_type} of another worker`);
    }
    for (const frame of sockets.queue.frames) {
      assert.ok(!JSON.stringify(frame).includes(otherQueue), `the queue channel got ${frame.event_type} of another queue`);
    }
    assert.ok(sockets.workspace.frames.some((f) => JSON.stringify(f).includes(otherQueue)), 'the workspace channel got the other queue\'s events (control)');
    await Promise.all(Object.values(sockets).map((socket) => socket.close()));
  });
});

test('no internal error was reported', () => {
  assert.deepEqual(world.internalErrors.map(String), []);
});
