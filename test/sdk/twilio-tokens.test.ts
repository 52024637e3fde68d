// The tokens the README tells a Twilio user to mint with the official `twilio` library (for a worker, the
// helper's policies plus the ones the elements need; for a supervisor, the workspace) drive everything
// TaskRouterClient does, against the local server; the helper's default worker policies alone cannot change
// the activity.
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { after, before, describe, it } from 'node:test';
import { TaskRouterClient, TaskRouterError, type ReservationView } from '../../src/sdk/index.js';
import { Fixture, NodeWebSocket, until } from './helpers.js';

const twilio = createRequire(import.meta.url)('twilio') as { jwt: { taskrouter: Record<string, any> } };
const { TaskRouterCapability, util } = twilio.jwt.taskrouter;
const { Policy } = TaskRouterCapability;

let fx: Fixture;

/** The README's worker token; `extraPolicies: false` leaves only the helper's default policies. */
function workerToken(workerSid: string, { extraPolicies = true } = {}): string {
  const { accountSid, authToken } = fx.server;
  const workspaceSid = fx.workspaceSid;
  const capability = new TaskRouterCapability({ accountSid, authToken, workspaceSid, channelId: workerSid, ttl: 3600 });
  const worker = util.workersUrl(workspaceSid, workerSid);
  const policies = [
    ...util.defaultEventBridgePolicies(accountSid, workerSid),
    ...util.defaultWorkerPolicies('v1', workspaceSid, workerSid),
    ...(extraPolicies
      ? [
          new Policy({ url: `${worker}/**`, method: 'GET' }),
          new Policy({ url: worker, method: 'POST', postFilter: { ActivitySid: { required: true } } }),
          new Policy({ url: util.tasksUrl(workspaceSid, '**'), method: 'POST' }),
          new Policy({ url: util.reservationsUrl(workspaceSid, workerSid, '**'), method: 'POST' }),
        ]
      : []),
  ];
  for (const policy of policies) capability.addPolicy(policy);
  return capability.toJwt();
}

/** The README's workspace token for a supervisor: read everything, and edit and delete (for the queue editor). */
function workspaceToken(): string {
  const { accountSid, authToken } = fx.server;
  const workspaceSid = fx.workspaceSid;
  const capability = new TaskRouterCapability({ accountSid, authToken, workspaceSid, channelId: workspaceSid, ttl: 3600 });
  const workspace = util.workspacesUrl(workspaceSid);
  const policies = [...util.defaultEventBridgePolicies(accountSid, workspaceSid)];
  for (const url of [workspace, `${workspace}/**`]) for (const method of ['GET', 'POST', 'DELETE']) policies.push(new Policy({ url, method }));
  for (const policy of policies) capability.addPolicy(policy);
  return capability.toJwt();
}

before(async () => {
  fx = await Fixture.start({ workers: 1 });
});

after(() => fx.close());

describe('worker tokens from the official twilio library', () => {
  it('with the policies the README lists, TaskRouterClient loads the state and handles a reservation to the end', async () => {
    const client = new TaskRouterClient({ workerToken: async () => workerToken(fx.workers[0]!), eventBridgeUrl: fx.url, WebSocket: NodeWebSocket });
    const errors: Error[] = [];
    client.on('error', (error) => errors.push(error));
    try {
      await client.connect();
      await until(() => client.state.activities.length > 0 && client.state.channels.length > 0, 'activities and channels');
      await client.setActivity(fx.activities.busy);
      await client.setActivity(fx.activities.idle);

      const created = new Promise<ReservationView>((resolve) => client.once('reservation.created', resolve));
      await fx.task({ customer: 'Grace' });
      const { sid } = await created;
      await client.acceptReservation(sid);
      await client.wrapUpTask(sid);
      await client.completeTask(sid);
      assert.equal(client.state.reservations.find((r) => r.sid === sid)?.task.assignmentStatus, 'completed');
      assert.deepEqual(errors, []);
    } finally {
      client.disconnect();
    }
  });

  it('a workspace token made the same way shows queue statistics and edits queues', async () => {
    const client = new TaskRouterClient({ workspaceToken, eventBridgeUrl: fx.url, WebSocket: NodeWebSocket, statisticsInterval: 200 });
    const errors: Error[] = [];
    client.on('error', (error) => errors.push(error));
    client.watchQueues(null);
    try {
      await client.connect();
      await until(() => client.state.activities.length > 0 && client.state.queueStatistics[fx.queueSid], 'activities and statistics');
      const queue = await client.createQueue({ FriendlyName: 'Escalations', TargetWorkers: 'skills HAS "support"' });
      assert.equal((await client.previewTargetWorkers('skills HAS "support"')).workers.length, 1);
      await client.updateQueue(queue.sid, { FriendlyName: 'Escalations (VIP)' });
      await client.deleteQueue(queue.sid);
      assert.deepEqual(errors, []);
    } finally {
      client.disconnect();
    }
  });

  it("with the helper's default policies alone, changing the activity is refused", async () => {
    const client = new TaskRouterClient({ workerToken: async () => workerToken(fx.workers[0]!, { extraPolicies: false }), eventBridgeUrl: fx.url, WebSocket: NodeWebSocket });
    client.on('error', () => {});
    try {
      await client.connect();
      await assert.rejects(client.setActivity(fx.activities.busy), (error: TaskRouterError) => error.status === 403);
    } finally {
      client.disconnect();
    }
  });
});
