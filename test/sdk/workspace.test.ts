// Workspace and TaskQueue against the real local server, following the TaskRouter.js v1 pages
// (seeds/000, 001, 002): update, delete, updateToken, the list resources, paging, statistics, events.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { WebSocket } from 'ws';
import { Resource, Task, TaskQueue, TaskRouterError, Workspace, type Page } from '../../src/sdk/index.js';
import { Fixture, next, withGlobalWebSocket, type Json } from './helpers.js';

let fx: Fixture;
let workspace: Workspace;

/** Calls a v1 method with an error-first callback and resolves with `[error, result]`. */
function callback<T>(call: (cb: (error: TaskRouterError | null, result?: T) => void) => unknown): Promise<[TaskRouterError | null, T | undefined]> {
  return new Promise((resolve) => call((error, result) => resolve([error, result])));
}

before(async () => {
  fx = await Fixture.start({ workers: 2 });
  workspace = new Workspace(fx.workspaceToken(), fx.options());
  await next(workspace, 'ready');
});

after(async () => {
  workspace.disconnect();
  await fx.close();
});

describe('Workspace', () => {
  it('emits ready with the workspace camelCased', () => {
    assert.equal(workspace.sid, fx.workspaceSid);
    assert.match(workspace.friendlyName, /^sdk-test-/);
    assert.equal(workspace.prioritizeQueueOrder, 'FIFO');
    assert.equal(workspace.connectionState, 'connected');
  });

  it('takes v1 positional arguments (token, debug, region, maxRetries, apiBaseUrl, eventBridgeUrl)', async () => {
    const w = withGlobalWebSocket(() => new Workspace(fx.workspaceToken(), false, undefined, 1, undefined, fx.url));
    try {
      assert.equal((await next<Workspace>(w, 'ready')).sid, fx.workspaceSid);
    } finally {
      w.disconnect();
    }
  });

  it('opens its socket as v1 did on every channel, with closeExistingSessions=false', async () => {
    const urls: string[] = [];
    class Recording extends WebSocket {
      constructor(url: string) {
        super(url);
        urls.push(url);
      }
    }
    const options = fx.options({ WebSocket: Recording as unknown as typeof globalThis.WebSocket });
    const opened = [new Workspace(fx.workspaceToken(), options), new TaskQueue(fx.taskQueueToken(), options)];
    try {
      await Promise.all(opened.map((connection) => next(connection, 'ready')));
    } finally {
      for (const connection of opened) connection.disconnect();
    }
    assert.equal(urls.length, 2);
    for (const url of urls) assert.match(new URL(url).search, /^\?token=[\w.-]+&closeExistingSessions=false$/);
  });

  it('update: single attribute with a callback, several with a promise', async () => {
    const [error, updated] = await callback<Workspace>((cb) => workspace.update('EventCallbackUrl', 'http://requestb.in/1kmw9im1', cb));
    assert.equal(error, null);
    assert.equal(updated!.eventCallbackUrl, 'http://requestb.in/1kmw9im1');
    const result = await workspace.update({ EventCallbackUrl: 'http://example.com/events', TimeoutActivitySid: fx.activities.offline });
    assert.equal(result.eventCallbackUrl, 'http://example.com/events');
    assert.equal(workspace.timeoutActivitySid, fx.activities.offline);
  });

  it('activities: fetch list and one, create, update (list and instance forms), delete (both forms)', async () => {
    const [error, list] = await callback<Page<Resource>>((cb) => workspace.activities.fetch(cb));
    assert.equal(error, null);
    assert.ok(list!.data.some((a) => a.friendlyName === 'Idle'));
    const [, one] = await callback<Resource>((cb) => workspace.activities.fetch(fx.activities.idle, cb));
    assert.equal(one!.friendlyName, 'Idle');

    const [createError, created] = await callback<Resource>((cb) => workspace.activities.create({ FriendlyName: 'Activity1', Available: 'true' }, cb));
    assert.equal(createError, null);
    assert.equal(created!.friendlyName, 'Activity1');
    assert.equal(created!.available, true);
    const [, renamed] = await callback<Resource>((cb) => workspace.activities.update(created!.sid, 'FriendlyName', 'NewFriendlyName', cb));
    assert.equal(renamed!.friendlyName, 'NewFriendlyName');
    // The instance form, with the SID first as the v1 page shows it.
    const [, again] = await callback<Resource>((cb) => created!.update(created!.sid, 'FriendlyName', 'Again', cb));
    assert.equal(again!.friendlyName, 'Again');
    assert.equal(created!.friendlyName, 'Again');
    const [deleteError] = await callback((cb) => created!.delete(cb));
    assert.equal(deleteError, null);
    await assert.rejects(workspace.activities.fetch(created!.sid), (e: TaskRouterError) => e.status === 404);

    const other = await workspace.activities.create({ FriendlyName: 'Activity2', Available: false });
    const [listDeleteError] = await callback((cb) => workspace.activities.delete(other.sid, cb));
    assert.equal(listDeleteError, null);
  });

  it('workflows: create with a configuration object, update, statistics, delete', async () => {
    // seeds/001's workflowConfig, as written there (task_queue_sid, the older name of queue).
    const config = { task_routing: { default_filter: { task_queue_sid: fx.queueSid } } };
    const workflow = await workspace.workflows.create({ FriendlyName: 'Workflow1', AssignmentCallbackUrl: 'http://requestb.in/1kmw9im1', Configuration: config });
    assert.equal(workflow.friendlyName, 'Workflow1');
    assert.deepEqual(workflow.configuration.task_routing.default_filter, { task_queue_sid: fx.queueSid });
    const [, updated] = await callback<Resource>((cb) => workspace.workflows.update(workflow.sid, 'TaskReservationTimeout', '300', cb));
    assert.equal(updated!.taskReservationTimeout, 300);
    const [, instance] = await callback<Resource>((cb) => workflow.update(workflow.sid, 'TaskReservationTimeout', '200', cb));
    assert.equal(instance!.taskReservationTimeout, 200);
    const [statsError, stats] = await callback<Json>((cb) => workflow.statistics.fetch({ Minutes: '240' }, cb));
    assert.equal(statsError, null);
    assert.ok(stats!.cumulative && stats!.realtime, JSON.stringify(stats));
    assert.equal(typeof (await workflow.cumulativeStats.fetch({ Minutes: '240' })).tasksEntered, 'number');
    assert.equal(typeof (await workflow.realtimeStats.fetch()).totalTasks, 'number');
    await workflow.delete();
  });

  it('taskqueues: create, update both forms, statistics on the list and the instance, delete', async () => {
    const queue = await workspace.taskqueues.create({ FriendlyName: 'TaskQueue1', ReservationActivitySid: fx.activities.reserved, AssignmentActivitySid: fx.activities.busy, TargetWorkers: '1==1' });
    assert.equal(queue.friendlyName, 'TaskQueue1');
    assert.equal(queue.reservationActivitySid, fx.activities.reserved);
    const [, updated] = await callback<Resource>((cb) => workspace.taskqueues.update(queue.sid, 'MaxReservedWorkers', '20', cb));
    assert.equal(updated!.maxReservedWorkers, 20);
    await queue.update(queue.sid, { TargetWorkers: 'skills HAS "support"' });
    assert.equal(queue.targetWorkers, 'skills HAS "support"');

    const [listError, listStats] = await callback<Json>((cb) => workspace.taskqueues.statistics.fetch({ Minutes: '240' }, cb));
    assert.equal(listError, null);
    assert.ok(JSON.stringify(listStats).includes(queue.sid));
    const stats = await queue.statistics.fetch({ Minutes: '240' });
    assert.equal(typeof stats.cumulative.avgTaskAcceptanceTime, 'number');
    assert.equal(typeof (await queue.cumulativeStats.fetch()).avgTaskAcceptanceTime, 'number');
    // seeds/001 passes its `{"Minutes":"240"}` query to realtimeStats too.
    const [realtimeError, realtime] = await callback<Json>((cb) => queue.realtimeStats.fetch({ Minutes: '240' }, cb));
    assert.equal(realtimeError, null);
    assert.equal(typeof realtime!.totalAvailableWorkers, 'number');
    assert.equal(typeof realtime!.totalEligibleWorkers, 'number');
    await workspace.taskqueues.delete(queue.sid);
    await assert.rejects(workspace.taskqueues.fetch(queue.sid), (e: TaskRouterError) => e.code === 20404);
  });

  it('workers: fetch, create, update both forms, statistics (list and one), delete', async () => {
    const worker = await workspace.workers.create({ FriendlyName: 'Worker1' });
    assert.equal(worker.friendlyName, 'Worker1');
    const [, updated] = await callback<Resource>((cb) => workspace.workers.update(worker.sid, 'ActivitySid', fx.activities.idle, cb));
    assert.equal(updated!.activityName, 'Idle');
    await worker.update(worker.sid, 'ActivitySid', fx.activities.offline);
    assert.equal(worker.activityName, 'Offline');
    const one = await workspace.workers.fetch(worker.sid);
    assert.equal(one.friendlyName, 'Worker1');
    assert.ok((await workspace.workers.fetch()).data.some((w: Resource) => w.sid === worker.sid));

    // As seeds/001 writes them (no `!`): the workers and taskqueues lists are typed with their statistics.
    assert.ok((await workspace.workers.statistics.fetch({ Minutes: '240' })).realtime);
    assert.equal(typeof (await workspace.workers.realtimeStats.fetch()).totalWorkers, 'number');
    assert.ok(await workspace.workers.cumulativeStats.fetch({ Minutes: '240' }));
    const [statsError, stats] = await callback<Json>((cb) => worker.statistics.fetch({ Minutes: '240' }, cb));
    assert.equal(statsError, null);
    assert.ok(stats!.cumulative);
    await worker.delete();
  });

  it('tasks: create with string attributes, fetch, update both forms, delete both forms', async () => {
    const [error, task] = await callback<Resource>((cb) => workspace.tasks.create({ WorkflowSid: fx.workflowSid, Attributes: '{"Ticket":"Gold"}' }, cb));
    assert.equal(error, null);
    assert.ok(task!.sid.startsWith('WT'));
    assert.deepEqual((await workspace.tasks.fetch(task!.sid)).attributes, { Ticket: 'Gold' });
    const cancel = { AssignmentStatus: 'canceled', Reason: 'waiting' };
    const [, canceled] = await callback<Resource>((cb) => task!.update(task!.sid, cancel, cb));
    assert.equal(canceled!.assignmentStatus, 'canceled');
    await task!.delete();
    const second = await workspace.tasks.create({ WorkflowSid: fx.workflowSid, Attributes: { Ticket: 'Silver' } });
    await workspace.tasks.update(second.sid, cancel);
    const [deleteError] = await callback((cb) => workspace.tasks.delete(second.sid, cb));
    assert.equal(deleteError, null);
  });

  it('list instances carry the fields their types declare (TaskQueueResource, WorkerResource…)', async () => {
    const queue = await workspace.taskqueues.fetch(fx.queueSid);
    const order: 'FIFO' | 'LIFO' = queue.taskOrder;
    assert.ok(['FIFO', 'LIFO'].includes(order));
    assert.equal(typeof queue.maxReservedWorkers, 'number');
    assert.equal(typeof queue.targetWorkers, 'string');
    assert.ok(queue.dateCreated instanceof Date && queue.dateUpdated instanceof Date);
    assert.equal(typeof (await queue.realtimeStats.fetch()).totalTasks, 'number');
    // @ts-expect-error maxReservedWorkers is a number: the types are checked, not `any`.
    const notAString: string = queue.maxReservedWorkers;
    assert.notEqual(typeof notAString, 'string');

    const [worker] = (await workspace.workers.fetch()).data;
    assert.equal(typeof worker.attributes, 'object');
    assert.equal(typeof worker.available, 'boolean');
    assert.ok(worker.dateStatusChanged instanceof Date);
    assert.equal(typeof (await worker.statistics.fetch()).cumulative, 'object');

    const [workflow] = (await workspace.workflows.fetch()).data;
    assert.equal(typeof workflow.configuration.task_routing, 'object');
    assert.equal(typeof workflow.taskReservationTimeout, 'number');

    const [activity] = (await workspace.activities.fetch()).data;
    assert.equal(typeof activity.available, 'boolean');
    assert.equal(activity.workspaceSid, fx.workspaceSid);

    const made = await workspace.tasks.create({ Attributes: { type: 'typed' }, WorkflowSid: fx.workflowSid });
    const task = await workspace.tasks.fetch(made.sid);
    assert.ok(task instanceof Task);
    assert.equal(task.attributes.type, 'typed');
    assert.equal(typeof task.priority, 'number');
    await workspace.tasks.delete(made.sid);
  });

  it('pages through a list with next and previous', async () => {
    for (let i = 0; i < 5; i++) await workspace.activities.create({ FriendlyName: `Paged${i}`, Available: false });
    const first = await workspace.activities.fetch({ PageSize: 3 });
    assert.equal(first.data.length, 3);
    assert.equal(first.pageSize, 3);
    assert.equal(first.hasNext, true);
    assert.equal(first.hasPrevious, false);
    const [error, second] = await callback<Page<Resource>>((cb) => first.next(cb));
    assert.equal(error, null);
    assert.equal(second!.page, 1);
    const names = new Set([...first.data, ...second!.data].map((a) => a.sid));
    assert.equal(names.size, first.data.length + second!.data.length, 'no overlap');
    const back = await second!.previous();
    assert.deepEqual(back.data.map((a: Resource) => a.sid), first.data.map((a: Resource) => a.sid));
    await assert.rejects(first.previous(), /No such page/);
  });

  it('statistics, cumulativeStats and realtimeStats of the workspace take params', async () => {
    const [error, stats] = await callback<Json>((cb) => workspace.statistics.fetch({ Minutes: '240' }, cb));
    assert.equal(error, null);
    assert.ok(stats!.realtime && stats!.cumulative);
    assert.equal(typeof (await workspace.cumulativeStats.fetch({ Minutes: '240' })).tasksCreated, 'number');
    assert.equal(typeof (await workspace.realtimeStats.fetch({})).totalTasks, 'number');
  });

  it('receives the workspace events under their own type', async () => {
    const created = next<Resource>(workspace, 'task.created');
    const task = await fx.task({ event: 'check' });
    const event = await created;
    assert.equal(event.sid, task.sid);
    assert.deepEqual(event.attributes, { event: 'check' });
    await fx.api('POST', `Tasks/${task.sid}`, { AssignmentStatus: 'canceled', Reason: 'test' });
  });

  it('updateToken keeps requests working; a token for another channel is refused', async () => {
    workspace.updateToken(fx.workspaceToken(600));
    assert.equal((await workspace.fetch()).sid, fx.workspaceSid);
    assert.throws(() => workspace.updateToken(fx.workerToken()), /token: for WK/);
  });

  it('delete deletes the workspace', async () => {
    const other = await Fixture.start({ workers: 0 });
    const w = new Workspace(other.workspaceToken(), other.options());
    try {
      await next(w, 'ready');
      const [error] = await callback((cb) => w.delete(cb));
      assert.equal(error, null);
      await assert.rejects(other.api('GET', `/Workspaces/${other.workspaceSid}`), (e: { status: number }) => e.status === 404);
    } finally {
      w.disconnect();
      await other.close();
    }
  });
});

