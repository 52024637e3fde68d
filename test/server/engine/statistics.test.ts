import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import { EngineError } from '../../../src/server/engine/index.js';
import { fixture, type Fixture } from './helpers.js';

/**
 * A scripted day (times in seconds after 09:00:00), checked number by number:
 *   0  A becomes Available; T1 (priority 1) is created and reserved for A
 *  10  A accepts T1; T2 (priority 2) is created and waits (A busy, B offline)
 *  20  T3 (priority 0) is created and waits
 *  30  B becomes Available and is reserved T2
 *  40  B rejects T2, moving to Unavailable
 *  50  A completes T1 and, still Available, is reserved T2
 * 170  A's reservation times out (120 s): A goes Offline
 * 180  T3 is canceled
 * 200  B becomes Available and is reserved T2
 * 210  B accepts T2
 */
describe('statistics for a scripted scenario', () => {
  let f: Fixture;
  let queue: string;
  let workflow: string;
  let a: string;
  let b: string;
  const t0 = Date.UTC(2024, 0, 1, 9, 0, 0);
  const at = (seconds: number) => f.clock.advanceTo(t0 + seconds * 1000);

  before(() => {
    f = fixture({ multi_task_enabled: false });
    ({ queue, workflow } = f.queueWithWorkflow());
    a = f.worker('A', {}, 'Offline').sid;
    b = f.worker('B', {}, 'Offline').sid;
    f.setActivity(a, 'Available');
    const t1 = f.task({ n: 1 }, { priority: 1 });
    at(10);
    f.engine.reservations.accept(f.ws, f.pendingFor(a)[0]!.sid);
    const t2 = f.task({ n: 2 }, { priority: 2 });
    at(20);
    const t3 = f.task({ n: 3 }, { priority: 0 });
    at(30);
    f.setActivity(b, 'Available');
    assert.equal(f.pendingFor(b)[0]!.task_sid, t2.sid);
    at(40);
    f.engine.reservations.reject(f.ws, f.pendingFor(b)[0]!.sid, f.activity.Unavailable);
    at(50);
    f.engine.tasks.update(f.ws, t1.sid, { assignment_status: 'completed' });
    assert.equal(f.pendingFor(a)[0]!.task_sid, t2.sid);
    at(170);
    assert.equal(f.pendingFor(a).length, 0);
    at(180);
    f.engine.tasks.update(f.ws, t3.sid, { assignment_status: 'canceled' });
    at(200);
    f.setActivity(b, 'Available');
    at(210);
    f.engine.reservations.accept(f.ws, f.pendingFor(b)[0]!.sid);
  });
  after(() => f.close());

  it('workspace cumulative', () => {
    const stats = f.engine.statistics.workspaceCumulative(f.ws, { split_by_wait_time: '60' });
    assert.equal(stats.start_time, '2024-01-01T08:48:30Z');
    assert.equal(stats.end_time, '2024-01-01T09:03:30Z');
    assert.deepEqual(
      {
        created: stats.tasks_created, canceled: stats.tasks_canceled, completed: stats.tasks_completed,
        deleted: stats.tasks_deleted, moved: stats.tasks_moved, timedOut: stats.tasks_timed_out_in_workflow,
      },
      { created: 3, canceled: 1, completed: 1, deleted: 0, moved: 0, timedOut: 0 },
    );
    assert.deepEqual(
      [stats.reservations_created, stats.reservations_accepted, stats.reservations_rejected, stats.reservations_timed_out, stats.reservations_canceled, stats.reservations_rescinded],
      [4, 2, 1, 1, 0, 0],
    );
    assert.equal(stats.avg_task_acceptance_time, 105);
    assert.deepEqual(stats.wait_duration_until_accepted, { avg: 105, min: 10, max: 200, total: 210 });
    assert.deepEqual(stats.wait_duration_until_canceled, { avg: 160, min: 160, max: 160, total: 160 });
    assert.deepEqual(stats.split_by_wait_time, {
      60: { below: { tasks_canceled: 0, reservations_accepted: 1 }, above: { tasks_canceled: 1, reservations_accepted: 1 } },
    });
  });

  it('workspace realtime', () => {
    const stats = f.engine.statistics.workspaceRealtime(f.ws);
    assert.deepEqual(stats.tasks_by_status, { pending: 0, reserved: 0, assigned: 1, wrapping: 0 });
    assert.deepEqual(stats.tasks_by_priority, { 2: 1 });
    assert.equal(stats.total_tasks, 1);
    assert.equal(stats.total_workers, 2);
    assert.equal(stats.longest_task_waiting_sid, null);
    assert.deepEqual(
      Object.fromEntries(stats.activity_statistics.map((s) => [s.friendly_name, s.workers])),
      { Offline: 1, Available: 1, Unavailable: 0 },
    );
  });

  it('queue cumulative and realtime, and the list of all queues', () => {
    const cumulative = f.engine.statistics.taskQueueCumulative(f.ws, queue);
    assert.equal(cumulative.tasks_entered, 3);
    assert.equal(cumulative.reservations_created, 4);
    assert.deepEqual(cumulative.wait_duration_in_queue_until_accepted, { avg: 105, min: 10, max: 200, total: 210 });
    const realtime = f.engine.statistics.taskQueueRealtime(f.ws, queue);
    assert.equal(realtime.total_eligible_workers, 2);
    assert.equal(realtime.total_available_workers, 1);
    assert.equal(realtime.total_tasks, 1);
    const all = f.engine.statistics.taskQueues(f.ws);
    assert.equal(all.items.length, 1);
    assert.equal(all.items[0]!.cumulative.tasks_entered, 3);
  });

  it('workflow realtime and cumulative', () => {
    const realtime = f.engine.statistics.workflowRealtime(f.ws, workflow);
    assert.deepEqual([realtime.total_tasks, realtime.tasks_by_status.assigned], [1, 1]);
    const cumulative = f.engine.statistics.workflow(f.ws, workflow).cumulative;
    assert.deepEqual([cumulative.tasks_entered, cumulative.tasks_completed, cumulative.reservations_rejected], [3, 1, 1]);
  });

  it('worker activity durations and reservation counts', () => {
    const all = f.engine.statistics.workersCumulative(f.ws);
    const durations = Object.fromEntries(all.activity_durations.map((d) => [d.friendly_name, [d.total, d.min, d.max, d.avg]]));
    assert.deepEqual(durations, { Offline: [70, 30, 40, 35], Available: [190, 20, 170, 95], Unavailable: [160, 160, 160, 160] });
    const one = f.engine.statistics.worker(f.ws, a).cumulative;
    assert.deepEqual([one.reservations_created, one.reservations_accepted, one.reservations_timed_out, one.reservations_rejected], [2, 1, 1, 0]);
    assert.deepEqual(
      Object.fromEntries(one.activity_durations.map((d) => [d.friendly_name, d.total])),
      { Offline: 40, Available: 170, Unavailable: 0 },
    );
    const byName = f.engine.statistics.workersCumulative(f.ws, { friendly_name: 'B' });
    assert.deepEqual([byName.reservations_created, byName.reservations_rejected], [2, 1]);
    const realtime = f.engine.statistics.workersRealtime(f.ws, { task_queue_sid: queue });
    assert.equal(realtime.total_workers, 2);
  });

  it('honours start/end dates, minutes and task channel', () => {
    const window = f.engine.statistics.workspaceCumulative(f.ws, {
      start_date: new Date(t0 + 45_000).toISOString(),
      end_date: new Date(t0 + 175_000).toISOString(),
    });
    assert.deepEqual(
      [window.reservations_created, window.reservations_timed_out, window.reservations_accepted, window.tasks_completed, window.tasks_created],
      [1, 1, 0, 1, 0],
    );
    const lastMinute = f.engine.statistics.workspaceCumulative(f.ws, { minutes: 1 });
    assert.deepEqual([lastMinute.reservations_created, lastMinute.reservations_accepted, lastMinute.tasks_canceled], [1, 1, 1]);
    const voice = f.engine.statistics.workspaceCumulative(f.ws, { task_channel: 'voice' });
    assert.equal(voice.reservations_created, 0);
    assert.equal(f.engine.statistics.workspaceCumulative(f.ws, { task_channel: 'default' }).reservations_created, 4);
    assert.throws(
      () => f.engine.statistics.workspaceCumulative(f.ws, { minutes: 5, start_date: '2024-01-01T00:00:00Z' }),
      (e: EngineError) => e.param === 'Minutes',
    );
    assert.throws(() => f.engine.statistics.workspaceCumulative(f.ws, { task_channel: 'fax' }), (e: EngineError) => e.status === 404);
    for (const split of ['5,,10', 'abc', '-1', '1.5']) {
      assert.throws(() => f.engine.statistics.workspaceCumulative(f.ws, { split_by_wait_time: split }), (e: EngineError) => e.param === 'SplitByWaitTime', split);
    }
  });
});

