import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { ManualClock, openEngine, type Engine } from '../../../src/server/engine/index.js';

describe('restart from the store', () => {
  let dir: string;
  let file: string;
  let clock: ManualClock;
  const open = () => openEngine({ file, clock });

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'engine-restart-'));
    file = join(dir, 'taskrouter.db');
    clock = new ManualClock(Date.UTC(2024, 0, 1, 9));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  function setUp(engine: Engine) {
    const account = engine.accounts.create({ auth_token: 'secret-token' });
    const ws = engine.workspaces.create(account.sid, { friendly_name: 'Persisted', multi_task_enabled: false }).sid;
    const available = engine.activities.list(ws, { friendly_name: 'Available' }).items[0]!.sid;
    const q1 = engine.taskQueues.create(ws, { friendly_name: 'first', target_workers: 'tier == 1' }).sid;
    const q2 = engine.taskQueues.create(ws, { friendly_name: 'second', target_workers: 'tier == 2' }).sid;
    engine.workflows.create(ws, {
      friendly_name: 'wf',
      task_reservation_timeout: 60,
      configuration: { task_routing: { filters: [{ expression: '1==1', targets: [{ queue: q1, timeout: 100 }, { queue: q2 }] }] } },
    });
    return { account, ws, available, q1, q2 };
  }

  it('keeps everything and re-arms reservation, target and TTL timers from stored times', () => {
    let engine = open();
    const { account, ws, available, q2 } = setUp(engine);
    const worker = engine.workers.create(ws, { friendly_name: 'One', attributes: { tier: 1 }, activity_sid: available }).sid;
    const reserved = engine.tasks.create(ws, { attributes: { n: 1 } });
    const escalating = engine.tasks.create(ws, { attributes: { n: 2 } });
    const shortLived = engine.tasks.create(ws, { attributes: { n: 3 }, timeout: 150 });
    engine.close();

    clock.advance(30_000);
    engine = open();
    assert.ok(engine.accounts.verify(account.sid, 'secret-token'));
    assert.equal(engine.tasks.get(ws, reserved.sid).assignment_status, 'reserved');
    const pending = engine.reservations.listForWorker(ws, worker, { reservation_status: 'pending' }).items;
    assert.equal(pending.length, 1);
    clock.advance(30_000);
    assert.equal(engine.reservations.getForWorker(ws, worker, pending[0]!.sid).reservation_status, 'timeout', 'reservation timer re-armed: 60 s');
    assert.equal(engine.workers.get(ws, worker).activity_name, 'Offline');
    engine.close();

    clock.advance(50_000);
    engine = open();
    clock.advance(0); // timers already due fire at the next tick
    assert.equal(engine.tasks.get(ws, escalating.sid).task_queue_sid, q2, 'target timeout (100 s) passed while closed: fires on open');
    clock.advance(40_000);
    assert.equal(engine.tasks.get(ws, shortLived.sid).assignment_status, 'canceled', 'TTL 150 s');
    assert.equal(engine.tasks.get(ws, reserved.sid).assignment_status, 'pending');
    engine.close();
  });

  it('rebuilds the routing indexes: a waiting task goes to a worker who becomes available after a restart', () => {
    let engine = open();
    const { ws, available } = setUp(engine);
    const worker = engine.workers.create(ws, { friendly_name: 'Later', attributes: { tier: 1 } }).sid;
    const task = engine.tasks.create(ws, { attributes: {}, priority: 3 });
    const other = engine.tasks.create(ws, { attributes: {} });
    engine.close();
    engine = open();
    engine.workers.update(ws, worker, { activity_sid: available });
    const reservation = engine.reservations.listForWorker(ws, worker).items[0]!;
    assert.equal(reservation.task_sid, task.sid, 'priority order survived the restart');
    assert.equal(engine.tasks.get(ws, other.sid).assignment_status, 'pending');
    assert.ok(engine.events.list(ws, { event_type: 'reservation.created' }).items.length === 1);
    engine.close();
  });

  it('a waiting task keeps the configuration it entered under across a restart', () => {
    let engine = open();
    const { ws, q1, q2 } = setUp(engine);
    const workflow = engine.workflows.list(ws).items[0]!.sid;
    const task = engine.tasks.create(ws, {}).sid;
    engine.workflows.update(ws, workflow, { configuration: { task_routing: { filters: [{ expression: '1==1', targets: [{ queue: q1 }] }] } } });
    engine.close();
    engine = open();
    clock.advance(101_000);
    assert.equal(engine.tasks.get(ws, task).task_queue_sid, q2, 'its target timeout, from the configuration it entered under');
    engine.close();
  });

  it('what was deleted stays deleted after a restart', () => {
    let engine = open();
    const { ws } = setUp(engine);
    const gone = engine.workers.create(ws, { friendly_name: 'Gone' }).sid;
    const kept = engine.workers.create(ws, { friendly_name: 'Kept' }).sid;
    const spare = engine.taskQueues.create(ws, { friendly_name: 'spare' }).sid;
    engine.workers.delete(ws, gone);
    engine.taskQueues.delete(ws, spare);
    engine.close();
    engine = open();
    assert.deepEqual(engine.workers.list(ws).items.map((w) => w.sid), [kept]);
    assert.deepEqual(engine.taskQueues.list(ws).items.map((q) => q.friendly_name), ['first', 'second']);
    assert.throws(() => engine.workers.get(ws, gone), (e: { status?: number }) => e.status === 404);
    engine.close();
  });

  it('leaves nothing behind when a call is refused', () => {
    const engine = open();
    const { ws } = setUp(engine);
    const before = engine.events.list(ws, { page_size: 1000 }).items.length;
    assert.throws(() => engine.tasks.create(ws, { attributes: {}, task_channel: 'nope' }));
    assert.throws(() =>
      engine.workflows.create(ws, { friendly_name: 'x', configuration: { task_routing: { default_filter: { queue: 'WQ1' } } } }),
    );
    assert.equal(engine.events.list(ws, { page_size: 1000 }).items.length, before);
    assert.equal(engine.tasks.list(ws).items.length, 0);
    engine.close();
  });
});
