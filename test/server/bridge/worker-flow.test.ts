/**
 * A whole TaskRouter.js v1 worker session against the real server, call by call as
 * the v1 SDK makes them (protocol.md §1.5, §2.3, Appendix A), with a workspace client
 * watching and a backend creating the task over the public REST API.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mintWorkerToken, mintWorkspaceToken } from '../../../src/server/index.js';
import { connectBridge, startTestServer, type BridgeClient, type TestServer } from '../http/harness.js';

let server: TestServer;
before(async () => {
  server = await startTestServer({ seed: 'none' });
});
after(() => server.close());

test('connect, ready, reservation, accept, complete, with events to the workspace channel', async () => {
  const { engine, accountSid } = server;
  const ws = engine.workspaces.create(accountSid, { friendly_name: 'Flow' }).sid;
  const activity = (name: string) => engine.activities.list(ws, { friendly_name: name }).items[0]!.sid;
  const queue = engine.taskQueues.create(ws, { friendly_name: 'All', target_workers: '1==1' }).sid;
  const workflow = engine.workflows.create(ws, { friendly_name: 'Main', configuration: { task_routing: { default_filter: { queue } } } }).sid;
  const worker = engine.workers.create(ws, { friendly_name: 'Ada', attributes: { contact_uri: 'client:ada' } }).sid;
  const common = { accountSid, authToken: server.authToken, workspaceSid: ws, now: server.clock.now() };
  const workerToken = mintWorkerToken({ ...common, workerSid: worker });
  const workspaceToken = mintWorkspaceToken(common);
  const base = `https://taskrouter.twilio.com/v1/Workspaces/${ws}`;
  const call = async (channel: string, token: string, request: Record<string, unknown>) => {
    const response = await server.proxy(channel, { ...request, token });
    assert.equal(response.status, 200, `${request.method} ${request.url}: ${response.text}`);
    return response.body as { payload: any; event_type?: string };
  };

  // 1. Both clients open their sockets; the worker asks to go offline when it leaves.
  const workerSocket: BridgeClient = await connectBridge(server, worker, {
    token: workerToken, closeExistingSessions: 'false', disconnectActivitySid: activity('Offline'),
  });
  const workspaceSocket: BridgeClient = await connectBridge(server, ws, { token: workspaceToken, closeExistingSessions: 'false' });

  // 2. ready: the fetch that echoes event_type.
  const ready = await call(worker, workerToken, { url: `${base}/Workers/${worker}`, method: 'GET', event_type: 'ready' });
  assert.equal(ready.event_type, 'ready');
  assert.equal(ready.payload.friendly_name, 'Ada');
  assert.equal(ready.payload.activity_name, 'Offline');
  const wsReady = await call(ws, workspaceToken, { url: `${base}/`, method: 'GET', event_type: 'ready' });
  assert.equal(wsReady.payload.sid, ws);

  // 3. Pending reservations on ready, then connectActivitySid.
  const pending = await call(worker, workerToken, { url: `${base}/Workers/${worker}/Reservations`, method: 'GET', params: { ReservationStatus: 'pending' } });
  assert.deepEqual(pending.payload.reservations, []);
  assert.equal(pending.payload.meta.key, 'reservations');
  const online = await call(worker, workerToken, { url: `${base}/Workers/${worker}`, method: 'POST', params: { ActivitySid: activity('Available') } });
  assert.equal(online.payload.available, true);
  assert.equal((await workerSocket.next('worker.activity.update')).payload.activity_name, 'Available');
  assert.equal((await workspaceSocket.next('worker.activity.update')).payload.sid, worker);

  // 4. A backend creates a task over the public API; the worker hears reservation.created.
  const created = await server.rest('POST', `/v1/Workspaces/${ws}/Tasks`, {
    params: { WorkflowSid: workflow, Attributes: JSON.stringify({ customer: 'Grace' }) },
  });
  assert.equal(created.status, 201);
  const taskSid = created.body.sid;
  const event = await workerSocket.next('reservation.created');
  assert.equal(event.payload.sid, taskSid);
  const reservationSid = event.payload.reservation_sid;
  assert.match(reservationSid, /^WR/);
  assert.deepEqual(JSON.parse(event.payload.attributes), { customer: 'Grace' });
  assert.equal((await workspaceSocket.next('reservation.created')).payload.sid, reservationSid);

  // 5. The v1 SDK re-fetches the task and the reservation before emitting its event.
  const task = await call(worker, workerToken, { url: `${base}/Tasks/${taskSid}`, method: 'GET' });
  assert.equal(task.payload.assignment_status, 'reserved');
  const reservation = await call(worker, workerToken, { url: `${base}/Tasks/${taskSid}/Reservations/${reservationSid}`, method: 'GET' });
  assert.equal(reservation.payload.reservation_status, 'pending');
  assert.equal(reservation.payload.worker_sid, worker);

  // 6. Accept through the proxy.
  const accepted = await call(worker, workerToken, {
    url: `${base}/Tasks/${taskSid}/Reservations/${reservationSid}`, method: 'POST', params: { ReservationStatus: 'accepted' },
  });
  assert.equal(accepted.payload.reservation_status, 'accepted');
  assert.equal((await workerSocket.next('reservation.accepted')).payload.reservation_sid, reservationSid);
  assert.equal((await workspaceSocket.next('reservation.accepted')).payload.sid, reservationSid);

  // 7. Complete the task (v1 task.complete).
  const completed = await call(worker, workerToken, {
    url: `${base}/Tasks/${taskSid}`, method: 'POST', params: { AssignmentStatus: 'completed', Reason: 'resolved' },
  });
  assert.equal(completed.payload.assignment_status, 'completed');
  await workerSocket.next('reservation.completed');
  const taskCompleted = await workspaceSocket.next('task.completed');
  assert.equal(taskCompleted.payload.sid, taskSid);
  assert.equal(taskCompleted.payload.reason, 'resolved');

  // 8. The worker leaves: its last socket goes and it is set Offline.
  await workerSocket.close();
  const offline = await workspaceSocket.next('worker.activity.update');
  assert.equal(offline.payload.activity_name, 'Offline');
  await workspaceSocket.close();
});
