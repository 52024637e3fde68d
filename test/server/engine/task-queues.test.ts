import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { EngineError } from '../../../src/server/engine/index.js';
import { fixture, type Fixture } from './helpers.js';

/** The TaskQueue reference's examples (seed 004). */
describe('TaskQueue TargetWorkers (seed 004 examples)', () => {
  let f: Fixture;
  afterEach(() => f.close());

  function names(page: { items: { friendly_name: string }[] }): string[] {
    return page.items.map((i) => i.friendly_name).sort();
  }

  it('routes English support only to Alice and Spanish only to Bob', () => {
    f = fixture({ multi_task_enabled: false });
    const alice = f.worker('Alice', { skills: ['support', 'sales'], languages: ['english'] }).sid;
    const bob = f.worker('Bob', { skills: ['sales'], languages: ['spanish', 'english'] }).sid;
    const englishSupport = f.engine.taskQueues.create(f.ws, {
      friendly_name: 'EnglishSupport',
      target_workers: '(skills HAS "support") AND (languages HAS "english")',
    }).sid;
    const spanish = f.engine.taskQueues.create(f.ws, { friendly_name: 'SpanishDefault', target_workers: '(languages HAS "spanish")' }).sid;
    f.engine.workflows.create(f.ws, {
      friendly_name: 'by language',
      configuration: {
        task_routing: {
          filters: [
            { filter_friendly_name: 'Spanish', expression: 'language == "spanish"', targets: [{ queue: spanish }] },
            { filter_friendly_name: 'Support', expression: 'type == "support"', targets: [{ queue: englishSupport }] },
          ],
        },
      },
    });
    assert.deepEqual(names(f.engine.workers.list(f.ws, { task_queue_sid: englishSupport })), ['Alice']);
    assert.deepEqual(names(f.engine.workers.list(f.ws, { task_queue_sid: spanish })), ['Bob']);
    assert.deepEqual(names(f.engine.workers.list(f.ws, { task_queue_name: 'SpanishDefault' })), ['Bob']);

    const spanishTask = f.task({ language: 'spanish' });
    const supportTask = f.task({ type: 'support' });
    assert.equal(spanishTask.task_queue_sid, spanish);
    assert.equal(f.reservations(spanishTask.sid)[0]!.worker_sid, bob);
    assert.equal(f.reservations(supportTask.sid)[0]!.worker_sid, alice);

    assert.deepEqual(names(f.engine.taskQueues.list(f.ws, { worker_sid: alice })), ['EnglishSupport']);
    assert.deepEqual(names(f.engine.taskQueues.list(f.ws, { worker_sid: bob })), ['SpanishDefault']);
  });

  it('matches tech support tiers with EvaluateWorkerAttributes, including a skill given as a string', () => {
    f = fixture();
    f.engine.taskQueues.create(f.ws, { friendly_name: 'Tech Support - Tier 1', target_workers: 'tech_support_skill < 5' });
    f.engine.taskQueues.create(f.ws, { friendly_name: 'Tech Support - Escalation', target_workers: 'tech_support_skill > 5' });
    f.engine.taskQueues.create(f.ws, { friendly_name: 'Everyone', target_workers: '1==1' });
    assert.deepEqual(names(f.engine.taskQueues.list(f.ws, { evaluate_worker_attributes: '{"tech_support_skill": "6"}' })), [
      'Everyone',
      'Tech Support - Escalation',
    ]);
    assert.deepEqual(names(f.engine.taskQueues.list(f.ws, { evaluate_worker_attributes: { tech_support_skill: 2 } })), [
      'Everyone',
      'Tech Support - Tier 1',
    ]);
    assert.deepEqual(names(f.engine.taskQueues.list(f.ws, { friendly_name: 'Everyone' })), ['Everyone']);
  });

  it('keeps membership current when worker attributes or the queue expression change', () => {
    f = fixture({ multi_task_enabled: false });
    const { queue } = f.queueWithWorkflow({ target_workers: 'tech_support_skill > 5' });
    const worker = f.worker('Carol', { tech_support_skill: 3 }).sid;
    const waiting = f.task({ issue: 'router' });
    assert.equal(waiting.assignment_status, 'pending');
    f.engine.workers.update(f.ws, worker, { attributes: { tech_support_skill: 8 } });
    assert.equal(f.reservations(waiting.sid)[0]?.worker_sid, worker, 'the attribute change made Carol eligible');
    assert.deepEqual(names(f.engine.workers.list(f.ws, { task_queue_sid: queue })), ['Carol']);

    f.engine.taskQueues.update(f.ws, queue, { target_workers: 'tech_support_skill > 9' });
    assert.deepEqual(names(f.engine.workers.list(f.ws, { task_queue_sid: queue })), []);
    assert.ok(f.eventTypes().includes('task-queue.expression.updated'));
  });

  it('validates queue parameters and points at the bad part of TargetWorkers', () => {
    f = fixture();
    assert.throws(
      () => f.engine.taskQueues.create(f.ws, { friendly_name: 'bad', target_workers: 'skills HAS' }),
      (error: EngineError) =>
        error instanceof EngineError && error.status === 400 && error.param === 'TargetWorkers' && /column 11/.test(error.message),
    );
    for (const max_reserved_workers of [0, 51, 'two']) {
      assert.throws(
        () => f.engine.taskQueues.create(f.ws, { friendly_name: 'bad', max_reserved_workers }),
        (error: EngineError) => error.param === 'MaxReservedWorkers' && error.code === 20001,
      );
    }
    assert.throws(() => f.engine.taskQueues.create(f.ws, { friendly_name: 'bad', task_order: 'RANDOM' }), /TaskOrder/);
    assert.throws(
      () => f.engine.taskQueues.create(f.ws, { friendly_name: 'bad', reservation_activity_sid: 'WA00000000000000000000000000000000' }),
      (error: EngineError) => error.param === 'ReservationActivitySid',
    );
    assert.throws(() => f.engine.taskQueues.create(f.ws, {} as never), (error: EngineError) => error.param === 'FriendlyName');
    assert.throws(() => f.engine.taskQueues.get(f.ws, 'WQ00000000000000000000000000000000'), (error: EngineError) => error.status === 404);
  });

  it('an empty TargetWorkers matches no worker: its tasks wait until deleted or moved, as TaskRouter documents', () => {
    f = fixture();
    const queue = f.engine.taskQueues.create(f.ws, { friendly_name: 'parked', target_workers: '' });
    f.worker('Anyone', {});
    const task = f.engine.tasks.create(f.ws, { task_queue_sid: queue.sid });
    assert.equal(f.reservations(task.sid).length, 0);
    assert.deepEqual(f.engine.workers.list(f.ws, { task_queue_sid: queue.sid }).items, []);
  });

  it("TargetWorkersExpression also reads the worker's fields (activity_name, friendly_name…), as TaskRouter documents", () => {
    f = fixture();
    f.worker('Ann', {}, 'Available');
    f.worker('Ben', {}, 'Offline');
    const list = (expression: string) => names(f.engine.workers.list(f.ws, { target_workers_expression: expression }));
    assert.deepEqual(list("activity_name IN ['Available']"), ['Ann']);
    assert.deepEqual(list("friendly_name == 'Ben'"), ['Ben']);
  });
});
