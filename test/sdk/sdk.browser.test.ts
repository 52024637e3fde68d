// The SDK in Chromium against the real local server (started by web-test-runner.config.mjs, which puts
// its URL in window.__TASKROUTER_SERVER__; tokens come from its dev endpoints). Everything this file
// routes is its own: a queue, a workflow and a worker created for the run inside the demo workspace.
import { expect, waitUntil } from '@open-wc/testing';
import type { EventEmitter } from 'eventemitter3';
import { Reservation, TaskQueue, TaskRouterClient, TaskRouterError, Worker, Workspace, type Resource, type TaskQueueResource } from '../../src/sdk/index.js';

const server = (window as { __TASKROUTER_SERVER__?: string }).__TASKROUTER_SERVER__;
const run = `sdk${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;
const WAIT = { timeout: 10000, interval: 20 };

interface DevConfig {
  activities: Array<{ sid: string; friendlyName: string; available: boolean }>;
}

/** Fetches a dev token. */
async function token(kind: 'worker' | 'workspace' | 'taskqueue', query = ''): Promise<string> {
  const response = await fetch(`${server}/dev/tokens/${kind}${query}`);
  if (!response.ok) throw new Error(`dev token ${kind}: ${response.status} ${await response.text()}`);
  return (await response.json()).token;
}

/** Resolves with the next `event` that `accept` takes. */
function next<T>(emitter: Worker | Workspace | TaskQueue, event: string, accept: (value: T) => boolean = () => true): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${event}`)), WAIT.timeout);
    const listener = (value: T) => {
      if (!accept(value)) return;
      clearTimeout(timer);
      (emitter as EventEmitter).off(event, listener);
      resolve(value);
    };
    (emitter as EventEmitter).on(event, listener);
  });
}

const mine = (r: Reservation) => r.task.attributes.run === run;

