// Unit tests of the SDK's pure parts: backoff, token decoding, JSON → object conversion,
// v1 argument handling, error parsing, list items and statistics views.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { backoff } from '../../src/sdk/backoff.js';
import { encodeParams, settle, splitCallback, updateArgs } from '../../src/sdk/callback.js';
import { camelCase, toFields } from '../../src/sdk/convert.js';
import { responseError, TaskRouterError } from '../../src/sdk/errors.js';
import { decodeToken } from '../../src/sdk/jwt.js';
import { items } from '../../src/sdk/list.js';
import { readOptions, WORKER_ARGS } from '../../src/sdk/options.js';
import { statisticsView } from '../../src/sdk/views.js';

/** An unsigned token with the given claims (the SDK never checks signatures). */
const token = (claims: object) => `e30.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.sig`;

describe('backoff', () => {
  it('doubles per attempt, is capped, and jitters within [0.5, 1) of the step', () => {
    assert.equal(backoff(0, 100, 1000, () => 0), 50);
    assert.equal(backoff(0, 100, 1000, () => 0.999999), 99.99995);
    assert.equal(backoff(3, 100, 1000, () => 0), 400);
    assert.equal(backoff(10, 100, 1000, () => 0), 500);
    assert.equal(backoff(10, 100, 1000, () => 1), 1000);
    const samples = new Set(Array.from({ length: 50 }, () => backoff(2, 100, 10_000)));
    assert.ok(samples.size > 40, 'real randomness spreads the delays');
    for (const delay of samples) assert.ok(delay >= 200 && delay < 400);
  });
});

describe('decodeToken', () => {
  const claims = { account_sid: 'AC1', workspace_sid: 'WS1', channel: 'WK1', worker_sid: 'WK1', exp: 2e9, friendly_name: 'Zoë ☎' };

  it('reads the claims of a base64url JWT, UTF-8 included', () => {
    assert.deepEqual(decodeToken(token(claims)), claims);
  });

  it('names the missing claim', () => {
    const { channel: _, ...rest } = claims;
    assert.throws(() => decodeToken(token(rest)), /missing the channel claim/);
    assert.throws(() => decodeToken(token({ ...claims, exp: 'soon' })), /missing the exp claim/);
  });

  it('says that AccessTokens (TaskRouter.js v2) are not supported', () => {
    const accessToken = { jti: 'SK1-1', iss: 'SK1', sub: 'AC1', exp: 2e9, grants: { identity: 'alice', task_router: { workspace_sid: 'WS1', worker_sid: 'WK1' } } };
    assert.throws(() => decodeToken(token(accessToken)), /AccessTokens \(TaskRouter.js v2 and later\) are not supported/);
  });

  it('refuses what is not a token', () => {
    assert.throws(() => decodeToken('nope'), TypeError);
    assert.throws(() => decodeToken(undefined), /not a capability token/);
    // Still wrapped in the token endpoint's JSON: its dots would otherwise pass for a JWT's.
    assert.throws(() => decodeToken(JSON.stringify({ token: token(claims) })), /not a capability token/);
  });
});

describe('toFields', () => {
  it('camelCases keys recursively, parses JSON fields, converts dates, drops url/links/reservation_sid', () => {
    const fields = toFields({
      sid: 'WT1',
      task_queue_sid: 'WQ1',
      attributes: '{"snake_key":1,"list":[1,2]}',
      date_created: 1700000000,
      date_updated: '2024-01-02T03:04:05Z',
      task_queue_entered_date: '2024-01-02T03:04:05Z',
      tasks_by_status: { pending_now: 2 },
      activity_statistics: [{ friendly_name: 'Idle', workers: 3 }],
      url: 'https://x',
      links: { a: 'b' },
      reservation_sid: 'WR1',
    });
    assert.deepEqual(Object.keys(fields).sort(), [
      'activityStatistics', 'attributes', 'dateCreated', 'dateUpdated', 'sid', 'taskQueueEnteredDate', 'taskQueueSid', 'tasksByStatus',
    ]);
    // User data inside attributes keeps its own keys.
    assert.deepEqual(fields.attributes, { snake_key: 1, list: [1, 2] });
    assert.equal((fields.dateCreated as Date).getTime(), 1700000000 * 1000);
    assert.equal((fields.dateUpdated as Date).toISOString(), '2024-01-02T03:04:05.000Z');
    assert.ok(fields.taskQueueEnteredDate instanceof Date);
    assert.deepEqual(fields.tasksByStatus, { pendingNow: 2 });
    assert.deepEqual(fields.activityStatistics, [{ friendlyName: 'Idle', workers: 3 }]);
  });

  it('keeps attributes that are not JSON, or already objects, as they are', () => {
    assert.equal(toFields({ attributes: 'not json' }).attributes, 'not json');
    assert.deepEqual(toFields({ configuration: { task_routing: {} } }).configuration, { task_routing: {} });
  });

  it('camelCase', () => {
    assert.equal(camelCase('available_capacity_percentage'), 'availableCapacityPercentage');
    assert.equal(camelCase('task_channel_unique_name'), 'taskChannelUniqueName');
    assert.equal(camelCase('sid'), 'sid');
  });
});

