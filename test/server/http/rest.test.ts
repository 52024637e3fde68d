import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { isErrorBody, startTestServer, type TestServer } from './harness.js';

let server: TestServer;
before(async () => {
  server = await startTestServer();
});
after(() => server.close());

const v1 = (path: string) => `/v1/Workspaces/${server.ws}${path}`;

describe('authentication', () => {
  test('no credentials: 401 with the error body and a Basic challenge', async () => {
    const response = await server.rest('GET', v1('/Workers'), { auth: null });
    assert.equal(response.status, 401);
    assert.ok(isErrorBody(response.body, 401));
    assert.equal(response.body.code, 20003);
    assert.match(response.headers.get('www-authenticate') ?? '', /^Basic/);
  });

  test('wrong AuthToken and malformed headers: 401', async () => {
    for (const auth of [
      'Basic ' + Buffer.from(`${server.accountSid}:nope`).toString('base64'),
      'Basic ' + Buffer.from('no-colon').toString('base64'),
      'Bearer abc',
      'Basic !!!',
    ]) {
      const response = await server.rest('GET', v1('/Workers'), { auth });
      assert.equal(response.status, 401, auth);
      assert.ok(isErrorBody(response.body, 401));
    }
  });

  test("another account cannot see this account's workspace", async () => {
    const other = server.engine.accounts.create();
    const auth = 'Basic ' + Buffer.from(`${other.sid}:${other.auth_token}`).toString('base64');
    const response = await server.rest('GET', v1('/Workers'), { auth });
    assert.equal(response.status, 404);
    assert.ok(isErrorBody(response.body, 404));
    const list = await server.rest('GET', '/v1/Workspaces', { auth });
    assert.deepEqual(list.body.workspaces, []);
  });
});

describe('workspaces', () => {
  test('create 201, fetch, update, list, delete 204', async () => {
    const created = await server.rest('POST', '/v1/Workspaces', { params: { FriendlyName: 'Scratch', PrioritizeQueueOrder: 'LIFO' } });
    assert.equal(created.status, 201);
    const sid = created.body.sid;
    assert.match(sid, /^WS[0-9a-f]{32}$/);
    assert.equal(created.body.prioritize_queue_order, 'LIFO');
    assert.equal(created.body.url, `${server.url}/v1/Workspaces/${sid}`);
    assert.equal(created.body.links.workers, `${server.url}/v1/Workspaces/${sid}/Workers`);
    assert.equal(created.body.links.real_time_statistics, `${server.url}/v1/Workspaces/${sid}/RealTimeStatistics`);

    const fetched = await server.rest('GET', `/v1/Workspaces/${sid}`);
    assert.equal(fetched.status, 200);
    assert.equal(fetched.body.friendly_name, 'Scratch');

    const updated = await server.rest('POST', `/v1/Workspaces/${sid}`, { params: { FriendlyName: 'Renamed' } });
    assert.equal(updated.status, 200);
    assert.equal(updated.body.friendly_name, 'Renamed');

    const list = await server.rest('GET', '/v1/Workspaces', { params: { FriendlyName: 'Renamed' } });
    assert.deepEqual(list.body.workspaces.map((w: any) => w.sid), [sid]);
    assert.equal(list.body.meta.key, 'workspaces');

    const deleted = await server.rest('DELETE', `/v1/Workspaces/${sid}`);
    assert.equal(deleted.status, 204);
    assert.equal(deleted.text, '');
    assert.equal((await server.rest('GET', `/v1/Workspaces/${sid}`)).status, 404);
  });

  test('the Workspace ready path with a trailing slash answers too', async () => {
    const response = await server.rest('GET', `/v1/Workspaces/${server.ws}/`);
    assert.equal(response.status, 200);
    assert.equal(response.body.sid, server.ws);
  });
});