describe('SDK in the browser against the local server', () => {
  let config: DevConfig;
  let workspace: Workspace;
  let queue: TaskQueueResource;
  let workflow: Resource;
  let workerSid: string;
  let worker: Worker;
  const activity = (name: string) => config.activities.find((a) => a.friendlyName === name)!.sid;
  const task = (extra: Record<string, unknown> = {}) =>
    workspace.tasks.create({ WorkflowSid: workflow.sid, Attributes: { run, ...extra } });

  before(async () => {
    if (!server) throw new Error('window.__TASKROUTER_SERVER__ is not set: run with web-test-runner.config.mjs, which starts the local server');
    config = await (await fetch(`${server}/dev/config`)).json();
    workspace = new Workspace(await token('workspace'), { eventBridgeUrl: server, debug: false });
    await next(workspace, 'ready');
    queue = await workspace.taskqueues.create({ FriendlyName: `Queue ${run}`, TargetWorkers: `skills HAS '${run}'` });
    workflow = await workspace.workflows.create({
      FriendlyName: `Workflow ${run}`,
      Configuration: { task_routing: { filters: [], default_filter: { queue: queue.sid } } },
    });
    const created = await workspace.workers.create({ FriendlyName: `Worker ${run}`, Attributes: { skills: [run] }, ActivitySid: activity('Available') });
    workerSid = created.sid;
    // Native WebSocket and fetch: no options beyond the server's URL.
    worker = new Worker(await token('worker', `?workerSid=${workerSid}`), { eventBridgeUrl: server, debug: false });
    // Tasks of other test files that this worker happens to match are not this file's business.
    worker.on('reservation.created', (r: Reservation) => void (mine(r) || r.reject().catch(() => {})));
    await next(worker, 'ready');
  });

  after(() => {
    worker?.disconnect();
    workspace?.disconnect();
  });

  it('a Worker connects with the browser WebSocket and carries its fields', () => {
    expect(worker.connectionState).to.equal('connected');
    expect(worker.sid).to.equal(workerSid);
    expect(worker.friendlyName).to.equal(`Worker ${run}`);
    expect(worker.activityName).to.equal('Available');
    expect(worker.attributes).to.deep.equal({ skills: [run] });
  });

  it('update, activity.update, activities.fetch and fetchChannels', async () => {
    const update = next<Worker>(worker, 'activity.update');
    const updated = await new Promise<Worker>((resolve, reject) =>
      worker.update('ActivitySid', activity('Break'), (error, result) => (error ? reject(error) : resolve(result as Worker))));
    expect(updated.activityName).to.equal('Break');
    expect((await update).activityName).to.equal('Break');
    await worker.update({ ActivitySid: activity('Available') });
    const activities = await worker.activities.fetch();
    expect(activities.data.map((a: Resource) => a.friendlyName)).to.include.members(['Available', 'Break', 'Offline']);
    const channels = await worker.fetchChannels();
    expect(channels.data.length).to.be.greaterThan(0);
    expect(channels.data[0]!.sid).to.match(/^WC/);
  });

  it('reservation.created → accept → reservation.accepted → task.complete', async () => {
    const created = next<Reservation>(worker, 'reservation.created', mine);
    const t = await task({ customer: 'Ada' });
    const reservation = await created;
    expect(reservation.task.sid).to.equal(t.sid);
    expect(reservation.task.attributes.customer).to.equal('Ada');
    expect(reservation.reservationStatus).to.equal('pending');
    const pending = await worker.fetchReservations(null, { ReservationStatus: 'pending' });
    expect(pending.data).to.include(reservation);
    const accepted = next<Reservation>(worker, 'reservation.accepted', mine);
    await reservation.accept();
    expect(await accepted).to.equal(reservation);
    expect(reservation.task.assignmentStatus).to.equal('assigned');
    const completed = await reservation.task.complete(undefined, 'done');
    expect(completed.assignmentStatus).to.equal('completed');
  });

  it('reject(activitySid) and reservation.rejected; errors carry the server code and message', async () => {
    const created = next<Reservation>(worker, 'reservation.created', mine);
    const t = await task();
    const reservation = await created;
    const rejected = next<Reservation>(worker, 'reservation.rejected', mine);
    await reservation.reject(activity('Break'));
    expect((await rejected).sid).to.equal(reservation.sid);
    const error = await reservation.accept().then(() => null, (e: TaskRouterError) => e);
    expect(error).to.be.instanceOf(TaskRouterError);
    expect(error!.status).to.be.within(400, 499);
    expect(error!.code).to.be.greaterThan(10000);
    expect(error!.message).to.not.equal('');
    const viaCallback = await new Promise<TaskRouterError | null>((resolve) => reservation.accept((e) => resolve(e)));
    expect(viaCallback!.code).to.equal(error!.code);
    await workspace.tasks.update(t.sid, { AssignmentStatus: 'canceled', Reason: 'test' });
    await worker.update('ActivitySid', activity('Available'));
  });

  it("a socket refused for its token reports why (the browser hides the upgrade's status): the server's code and message", async () => {
    const valid = await token('worker', `?workerSid=${workerSid}`);
    const [header, payload, signature] = valid.split('.');
    const forged = `${header}.${payload}.${signature!.startsWith('A') ? 'B' : 'A'}${signature!.slice(1)}`;
    const refused = new Worker(forged, { eventBridgeUrl: server, debug: false, maxRetries: 1, reconnectDelay: 20 });
    const error = await next<TaskRouterError>(refused, 'error');
    expect([error.status, error.code, error.message]).to.deep.equal([403, 20003, 'The token signature is invalid']);
    // The same token would be refused again: it waits for updateToken instead of retrying.
    expect(refused.connectionState).to.equal('disconnected');
    refused.disconnect();
  });

  it('a socket dropped by the server reconnects; a task created meanwhile reaches the app once', async () => {
    const created: Reservation[] = [];
    const collect = (r: Reservation) => mine(r) && created.push(r);
    worker.on('reservation.created', collect);
    const disconnected = next(worker, 'disconnected');
    await fetch(`${server}/dev/scenarios/drop-sockets`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ channel: workerSid }) });
    await disconnected;
    const t = await task({ dropped: true });
    await waitUntil(() => created.length === 1 && worker.connectionState === 'connected', 'the reservation after the reconnect', WAIT);
    await new Promise((resolve) => setTimeout(resolve, 300));
    worker.off('reservation.created', collect);
    expect(created.length).to.equal(1);
    expect(created[0]!.task.sid).to.equal(t.sid);
    await created[0]!.accept();
    await created[0]!.task.complete();
  });

  it("follows the browser's offline and online events at once, not at the heartbeat timeout and the next backoff step", async () => {
    const q = new TaskQueue(await token('taskqueue', `?taskQueueSid=${queue.sid}`), { eventBridgeUrl: server, debug: false, reconnectDelay: 60_000 });
    try {
      await next(q, 'ready');
      const disconnected = next(q, 'disconnected');
      window.dispatchEvent(new Event('offline'));
      expect(q.connectionState).to.equal('connecting');
      await disconnected;
      // A minute's backoff before the next try: the online event tries now.
      const connected = next(q, 'connected');
      window.dispatchEvent(new Event('online'));
      await connected;
      expect(q.connectionState).to.equal('connected');
    } finally {
      q.disconnect();
    }
  });

  it('Workspace list resources, paging and statistics', async () => {
    const made = await workspace.activities.create({ FriendlyName: `Activity ${run}`, Available: false });
    await workspace.activities.update(made.sid, 'FriendlyName', `Renamed ${run}`);
    expect((await workspace.activities.fetch(made.sid)).friendlyName).to.equal(`Renamed ${run}`);
    await made.delete();
    const page = await workspace.workers.fetch({ PageSize: 2 });
    expect(page.data.length).to.equal(2);
    expect(page.hasNext).to.equal(true);
    const second = await page.next();
    expect(second.page).to.equal(1);
    const stats = await queue.statistics.fetch({ Minutes: 240 });
    expect(stats.cumulative.tasksEntered).to.be.at.least(3);
    expect((await workspace.realtimeStats.fetch()).totalTasks).to.be.a('number');
  });

  it('a TaskQueue connects and reads its statistics', async () => {
    const q = new TaskQueue(await token('taskqueue', `?taskQueueSid=${queue.sid}`), { eventBridgeUrl: server, debug: false });
    try {
      await next(q, 'ready');
      expect(q.friendlyName).to.equal(`Queue ${run}`);
      expect((await q.realtimeStats.fetch()).totalEligibleWorkers).to.equal(1);
    } finally {
      q.disconnect();
    }
  });

  it("TaskRouterClient asks for no statistics while the page is hidden, and catches up once it shows", async () => {
    const asked: string[] = [];
    const recording: typeof fetch = (input, init) => {
      const url = init?.body ? String(JSON.parse(String(init.body)).url) : ''; // token requests have no body
      if (url.endsWith('/Statistics')) asked.push(url);
      return fetch(input, init);
    };
    const client = new TaskRouterClient({ workspaceToken: `${server}/dev/tokens/workspace`, eventBridgeUrl: server, fetch: recording, statisticsInterval: 300 });
    let pageHidden = false;
    Object.defineProperty(document, 'hidden', { configurable: true, get: () => pageHidden });
    try {
      client.watchQueues([queue.sid]);
      await client.connect();
      await waitUntil(() => client.state.queueStatistics[queue.sid], 'statistics while shown', WAIT);
      pageHidden = true;
      document.dispatchEvent(new Event('visibilitychange'));
      await new Promise((resolve) => setTimeout(resolve, 1100)); // a refresh asked for before may still land
      asked.length = 0;
      const created = await task({ hidden: true });
      await new Promise((resolve) => setTimeout(resolve, 1500)); // the interval's ticks and the task's events
      expect(asked, 'nothing asked while hidden').to.deep.equal([]);
      pageHidden = false;
      document.dispatchEvent(new Event('visibilitychange'));
      await waitUntil(() => asked.length > 0, 'a refresh once shown', WAIT);
      await workspace.tasks.update(created.sid, { AssignmentStatus: 'canceled', Reason: 'test' });
    } finally {
      client.disconnect();
      delete (document as { hidden?: boolean }).hidden; // back to Document.prototype's
    }
  });

  it('TaskRouterClient fetches its tokens from URLs and follows a reservation', async () => {
    const client = new TaskRouterClient({
      workerToken: `${server}/dev/tokens/worker?workerSid=${workerSid}`,
      workspaceToken: `${server}/dev/tokens/workspace`,
      eventBridgeUrl: server,
    });
    client.watchQueues(null);
    try {
      await client.connect();
      expect(client.state.connection).to.equal('connected');
      expect(client.state.worker!.sid).to.equal(workerSid);
      const created = new Promise<string>((resolve) => client.on('reservation.created', (r) => r.task.attributes.run === run && resolve(r.sid)));
      await task({ via: 'client' });
      const sid = await created;
      await client.acceptReservation(sid);
      await client.completeTask(sid);
      expect(client.state.reservations.find((r) => r.sid === sid)!.status).to.equal('completed');
      await waitUntil(() => client.state.queueStatistics[queue.sid], 'statistics of the run queue', WAIT);
    } finally {
      client.disconnect();
    }
  });
});