describe('v1 arguments', () => {
  const cb = () => {};

  it('updateArgs reads (key, value), (params), with an optional leading SID and callback', () => {
    assert.deepEqual(updateArgs(['ActivitySid', 'WA1', cb], false), [undefined, { ActivitySid: 'WA1' }, cb]);
    assert.deepEqual(updateArgs([{ FriendlyName: 'A', Attributes: { a: 1 } }], false), [undefined, { FriendlyName: 'A', Attributes: '{"a":1}' }, undefined]);
    assert.deepEqual(updateArgs(['Attributes', { a: 1 }], false), [undefined, { Attributes: '{"a":1}' }, undefined]);
    assert.deepEqual(updateArgs(['WAxxx', 'FriendlyName', 'New', cb], false), ['WAxxx', { FriendlyName: 'New' }, cb]);
    assert.deepEqual(updateArgs(['WTxxx', { AssignmentStatus: 'canceled' }, cb], false), ['WTxxx', { AssignmentStatus: 'canceled' }, cb]);
    assert.deepEqual(updateArgs(['WQ1', 'MaxReservedWorkers', 20], true), ['WQ1', { MaxReservedWorkers: '20' }, undefined]);
  });

  it('updateArgs names what is wrong', () => {
    assert.throws(() => updateArgs([], false), /update: expected \(name, value\)/);
    assert.throws(() => updateArgs([42, 'x'], false), /update: expected/);
    assert.throws(() => updateArgs([{ FriendlyName: 'A' }], true), /the first argument must be a SID/);
  });

  it('encodeParams stringifies objects, joins arrays, drops null and undefined', () => {
    assert.deepEqual(encodeParams({ A: { b: 1 }, B: ['start', 'end'], C: 3, D: true, E: null, F: undefined }), {
      A: '{"b":1}',
      B: 'start,end',
      C: '3',
      D: 'true',
    });
    assert.throws(() => encodeParams('x', 'create'), /create: expected an object/);
  });

  it('splitCallback takes the first function', () => {
    assert.deepEqual(splitCallback(['a', null, cb, 'z']), [['a', null], cb]);
    assert.deepEqual(splitCallback(['a']), [['a'], undefined]);
  });

  it('settle calls back error-first and still returns the promise, its rejection handled', async () => {
    const results: unknown[] = [];
    const ok = settle(Promise.resolve(1), (error: unknown, value: unknown) => results.push([error, value]));
    assert.equal(await ok, 1);
    const failure = new TaskRouterError('no', 20404, 404);
    const bad = settle(Promise.reject(failure), (error: unknown) => results.push([error]));
    await assert.rejects(bad, failure);
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(results, [[null, 1], [failure]]);
  });

  it('readOptions takes an options object or v1 positional arguments', () => {
    assert.deepEqual(readOptions([false, 'WA1', 'WA2', 'true', 'ie1-ix', 3], WORKER_ARGS), {
      debug: false, connectActivitySid: 'WA1', disconnectActivitySid: 'WA2', closeExistingSessions: true, region: 'ie1-ix', maxRetries: 3,
    });
    assert.deepEqual(readOptions(['false'], WORKER_ARGS), { debug: false });
    assert.deepEqual(readOptions([{ eventBridgeUrl: 'http://x', maxRetries: 0 }], WORKER_ARGS), { eventBridgeUrl: 'http://x', maxRetries: 0 });
    assert.throws(() => readOptions([{ maxRetries: -1 }], WORKER_ARGS), /maxRetries: expected a whole number/);
  });
});