describe('realtime waiting tasks', () => {
  it('reports the longest waiting task by age and by time in its queue', () => {
    const f = fixture();
    const [first, second] = ['first', 'second'].map((name) => f.engine.taskQueues.create(f.ws, { friendly_name: name, target_workers: 'none == 1' }).sid);
    f.engine.workflows.create(f.ws, {
      friendly_name: 'wf',
      configuration: { task_routing: { filters: [{ expression: '1==1', targets: [{ queue: first!, timeout: 30 }, { queue: second! }] }] } },
    });
    const old = f.task({}, { priority: 4 });
    f.clock.advance(20_000);
    const young = f.task({});
    f.clock.advance(20_000);
    const inSecond = f.engine.statistics.taskQueueRealtime(f.ws, second!);
    assert.equal(inSecond.longest_task_waiting_sid, old.sid);
    assert.equal(inSecond.longest_task_waiting_age, 40);
    assert.equal(inSecond.longest_relative_task_age_in_queue, 10, 'moved to the second queue at age 30');
    const inFirst = f.engine.statistics.taskQueueRealtime(f.ws, first!);
    assert.deepEqual([inFirst.longest_task_waiting_sid, inFirst.longest_task_waiting_age, inFirst.tasks_by_status.pending], [young.sid, 20, 1]);
    assert.deepEqual(f.engine.statistics.workspaceRealtime(f.ws).tasks_by_priority, { 0: 1, 4: 1 });
    f.close();
  });
});

