import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { acceptOnly, fixture, type Fixture } from './helpers.js';

/** Lets a single worker take tasks one at a time; returns the order of the tasks' `n` attribute. */
function drainOrder(f: Fixture, worker: string, count: number): unknown[] {
  const order: unknown[] = [];
  f.setActivity(worker, 'Available');
  for (let i = 0; i < count; i++) {
    const reservation = acceptOnly(f, worker);
    const task = f.engine.tasks.get(f.ws, reservation.task_sid);
    order.push(JSON.parse(task.attributes).n);
    f.engine.tasks.update(f.ws, task.sid, { assignment_status: 'completed' });
    f.clock.advance(1000);
    f.setActivity(worker, 'Offline');
    f.setActivity(worker, 'Available');
  }
  return order;
}

describe('assignment precedence', () => {
  let f: Fixture;
  afterEach(() => f.close());

  it('assigns higher priority first regardless of age, then the oldest (FIFO)', () => {
    f = fixture({ multi_task_enabled: false });
    f.queueWithWorkflow();
    const worker = f.worker('Alice', {}, 'Offline').sid;
    const plan = [
      { n: 'low-old', priority: 1 },
      { n: 'high-old', priority: 10 },
      { n: 'low-new', priority: 1 },
      { n: 'mid', priority: 5 },
      { n: 'high-new', priority: 10 },
    ];
    for (const { n, priority } of plan) {
      f.task({ n }, { priority });
      f.clock.advance(1000);
    }
    assert.deepEqual(drainOrder(f, worker, 5), ['high-old', 'high-new', 'mid', 'low-old', 'low-new']);
  });

  it('assigns the newest first in a LIFO queue, whatever its priority ("LIFO ordering does not consider the Task priority")', () => {
    f = fixture({ multi_task_enabled: false });
    f.queueWithWorkflow({ task_order: 'LIFO' });
    const worker = f.worker('Alice', {}, 'Offline').sid;
    for (const [n, priority] of [['a', 0], ['b', 0], ['c', 5], ['d', 0], ['e', 5]] as const) {
      f.task({ n }, { priority });
      f.clock.advance(1000);
    }
    assert.deepEqual(drainOrder(f, worker, 5), ['e', 'd', 'c', 'b', 'a']);
  });

  it('a queue switched from LIFO to FIFO orders its waiting tasks by priority again', () => {
    f = fixture({ multi_task_enabled: false });
    const { queue } = f.queueWithWorkflow({ task_order: 'LIFO' });
    const worker = f.worker('Alice', {}, 'Offline').sid;
    f.task({ n: 'urgent' }, { priority: 5 });
    f.clock.advance(1000);
    f.task({ n: 'newest' }, { priority: 0 });
    f.engine.taskQueues.update(f.ws, queue, { task_order: 'FIFO' });
    assert.deepEqual(drainOrder(f, worker, 2), ['urgent', 'newest']);
  });

  it('orders by virtual_start_time when a task has one', () => {
    f = fixture({ multi_task_enabled: false });
    f.queueWithWorkflow();
    const worker = f.worker('Alice', {}, 'Offline').sid;
    f.task({ n: 'first-created' });
    f.clock.advance(1000);
    f.task({ n: 'backdated' }, { virtual_start_time: new Date(f.clock.now() - 60_000).toISOString() });
    assert.deepEqual(drainOrder(f, worker, 2), ['backdated', 'first-created']);
  });

  it('between a FIFO and a LIFO queue, the workspace prioritize_queue_order decides; within each, its own order', () => {
    for (const prefer of ['FIFO', 'LIFO'] as const) {
      f = fixture({ multi_task_enabled: false, prioritize_queue_order: prefer });
      const fifo = f.engine.taskQueues.create(f.ws, { friendly_name: 'fifo', target_workers: '1==1' }).sid;
      const lifo = f.engine.taskQueues.create(f.ws, { friendly_name: 'lifo', target_workers: '1==1', task_order: 'LIFO' }).sid;
      f.engine.workflows.create(f.ws, {
        friendly_name: 'split',
        configuration: {
          task_routing: { filters: [{ expression: 'lane == "lifo"', targets: [{ queue: lifo }] }], default_filter: { queue: fifo } },
        },
      });
      const worker = f.worker('Alice', {}, 'Offline').sid;
      f.task({ n: 'fifo-1', lane: 'fifo' });
      f.clock.advance(1000);
      f.task({ n: 'lifo-1', lane: 'lifo' });
      f.clock.advance(1000);
      f.task({ n: 'fifo-urgent', lane: 'fifo' }, { priority: 3 });
      f.clock.advance(1000);
      f.task({ n: 'lifo-2', lane: 'lifo' });
      f.clock.advance(1000);
      const expected =
        prefer === 'FIFO' ? ['fifo-urgent', 'fifo-1', 'lifo-2', 'lifo-1'] : ['lifo-2', 'lifo-1', 'fifo-urgent', 'fifo-1'];
      assert.deepEqual(drainOrder(f, worker, 4), expected, `prioritize_queue_order=${prefer}`);
      f.close();
    }
    f = fixture();
  });

  it('gives a new task to the longest idle available worker', () => {
    f = fixture({ multi_task_enabled: false });
    f.queueWithWorkflow();
    const a = f.worker('A', {}, 'Offline').sid;
    const b = f.worker('B', {}, 'Offline').sid;
    const c = f.worker('C', {}, 'Offline').sid;
    f.setActivity(b, 'Available');
    f.clock.advance(1000);
    f.setActivity(c, 'Available');
    f.clock.advance(1000);
    f.setActivity(a, 'Available');
    const first = f.task({ n: 1 });
    const second = f.task({ n: 2 });
    assert.equal(f.reservations(first.sid)[0]!.worker_sid, b);
    assert.equal(f.reservations(second.sid)[0]!.worker_sid, c);
    assert.equal(first.assignment_status, 'reserved');
  });
});

describe('the idle line', () => {
  let f: Fixture;
  afterEach(() => f.close());

  it('the worker who just got a task goes to the back of the idle line (longest idle first)', () => {
    f = fixture();
    f.queueWithWorkflow();
    const ann = f.worker('Ann').sid;
    f.clock.advance(1_000);
    const ben = f.worker('Ben').sid;
    f.clock.advance(1_000);
    const first = f.task({});
    acceptOnly(f, ann); // the longest idle
    f.engine.tasks.update(f.ws, first.sid, { assignment_status: 'completed' });
    f.clock.advance(1_000);
    const second = f.task({});
    assert.equal(f.reservations(second.sid, 'pending')[0]?.worker_sid, ben);
  });

  it('moving between two available activities keeps the worker\'s place in the idle line', () => {
    f = fixture();
    f.queueWithWorkflow();
    const ready = f.addActivity('Ready', true);
    const ann = f.worker('Ann').sid;
    f.clock.advance(1_000);
    f.worker('Ben');
    f.clock.advance(1_000);
    f.engine.workers.update(f.ws, ann, { activity_sid: ready });
    const task = f.task({});
    assert.equal(f.reservations(task.sid, 'pending')[0]?.worker_sid, ann);
  });
});