describe('collections: activities, task channels, workflows', () => {
  test('activities CRUD and the Available filter', async () => {
    const created = await server.rest('POST', v1('/Activities'), { params: { FriendlyName: 'Lunch', Available: 'false' } });
    assert.equal(created.status, 201);
    assert.equal(created.body.available, false);
    assert.equal(created.body.links.workspace, `${server.url}${v1('')}`);
    const available = await server.rest('GET', v1('/Activities'), { params: { Available: 'true' } });
    assert.deepEqual(available.body.activities.map((a: any) => a.friendly_name), ['Available']);
    const yes = await server.rest('GET', v1('/Activities'), { params: { Available: '1' } });
    assert.deepEqual(yes.body.activities, available.body.activities);
    const renamed = await server.rest('POST', v1(`/Activities/${created.body.sid}`), { params: { FriendlyName: 'Long lunch' } });
    assert.equal(renamed.body.friendly_name, 'Long lunch');
    assert.equal((await server.rest('DELETE', v1(`/Activities/${created.body.sid}`))).status, 204);
  });

  test('task channels CRUD, fetch by unique name', async () => {
    const created = await server.rest('POST', v1('/TaskChannels'), { params: { FriendlyName: 'Email', UniqueName: 'email' } });
    assert.equal(created.status, 201);
    assert.match(created.body.sid, /^TC/);
    const byName = await server.rest('GET', v1('/TaskChannels/email'));
    assert.equal(byName.body.sid, created.body.sid);
    const list = await server.rest('GET', v1('/TaskChannels'));
    assert.equal(list.body.meta.key, 'channels');
    assert.ok(list.body.channels.some((c: any) => c.unique_name === 'email'));
    assert.equal((await server.rest('DELETE', v1(`/TaskChannels/${created.body.sid}`))).status, 204);
  });

  test('workflows: configuration as a JSON string, errors name Configuration', async () => {
    const queue = server.sid.queue('Everyone');
    const configuration = JSON.stringify({ task_routing: { default_filter: { queue } } });
    const created = await server.rest('POST', v1('/Workflows'), { params: { FriendlyName: 'Plain', Configuration: configuration } });
    assert.equal(created.status, 201);
    assert.equal(typeof created.body.configuration, 'string');
    assert.deepEqual(JSON.parse(created.body.configuration), JSON.parse(configuration));
    assert.equal(created.body.links.statistics, `${server.url}${v1(`/Workflows/${created.body.sid}/Statistics`)}`);

    const bad = await server.rest('POST', v1('/Workflows'), { params: { FriendlyName: 'Bad', Configuration: '{"task_routing": 5}' } });
    assert.equal(bad.status, 400);
    assert.ok(isErrorBody(bad.body, 400));
    assert.match(bad.body.message, /Configuration/);

    assert.equal((await server.rest('DELETE', v1(`/Workflows/${created.body.sid}`))).status, 204);
  });
});

