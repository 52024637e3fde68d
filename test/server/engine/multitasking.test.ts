import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { acceptOnly, fixture, type Fixture } from './helpers.js';

describe('multitasking capacity', () => {
  let f: Fixture;
  afterEach(() => f.close());

  it('reserves up to the channel capacity, counting pending, accepted and wrapping reservations', () => {
    f = fixture({ multi_task_enabled: true });
    f.queueWithWorkflow();
    const worker = f.worker('Ann').sid;
    f.engine.workerChannels.update(f.ws, worker, 'chat', { capacity: 3 });
    const chats = [1, 2, 3, 4].map((n) => f.task({ n }, { task_channel: 'chat' }));
    const reserved = chats.filter((t) => f.reservations(t.sid).length === 1);
    assert.equal(reserved.length, 3, 'capacity 3 on chat');
    assert.equal(f.reservations(chats[3]!.sid).length, 0);

    let chat = f.engine.workerChannels.get(f.ws, worker, 'chat');
    assert.equal(chat.configured_capacity, 3);
    assert.equal(chat.assigned_tasks, 0, 'only accepted reservations count as assigned');
    assert.equal(chat.available_capacity_percentage, 0);

    const first = f.reservations(chats[0]!.sid)[0]!;
    f.engine.reservations.accept(f.ws, first.sid);
    f.engine.reservations.updateForTask(f.ws, chats[0]!.sid, first.sid, { reservation_status: 'wrapping' });
    chat = f.engine.workerChannels.get(f.ws, worker, 'chat');
    assert.equal(chat.assigned_tasks, 1);
    assert.equal(f.reservations(chats[3]!.sid).length, 0, 'wrapping still holds capacity');

    f.engine.tasks.update(f.ws, chats[0]!.sid, { assignment_status: 'completed' });
    assert.equal(f.reservations(chats[3]!.sid)[0]?.worker_sid, worker, 'completing frees a slot');
  });

  it('keeps reserving on other channels while one channel is full, and stops in an unavailable activity', () => {
    f = fixture({ multi_task_enabled: true });
    f.queueWithWorkflow();
    const worker = f.worker('Ben').sid;
    const voice = f.task({}, { task_channel: 'voice' });
    const voice2 = f.task({}, { task_channel: 'voice' });
    const sms = f.task({}, { task_channel: 'sms' });
    assert.equal(f.reservations(voice.sid).length, 1);
    assert.equal(f.reservations(voice2.sid).length, 0, 'voice capacity 1 is used');
    assert.equal(f.reservations(sms.sid).length, 1, 'sms still has room');
    f.engine.tasks.update(f.ws, voice.sid, { assignment_status: 'canceled' });
    assert.equal(f.reservations(voice2.sid).length, 1);

    f.setActivity(worker, 'Unavailable');
    const chat = f.task({}, { task_channel: 'chat' });
    assert.equal(f.reservations(chat.sid).length, 0, 'no new tasks in an unavailable activity');
    f.setActivity(worker, 'Available');
    assert.equal(f.reservations(chat.sid).length, 1);
  });

  it('respects channel availability and capacity 0, and routes again when they change', () => {
    f = fixture({ multi_task_enabled: true });
    f.queueWithWorkflow();
    const worker = f.worker('Cal').sid;
    f.engine.workerChannels.update(f.ws, worker, 'video', { available: false });
    f.engine.workerChannels.update(f.ws, worker, 'sms', { capacity: 0 });
    const video = f.task({}, { task_channel: 'video' });
    const sms = f.task({}, { task_channel: 'sms' });
    assert.equal(f.reservations(video.sid).length + f.reservations(sms.sid).length, 0);
    const channel = f.engine.workerChannels.update(f.ws, worker, 'video', { available: true });
    assert.equal(channel.available_capacity_percentage, 0, 'the waiting video task took the slot at once');
    assert.equal(f.reservations(video.sid).length, 1);
    f.engine.workerChannels.update(f.ws, worker, 'sms', { capacity: 2 });
    assert.equal(f.reservations(sms.sid).length, 1);
    assert.equal(f.engine.workerChannels.get(f.ws, worker, 'sms').available_capacity_percentage, 50);
    const types = f.eventTypes();
    assert.ok(types.includes('worker.capacity.update'));
    assert.ok(types.includes('worker.channel.availability.update'));
  });

  it('exposes worker.channel fields to target expressions', () => {
    f = fixture({ multi_task_enabled: true });
    const queue = f.engine.taskQueues.create(f.ws, { friendly_name: 'q' }).sid;
    f.engine.workflows.create(f.ws, {
      friendly_name: 'wf',
      configuration: {
        task_routing: {
          filters: [{ expression: '1==1', targets: [{ queue, expression: 'worker.channel.voice.assigned_tasks == 0' }] }],
        },
      },
    });
    const worker = f.worker('Dee').sid;
    f.engine.workerChannels.update(f.ws, worker, 'chat', { capacity: 2 });
    const voice = f.task({}, { task_channel: 'voice' });
    f.engine.reservations.accept(f.ws, f.reservations(voice.sid)[0]!.sid);
    const chat = f.task({}, { task_channel: 'chat' });
    assert.equal(f.reservations(chat.sid).length, 0, 'busy on voice');
    f.engine.tasks.update(f.ws, voice.sid, { assignment_status: 'completed' });
    assert.equal(f.reservations(chat.sid).length, 1);
  });

  it('in a single-tasking workspace a worker holds one task at a time across channels', () => {
    f = fixture({ multi_task_enabled: false });
    f.queueWithWorkflow();
    const worker = f.worker('Eli').sid;
    const a = f.task({}, { task_channel: 'voice' });
    const b = f.task({}, { task_channel: 'chat' });
    assert.equal(f.reservations(a.sid).length, 1);
    assert.equal(f.reservations(b.sid).length, 0);
    f.engine.reservations.accept(f.ws, f.reservations(a.sid)[0]!.sid);
    f.engine.tasks.update(f.ws, a.sid, { assignment_status: 'completed' });
    assert.equal(f.pendingFor(worker)[0]?.task_sid, b.sid);
  });
});

