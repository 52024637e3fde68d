/**
 * A backend written with the official `twilio` helper library talks to the local server
 * unchanged: only its HTTP client is pointed at this server instead of Twilio's host.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { startTestServer, type TestServer } from './harness.js';

const require = createRequire(import.meta.url);
const twilio = require('twilio') as (sid: string, token: string, options: object) => any;

let server: TestServer;
let client: any;

/**
 * The library's own RequestClient (its encoding, headers and error handling unchanged), sending to this server
 * instead of Twilio's TaskRouter host (`taskrouter[.edge.region].twilio.com`).
 */
function localRequestClient(baseUrl: string) {
  const RequestClient = (twilio as any).RequestClient;
  return new (class extends RequestClient {
    request(options: { uri: string }) {
      const url = new URL(options.uri);
      const uri = /^taskrouter\.(.+\.)?twilio\.com$/.test(url.hostname) ? `${baseUrl}${url.pathname}${url.search}` : options.uri;
      return super.request({ ...options, uri });
    }
  })();
}

before(async () => {
  server = await startTestServer();
  client = twilio(server.accountSid, server.authToken, { httpClient: localRequestClient(server.url) });
});
after(() => server.close());

test('workspace resources through twilio-node', async () => {
  const workspace = client.taskrouter.v1.workspaces(server.ws);
  const fetched = await workspace.fetch();
  assert.equal(fetched.friendlyName, 'taskrouter-kit demo');

  const workers = await workspace.workers.list({ available: true });
  assert.deepEqual(workers.map((w: any) => w.friendlyName).sort(), ['Alice', 'Bob']);

  const queue = await workspace.taskQueues.create({ friendlyName: 'From node', targetWorkers: "languages HAS 'fr'" });
  assert.match(queue.sid, /^WQ/);
  const emma = server.sid.worker('Emma');
  const queues = await workspace.taskQueues.list({ workerSid: emma });
  assert.ok(queues.some((q: any) => q.sid === queue.sid));

  const task = await workspace.tasks.create({ workflowSid: server.sid.workflow(), attributes: JSON.stringify({ type: 'sales' }) });
  assert.equal(task.assignmentStatus, 'reserved');
  const [reservation] = await workspace.tasks(task.sid).reservations.list();
  const accepted = await workspace.tasks(task.sid).reservations(reservation.sid).update({ reservationStatus: 'accepted' });
  assert.equal(accepted.reservationStatus, 'accepted');
  await workspace.tasks(task.sid).update({ assignmentStatus: 'completed', reason: 'done' });

  const stats = await workspace.taskQueues(server.sid.queue('Sales')).cumulativeStatistics().fetch({ minutes: 60 });
  assert.equal(stats.tasksEntered >= 1, true);
  const realtime = await workspace.realTimeStatistics().fetch();
  assert.equal(typeof realtime.totalWorkers, 'number');

  await assert.rejects(workspace.workers('WK' + '0'.repeat(32)).fetch(), (error: any) => {
    assert.equal(error.status, 404);
    assert.equal(error.code, 20404);
    return true;
  });

  // Paging: twilio-node follows meta.next_page_url.
  const activities = await workspace.activities.list({ pageSize: 2 });
  assert.equal(activities.length, 5);
  await workspace.taskQueues(queue.sid).remove();
});

test('bulk real-time statistics take the JSON body the library sends', async () => {
  const workspace = client.taskrouter.v1.workspaces(server.ws);
  const sids = [server.sid.queue('Sales'), server.sid.queue('Everyone')];
  const bulk = await workspace.taskQueues.bulkRealTimeStatistics.create({ QueueSids: sids });
  assert.equal(bulk.taskQueueResponseCount, 2);
  assert.deepEqual(bulk.taskQueueData.map((data: any) => data.task_queue_sid), sids);
  await assert.rejects(workspace.taskQueues.bulkRealTimeStatistics.create({ QueueSids: [] }), (error: any) => {
    assert.equal(error.status, 400);
    assert.match(error.message, /QueueSids/);
    return true;
  });
});

