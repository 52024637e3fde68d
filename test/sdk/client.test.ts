// TaskRouterClient against the real local server: connect, the derived state and its change
// events, actions, queue editing, statistics, token sources (a refused one too), and 5-second tokens kept fresh for 60 s.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { TaskRouterClient, TaskRouterError, type ReservationView, type TaskRouterClientOptions, type TaskRouterClientState } from '../../src/sdk/index.js';
import { CORE } from '../../src/sdk/resource.js';
import { Fixture, laggingWebSocket, next, NodeWebSocket, Proxy, until } from './helpers.js';

let fx: Fixture;
const clients: TaskRouterClient[] = [];

function client(options: TaskRouterClientOptions): TaskRouterClient {
  const c = new TaskRouterClient({ eventBridgeUrl: fx.url, WebSocket: NodeWebSocket, statisticsInterval: 200, ...options });
  clients.push(c);
  return c;
}

/** Everything an async iterable yields (Array.fromAsync is Node 22's). */
async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of iterable) items.push(item);
  return items;
}

before(async () => {
  fx = await Fixture.start({ workers: 2 });
  await fx.api('POST', `Workers/${fx.workers[1]}`, { ActivitySid: fx.activities.offline });
});

after(async () => {
  for (const c of clients) c.disconnect();
  await fx.close();
});