describe('workers', () => {
  test('create, fetch with links, list filters', async () => {
    const offline = server.sid.activity('Offline');
    const created = await server.rest('POST', v1('/Workers'), {
      params: { FriendlyName: 'Zed', Attributes: JSON.stringify({ skills: ['sales'], languages: ['de'], level: 1 }), ActivitySid: offline },
    });
    assert.equal(created.status, 201);
    const zed = created.body;
    assert.equal(typeof zed.attributes, 'string');
    assert.equal(zed.links.activity, `${server.url}${v1(`/Activities/${offline}`)}`);
    assert.equal(zed.links.reservations, `${server.url}${v1(`/Workers/${zed.sid}/Reservations`)}`);
    assert.equal(zed.links.channels, `${server.url}${v1(`/Workers/${zed.sid}/Channels`)}`);
    // Every link answers, as TaskRouter's do: the statistics links are the workers' (workspace level).
    assert.equal(zed.links.real_time_statistics, `${server.url}${v1('/Workers/RealTimeStatistics')}`);
    for (const [name, link] of Object.entries(zed.links as Record<string, string>)) {
      assert.equal((await server.rest('GET', link.slice(server.url.length))).status, 200, `${name}: ${link}`);
    }

    const names = async (params: Record<string, string>) =>
      (await server.rest('GET', v1('/Workers'), { params })).body.workers.map((w: any) => w.friendly_name).sort();

    assert.deepEqual(await names({ ActivitySid: offline }), ['Carmen', 'Dmitri', 'Zed']);
    assert.deepEqual(await names({ Available: 'true' }), ['Alice', 'Bob']);
    // As TaskRouter documents: yes and 1 mean true, any other value false.
    assert.deepEqual(await names({ Available: 'yes' }), ['Alice', 'Bob']);
    assert.deepEqual(await names({ Available: 'no' }), ['Carmen', 'Dmitri', 'Emma', 'Zed']);
    assert.deepEqual(await names({ FriendlyName: 'Zed' }), ['Zed']);
    assert.deepEqual(await names({ TargetWorkersExpression: "languages HAS 'de'" }), ['Zed']);
    assert.deepEqual(await names({ TaskQueueSid: server.sid.queue('Support Spanish') }), ['Bob', 'Carmen']);
    assert.deepEqual(await names({ ActivityName: 'Break' }), ['Emma']);

    const bad = await server.rest('GET', v1('/Workers'), { params: { TargetWorkersExpression: 'languages HAS (' } });
    assert.equal(bad.status, 400);
    assert.ok(isErrorBody(bad.body, 400));
    assert.match(bad.body.message, /TargetWorkersExpression/);

    assert.equal((await server.rest('DELETE', v1(`/Workers/${zed.sid}`))).status, 204);
  });

  test('update with If-Match: a stale version is 412, the current one succeeds', async () => {
    const dmitri = server.sid.worker('Dmitri');
    const current = (await server.rest('GET', v1(`/Workers/${dmitri}`))).body;
    const stale = await server.rest('POST', v1(`/Workers/${dmitri}`), {
      params: { FriendlyName: 'Dmitri' },
      headers: { 'if-match': String(Number(current.version) + 5) },
    });
    assert.equal(stale.status, 412);
    assert.ok(isErrorBody(stale.body, 412));
    assert.equal(stale.body.code, 20412);
    const fresh = await server.rest('POST', v1(`/Workers/${dmitri}`), {
      params: { Attributes: current.attributes },
      headers: { 'if-match': current.version },
    });
    assert.equal(fresh.status, 200);
  });

  test('worker channels: list, fetch by unique name, update capacity', async () => {
    const alice = server.sid.worker('Alice');
    const list = await server.rest('GET', v1(`/Workers/${alice}/Channels`));
    assert.equal(list.body.meta.key, 'channels');
    const chat = list.body.channels.find((c: any) => c.task_channel_unique_name === 'chat');
    assert.equal(chat.configured_capacity, 3);
    assert.equal(chat.url, `${server.url}${v1(`/Workers/${alice}/Channels/${chat.sid}`)}`);
    const byName = await server.rest('GET', v1(`/Workers/${alice}/Channels/chat`));
    assert.equal(byName.body.sid, chat.sid);
    const updated = await server.rest('POST', v1(`/Workers/${alice}/Channels/chat`), { params: { Capacity: '4' } });
    assert.equal(updated.body.configured_capacity, 4);
    const bad = await server.rest('POST', v1(`/Workers/${alice}/Channels/chat`), { params: { Capacity: 'many' } });
    assert.equal(bad.status, 400);
    assert.match(bad.body.message, /Capacity/);
  });
});