test('RoutingTarget names a worker, a queue or a workflow; a worker gets the task whatever its capacity', async () => {
  const workspace = client.taskrouter.v1.workspaces(server.ws);
  const everyone = server.sid.queue('Everyone');
  const toQueue = await workspace.tasks.create({ routingTarget: everyone, attributes: '{}' });
  assert.equal(toQueue.taskQueueSid, everyone);
  assert.equal(toQueue.routingTarget, everyone);
  assert.equal(toQueue.ignoreCapacity, false);
  const toWorkflow = await workspace.tasks.create({ routingTarget: server.sid.workflow(), attributes: '{}' });
  assert.equal(toWorkflow.workflowSid, server.sid.workflow());

  // Carmen is offline: routed to her by SID, the task still reaches her (IgnoreCapacity defaults to true).
  const carmen = server.sid.worker('Carmen');
  const toWorker = await workspace.tasks.create({ taskQueueSid: everyone, routingTarget: carmen, attributes: '{}' });
  assert.equal(toWorker.ignoreCapacity, true);
  const reservations = await workspace.tasks(toWorker.sid).reservations.list();
  assert.deepEqual(reservations.map((r: any) => r.workerSid), [carmen]);

  await assert.rejects(workspace.tasks.create({ routingTarget: 'WQ' + '0'.repeat(32), attributes: '{}' }), (error: any) => {
    assert.equal(error.status, 400);
    assert.match(error.message, /RoutingTarget: TaskQueue WQ0+ does not exist/);
    return true;
  });
  await assert.rejects(workspace.tasks.create({ routingTarget: 'alice', attributes: '{}' }), /RoutingTarget.*not the SID of a Worker/);
  for (const task of [toQueue, toWorkflow, toWorker]) await workspace.tasks(task.sid).remove();
});

test('VirtualStartTime: the creation time unless given, never in the future, not ordered together with DateCreated', async () => {
  const workspace = client.taskrouter.v1.workspaces(server.ws);
  const task = await workspace.tasks.create({ taskQueueSid: server.sid.queue('Everyone'), attributes: '{}' });
  assert.ok(task.virtualStartTime instanceof Date);
  assert.equal(task.virtualStartTime.getTime(), task.dateCreated.getTime());
  const tomorrow = new Date(server.clock.now() + 86_400_000);
  await assert.rejects(workspace.tasks.create({ taskQueueSid: server.sid.queue('Everyone'), virtualStartTime: tomorrow }), (error: any) => {
    assert.equal(error.status, 400);
    assert.match(error.message, /VirtualStartTime.*in the future/);
    return true;
  });
  await assert.rejects(workspace.tasks.list({ ordering: 'DateCreated:asc,VirtualStartTime:desc' }), /DateCreated and VirtualStartTime cannot be paired/);
  await workspace.tasks(task.sid).remove();
});

test("a task's ETag is its version, for ifMatch", async () => {
  const workspace = client.taskrouter.v1.workspaces(server.ws);
  const task = await workspace.tasks.create({ taskQueueSid: server.sid.queue('Everyone'), attributes: '{}' });
  const { headers } = await workspace.tasks(task.sid).fetchWithHttpInfo();
  await workspace.tasks(task.sid).update({ attributes: '{"a":1}' });
  await assert.rejects(workspace.tasks(task.sid).update({ attributes: '{"a":2}', ifMatch: headers.etag }), (error: any) => error.status === 412);
  const fresh = await workspace.tasks(task.sid).fetchWithHttpInfo();
  await workspace.tasks(task.sid).remove({ ifMatch: fresh.headers.etag });
});

