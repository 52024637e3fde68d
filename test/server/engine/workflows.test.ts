import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { EngineError } from '../../../src/server/engine/index.js';
import { fixture, type Fixture } from './helpers.js';

describe('workflow routing', () => {
  let f: Fixture;
  afterEach(() => f.close());

  function queues(...names: string[]): string[] {
    return names.map((name) => f.engine.taskQueues.create(f.ws, { friendly_name: name, target_workers: `team == "${name}"` }).sid);
  }

  it('a configuration change leaves waiting tasks under the configuration they entered with, unless ReEvaluateTasks', () => {
    f = fixture();
    const [first, later, next, other] = queues('first', 'later', 'next', 'other');
    const configuration = (targets: object[]) => JSON.stringify({ task_routing: { filters: [{ expression: '1==1', targets }] } });
    const workflow = f.engine.workflows.create(f.ws, {
      friendly_name: 'wf',
      configuration: configuration([{ queue: first, timeout: 60 }, { queue: next }]),
    }).sid;
    const waiting = f.task({});
    f.engine.workflows.update(f.ws, workflow, { configuration: configuration([{ queue: other }]) });
    assert.equal(f.engine.tasks.get(f.ws, waiting.sid).task_queue_sid, first, 'it stays where it is');
    assert.equal(f.task({}).task_queue_sid, other, 'a new task follows the new configuration');
    f.clock.advance(61_000);
    assert.equal(f.engine.tasks.get(f.ws, waiting.sid).task_queue_sid, next, 'its timeout leads where its configuration said');

    f.engine.workflows.update(f.ws, workflow, { configuration: configuration([{ queue: later }]), re_evaluate_tasks: 'true' });
    assert.equal(f.engine.tasks.get(f.ws, waiting.sid).task_queue_sid, later, 'ReEvaluateTasks routes it again under the new one');
  });

  it('uses the first matching filter, and the default filter only when none matches', () => {
    f = fixture();
    const [vip, sales, other] = queues('vip', 'sales', 'other');
    f.engine.workflows.create(f.ws, {
      friendly_name: 'wf',
      configuration: JSON.stringify({
        task_routing: {
          filters: [
            { filter_friendly_name: 'VIP', expression: 'customer == "gold"', targets: [{ queue: vip }] },
            { filter_friendly_name: 'Sales', expression: 'type == "sales"', targets: [{ queue: sales }] },
          ],
          default_filter: { queue: other },
        },
      }),
    });
    assert.equal(f.task({ type: 'sales', customer: 'gold' }).task_queue_sid, vip, 'top filter wins');
    assert.equal(f.task({ type: 'sales' }).task_queue_sid, sales);
    assert.equal(f.task({ type: 'billing' }).task_queue_sid, other);
  });

  it('takes task_queue_sid as the older name of queue (the TaskRouter.js v1 Workspace page writes it)', () => {
    f = fixture();
    const [support, sales] = queues('support', 'sales');
    f.engine.workflows.create(f.ws, {
      friendly_name: 'v1 page',
      configuration: JSON.stringify({
        task_routing: {
          filters: [{ expression: 'type == "sales"', targets: [{ task_queue_sid: sales }] }],
          default_filter: { task_queue_sid: support },
        },
      }),
    });
    assert.equal(f.task({ type: 'sales' }).task_queue_sid, sales);
    assert.equal(f.task({ type: 'other' }).task_queue_sid, support);
  });

  it('escalates through targets as timeouts add up against the task age, then falls out and is canceled', () => {
    f = fixture();
    const [tier1, tier2, tier3] = queues('t1', 't2', 't3');
    const workflow = f.engine.workflows.create(f.ws, {
      friendly_name: 'escalation',
      configuration: {
        task_routing: {
          filters: [
            {
              filter_friendly_name: 'support',
              expression: 'type == "support"',
              targets: [
                { queue: tier1, timeout: 10 },
                { queue: tier2, timeout: '20', priority: '5' },
                { queue: tier3, timeout: 30 },
              ],
            },
          ],
          default_filter: { queue: tier1 },
        },
      },
    }).sid;
    const task = f.task({ type: 'support' });
    const at = () => f.engine.tasks.get(f.ws, task.sid);
    assert.equal(at().task_queue_sid, tier1);
    f.clock.advance(9_999);
    assert.equal(at().task_queue_sid, tier1);
    f.clock.advance(1);
    assert.equal(at().task_queue_sid, tier2, 'tier 1 timed out at age 10 s');
    assert.equal(at().priority, 5, 'target priority replaces the task priority');
    f.engine.tasks.update(f.ws, task.sid, { priority: 1 });
    assert.equal(at().priority, 5, "a priority update leaves a target's priority alone");
    f.clock.advance(19_999);
    assert.equal(at().task_queue_sid, tier2);
    f.clock.advance(1);
    assert.equal(at().task_queue_sid, tier3, 'tier 2 ends at age 30 s (10 + 20)');
    f.clock.advance(30_000);
    const canceled = at();
    assert.equal(canceled.assignment_status, 'canceled', 'fell out after tier 3 (age 60 s), default_filter is no fallback');
    assert.match(canceled.reason!, /fell out of the workflow/);
    const types = f.events.filter((e) => e.task_sid === task.sid).map((e) => e.event_type);
    assert.deepEqual(types.filter((t) => t === 'task-queue.moved').length, 2);
    assert.ok(types.includes('workflow.timeout'));
    assert.equal(types.at(-1), 'task.canceled');
    const stats = f.engine.statistics.workflowCumulative(f.ws, workflow, { minutes: 5 });
    assert.equal(stats.tasks_timed_out_in_workflow, 1);
    assert.equal(stats.tasks_moved, 2);
  });

  it('moves on to the next matching filter when the last target of a filter times out', () => {
    f = fixture();
    const [first, second] = queues('first', 'second');
    f.engine.workflows.create(f.ws, {
      friendly_name: 'wf',
      configuration: {
        task_routing: {
          filters: [
            { expression: 'lang == "fr"', targets: [{ queue: first, timeout: 5 }] },
            { expression: 'lang == "de"', targets: [{ queue: first }] },
            { expression: '1 == 1', targets: [{ queue: second }] },
          ],
        },
      },
    });
    const task = f.task({ lang: 'fr' });
    f.clock.advance(5_000);
    assert.equal(f.engine.tasks.get(f.ws, task.sid).task_queue_sid, second, 'skipped the non-matching "de" filter');
  });

  it('reserves a waiting worker when the task escalates to a queue they are in', () => {
    f = fixture({ multi_task_enabled: false });
    const [, tier2] = queues('t1', 't2');
    f.engine.workflows.create(f.ws, {
      friendly_name: 'wf',
      configuration: {
        task_routing: {
          filters: [{ expression: '1==1', targets: [{ queue: queues('busy')[0], timeout: 15 }, { queue: tier2 }] }],
        },
      },
    });
    const expert = f.worker('Expert', { team: 't2' }).sid;
    const task = f.task({});
    assert.equal(f.pendingFor(expert).length, 0);
    f.clock.advance(15_000);
    assert.equal(f.pendingFor(expert)[0]?.task_sid, task.sid);
  });

  it('applies target expressions with task. and worker. keys, and known_worker_sid', () => {
    f = fixture();
    const [all] = queues('all');
    f.engine.workflows.create(f.ws, {
      friendly_name: 'wf',
      configuration: {
        task_routing: {
          filters: [
            { expression: 'agent != null', targets: [{ queue: all, known_worker_sid: 'task.agent' }] },
            { expression: '1==1', targets: [{ queue: all, expression: 'task.language IN worker.languages AND worker.level >= task.level' }] },
          ],
        },
      },
    });
    const junior = f.worker('Junior', { team: 'all', languages: ['en', 'fr'], level: 1 }).sid;
    const senior = f.worker('Senior', { team: 'all', languages: ['en'], level: 3 }).sid;
    const french = f.task({ language: 'fr', level: 1 });
    assert.equal(f.reservations(french.sid)[0]?.worker_sid, junior);
    const hard = f.task({ language: 'en', level: 2 });
    assert.equal(f.reservations(hard.sid)[0]?.worker_sid, senior);
    const nobody = f.task({ language: 'de', level: 1 });
    assert.equal(f.reservations(nobody.sid).length, 0);
    f.engine.reservations.accept(f.ws, f.reservations(french.sid)[0]!.sid);
    f.engine.tasks.update(f.ws, french.sid, { assignment_status: 'completed' });
    const known = f.task({ agent: junior });
    assert.equal(f.reservations(known.sid)[0]?.worker_sid, junior);
    const knownEvents = f.events.filter((e) => e.task_sid === known.sid && /target-matched|reservation.created/.test(e.event_type));
    assert.deepEqual(knownEvents.map((e) => e.event_data.known_worker_sid), [junior, junior], 'known-agent routing names the worker');
    assert.equal(f.events.find((e) => e.task_sid === hard.sid && e.event_type === 'reservation.created')!.event_data.known_worker_sid, undefined);
    // A known agent outside the target's queue gets nothing, though available (TaskRouter error 40152).
    const outsider = f.worker('Outsider', { team: 'elsewhere' }).sid;
    const misdirected = f.task({ agent: outsider });
    assert.equal(f.reservations(misdirected.sid).length, 0);
  });

  it('sorts candidates by order_by (numbers written as strings as numbers, as expressions read them), workers lacking the attribute last', () => {
    f = fixture({ multi_task_enabled: false });
    const [all] = queues('all');
    f.engine.workflows.create(f.ws, {
      friendly_name: 'wf',
      configuration: { task_routing: { filters: [{ expression: '1==1', targets: [{ queue: all, order_by: 'worker.skill DESC' }] }] } },
    });
    f.worker('None', { team: 'all' });
    f.worker('Mid', { team: 'all', skill: 5 });
    f.worker('Top', { team: 'all', skill: 9 });
    f.worker('Low', { team: 'all', skill: 1 });
    f.worker('Ten', { team: 'all', skill: '10' }); // as text, "10" would come after "9"
    const got = [f.task({}), f.task({}), f.task({}), f.task({}), f.task({})].map((t) => f.reservations(t.sid)[0]!.worker_name);
    assert.deepEqual(got, ['Ten', 'Top', 'Mid', 'Low', 'None']);
  });

  it('a target that reads the time of day is tried again as the clock moves: the window opens, the idle agent gets the task', () => {
    f = fixture();
    const [all] = queues('all');
    // The fixture's clock starts at 09:00 UTC.
    f.engine.workflows.create(f.ws, {
      friendly_name: 'opening hours',
      configuration: { task_routing: { filters: [{ expression: '1==1', targets: [{ queue: all, expression: 'taskrouter.currentTime >= 910' }] }] } },
    });
    f.worker('Early', { team: 'all' });
    const task = f.task({});
    f.clock.advance(9 * 60_000);
    assert.equal(f.reservations(task.sid).length, 0, 'closed at 09:09');
    f.clock.advance(60_000);
    assert.equal(f.reservations(task.sid)[0]?.worker_name, 'Early', 'open at 09:10, with nothing else happening');
  });

  it('skips a step with skip_if when no reservation is created, and a skipped filter lets the default filter serve', () => {
    f = fixture();
    const [nobody, backup] = queues('nobody', 'backup');
    f.engine.workflows.create(f.ws, {
      friendly_name: 'wf',
      configuration: {
        task_routing: {
          filters: [{ expression: '1==1', targets: [{ queue: nobody, timeout: 600, skip_if: 'workers.available == 0' }] }],
          default_filter: { queue: backup },
        },
      },
    });
    const helper = f.worker('Helper', { team: 'backup' }).sid;
    const task = f.task({});
    assert.equal(f.engine.tasks.get(f.ws, task.sid).task_queue_sid, backup);
    assert.equal(f.pendingFor(helper)[0]?.task_sid, task.sid);
    assert.ok(f.eventTypes().includes('workflow.skipped'));
  });

  it('routes a waiting task again when its attributes change', () => {
    f = fixture();
    const [en, es] = queues('en', 'es');
    f.engine.workflows.create(f.ws, {
      friendly_name: 'wf',
      configuration: { task_routing: { filters: [{ expression: 'lang == "es"', targets: [{ queue: es }] }], default_filter: { queue: en } } },
    });
    const maria = f.worker('Maria', { team: 'es' }).sid;
    const task = f.task({ lang: 'en' });
    assert.equal(task.task_queue_sid, en);
    const updated = f.engine.tasks.update(f.ws, task.sid, { attributes: { lang: 'es' } });
    assert.equal(updated.task_queue_sid, es);
    assert.equal(updated.assignment_status, 'reserved');
    assert.equal(f.pendingFor(maria)[0]?.task_sid, task.sid);
  });

  it('with ReEvaluateTasks, routes waiting tasks again under the changed configuration', () => {
    f = fixture();
    const [a, b] = queues('a', 'b');
    const wf = f.engine.workflows.create(f.ws, { friendly_name: 'wf', configuration: { task_routing: { default_filter: { queue: a } } } }).sid;
    const task = f.task({});
    const bob = f.worker('Bob', { team: 'b' }).sid;
    f.engine.workflows.update(f.ws, wf, { configuration: { task_routing: { default_filter: { queue: b } } }, re_evaluate_tasks: true });
    assert.equal(f.engine.tasks.get(f.ws, task.sid).task_queue_sid, b);
    assert.equal(f.pendingFor(bob)[0]?.task_sid, task.sid);
  });

  it('cancels a waiting task when its TTL runs out, but never an assigned one', () => {
    f = fixture({ multi_task_enabled: false });
    f.queueWithWorkflow({ target_workers: 'team == "x"' });
    const waiting = f.task({}, { timeout: 60 });
    const worker = f.worker('X', { team: 'x' }).sid;
    const assignedTask = f.task({}, { timeout: 60 });
    f.engine.reservations.accept(f.ws, f.reservations(waiting.sid)[0]!.sid);
    f.engine.tasks.update(f.ws, waiting.sid, { assignment_status: 'completed' });
    const reservation = f.pendingFor(worker)[0]!;
    assert.equal(reservation.task_sid, assignedTask.sid);
    f.engine.reservations.accept(f.ws, reservation.sid);
    const lonely = f.task({}, { timeout: 30 });
    f.clock.advance(30_000);
    const canceled = f.engine.tasks.get(f.ws, lonely.sid);
    assert.equal(canceled.assignment_status, 'canceled');
    assert.equal(canceled.reason, 'Task TTL Exceeded');
    f.clock.advance(60_000);
    assert.equal(f.engine.tasks.get(f.ws, assignedTask.sid).assignment_status, 'assigned');
  });

  it('deletes finished tasks five minutes after they end', () => {
    f = fixture();
    f.queueWithWorkflow();
    const task = f.task({});
    f.engine.tasks.update(f.ws, task.sid, { assignment_status: 'canceled' });
    f.clock.advance(299_000);
    assert.equal(f.engine.tasks.get(f.ws, task.sid).assignment_status, 'canceled');
    f.clock.advance(1_000);
    assert.throws(() => f.engine.tasks.get(f.ws, task.sid), (e: EngineError) => e.status === 404);
  });

  it('validates configurations and names the JSON path at fault', () => {
    f = fixture();
    const [q] = queues('q');
    const create = (configuration: unknown) => () =>
      f.engine.workflows.create(f.ws, { friendly_name: 'bad', configuration: configuration as string });
    const cases: [unknown, RegExp][] = [
      ['{not json', /Configuration: not valid JSON/],
      [{}, /task_routing: expected an object/],
      [{ task_routing: { filters: [{ expression: 'a ==', targets: [{ queue: q }] }] } }, /task_routing\.filters\[0\]\.expression: Expected .* column 5/],
      [{ task_routing: { filters: [{ targets: [{ timeout: 5 }] }] } }, /filters\[0\]\.targets\[0\]\.queue: missing/],
      [{ task_routing: { filters: [{ targets: [{ queue: 'WQ00000000000000000000000000000000' }] }] } }, /does not exist in this workspace/],
      [{ task_routing: { filters: [{ targets: [{ queue: q, timeout: 'soon' }] }] } }, /targets\[0\]\.timeout: expected an integer/],
      [{ task_routing: { filters: [{ targets: [{ queue: q, expression: 'level > 2' }] }] } }, /key "level" .* must start with task\. or worker\./],
      [{ task_routing: { filters: [{ targets: [{ queue: q, expression: 'worker.level > 5\nAND level > 5' }] }] } }, /key "level" at line 2, column 5 must start/],
      [{ task_routing: { filters: [{ targets: [{ queue: q, order_by: 'skill' }] }] } }, /order_by: term 1/],
      [{ task_routing: { filters: [{ targets: [{ queue: q, qeueu: q }] }] } }, /targets\[0\]\.qeueu: unknown target property/],
      [{ task_routing: { default_filter: { queue: q, timeout: 5 } } }, /default_filter\.timeout/],
      [{ task_routing: { default_filter: { queue: q, task_queue_sid: q } } }, /default_filter\.task_queue_sid: give "queue" or "task_queue_sid", not both/],
      [{ task_routing: { default_filter: { task_queue_sid: 'WQ00000000000000000000000000000000' } } }, /default_filter\.queue: TaskQueue WQ0+ does not exist/],
    ];
    for (const [configuration, message] of cases) {
      assert.throws(create(configuration), (error: EngineError) => {
        assert.equal(error.param, 'Configuration');
        assert.equal(error.status, 400);
        assert.match(error.message, message);
        return true;
      });
    }
  });
});