describe('task queues', () => {
  test('CRUD and the filters FriendlyName, EvaluateWorkerAttributes, WorkerSid', async () => {
    const created = await server.rest('POST', v1('/TaskQueues'), {
      params: { FriendlyName: 'German', TargetWorkers: "languages HAS 'de'", MaxReservedWorkers: '3', TaskOrder: 'LIFO' },
    });
    assert.equal(created.status, 201);
    assert.equal(created.body.max_reserved_workers, 3);
    assert.equal(created.body.links.list_statistics, `${server.url}${v1('/TaskQueues/Statistics')}`);
    const german = created.body.sid;

    const names = async (params: Record<string, string>) =>
      (await server.rest('GET', v1('/TaskQueues'), { params })).body.task_queues.map((q: any) => q.friendly_name).sort();
    assert.deepEqual(await names({ FriendlyName: 'German' }), ['German']);
    assert.deepEqual(await names({ EvaluateWorkerAttributes: JSON.stringify({ languages: ['de'], level: 1 }) }), ['Everyone', 'German']);
    assert.deepEqual(await names({ WorkerSid: server.sid.worker('Carmen') }), ['Escalations', 'Everyone', 'Support Spanish']);

    const updated = await server.rest('POST', v1(`/TaskQueues/${german}`), { params: { TargetWorkers: "languages HAS 'at'" } });
    assert.equal(updated.body.target_workers, "languages HAS 'at'");
    const bad = await server.rest('POST', v1(`/TaskQueues/${german}`), { params: { MaxReservedWorkers: '99' } });
    assert.equal(bad.status, 400);
    assert.match(bad.body.message, /MaxReservedWorkers/);
    assert.equal((await server.rest('DELETE', v1(`/TaskQueues/${german}`))).status, 204);
  });
});

describe('tasks and reservations', () => {
  test('a task is reserved; accept through the task form; events are listed', async () => {
    const created = await server.rest('POST', v1('/Tasks'), {
      params: { WorkflowSid: server.sid.workflow(), Attributes: JSON.stringify({ type: 'support', language: 'es' }) },
    });
    assert.equal(created.status, 201);
    const task = created.body;
    assert.equal(task.assignment_status, 'reserved');
    assert.equal(task.links.reservations, `${server.url}${v1(`/Tasks/${task.sid}/Reservations`)}`);

    const reservations = await server.rest('GET', v1(`/Tasks/${task.sid}/Reservations`), { params: { ReservationStatus: 'pending' } });
    assert.equal(reservations.body.meta.key, 'reservations');
    const [reservation] = reservations.body.reservations;
    assert.equal(reservation.worker_sid, server.sid.worker('Bob'));
    assert.equal(reservation.url, `${server.url}${v1(`/Tasks/${task.sid}/Reservations/${reservation.sid}`)}`);
    assert.equal(reservation.links.worker, `${server.url}${v1(`/Workers/${reservation.worker_sid}`)}`);

    const workerForm = await server.rest('GET', v1(`/Workers/${reservation.worker_sid}/Reservations/${reservation.sid}`));
    assert.equal(workerForm.body.url, `${server.url}${v1(`/Workers/${reservation.worker_sid}/Reservations/${reservation.sid}`)}`);

    const accepted = await server.rest('POST', v1(`/Tasks/${task.sid}/Reservations/${reservation.sid}`), { params: { ReservationStatus: 'accepted' } });
    assert.equal(accepted.status, 200);
    assert.equal(accepted.body.reservation_status, 'accepted');

    const again = await server.rest('POST', v1(`/Tasks/${task.sid}/Reservations/${reservation.sid}`), { params: { ReservationStatus: 'accepted' } });
    assert.equal(again.status, 410);
    assert.ok(isErrorBody(again.body, 410));

    const assigned = await server.rest('GET', v1('/Tasks'), { params: { AssignmentStatus: 'assigned' } });
    assert.ok(assigned.body.tasks.some((t: any) => t.sid === task.sid));
    const statuses = await server.rest('GET', v1('/Tasks'), { params: { AssignmentStatus: ['pending', 'assigned'] } });
    assert.ok(statuses.body.tasks.some((t: any) => t.sid === task.sid));

    const completed = await server.rest('POST', v1(`/Tasks/${task.sid}`), { params: { AssignmentStatus: 'completed', Reason: 'done' } });
    assert.equal(completed.body.assignment_status, 'completed');

    const events = await server.rest('GET', v1('/Events'), { params: { TaskSid: task.sid, EventType: 'reservation.accepted' } });
    assert.equal(events.body.meta.key, 'events');
    assert.equal(events.body.events.length, 1);
    const event = await server.rest('GET', v1(`/Events/${events.body.events[0].sid}`));
    assert.equal(event.body.event_type, 'reservation.accepted');
    assert.equal(event.body.url, `${server.url}${v1(`/Events/${event.body.sid}`)}`);
    // Accepted with the account's credentials: the workspace acted, as TaskRouter records it.
    assert.deepEqual([event.body.actor_type, event.body.actor_sid, event.body.actor_url], ['workspace', server.ws, `${server.url}${v1('')}`]);
  });

  test('multi-reservation: the rescinded reservation answers 410', async () => {
    const escalations = server.sid.queue('Escalations');
    const available = server.sid.activity('Available');
    for (const name of ['Alice', 'Carmen']) {
      await server.rest('POST', v1(`/Workers/${server.sid.worker(name)}`), { params: { ActivitySid: available } });
    }
    const task = (await server.rest('POST', v1('/Tasks'), { params: { TaskQueueSid: escalations, TaskChannel: 'chat', Attributes: '{}' } })).body;
    const pending = (await server.rest('GET', v1(`/Tasks/${task.sid}/Reservations`))).body.reservations;
    assert.equal(pending.length, 2);
    const [first, second] = pending;
    const accept = await server.rest('POST', v1(`/Workers/${first.worker_sid}/Reservations/${first.sid}`), { params: { ReservationStatus: 'accepted' } });
    assert.equal(accept.status, 200);
    const late = await server.rest('POST', v1(`/Workers/${second.worker_sid}/Reservations/${second.sid}`), { params: { ReservationStatus: 'accepted' } });
    assert.equal(late.status, 410);
    assert.equal((await server.rest('GET', v1(`/Tasks/${task.sid}/Reservations/${second.sid}`))).body.reservation_status, 'rescinded');
    await server.rest('POST', v1(`/Tasks/${task.sid}`), { params: { AssignmentStatus: 'completed' } });
  });
});

