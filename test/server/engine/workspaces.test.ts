import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { EngineError, ManualClock, openEngine } from '../../../src/server/engine/index.js';
import { fixture, type Fixture } from './helpers.js';

describe('accounts and workspaces', () => {
  it('creates accounts with tokens and verifies them', () => {
    const engine = openEngine({ memory: true, clock: new ManualClock() });
    const account = engine.accounts.create({ friendly_name: 'Demo' });
    assert.match(account.sid, /^AC[0-9a-f]{32}$/);
    assert.ok(engine.accounts.verify(account.sid, account.auth_token));
    assert.equal(engine.accounts.verify(account.sid, account.auth_token + 'x'), false);
    assert.equal(engine.accounts.verify('AC' + '0'.repeat(32), account.auth_token), false);
    assert.equal('auth_token' in engine.accounts.get(account.sid), false, 'fetching does not reveal the token');
    const fixed = engine.accounts.create({ sid: 'AC' + 'a'.repeat(32), auth_token: 'demo-token' });
    assert.equal(engine.accounts.getWithToken(fixed.sid).auth_token, 'demo-token');
    assert.throws(() => engine.accounts.create({ sid: fixed.sid }), (e: EngineError) => e.param === 'Sid');
    engine.close();
  });

  it('creates a workspace with default activities and task channels, and the FIFO template', () => {
    const engine = openEngine({ memory: true, clock: new ManualClock() });
    const account = engine.accounts.create().sid;
    const ws = engine.workspaces.create(account, { friendly_name: 'Support', template: 'FIFO' });
    assert.match(ws.sid, /^WS[0-9a-f]{32}$/);
    assert.equal(ws.multi_task_enabled, true);
    assert.equal(ws.prioritize_queue_order, 'FIFO');
    assert.equal(ws.default_activity_name, 'Offline');
    assert.equal(ws.timeout_activity_name, 'Offline');
    assert.deepEqual(engine.activities.list(ws.sid).items.map((a) => [a.friendly_name, a.available]), [
      ['Offline', false],
      ['Available', true],
      ['Unavailable', false],
    ]);
    assert.deepEqual(engine.taskChannels.list(ws.sid).items.map((c) => c.unique_name), ['default', 'voice', 'sms', 'chat', 'video']);
    assert.equal(engine.taskQueues.list(ws.sid).items[0]!.friendly_name, 'Sample Queue');
    assert.equal(engine.workflows.list(ws.sid).items[0]!.friendly_name, 'Default Fifo Workflow');
    const worker = engine.workers.create(ws.sid, { friendly_name: 'W' });
    assert.equal(worker.activity_name, 'Offline');
    assert.equal(engine.workerChannels.list(ws.sid, worker.sid).items.length, 5);
    assert.deepEqual(engine.workspaces.list(account).items.map((w) => w.sid), [ws.sid]);
    assert.throws(() => engine.workspaces.get('AC' + '1'.repeat(32), ws.sid), (e: EngineError) => e.status === 404, 'scoped to the account');

    const available = engine.activities.list(ws.sid, { available: true }).items[0]!.sid;
    const updated = engine.workspaces.update(account, ws.sid, { timeout_activity_sid: available, prioritize_queue_order: 'LIFO', friendly_name: 'Help' });
    assert.deepEqual([updated.timeout_activity_name, updated.prioritize_queue_order, updated.friendly_name], ['Available', 'LIFO', 'Help']);
    assert.throws(() => engine.workspaces.update(account, ws.sid, { default_activity_sid: 'WA' + '0'.repeat(32) }), (e: EngineError) => e.param === 'DefaultActivitySid');
    assert.throws(() => engine.workspaces.create(account, { friendly_name: '' }), (e: EngineError) => e.param === 'FriendlyName');
    assert.throws(() => engine.workspaces.create(account, { friendly_name: 'x', multi_task_enabled: 'maybe' }), (e: EngineError) => e.param === 'MultiTaskEnabled');
    engine.close();
  });

  it('validates resources and names the parameter at fault', () => {
    const engine = openEngine({ memory: true, clock: new ManualClock() });
    const ws = engine.workspaces.create(engine.accounts.create().sid, { friendly_name: 'V' }).sid;
    const check = (fn: () => unknown, param: string, status = 400) =>
      assert.throws(fn, (e: EngineError) => e instanceof EngineError && e.param === param && e.status === status && e.message.includes(param));
    check(() => engine.workers.create(ws, { friendly_name: 'a', attributes: '{"unclosed": ' }), 'Attributes');
    check(() => engine.workers.create(ws, { friendly_name: 'a', attributes: '[1]' }), 'Attributes');
    check(() => engine.workers.create(ws, { friendly_name: 'a', activity_sid: 'WAnope' }), 'ActivitySid');
    engine.workers.create(ws, { friendly_name: 'dup' });
    check(() => engine.workers.create(ws, { friendly_name: 'dup' }), 'FriendlyName', 409);
    check(() => engine.tasks.create(ws, { priority: -1 }), 'Priority');
    check(() => engine.tasks.create(ws, { timeout: 1_209_601 }), 'Timeout');
    check(() => engine.tasks.create(ws, {}), 'WorkflowSid');
    check(() => engine.tasks.create(ws, { task_channel: 'fax' }), 'TaskChannel');
    check(() => engine.activities.update(ws, engine.activities.list(ws).items[0]!.sid, { available: true } as never), 'Available');
    check(() => engine.workers.list(ws, { target_workers_expression: 'a ==' }), 'TargetWorkersExpression');
    check(() => engine.workers.list(ws, { ordering: 'Age:asc' }), 'Ordering');
    check(() => engine.workers.list(ws, { page_size: 1001 }), 'PageSize');
    const worker = engine.workers.list(ws).items[0]!.sid;
    const offline = engine.activities.list(ws, { friendly_name: 'Offline' }).items[0]!.sid;
    check(() => engine.workers.update(ws, worker, { reject_pending_reservations: true }), 'RejectPendingReservations');
    assert.equal(engine.workers.update(ws, worker, { activity_sid: offline, reject_pending_reservations: 'true' }).activity_name, 'Offline');
    check(() => engine.workerChannels.update(ws, worker, 'voice', { capacity: -1 }), 'Capacity');
    assert.throws(() => engine.workerChannels.get(ws, worker, 'fax'), (e: EngineError) => e.status === 404);
    engine.close();
  });
});

