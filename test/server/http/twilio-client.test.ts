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

/** twilio-node's httpClient contract: request(opts) → {statusCode, body (text), headers}. */
function localHttpClient(baseUrl: string) {
  return {
    async request(opts: { method: string; uri: string; username: string; password: string; headers: Record<string, string>; params?: object; data?: object }) {
      const url = new URL(opts.uri);
      const target = new URL(url.pathname + url.search, baseUrl);
      const encode = (values: object | undefined, into: URLSearchParams) => {
        for (const [name, value] of Object.entries(values ?? {})) {
          if (value === undefined) continue;
          for (const item of Array.isArray(value) ? value : [value]) into.append(name, String(item));
        }
      };
      encode(opts.params, target.searchParams);
      const body = new URLSearchParams();
      encode(opts.data, body);
      const response = await fetch(target, {
        method: opts.method.toUpperCase(),
        headers: { ...opts.headers, authorization: 'Basic ' + Buffer.from(`${opts.username}:${opts.password}`).toString('base64') },
        body: ['post', 'put'].includes(opts.method) ? body.toString() : undefined,
      });
      return { statusCode: response.status, body: await response.text(), headers: Object.fromEntries(response.headers) };
    },
  };
}

before(async () => {
  server = await startTestServer();
  client = twilio(server.accountSid, server.authToken, { httpClient: localHttpClient(server.url) });
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