describe('paging', () => {
  test('PageSize / Page with meta links that keep the filters', async () => {
    for (let i = 0; i < 5; i++) await server.rest('POST', v1('/Activities'), { params: { FriendlyName: `Paged ${i}`, Available: 'false' } });
    const first = await server.rest('GET', v1('/Activities'), { params: { Available: 'false', PageSize: '2' } });
    const meta = first.body.meta;
    assert.equal(meta.page, 0);
    assert.equal(meta.page_size, 2);
    assert.equal(meta.previous_page_url, null);
    assert.equal(first.body.activities.length, 2);
    assert.match(meta.next_page_url, /Available=false/);
    assert.match(meta.first_page_url, /PageSize=2&Page=0$/);

    const seen = first.body.activities.map((a: any) => a.sid);
    let next: string | null = meta.next_page_url;
    const basic = 'Basic ' + Buffer.from(`${server.accountSid}:${server.authToken}`).toString('base64');
    while (next) {
      // The next URL carries its own query: follow it as is.
      const response = await fetch(next, { headers: { authorization: basic } });
      assert.equal(response.status, 200);
      const body = (await response.json()) as any;
      seen.push(...body.activities.map((a: any) => a.sid));
      assert.ok(body.meta.previous_page_url);
      next = body.meta.next_page_url;
    }
    const all = (await server.rest('GET', v1('/Activities'), { params: { Available: 'false', PageSize: '1000' } })).body.activities;
    assert.deepEqual(new Set(seen), new Set(all.map((a: any) => a.sid)));
    assert.equal(seen.length, all.length);

    const tooBig = await server.rest('GET', v1('/Activities'), { params: { PageSize: '1001' } });
    assert.equal(tooBig.status, 400);
    assert.match(tooBig.body.message, /PageSize/);
  });
});

