import { test } from 'node:test';
import assert from 'node:assert/strict';
import { deliveriesOf, type BridgeEvent } from '../../../src/server/bridge/audience.js';
import { openEngine, type EngineEvent } from '../../../src/server/engine/index.js';
import { seedDemoWorkspace } from '../../../src/server/seed.js';

/** Real engine events, captured while the demo workspace routes one task. */
function capture() {
  const engine = openEngine({ memory: true });
  const account = engine.accounts.create();
  const demo = seedDemoWorkspace(engine, account.sid);
  const events: EngineEvent[] = [];
  engine.subscribe((event) => events.push(event));
  const task = engine.tasks.create(demo.workspaceSid, { workflow_sid: demo.workflowSid, attributes: { type: 'sales' } });
  engine.tasks.update(demo.workspaceSid, task.sid, { priority: 3 });
  engine.workerChannels.update(demo.workspaceSid, demo.workers.Bob!, 'chat', { capacity: 4 });
  engine.activities.create(demo.workspaceSid, { friendly_name: 'Training' });
  engine.workers.update(demo.workspaceSid, demo.workers.Dmitri!, { activity_sid: demo.activities.Break });
  engine.close();
  const find = (type: string) => events.find((event) => event.event_type === type)! as BridgeEvent;
  return { demo, task, find };
}

test('reservation events: the Reservation for the workspace and queue, the v1 mashup for the worker', () => {
  const { demo, task, find } = capture();
  const event = find('reservation.created');
  const deliveries = deliveriesOf(event);
  assert.deepEqual(deliveries.map((d) => d.channel), [demo.workspaceSid, demo.queues.Sales, demo.workers.Alice]);

  const [workspace, queue, worker] = deliveries as [any, any, any];
  assert.equal(workspace.payload.sid, event.reservation!.sid);
  assert.equal(workspace.payload.task_sid, task.sid);
  assert.equal(typeof workspace.payload.date_created, 'number');
  assert.equal(queue.payload, workspace.payload);

  assert.equal(worker.event_type, 'reservation.created');
  assert.equal(worker.payload.sid, task.sid);
  assert.equal(worker.payload.reservation_sid, event.reservation!.sid);
  assert.equal(worker.payload.reservation_status, 'pending');
  assert.equal(worker.payload.worker_sid, demo.workers.Alice);
  assert.equal(worker.payload.attributes, JSON.stringify({ type: 'sales' }));
  assert.equal(worker.payload.date_created, Math.floor(Date.parse(task.date_created) / 1000));
  assert.equal(worker.payload.url, undefined);
  assert.equal(worker.payload.reservation.sid, event.reservation!.sid);
  assert.equal(worker.payload.reservation.task_sid, task.sid);
  assert.equal(worker.payload.reservation.date_created, Math.floor(Date.parse(event.reservation!.date_created) / 1000));
});

test('only listening channels get deliveries, and their payloads are built only for them', () => {
  const { demo, find } = capture();
  const event = find('reservation.created');
  assert.deepEqual(deliveriesOf(event, () => false), []);
  const asked: string[] = [];
  const onlyTheWorker = deliveriesOf(event, (channel) => (asked.push(channel), channel === demo.workers.Alice));
  assert.deepEqual(asked, [demo.workspaceSid, demo.queues.Sales, demo.workers.Alice]);
  assert.deepEqual(onlyTheWorker.map((d) => d.channel), [demo.workers.Alice]);
  assert.deepEqual(onlyTheWorker[0]!.payload, deliveriesOf(event)[2]!.payload);
});

test('worker channel events carry the WorkerChannel; worker events the Worker', () => {
  const { demo, find } = capture();
  const capacity = deliveriesOf(find('worker.capacity.update'));
  assert.deepEqual(capacity.map((d) => d.channel), [demo.workspaceSid, demo.workers.Bob]);
  const payload = capacity[1]!.payload as any;
  assert.match(payload.sid, /^WC/);
  assert.equal(payload.configured_capacity, 4);
  assert.equal(payload.task_channel_unique_name, 'chat');

  const activity = deliveriesOf(find('worker.activity.update'));
  assert.deepEqual(activity.map((d) => d.channel), [demo.workspaceSid, demo.workers.Dmitri]);
  const worker = activity[1]!.payload as any;
  assert.equal(worker.sid, demo.workers.Dmitri);
  assert.equal(worker.activity_name, 'Break');
  assert.equal(typeof worker.attributes, 'string');
  assert.equal(typeof worker.date_status_changed, 'number');
});

test('configuration events reach the workspace only, as the event record', () => {
  const { demo, find } = capture();
  const deliveries = deliveriesOf(find('activity.created'));
  assert.deepEqual(deliveries.map((d) => d.channel), [demo.workspaceSid]);
  const payload = deliveries[0]!.payload as any;
  assert.match(payload.sid, /^EV/);
  assert.equal(payload.event_type, 'activity.created');
  assert.equal(payload.resource_type, 'activity');
  assert.equal(payload.worker, undefined);
});

test('task events reach the workspace and, once queued, the queue', () => {
  const { demo, find } = capture();
  const entered = deliveriesOf(find('task-queue.entered'));
  assert.deepEqual(entered.map((d) => d.channel), [demo.workspaceSid, demo.queues.Sales]);
  const created = deliveriesOf(find('task.created'));
  assert.deepEqual(created.map((d) => d.channel), [demo.workspaceSid, demo.queues.Sales]);
});

test('task events of a task held by several workers reach each of them', () => {
  const { demo, task, find } = capture();
  const event = { ...find('task.updated'), worker_sids: [demo.workers.Alice!, demo.workers.Bob!] };
  const deliveries = deliveriesOf(event);
  assert.deepEqual(deliveries.map((d) => d.channel), [demo.workspaceSid, demo.queues.Sales, demo.workers.Alice, demo.workers.Bob]);
  assert.equal((deliveries[2]!.payload as any).sid, task.sid);
});