describe('statistics of all queues', () => {
  it('gives each queue of the list the statistics it has alone, for every kind of query', () => {
    const f = fixture();
    const [first, second, staffed] = ['first', 'second', 'staffed'].map(
      (name) => f.engine.taskQueues.create(f.ws, { friendly_name: name, target_workers: name === 'staffed' ? '1==1' : 'none == 1' }).sid!,
    );
    f.engine.workflows.create(f.ws, {
      friendly_name: 'wf',
      configuration: {
        task_routing: {
          filters: [
            { expression: 'staffed == true', targets: [{ queue: staffed! }] },
            { expression: '1==1', targets: [{ queue: first!, timeout: 30 }, { queue: second! }] },
          ],
        },
      },
    });
    const agent = f.worker('agent', {}, 'Available').sid;
    f.task({}); // waits in the first queue, then in the second
    const canceled = f.task({});
    f.task({ staffed: true });
    f.clock.advance(12_000);
    f.engine.reservations.accept(f.ws, f.pendingFor(agent)[0]!.sid);
    f.clock.advance(25_000); // the first two tasks move to the second queue at age 30
    f.engine.tasks.update(f.ws, canceled.sid, { assignment_status: 'canceled', reason: 'test' });
    f.clock.advance(5_000);
    assert.equal(f.engine.statistics.taskQueueCumulative(f.ws, first!).tasks_moved, 2, 'the scenario moved tasks');
    assert.equal(f.engine.statistics.taskQueueCumulative(f.ws, first!, { task_channel: 'voice' }).tasks_moved, 0, 'on the default channel only');

    for (const query of [{}, { split_by_wait_time: '10,60' }, { task_channel: 'default' }, { minutes: 1 }]) {
      const list = f.engine.statistics.taskQueues(f.ws, query);
      assert.deepEqual(list.items.map((item) => item.task_queue_sid).sort(), [first, second, staffed].sort());
      for (const item of list.items) {
        assert.deepEqual(item, f.engine.statistics.taskQueue(f.ws, item.task_queue_sid, query), `${JSON.stringify(query)} ${item.task_queue_sid}`);
      }
    }
    f.close();
  });
});

describe('realtime waiting tasks, reserved ones included', () => {
  let f: Fixture;
  afterEach(() => f.close());

  it('a reserved task counts as waiting in longest_task_waiting_* (real-time statistics)', () => {
    f = fixture();
    f.queueWithWorkflow();
    f.worker('Ann');
    const task = f.task({});
    assert.equal(f.engine.tasks.get(f.ws, task.sid).assignment_status, 'reserved');
    f.clock.advance(30_000);
    const stats = f.engine.statistics.workspaceRealtime(f.ws);
    assert.equal(stats.longest_task_waiting_sid, task.sid);
    assert.equal(stats.longest_task_waiting_age, 30);
  });

  it('of tasks created in the same millisecond, the first created is the longest waiting, as the queue would offer it first', () => {
    f = fixture();
    const { queue } = f.queueWithWorkflow();
    const first = f.task({ n: 1 });
    f.task({ n: 2 });
    f.task({ n: 3 });
    f.clock.advance(5_000);
    for (const stats of [f.engine.statistics.workspaceRealtime(f.ws), f.engine.statistics.taskQueueRealtime(f.ws, queue)]) {
      assert.deepEqual([stats.longest_task_waiting_sid, stats.longest_task_waiting_age], [first.sid, 5]);
    }
  });
});