describe('errors', () => {
  it('carry the server code, message, more_info and param', () => {
    const body = { code: 20001, message: 'TargetWorkers is invalid', more_info: 'https://e/20001', status: 400, param: 'TargetWorkers' };
    const error = responseError(400, 'Bad Request', body);
    assert.ok(error instanceof TaskRouterError && error instanceof Error);
    assert.deepEqual({ ...error, message: error.message }, {
      name: 'TaskRouterError', code: 20001, status: 400, moreInfo: 'https://e/20001', param: 'TargetWorkers', message: 'TargetWorkers is invalid',
      response: body, // v1's `error.response`: what the server sent
    });
  });

  it('accept a body wrapped in payload, or none', () => {
    assert.equal(responseError(404, '', { payload: { code: 20404, message: 'gone' } }).code, 20404);
    const bare = responseError(502, 'Bad Gateway', null);
    assert.deepEqual([bare.code, bare.status, bare.message, bare.response], [502, 502, 'Bad Gateway', 'Bad Gateway']);
  });
});

describe('list items and statistics views', () => {
  it('items reads meta.key, or the first array', () => {
    assert.deepEqual(items({ workers: [1], meta: { key: 'workers' } }), [1]);
    assert.deepEqual(items({ task_queues: [2], meta: {} }), [2]);
    assert.deepEqual(items(null as never), []);
  });

  it('statisticsView maps camelCased statistics onto the contract and keeps a bounded history', () => {
    const stats = toFields({
      realtime: { tasks_by_status: { pending: 2, reserved: 1, assigned: 4, wrapping: 0 }, total_tasks: 7, longest_task_waiting_age: 30,
        total_available_workers: 3, total_eligible_workers: 5, activity_statistics: [{ sid: 'WA1', friendly_name: 'Idle', workers: 3 }] },
      cumulative: { tasks_entered: 9, avg_task_acceptance_time: 12, wait_duration_until_accepted: { avg: 4, min: 1, max: 9, total: 20 } },
    });
    const start = Date.UTC(2026, 0, 1);
    const byWindow = { realtime: stats.realtime, cumulative: { 60: stats.cumulative } };
    let view = statisticsView('WQ1', 'Sales', byWindow, undefined, new Date(start));
    assert.equal(view.realtime.availableWorkers, 3);
    assert.equal(view.realtime.eligibleWorkers, 5);
    assert.equal(view.realtime.longestTaskWaitingAge, 30);
    assert.deepEqual(view.realtime.activityStatistics, [{ sid: 'WA1', friendlyName: 'Idle', workers: 3 }]);
    assert.deepEqual(Object.keys(view.cumulative), ['60']);
    assert.equal(view.cumulative[60]!.tasksEntered, 9);
    assert.deepEqual(view.cumulative[60]!.waitDurationUntilAccepted, { avg: 4, min: 1, max: 9, total: 20 });
    assert.deepEqual(view.history.map(({ waiting, availableWorkers }) => [waiting, availableWorkers]), [[3, 3]]);
    // Refreshed every 10 s for 70 minutes: a sample a minute, the newest standing in for its minute, 60 kept.
    for (let i = 1; i <= 420; i++) view = statisticsView('WQ1', 'Sales', byWindow, view, new Date(start + i * 10_000));
    assert.equal(view.history.length, 60);
    assert.equal(+view.history.at(-1)!.at, start + 420 * 10_000, 'the newest sample is the last refresh');
    const gaps = view.history.slice(1, -1).map((sample, i) => +sample.at - +view.history[i]!.at);
    assert.ok(gaps.every((gap) => gap === 60_000), gaps.join(' '));
    assert.ok(+view.history.at(-1)!.at - +view.history[0]!.at >= 58 * 60_000, 'about an hour');
    const empty = statisticsView('WQ2', 'Empty', {});
    assert.deepEqual(empty.realtime.tasksByStatus, { pending: 0, reserved: 0, assigned: 0, wrapping: 0 });
  });
});