describe('TaskRouterClient', () => {
  it('connects the worker and workspace, derives the state, and follows the reservation lifecycle', async () => {
    const c = client({ workerToken: async () => fx.workerToken(), workspaceToken: async () => fx.workspaceToken() });
    const changes: Array<ReadonlyArray<keyof TaskRouterClientState>> = [];
    const connection: string[] = [];
    c.on('change', (_state, changed) => changes.push(changed));
    c.on('connection', (state) => connection.push(state));
    // An element that sees "connected" trusts the lists: they must hold what the connections load by then.
    let loadedWhenConnected: unknown[] = [];
    c.on('connection', (state) => state === 'connected' && (loadedWhenConnected = [c.state.worker?.sid, c.state.activities.length, c.state.queues.length]));
    assert.equal(c.state.connection, 'disconnected');
    c.watchQueues(null);
    await c.connect();
    assert.deepEqual(loadedWhenConnected, [fx.workers[0], 6, 1]);
    assert.equal(c.state.connection, 'connected');
    assert.deepEqual(connection, ['connecting', 'connected']);
    assert.ok(c.worker && c.workspace && !c.taskQueue);
    // connect() resolves with what the connections load in the state: activities, channels, queues.
    const state = c.state;
    assert.deepEqual([state.activities.length, state.queues.length], [6, 1]);
    assert.ok(state.channels.length > 0);
    assert.equal(state.worker!.sid, fx.workers[0]);
    assert.equal(state.worker!.activityName, 'Idle');
    assert.ok(state.worker!.dateStatusChanged instanceof Date);
    assert.deepEqual(state.activities.find((a) => a.sid === fx.activities.idle), { sid: fx.activities.idle, friendlyName: 'Idle', available: true });
    assert.deepEqual(Object.keys(state.queues[0]!).sort(), ['assignmentActivitySid', 'friendlyName', 'maxReservedWorkers', 'reservationActivitySid', 'sid', 'targetWorkers', 'taskOrder']);
    assert.equal(state.channels[0]!.taskChannelUniqueName, 'default');
    await until(() => c.state.queueStatistics[fx.queueSid], 'queue statistics');
    assert.ok(changes.some((keys) => keys.includes('queueStatistics')));

    // A reservation arrives, is accepted, wrapped up and completed; the state follows and is replaced each time.
    const created = new Promise<ReservationView>((resolve) => c.once('reservation.created', resolve));
    const updates: ReservationView[] = [];
    c.on('reservation.updated', (r) => updates.push(r));
    const task = await fx.task({ customer: 'Ada' }, { Priority: 5 });
    const view = await created;
    assert.equal(view.status, 'pending');
    assert.equal(view.task.sid, task.sid);
    assert.deepEqual(view.task.attributes, { customer: 'Ada' });
    assert.equal(view.task.priority, 5);
    assert.equal(view.task.taskQueueSid, fx.queueSid);
    assert.equal(view.task.taskQueueFriendlyName, 'Support');
    assert.equal(view.task.workflowFriendlyName, 'Default');
    assert.equal(view.timeoutAt!.getTime(), view.dateCreated.getTime() + 120_000);
    const before = c.state;
    assert.deepEqual(before.reservations.map((r) => r.sid), [view.sid]);

    const assignedTasks = () => c.state.channels.find((channel) => channel.taskChannelUniqueName === 'default')!.assignedTasks;
    assert.equal(assignedTasks(), 0);
    await c.acceptReservation(view.sid);
    assert.notEqual(c.state, before, 'a new snapshot');
    assert.equal(c.state.reservations[0]!.status, 'accepted');
    // TaskRouter sends no channel event when a task is assigned; the client refetches the channels.
    await until(() => assignedTasks() === 1, 'the default channel counts the assigned task');
    await c.wrapUpTask(view.sid);
    assert.equal(c.state.reservations[0]!.task.assignmentStatus, 'wrapping');
    await c.completeTask(view.sid);
    assert.equal(c.state.reservations[0]!.status, 'completed');
    await until(() => assignedTasks() === 0, 'the default channel frees the completed task');
    await until(() => updates.length >= 2, 'reservation.updated');
    assert.equal(updates[0]!.status, 'accepted');
    assert.ok(updates.every((u, i) => i === 0 || u.status !== updates[i - 1]!.status), 'one event per status change');

    // Capacity and availability changes made elsewhere (a supervisor, the REST API) reach the state.
    const channelSid = c.state.channels.find((channel) => channel.taskChannelUniqueName === 'default')!.sid;
    const channel = () => c.state.channels.find((ch) => ch.sid === channelSid)!;
    await fx.api('POST', `Workers/${fx.workers[0]}/Channels/${channelSid}`, { Capacity: 2 });
    await until(() => channel().configuredCapacity === 2, 'capacity.update');
    await fx.api('POST', `Workers/${fx.workers[0]}/Channels/${channelSid}`, { Available: false });
    await until(() => channel().available === false, 'channel.availability.update');
    await fx.api('POST', `Workers/${fx.workers[0]}/Channels/${channelSid}`, { Capacity: 1, Available: true });

    // An activity created on the server reaches the state through the workspace connection.
    const lunch = await fx.api('POST', 'Activities', { FriendlyName: `Lunch ${Date.now()}`, Available: false });
    await until(() => c.state.activities.some((a) => a.sid === lunch.sid && !a.available), 'the new activity');
    await fx.api('DELETE', `Activities/${lunch.sid}`);
    await until(() => !c.state.activities.some((a) => a.sid === lunch.sid), 'the deleted activity gone');

    await c.setActivity(fx.activities.busy);
    assert.equal(c.state.worker!.activityName, 'Busy');
    await c.setActivity(fx.activities.idle);
    await assert.rejects(c.acceptReservation('WR00000000000000000000000000000000'), (e: TaskRouterError) => e instanceof TaskRouterError && e.status === 404);
    c.disconnect();
    assert.equal(c.state.connection, 'disconnected');
  });

  it('edits queues, previews target workers and reports server errors with their code and message', async () => {
    const c = client({ workspaceToken: async () => fx.workspaceToken() });
    await c.connect();
    // Without a worker, the workspace connection loads the activities (the editor's activity pickers need them).
    await until(() => c.state.activities.length === 6, "the workspace's activities");
    const queue = await c.createQueue({ FriendlyName: 'Billing', TargetWorkers: 'skills HAS "support"', MaxReservedWorkers: 2 });
    assert.equal(queue.friendlyName, 'Billing');
    assert.ok(c.state.queues.some((q) => q.sid === queue.sid));
    // An expression changed elsewhere (task-queue.expression.updated) reaches the state.
    await fx.api('POST', `TaskQueues/${queue.sid}`, { TargetWorkers: 'skills HAS "billing"' });
    await until(() => c.state.queues.find((q) => q.sid === queue.sid)?.targetWorkers === 'skills HAS "billing"', 'the new expression');
    const updated = await c.updateQueue(queue.sid, { TaskOrder: 'LIFO' });
    assert.equal(updated.taskOrder, 'LIFO');
    assert.equal(c.state.queues.find((q) => q.sid === queue.sid)!.taskOrder, 'LIFO');
    const preview = await c.previewTargetWorkers('skills HAS "support"');
    assert.deepEqual(preview.workers.map((w) => w.sid).sort(), [...fx.workers].sort());
    assert.equal(preview.more, false);
    assert.deepEqual(Object.keys(preview.workers[0]!).sort(), ['activityName', 'available', 'friendlyName', 'sid']);
    assert.deepEqual(await c.previewTargetWorkers('skills HAS "nothing"'), { workers: [], more: false });
    // The attributes of every worker, parsed, for the editor's missing-key hint.
    const attributes = await collect(c.workerAttributes());
    assert.equal(attributes.length, fx.workers.length);
    assert.ok(attributes.every((a) => Array.isArray(a.skills) && a.skills.includes('support')));

    await assert.rejects(c.updateQueue(queue.sid, { MaxReservedWorkers: 500 }), (e: TaskRouterError) => {
      assert.ok(e instanceof TaskRouterError);
      assert.equal(e.status, 400);
      assert.equal(e.code, 20001);
      assert.ok(e.message.length > 0);
      return true;
    });
    await c.deleteQueue(queue.sid);
    assert.ok(!c.state.queues.some((q) => q.sid === queue.sid));
    await assert.rejects(c.setActivity(fx.activities.idle), /needs a worker connection/);
  });

  it('previews past the first 1,000 workers: says more match, and reads every page of attributes, but only as far as asked', async () => {
    const big = await Fixture.start();
    try {
      for (let n = 0; n < 1000; n += 50) {
        await Promise.all(Array.from({ length: 50 }, (_, i) => big.api('POST', 'Workers', { FriendlyName: `Agent ${n + i}`, Attributes: { n: n + i } })));
      }
      await big.api('POST', 'Workers', { FriendlyName: 'Last', Attributes: { n: 1000, rare: true } });
      const workerPages: string[] = [];
      // Each request rides the event-bridge channel as JSON: `{url, method, params}`.
      const counting: typeof fetch = (input, init) => {
        const { url, method, params } = JSON.parse(String(init?.body));
        if (method === 'GET' && url.endsWith('/Workers')) workerPages.push(params?.Page ?? '0');
        return fetch(input, init);
      };
      const c = new TaskRouterClient({ eventBridgeUrl: big.url, WebSocket: NodeWebSocket, fetch: counting, workspaceToken: async () => big.workspaceToken() });
      clients.push(c);
      await c.connect();
      const preview = await c.previewTargetWorkers('n >= 0');
      assert.deepEqual([preview.workers.length, preview.more], [1000, true]);
      workerPages.length = 0;
      const all = await collect(c.workerAttributes());
      assert.equal(all.length, 1002);
      assert.ok(all.some((a) => a.rare === true), 'a key only a worker on the second page has');
      assert.deepEqual(workerPages, ['0', '1']);
      // Leaving the loop on the first page reads no second one.
      workerPages.length = 0;
      for await (const first of c.workerAttributes()) {
        assert.equal(typeof first, 'object');
        break;
      }
      assert.deepEqual(workerPages, ['0']);
    } finally {
      await big.close();
    }
  });

  it('watches queues by friendly name too, over the window it is given', async () => {
    const windows: unknown[] = [];
    const recording: typeof fetch = async (input, init) => {
      const body = typeof init?.body === 'string' ? JSON.parse(init.body) : undefined;
      if (body?.url?.endsWith('/TaskQueues/Statistics')) windows.push(body.params.Minutes);
      return fetch(input, init);
    };
    const c = client({ workspaceToken: async () => fx.workspaceToken(), fetch: recording, statisticsInterval: 60_000 });
    c.watchQueues(['Support'], 15);
    await c.connect();
    await until(() => c.state.queueStatistics[fx.queueSid], 'statistics of the queue named Support');
    assert.deepEqual([...new Set(windows)], ['15']);
    assert.deepEqual(Object.keys(c.state.queueStatistics[fx.queueSid]!.cumulative), ['15']);
    c.disconnect();
  });

  it('serves several watchers together: their queues, each window once, until the last lets go', async () => {
    const other = await fx.api('POST', 'TaskQueues', { FriendlyName: 'Watched by the other table', TargetWorkers: '1==1' });
    const windows: string[] = [];
    const recording: typeof fetch = async (input, init) => {
      const body = JSON.parse(String(init?.body));
      if (body.url.endsWith('/TaskQueues/Statistics')) windows.push(body.params.Minutes);
      return fetch(input, init);
    };
    const c = client({ workspaceToken: async () => fx.workspaceToken(), fetch: recording, statisticsInterval: 60_000 });
    await c.connect();
    const sales = c.watchQueues(['Support'], 15);
    const everyone = c.watchQueues([other.sid], 60);
    await until(() => c.state.queueStatistics[fx.queueSid]?.cumulative[15] && c.state.queueStatistics[other.sid]?.cumulative[60], 'both tables');
    assert.deepEqual(Object.keys(c.state.queueStatistics).sort(), [fx.queueSid, other.sid].sort());
    assert.deepEqual(Object.keys(c.state.queueStatistics[fx.queueSid]!.cumulative).sort(), ['15', '60']);
    windows.length = 0;
    await c.refreshStatistics();
    assert.deepEqual(windows.sort(), ['15', '60'], 'one request per window');

    // The one left still gets its numbers; once it lets go too, nothing is asked.
    sales();
    windows.length = 0;
    await c.refreshStatistics();
    assert.deepEqual(windows, ['60']);
    assert.deepEqual(Object.keys(c.state.queueStatistics), [other.sid]);
    everyone();
    windows.length = 0;
    const task = await fx.task({ stats: 'unwatched' });
    await new Promise((resolve) => setTimeout(resolve, 1200));
    assert.deepEqual(windows, [], 'no statistics asked for with no one watching');
    c.disconnect();
    await fx.api('POST', `Tasks/${task.sid}`, { AssignmentStatus: 'canceled', Reason: 'test' });
    await fx.api('DELETE', `TaskQueues/${other.sid}`);
  });

  it('refreshes statistics on an interval and on events, only for the watched queues', async () => {
    const c = client({ taskQueueToken: async () => fx.taskQueueToken(), statisticsInterval: 60_000 });
    await c.connect();
    await new Promise((resolve) => setTimeout(resolve, 1200));
    assert.deepEqual(c.state.queueStatistics, {}, 'nothing watched, nothing polled');
    const unwatch = c.watchQueues(null);
    await until(() => c.state.queueStatistics[fx.queueSid], 'first statistics');
    const stats = c.state.queueStatistics[fx.queueSid]!;
    assert.equal(stats.friendlyName, 'Support');
    assert.equal(typeof stats.realtime.availableWorkers, 'number');
    assert.equal(typeof stats.cumulative[60]!.tasksEntered, 'number');
    const entered = stats.cumulative[60]!.tasksEntered;
    // A queue event triggers a refresh long before the one-minute interval.
    const task = await fx.task({ stats: true });
    await until(() => c.state.queueStatistics[fx.queueSid]!.cumulative[60]!.tasksEntered === entered + 1, 'statistics after a queue event', 3000);
    assert.ok(c.state.queueStatistics[fx.queueSid]!.history.length >= 2);
    unwatch();
    const frozen = c.state.queueStatistics[fx.queueSid];
    await fx.api('POST', `Tasks/${task.sid}`, { AssignmentStatus: 'canceled', Reason: 'test' });
    await new Promise((resolve) => setTimeout(resolve, 1200));
    assert.equal(c.state.queueStatistics[fx.queueSid], frozen, 'no refresh once no one watches');
    c.watchQueues(null);
    await c.refreshStatistics();
    assert.notEqual(c.state.queueStatistics[fx.queueSid], frozen);

    // The queue's own expression, changed elsewhere, reaches a task queue connection's state too.
    await fx.api('POST', `TaskQueues/${fx.queueSid}`, { TargetWorkers: 'skills HAS "support"' });
    await until(() => c.state.queues[0]?.targetWorkers === 'skills HAS "support"', 'the queue refetched');
    await fx.api('POST', `TaskQueues/${fx.queueSid}`, { TargetWorkers: '1==1' });
  });

  it('refreshes the statistics of every queue with one request through a workspace connection', async () => {
    const statisticsUrls: string[] = [];
    const countingFetch: typeof fetch = async (input, init) => {
      const url = JSON.parse(String(init?.body ?? '{}')).url as string | undefined;
      if (url?.includes('Statistics')) statisticsUrls.push(url);
      return fetch(input, init);
    };
    const c = client({ workspaceToken: async () => fx.workspaceToken(), statisticsInterval: 60_000, fetch: countingFetch });
    c.watchQueues(null);
    await c.connect();
    const extra = await Promise.all(['Stats A', 'Stats B', 'Stats C'].map((name) => c.createQueue({ FriendlyName: name })));
    await until(() => extra.every((q) => c.state.queueStatistics[q.sid]), 'statistics of the new queues');
    statisticsUrls.length = 0;
    await c.refreshStatistics();
    assert.equal(statisticsUrls.length, 1, `one request, not one per queue: ${statisticsUrls.join(', ')}`);
    assert.match(statisticsUrls[0]!, /\/TaskQueues\/Statistics$/);
    assert.equal(Object.keys(c.state.queueStatistics).length, c.state.queues.length);
    for (const q of extra) {
      assert.equal(c.state.queueStatistics[q.sid]!.friendlyName, q.friendlyName);
      await c.deleteQueue(q.sid);
    }
  });

  it('forgets the statistics of a queue deleted elsewhere, so the table and its totals lose it', async () => {
    const c = client({ workspaceToken: async () => fx.workspaceToken(), statisticsInterval: 60_000 });
    c.watchQueues(null);
    await c.connect();
    const doomed = await fx.api('POST', 'TaskQueues', { FriendlyName: 'Deleted by the back end' });
    await until(() => c.state.queueStatistics[doomed.sid], 'statistics of the new queue');
    await fx.api('DELETE', `TaskQueues/${doomed.sid}`);
    await until(() => !c.state.queues.some((q) => q.sid === doomed.sid), 'the queue leaves the list');
    assert.equal(c.state.queueStatistics[doomed.sid], undefined);
    await c.refreshStatistics();
    assert.deepEqual(Object.keys(c.state.queueStatistics).sort(), c.state.queues.map((q) => q.sid).sort());
  });

  it('fetches tokens from a URL (JSON or text) and reports a failing token source', async () => {
    const tokens = new Map([['/json', JSON.stringify({ token: fx.workerToken() })], ['/text', fx.workerToken()]]);
    const fetchStub = async (input: string | URL | Request, init?: RequestInit) => {
      const path = String(input);
      if (path === '/token/html') return new Response('<!DOCTYPE html><html><body>Not Found</body></html>', { status: 404, statusText: 'Not Found' });
      if (path === '/token/json-error') return new Response(JSON.stringify({ code: 20404, message: 'No worker WKx' }), { status: 404 });
      if (path.startsWith('/token')) {
        const body = tokens.get(path.slice(6));
        return new Response(body ?? 'no such token', { status: body ? 200 : 503 });
      }
      return fetch(input, init);
    };
    for (const path of ['/token/json', '/token/text']) {
      const c = client({ workerToken: path, fetch: fetchStub as typeof fetch });
      await c.connect();
      assert.equal(c.state.worker!.sid, fx.workers[0]);
      c.disconnect();
    }
    const broken = client({ workerToken: '/token/missing', fetch: fetchStub as typeof fetch });
    await assert.rejects(broken.connect(), (e: TaskRouterError) => e.status === 503 && /no such token/.test(e.message));
    assert.equal(broken.state.error!.code, 503);
    // Nothing is reconnecting: the state is failed (the elements offer Retry), not disconnected.
    assert.equal(broken.state.connection, 'failed');
    broken.disconnect();
    assert.equal(broken.state.connection, 'disconnected');

    // An HTML error page is not quoted into the message; a JSON error gives its message.
    const html = client({ workerToken: '/token/html', fetch: fetchStub as typeof fetch });
    await assert.rejects(html.connect(), (e: TaskRouterError) => e.message === 'Token request to /token/html failed: 404 Not Found');
    const json = client({ workerToken: '/token/json-error', fetch: fetchStub as typeof fetch });
    await assert.rejects(json.connect(), (e: TaskRouterError) => e.message === 'Token request to /token/json-error failed: No worker WKx');
  });

  it("keeps each connection's state, and names the connection an error came from", async () => {
    const c = client({ workerToken: async () => { throw new TaskRouterError('Token request to /tokens/worker failed: 404 Not Found', 404, 404); }, workspaceToken: async () => fx.workspaceToken() });
    await assert.rejects(c.connect());
    assert.deepEqual(c.state.connections, { worker: 'failed', workspace: 'connected' });
    assert.equal(c.state.connection, 'failed', 'the combination is the worst');
    assert.equal(c.state.error!.connection, 'worker');
    assert.ok(c.state.queues.length > 0, 'the workspace loaded its queues');
  });

  it('tells a token source that gave no answer (status 0) from one whose answer cannot be used (no status)', async () => {
    const fetchStub = async (input: string | URL | Request) => {
      const path = String(input);
      if (path === '/token/page') return new Response('<!doctype html><p>Welcome</p>', { status: 200 }); // an app's catch-all route
      if (path === '/token/workspace') return new Response(fx.workspaceToken());
      throw new TypeError('Failed to fetch');
    };
    const unreachable = client({ workerToken: '/token/down', fetch: fetchStub as typeof fetch });
    await assert.rejects(unreachable.connect());
    assert.deepEqual(unreachable.state.error, { code: 0, status: 0, message: 'Token request to /token/down failed: Failed to fetch', connection: 'worker' });
    const page = client({ workerToken: '/token/page', fetch: fetchStub as typeof fetch });
    await assert.rejects(page.connect());
    assert.equal(page.state.error!.status, undefined);
    assert.match(page.state.error!.message, /not a capability token/);
    const wrongKind = client({ workerToken: '/token/workspace', fetch: fetchStub as typeof fetch });
    await assert.rejects(wrongKind.connect());
    assert.equal(wrongKind.state.error!.status, undefined);
    assert.match(wrongKind.state.error!.message, /is not a WK channel/);
  });

  it('says reconnecting while a lost connection comes back by itself, and disconnected once another session replaced it', async () => {
    const proxy = new Proxy(fx.server.port);
    await proxy.start();
    try {
      const c = client({ workerToken: async () => fx.workerToken(), eventBridgeUrl: proxy.url, reconnectDelay: 20, reconnectDelayMax: 100 });
      const states: string[] = [];
      c.on('connection', (state) => states.push(state));
      await c.connect();
      proxy.drop();
      await until(() => states.at(-1) === 'connected' && states.includes('reconnecting'), 'reconnected');
      assert.deepEqual(states, ['connecting', 'connected', 'reconnecting', 'connected']);

      // A newer session of the worker evicts this one, which does not fight back: closed until retry().
      const newer = client({ workerToken: async () => fx.workerToken(), eventBridgeUrl: proxy.url, closeExistingSessions: true });
      await newer.connect();
      await until(() => c.state.connection === 'disconnected', 'replaced');
      newer.disconnect();
      await c.retry();
      assert.equal(c.state.connection, 'connected');
    } finally {
      await proxy.stop();
    }
  });

  it('a token lapsing while all is unreachable reads as reconnecting, and the error goes once all is back', async () => {
    const proxy = new Proxy(fx.server.port);
    await proxy.start();
    let up = true;
    const c = client({
      // The back end is out with the network: its token requests fail meanwhile.
      workerToken: async () => {
        if (!up) throw new TypeError('Failed to fetch');
        return fx.workerToken(undefined, 2);
      },
      eventBridgeUrl: proxy.url, reconnectDelay: 20, reconnectDelayMax: 100,
    });
    try {
      await c.connect();
      const states: string[] = [];
      c.on('connection', (state) => states.push(state));
      up = false;
      await proxy.stop();
      await until(() => c.worker![CORE].expired && c.state.error?.status === 0, 'the token lapsed, its renewal failed', 4000);
      await new Promise((resolve) => setTimeout(resolve, 300));
      assert.equal(c.state.connection, 'reconnecting', 'it comes back by itself: no Retry to press');
      up = true;
      await proxy.start();
      await until(() => c.state.connection === 'connected', 'back', 15000);
      assert.equal(c.state.error, null, 'nothing wrong is left on screen');
      assert.ok(!states.includes('disconnected') && !states.includes('failed'), states.join(' → '));
    } finally {
      c.disconnect();
      await proxy.stop();
    }
  });

  it('with maxRetries, fails while TaskRouter is away; retry() then shows connecting and connected, no flash of failed', async () => {
    const proxy = new Proxy(fx.server.port);
    await proxy.start();
    const c = client({
      workerToken: async () => fx.workerToken(), workspaceToken: async () => fx.workspaceToken(),
      eventBridgeUrl: proxy.url, maxRetries: 1, reconnectDelay: 20, reconnectDelayMax: 50,
    });
    try {
      await c.connect();
      await proxy.stop();
      await until(() => c.state.connection === 'failed', 'failed', 5000);
      await proxy.start();
      const states: string[] = [];
      c.on('connection', (state) => states.push(state));
      await c.retry();
      assert.deepEqual(states, ['connecting', 'connected']);
    } finally {
      c.disconnect();
      await proxy.stop();
    }
  });

  it('with maxRetries, connect() rejects once an unreachable event bridge leaves the connection failed', async () => {
    // A port nothing listens on any more: every socket and request fails on the network, with no refusal to report.
    const gone = new Proxy(fx.server.port);
    await gone.start();
    await gone.stop();
    const c = client({ workerToken: async () => fx.workerToken(), eventBridgeUrl: gone.url, maxRetries: 1, reconnectDelay: 10, reconnectDelayMax: 20 });
    let timer: ReturnType<typeof setTimeout> | undefined;
    const hung = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('connect() still pending 3 s after the connection failed')), 3000);
    });
    try {
      await assert.rejects(Promise.race([c.connect(), hung]), (e: Error) => e instanceof TaskRouterError && /Could not connect to TaskRouter/.test(e.message));
    } finally {
      clearTimeout(timer);
    }
    assert.equal(c.worker!.connectionState, 'failed');
    assert.equal(c.state.connection, 'failed');
  });

  it('keeps every active reservation and only the 20 newest ended ones in the state', async () => {
    // A workspace of its own: multitasking, so an accepted reservation stays active while 25 others come and end.
    const own = await Fixture.start({ workers: 1, multiTask: true });
    const c = new TaskRouterClient({ eventBridgeUrl: own.url, WebSocket: NodeWebSocket, workerToken: async () => own.workerToken() });
    clients.push(c);
    try {
      const { channels } = await own.api('GET', `Workers/${own.workers[0]}/Channels`);
      const channel = (channels as Array<{ sid: string; task_channel_unique_name: string }>).find((ch) => ch.task_channel_unique_name === 'default')!;
      await own.api('POST', `Workers/${own.workers[0]}/Channels/${channel.sid}`, { Capacity: 2 });
      await c.connect();
      const offer = async (n: number) => {
        const created = next<ReservationView>(c, 'reservation.created');
        await own.task({ n });
        return created;
      };
      const kept = await offer(0);
      await c.acceptReservation(kept.sid);
      const ended: string[] = [];
      for (let n = 1; n <= 25; n++) {
        const reservation = await offer(n);
        const canceled = next<ReservationView>(c, 'reservation.updated');
        await own.api('POST', `Tasks/${reservation.task.sid}`, { AssignmentStatus: 'canceled', Reason: 'caller hung up' });
        assert.equal((await canceled).status, 'canceled');
        ended.push(reservation.sid);
      }
      const pending = await offer(26);
      assert.deepEqual(c.state.reservations.map((r) => r.sid), [kept.sid, ...ended.slice(-20), pending.sid]);
      assert.deepEqual(c.state.reservations.map((r) => r.status), ['accepted', ...Array(20).fill('canceled'), 'pending']);
      // The client forgets the dropped ones too: no action finds them.
      await assert.rejects(c.rejectReservation(ended[0]!), (e: TaskRouterError) => e.status === 404 && /No reservation/.test(e.message));
    } finally {
      c.disconnect();
      await own.close();
    }
  });

  it('disconnect() while a token is being renewed: the renewed token arms no timer', async () => {
    let release!: (token: string) => void;
    let asked = 0;
    const c = client({
      workerToken: async () => (asked++ ? new Promise<string>((resolve) => (release = resolve)) : fx.workerToken(undefined, 2)),
    });
    await c.connect();
    let expired = 0;
    c.worker!.on('token.expired', () => expired++);
    await until(() => asked === 2, 'the renewal under way');
    expired = 0;
    c.disconnect();
    release(fx.workerToken(undefined, 2));
    await new Promise((resolve) => setTimeout(resolve, 1500));
    assert.equal(expired, 0);
  });

  it('disconnect() while connect() is under way wins; calls at once share one set of connections (React StrictMode)', async () => {
    // The other worker: this file's other clients keep sockets of the first one open.
    const worker = fx.workers[1]!;
    const sockets = () => fx.server.bridge.registry.sockets(worker).size;
    const c = client({ workerToken: async () => new Promise<string>((resolve) => setTimeout(() => resolve(fx.workerToken(worker)), 20)) });
    const first = c.connect();
    c.disconnect();
    await first;
    assert.equal(c.worker, null, 'nothing opened after disconnect()');
    assert.equal(c.state.connection, 'disconnected');

    // A component mounted, unmounted and mounted again at once: connect, disconnect, connect.
    const mounted = c.connect();
    c.disconnect();
    await Promise.all([mounted, c.connect(), c.connect()]);
    assert.equal(c.state.connection, 'connected');
    await new Promise((resolve) => setTimeout(resolve, 100));
    assert.equal(sockets(), 1, 'one socket');
    c.disconnect();
    await until(() => sockets() === 0, 'no socket left after the last disconnect()');
  });

  it('an action another tab of the worker did first is done, not failed', async () => {
    const tabs = [client({ workerToken: async () => fx.workerToken() }), client({ workerToken: async () => fx.workerToken() })];
    await Promise.all(tabs.map((tab) => tab.connect()));
    const created = tabs.map((tab) => next<ReservationView>(tab, 'reservation.created'));
    await fx.task({ case: 'both tabs accept' });
    const [reservation] = await Promise.all(created);
    await Promise.all(tabs.map((tab) => tab.acceptReservation(reservation!.sid)));
    for (const tab of tabs) assert.equal(tab.state.reservations.find((r) => r.sid === reservation!.sid)!.status, 'accepted');
    await tabs[0]!.completeTask(reservation!.sid);
    await tabs[1]!.completeTask(reservation!.sid);
    for (const tab of tabs) tab.disconnect();
  });

  it('a refused action leaves the reservation as the server has it, though its event is still on the way', async () => {
    const { lag, release, WebSocket } = laggingWebSocket();
    const c = client({ workerToken: async () => fx.workerToken(), WebSocket });
    await c.connect();
    const created = next<ReservationView>(c, 'reservation.created');
    const task = await fx.task({ case: 'canceled under the agent' });
    const reservation = await created;
    lag.holding = true;
    await fx.api('POST', `Tasks/${task.sid}`, { AssignmentStatus: 'canceled', Reason: 'caller hung up' });
    await assert.rejects(c.acceptReservation(reservation.sid), (e: TaskRouterError) => e.status === 410 && /no longer pending/.test(e.message));
    assert.equal(c.state.reservations.find((r) => r.sid === reservation.sid)!.status, 'canceled');
    release();
    c.disconnect();
  });

  it("a refused token: connect() rejects with the server's reason, nothing retries that token, retry() fetches a new one", async () => {
    const valid = fx.workerToken();
    const [header, payload, signature] = valid.split('.');
    const forged = `${header}.${payload}.${signature!.startsWith('A') ? 'B' : 'A'}${signature!.slice(1)}`;
    const tokens = [forged, valid];
    let fetched = 0;
    const c = client({ workerToken: async () => tokens[fetched++]!, reconnectDelay: 20 });
    await assert.rejects(c.connect(), (e: TaskRouterError) => e.code === 20003 && e.message === 'The token signature is invalid');
    assert.equal(c.state.connection, 'disconnected');
    await new Promise((resolve) => setTimeout(resolve, 200));
    assert.equal(c.state.connection, 'disconnected', 'no reconnecting with a token that cannot work');
    await c.retry();
    assert.equal(fetched, 2);
    assert.equal(c.state.connection, 'connected');
  });

  it('keeps 5-second tokens fresh: no failed request over 60 s of traffic', async () => {
    let minted = 0;
    const failures: string[] = [];
    const recording: typeof fetch = async (input, init) => {
      const response = await fetch(input, init);
      if (!response.ok) failures.push(`${response.status} ${await response.clone().text()}`);
      return response;
    };
    const c = client({
      workerToken: async () => (minted++, fx.workerToken(undefined, 5)),
      workspaceToken: async () => (minted++, fx.workspaceToken(5)),
      fetch: recording,
      statisticsInterval: 500,
    });
    const errors: unknown[] = [];
    c.on('error', (e) => errors.push(e));
    await c.connect();
    const end = Date.now() + 60_000;
    let flips = 0;
    while (Date.now() < end) {
      await c.setActivity(flips++ % 2 ? fx.activities.idle : fx.activities.busy);
      await new Promise((resolve) => setTimeout(resolve, 400));
    }
    await c.setActivity(fx.activities.idle);
    assert.deepEqual(failures, []);
    assert.deepEqual(errors, []);
    // Each 5-second token is renewed half way through its life: about 24 renewals per connection in 60 s.
    assert.ok(minted >= 2 + 2 * 20, `tokens were renewed (${minted} minted)`);
    assert.equal(c.state.connection, 'connected');
  });
});