describe('step deadlines, timed-out filters and skip_if', () => {
  let f: Fixture;
  afterEach(() => f.close());

  /** A queue of the team `name` (TargetWorkers `team == "<name>"`). */
  const teamQueue = (name: string) => f.engine.taskQueues.create(f.ws, { friendly_name: name, target_workers: `team == "${name}"` }).sid;
  /** A workflow that sends every task through `targets`. */
  const routeAll = (targets: object[]) =>
    f.engine.workflows.create(f.ws, { friendly_name: 'wf', configuration: { task_routing: { filters: [{ expression: '1==1', targets }] } } });

  it('a target is over at exactly its deadline: re-routing then does not send the task back to it', () => {
    f = fixture();
    const [first, second] = [teamQueue('first'), teamQueue('second')];
    routeAll([{ queue: first, timeout: 10 }, { queue: second }]);
    const task = f.task({ n: 1 });
    f.clock.advance(10_000);
    assert.equal(f.engine.tasks.get(f.ws, task.sid).task_queue_sid, second);
    f.engine.tasks.update(f.ws, task.sid, { attributes: { n: 2 } });
    assert.equal(f.engine.tasks.get(f.ws, task.sid).task_queue_sid, second);
  });

  it('a task re-evaluated into a filter whose time is up is canceled, not handed to the default filter', () => {
    f = fixture();
    const a = f.engine.taskQueues.create(f.ws, { friendly_name: 'A' }).sid;
    const d = f.engine.taskQueues.create(f.ws, { friendly_name: 'D' }).sid;
    f.engine.workflows.create(f.ws, {
      friendly_name: 'wf',
      configuration: { task_routing: { filters: [{ expression: 'type == "x"', targets: [{ queue: a, timeout: 10 }] }], default_filter: { queue: d } } },
    });
    const task = f.task({ type: 'y' });
    assert.equal(f.engine.tasks.get(f.ws, task.sid).task_queue_sid, d);
    f.clock.advance(20_000);
    f.engine.tasks.update(f.ws, task.sid, { attributes: { type: 'x' } });
    assert.equal(f.engine.tasks.get(f.ws, task.sid).assignment_status, 'canceled');
  });

  it('skip_if "workers.available == 0" skips a step whose queue has only offline members', () => {
    f = fixture();
    const [first, backup] = [teamQueue('first'), teamQueue('backup')];
    routeAll([{ queue: first, timeout: 600, skip_if: 'workers.available == 0' }, { queue: backup }]);
    f.worker('Away', { team: 'first' }, 'Offline');
    const task = f.task({});
    assert.equal(f.engine.tasks.get(f.ws, task.sid).task_queue_sid, backup);
  });
});