test('events link the resource they concern and the worker that acted', async () => {
  const workspace = client.taskrouter.v1.workspaces(server.ws);
  const alice = server.sid.worker('Alice');
  server.engine.workers.update(server.ws, alice, { activity_sid: server.sid.activity('Break') }, { actor: { sid: alice, type: 'worker' } });
  const [event] = await workspace.events.list({ workerSid: alice, eventType: 'worker.activity.update', limit: 1 });
  assert.equal(event.resourceUrl, `${server.url}/v1/Workspaces/${server.ws}/Workers/${alice}`);
  assert.equal(event.actorUrl, event.resourceUrl);
  const task = await workspace.tasks.create({ taskQueueSid: server.sid.queue('Everyone'), attributes: '{}' });
  const [reservationEvent] = await workspace.events.list({ taskSid: task.sid, eventType: 'reservation.created', limit: 1 });
  assert.match(reservationEvent.resourceUrl, new RegExp(`/Tasks/${task.sid}/Reservations/WR`));
  assert.equal(reservationEvent.actorUrl, null);
  await workspace.tasks(task.sid).remove();
});

test('paging follows a token: canceling every task page by page, or removing each, reaches them all', async () => {
  const workspace = client.taskrouter.v1.workspaces(server.ws);
  const everyone = server.sid.queue('Everyone');
  // Both available workers busy, so new tasks stay pending.
  const offline = server.sid.activity('Offline');
  for (const name of ['Alice', 'Bob']) server.engine.workers.update(server.ws, server.sid.worker(name), { activity_sid: offline });
  const create = async (count: number) => {
    for (let i = 0; i < count; i++) await workspace.tasks.create({ taskQueueSid: everyone, attributes: JSON.stringify({ i }) });
  };

  await create(40);
  let page = await workspace.tasks.page({ assignmentStatus: ['pending'], pageSize: 10 });
  let canceled = 0;
  while (page) {
    for (const task of page.instances) {
      await workspace.tasks(task.sid).update({ assignmentStatus: 'canceled' });
      canceled++;
    }
    page = await page.nextPage();
  }
  assert.equal(canceled, 40);
  assert.equal((await workspace.tasks.list({ assignmentStatus: ['pending'] })).length, 0);

  await create(30);
  let removed = 0;
  await workspace.tasks.each({ assignmentStatus: ['pending'], pageSize: 7 }, (task: any) => {
    removed++;
    void workspace.tasks(task.sid).remove();
  });
  assert.equal(removed, 30);

  // Ordered lists page the same way: priority first, then creation.
  const sids = [];
  for (let i = 0; i < 12; i++) sids.push((await workspace.tasks.create({ taskQueueSid: everyone, priority: i % 3 })).sid);
  const listed = await workspace.tasks.list({ assignmentStatus: ['pending'], ordering: 'Priority:desc', pageSize: 5 });
  assert.deepEqual(listed.map((t: any) => t.priority), [2, 2, 2, 2, 1, 1, 1, 1, 0, 0, 0, 0]);
  for (const sid of sids) await workspace.tasks(sid).remove();

  await assert.rejects(workspace.tasks.page({ pageToken: 'PTnot-a-token' }), (error: any) => error.status === 400 && /PageToken/.test(error.message));
});

test('events page from newest to oldest without repeats while new events arrive', async () => {
  const workspace = client.taskrouter.v1.workspaces(server.ws);
  const first = await workspace.events.page({ pageSize: 5 });
  const seen = new Set(first.instances.map((event: any) => event.sid));
  // New events (a task created and removed) arrive before the next page is fetched.
  const task = await workspace.tasks.create({ taskQueueSid: server.sid.queue('Everyone') });
  await workspace.tasks(task.sid).remove();
  const second = await first.nextPage();
  for (const event of second.instances) {
    assert.equal(seen.has(event.sid), false, `event ${event.sid} listed twice`);
    assert.ok(event.eventDate <= first.instances.at(-1).eventDate);
  }
  assert.equal(second.instances.length, 5);
});