describe('multi-reservation limits and assignment activity', () => {
  let f: Fixture;
  afterEach(() => f.close());

  it('re-routing a task that already holds a pending reservation never exceeds MaxReservedWorkers', () => {
    f = fixture({ multi_task_enabled: true });
    const queue = f.engine.taskQueues.create(f.ws, { friendly_name: 'Q', max_reserved_workers: 2 }).sid;
    f.engine.workflows.create(f.ws, {
      friendly_name: 'W',
      configuration: { task_routing: { filters: [{ expression: '1 == 1', targets: [{ queue, expression: 'worker.skill == task.skill' }] }] } },
    });
    f.worker('A', { skill: 'a' });
    f.worker('B1', { skill: 'b' });
    f.worker('B2', { skill: 'b' });
    const task = f.task({ skill: 'a' });
    assert.equal(f.reservations(task.sid, 'pending').length, 1);
    // Both b-workers now qualify; only one more reservation fits under MaxReservedWorkers = 2.
    f.engine.tasks.update(f.ws, task.sid, { attributes: { skill: 'b' } });
    assert.equal(f.reservations(task.sid, 'pending').length, 2);
  });

  it('a worker never gets two pending reservations for the same task (multi-reservation, spare capacity)', () => {
    f = fixture({ multi_task_enabled: true });
    f.queueWithWorkflow({ max_reserved_workers: 2 });
    const worker = f.worker('Ann').sid;
    f.engine.workerChannels.update(f.ws, worker, 'chat', { capacity: 3 });
    const task = f.task({}, { task_channel: 'chat' });
    const pending = f.reservations(task.sid, 'pending');
    assert.equal(pending.length, 1);
    assert.equal(pending[0]!.worker_sid, worker);
  });

  it('a multitasking workspace ignores the queue AssignmentActivitySid on accept', () => {
    f = fixture({ multi_task_enabled: true });
    f.queueWithWorkflow({ assignment_activity_sid: f.addActivity('Busy', false) });
    const ann = f.worker('Ann').sid;
    f.task({});
    acceptOnly(f, ann);
    assert.equal(f.engine.workers.get(f.ws, ann).activity_sid, f.activity['Available']);
  });
});