describe('account credentials and paging edges', () => {
  let f: Fixture;
  afterEach(() => f.close());

  it('Basic auth refuses a wrong AuthToken of the right length', () => {
    f = fixture();
    const account = f.engine.accounts.create();
    const token = (account as unknown as { auth_token: string }).auth_token;
    assert.equal(f.engine.accounts.verify(account.sid, token), true);
    const wrong = (token[0] === 'a' ? 'b' : 'a') + token.slice(1);
    assert.equal(f.engine.accounts.verify(account.sid, wrong), false);
  });

  it('a list whose last page is exactly full has no next page', () => {
    f = fixture();
    f.worker('A');
    f.worker('B');
    const page = f.engine.workers.list(f.ws, { page_size: 2 });
    assert.equal(page.items.length, 2);
    assert.equal(page.has_next, false);
  });

  it('boolean parameters take "1" and "0" as well as true and false', () => {
    f = fixture();
    const account = f.engine.accounts.create();
    const create = (name: string, value: string) => f.engine.workspaces.create(account.sid, { friendly_name: name, multi_task_enabled: value }).multi_task_enabled;
    assert.deepEqual([create('one', '1'), create('zero', '0'), create('yes', 'True'), create('no', 'false')], [true, false, true, false]);
  });

  it('a page token of a list in another ordering is refused (400 PageToken)', () => {
    f = fixture();
    f.queueWithWorkflow();
    f.task({ n: 1 });
    f.task({ n: 2 });
    const ordered = f.engine.tasks.list(f.ws, { ordering: 'Priority:desc', page_size: 1 });
    assert.ok(ordered.next_token);
    assert.throws(
      () => f.engine.tasks.list(f.ws, { page_token: ordered.next_token, page_size: 1 }),
      (e: EngineError) => e.status === 400 && e.param === 'PageToken',
    );
  });
});