describe('statistics', () => {
  const endpoints = () => [
    '/Statistics', '/RealTimeStatistics', '/CumulativeStatistics',
    '/Workers/Statistics', '/Workers/RealTimeStatistics', '/Workers/CumulativeStatistics',
    `/Workers/${server.sid.worker('Alice')}/Statistics`,
    `/TaskQueues/${server.sid.queue('Sales')}/Statistics`,
    `/TaskQueues/${server.sid.queue('Sales')}/RealTimeStatistics`,
    `/TaskQueues/${server.sid.queue('Sales')}/CumulativeStatistics`,
    `/Workflows/${server.sid.workflow()}/Statistics`,
    `/Workflows/${server.sid.workflow()}/RealTimeStatistics`,
    `/Workflows/${server.sid.workflow()}/CumulativeStatistics`,
  ];

  test('every statistics endpoint answers 200 with its url', async () => {
    for (const path of endpoints()) {
      const response = await server.rest('GET', v1(path));
      assert.equal(response.status, 200, path);
      assert.equal(response.body.url, `${server.url}${v1(path)}`, path);
      assert.equal(response.body.workspace_sid, server.ws, path);
    }
  });

  test('real-time statistics accept the window parameters and leave them unused (v1 passes Minutes there)', async () => {
    const path = v1(`/TaskQueues/${server.sid.queue('Sales')}/RealTimeStatistics`);
    const plain = (await server.rest('GET', path)).body;
    const windowed = await server.rest('GET', path, { params: { Minutes: '240', StartDate: '2020-01-01T00:00:00Z', SplitByWaitTime: '30' } });
    assert.equal(windowed.status, 200);
    assert.deepEqual(windowed.body.tasks_by_status, plain.tasks_by_status);
    assert.equal(windowed.body.total_tasks, plain.total_tasks);
    const typo = await server.rest('GET', path, { params: { Minuets: '240' } });
    assert.equal(typo.status, 400);
    assert.match(typo.body.message, /Minuets/);
  });

  test('workers statistics take only what TaskRouter takes there, and refuse unknown queues and channels', async () => {
    const split = await server.rest('GET', v1('/Workers/CumulativeStatistics'), { params: { SplitByWaitTime: '30' } });
    assert.equal(split.status, 400);
    assert.match(split.body.message, /SplitByWaitTime/);
    const alice = await server.rest('GET', v1(`/Workers/${server.sid.worker('Alice')}/Statistics`), { params: { SplitByWaitTime: '30' } });
    assert.equal(alice.status, 400);
    const channel = await server.rest('GET', v1('/Workers/RealTimeStatistics'), { params: { TaskChannel: 'fax' } });
    assert.equal(channel.status, 404);
    const queue = await server.rest('GET', v1('/Workers/Statistics'), { params: { TaskQueueSid: `WQ${'0'.repeat(32)}` } });
    assert.equal(queue.status, 404);
  });

  test('queue statistics: realtime counts, Minutes window, list form', async () => {
    const sales = server.sid.queue('Sales');
    const realtime = (await server.rest('GET', v1(`/TaskQueues/${sales}/RealTimeStatistics`))).body;
    assert.equal(typeof realtime.tasks_by_status.pending, 'number');
    assert.equal(typeof realtime.total_eligible_workers, 'number');
    const windowed = await server.rest('GET', v1(`/TaskQueues/${sales}/CumulativeStatistics`), { params: { Minutes: '60' } });
    assert.equal(windowed.status, 200);
    const list = (await server.rest('GET', v1('/TaskQueues/Statistics'), { params: { PageSize: '2' } })).body;
    assert.equal(list.meta.key, 'task_queues_statistics');
    assert.equal(list.task_queues_statistics.length, 2);
    for (const item of list.task_queues_statistics) {
      assert.equal(item.url, `${server.url}${v1(`/TaskQueues/${item.task_queue_sid}/Statistics`)}`);
    }
    for (const segment of ['RealTimeStatistics', 'CumulativeStatistics']) {
      const perQueue = (await server.rest('GET', v1(`/TaskQueues/${segment}`))).body;
      assert.equal(perQueue.meta.key, 'task_queues_statistics');
      assert.equal(perQueue.task_queues_statistics.length, 5);
      const item = perQueue.task_queues_statistics[0];
      assert.equal(item.url, `${server.url}${v1(`/TaskQueues/${item.task_queue_sid}/${segment}`)}`);
      assert.equal(segment === 'RealTimeStatistics' ? typeof item.total_eligible_workers : typeof item.reservations_created, 'number');
    }
    const bulk = await server.rest('POST', v1('/TaskQueues/RealTimeStatistics'), { params: { QueueSids: [sales, server.sid.queue('Everyone')] } });
    assert.equal(bulk.status, 200);
    assert.equal(bulk.body.task_queue_response_count, 2);
    assert.deepEqual([bulk.body.account_sid, bulk.body.workspace_sid], [realtime.account_sid, server.ws]);
    assert.deepEqual(bulk.body.task_queue_data.map((q: any) => q.task_queue_sid), [sales, server.sid.queue('Everyone')]);
    const empty = await server.rest('POST', v1('/TaskQueues/RealTimeStatistics'), { params: {} });
    assert.equal(empty.status, 400);
    assert.match(empty.body.message, /QueueSids/);

    const bad = await server.rest('GET', v1(`/TaskQueues/${sales}/Statistics`), { params: { Minutes: 'lots' } });
    assert.equal(bad.status, 400);
    assert.match(bad.body.message, /Minutes/);
  });
});