describe('TaskQueue', () => {
  let queue: TaskQueue;

  before(async () => {
    queue = new TaskQueue(fx.taskQueueToken(), fx.options());
    await next(queue, 'ready');
  });

  after(() => queue.disconnect());

  it('emits ready with the queue camelCased', () => {
    assert.equal(queue.sid, fx.queueSid);
    assert.equal(queue.friendlyName, 'Support');
    assert.equal(queue.targetWorkers, '1==1');
    assert.equal(queue.maxReservedWorkers, 1);
  });

  it('update: single attribute with a callback, several with a promise', async () => {
    const [error, updated] = await callback<TaskQueue>((cb) => queue.update('MaxReservedWorkers', '20', cb));
    assert.equal(error, null);
    assert.equal(updated!.maxReservedWorkers, 20);
    await queue.update({ MaxReservedWorkers: '1', TargetWorkers: 'skills HAS "support"' });
    assert.equal(queue.targetWorkers, 'skills HAS "support"');
    assert.equal(queue.maxReservedWorkers, 1);
    // The pages' sample passes a SID first, e.g. a workflow's: the callback gets the error; nothing throws.
    const [mismatch] = await callback<TaskQueue>((cb) => queue.update('WW' + '0'.repeat(32), 'FriendlyName', 'x', cb));
    assert.match(String(mismatch), /update: WW0+ is not WQ/);
  });

  it('statistics, cumulativeStats (with params) and realtimeStats', async () => {
    const [error, stats] = await callback<Json>((cb) => queue.statistics.fetch({ Minutes: '240' }, cb));
    assert.equal(error, null);
    assert.equal(typeof stats!.cumulative.avgTaskAcceptanceTime, 'number');
    const [, cumulative] = await callback<Json>((cb) => queue.cumulativeStats.fetch({ Minutes: '240' }, cb));
    assert.equal(typeof cumulative!.avgTaskAcceptanceTime, 'number');
    const [, realtime] = await callback<Json>((cb) => queue.realtimeStats.fetch(cb));
    assert.equal(typeof realtime!.totalAvailableWorkers, 'number');
    assert.equal(typeof realtime!.totalEligibleWorkers, 'number');
  });

  it('delete deletes the queue', async () => {
    const extra = await fx.api('POST', 'TaskQueues', { FriendlyName: 'Doomed' });
    const doomed = new TaskQueue(fx.taskQueueToken(extra.sid), fx.options());
    try {
      await next(doomed, 'ready');
      const [error] = await callback((cb) => doomed.delete(cb));
      assert.equal(error, null);
      await assert.rejects(fx.api('GET', `TaskQueues/${extra.sid}`), (e: { status: number }) => e.status === 404);
    } finally {
      doomed.disconnect();
    }
  });
});
