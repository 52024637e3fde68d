import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { EngineError } from '../../../src/server/engine/index.js';
import { fixture, type Fixture } from './helpers.js';

function refused(pattern: RegExp) {
  return (error: unknown) => {
    assert.ok(error instanceof EngineError);
    assert.equal(error.status, 400);
    assert.match(error.message, pattern);
    return true;
  };
}

describe('deleting what is in use', () => {
  let f: Fixture;
  afterEach(() => f.close());

  it('refuses to delete an activity workers are in, or one the workspace or a queue uses', () => {
    f = fixture();
    const lunch = f.addActivity('Lunch', false);
    const worker = f.worker('Ann', {}, 'Lunch').sid;
    assert.throws(() => f.engine.activities.delete(f.ws, lunch), refused(/1 worker\(s\) are in it/));
    f.setActivity(worker, 'Available');
    f.engine.activities.delete(f.ws, lunch);
    assert.throws(() => f.engine.activities.get(f.ws, lunch), (e: EngineError) => e.status === 404);
    assert.throws(() => f.engine.activities.delete(f.ws, f.activity.Offline), refused(/DefaultActivitySid/));
    const reserved = f.addActivity('Reserved', false);
    f.engine.taskQueues.create(f.ws, { friendly_name: 'q', reservation_activity_sid: reserved });
    assert.throws(() => f.engine.activities.delete(f.ws, reserved), refused(/TaskQueue q/));
  });

  it('refuses to delete a queue with open tasks or one a workflow routes to', () => {
    f = fixture();
    const { queue, workflow } = f.queueWithWorkflow();
    const task = f.task({});
    assert.throws(() => f.engine.taskQueues.delete(f.ws, queue), refused(/still holds 1 task/));
    f.engine.tasks.update(f.ws, task.sid, { assignment_status: 'canceled' });
    assert.throws(() => f.engine.taskQueues.delete(f.ws, queue), refused(/routes to it/));
    f.engine.workflows.delete(f.ws, workflow);
    f.engine.taskQueues.delete(f.ws, queue);
    assert.ok(f.eventTypes().includes('task-queue.deleted'));
  });

  it('refuses to delete a workflow with open tasks, a worker holding reservations, a channel open tasks use', () => {
    f = fixture();
    const { workflow } = f.queueWithWorkflow();
    const worker = f.worker('Bo').sid;
    const task = f.task({}, { task_channel: 'chat' });
    assert.throws(() => f.engine.workflows.delete(f.ws, workflow), refused(/1 task\(s\)/));
    assert.throws(() => f.engine.workers.delete(f.ws, worker), refused(/holds 1 pending or assigned/));
    assert.throws(() => f.engine.taskChannels.delete(f.ws, 'chat'), refused(/TaskChannel chat/));
    f.engine.tasks.delete(f.ws, task.sid);
    f.engine.workers.delete(f.ws, worker);
    f.engine.taskChannels.delete(f.ws, 'chat');
    f.engine.workflows.delete(f.ws, workflow);
    assert.deepEqual(
      f.engine.taskChannels.list(f.ws).items.map((c) => c.unique_name),
      ['default', 'voice', 'sms', 'chat', 'video'].filter((n) => n !== 'chat'),
    );
  });

  it('deletes a whole workspace with everything in it', () => {
    f = fixture();
    f.queueWithWorkflow();
    f.worker('Cy');
    f.task({});
    const account = f.engine.workspaces.get(f.engine.accounts.list()[0]!.sid, f.ws).account_sid;
    f.engine.workspaces.delete(account, f.ws);
    assert.throws(() => f.engine.workers.list(f.ws), (e: EngineError) => e.status === 404);
    assert.equal(f.engine.workspaces.list(account).items.length, 0);
  });
});