describe('errors', () => {
  test('unknown routes and resources: 404 error bodies', async () => {
    for (const path of ['/v1/Nope', v1('/Workers/WK' + '0'.repeat(32)), v1('/Nope'), '/v1/Workspaces/WS' + '0'.repeat(32) + '/Workers']) {
      const response = await server.rest('GET', path);
      assert.equal(response.status, 404, path);
      assert.ok(isErrorBody(response.body, 404), path);
    }
  });

  test('unknown parameters are refused by name', async () => {
    const response = await server.rest('POST', v1('/Activities'), { params: { FriendlyName: 'X', Colour: 'red' } });
    assert.equal(response.status, 400);
    assert.ok(isErrorBody(response.body, 400));
    assert.match(response.body.message, /Colour/);
    const query = await server.rest('GET', v1('/Workers'), { params: { Colour: 'red' } });
    assert.equal(query.status, 400);
    assert.match(query.body.message, /Colour/);
  });

  test('missing required parameters are named', async () => {
    const response = await server.rest('POST', v1('/Activities'), { params: {} });
    assert.equal(response.status, 400);
    assert.match(response.body.message, /FriendlyName/);
  });

  test('an unexpected failure is a 500 whose body reveals nothing internal', async () => {
    const activities = server.engine.activities;
    const list = activities.list;
    activities.list = () => {
      throw new Error('SQLITE_IOERR: disk I/O error at /home/ops/.data/taskrouter.db');
    };
    try {
      const response = await server.rest('GET', v1('/Activities'));
      assert.equal(response.status, 500);
      assert.ok(isErrorBody(response.body, 500));
      assert.equal(response.body.message, 'Internal server error');
      assert.doesNotMatch(response.text, /SQLITE|taskrouter\.db/);
    } finally {
      activities.list = list;
    }
  });

  test('error bodies name the parameter at fault in `param`, and only when there is one', async () => {
    const task = server.engine.tasks.create(server.ws, { task_queue_sid: server.sid.queue('Escalations'), attributes: {} });
    const cases: Array<[string, string, Record<string, string>, number, string]> = [
      ['engine: missing', v1('/Activities'), {}, 400, 'FriendlyName'],
      ['engine: malformed', v1('/TaskQueues'), { FriendlyName: 'Q', MaxReservedWorkers: 'many' }, 400, 'MaxReservedWorkers'],
      ['engine: state conflict', v1(`/Tasks/${task.sid}`), { AssignmentStatus: 'completed' }, 409, 'AssignmentStatus'],
      ['http: unknown parameter', v1('/Activities'), { FriendlyName: 'X', Colour: 'red' }, 400, 'Colour'],
    ];
    for (const [what, path, params, status, param] of cases) {
      const response = await server.rest('POST', path, { params });
      assert.equal(response.status, status, `${what}: ${response.text}`);
      assert.ok(isErrorBody(response.body, status), what);
      assert.equal(response.body.param, param, what);
    }
    const missing = await server.rest('GET', v1('/Workers/WK' + '0'.repeat(32)));
    assert.equal(missing.status, 404);
    assert.ok(!('param' in missing.body), 'a 404 names no parameter');
    server.engine.tasks.delete(server.ws, task.sid);
  });
});
