// The request core on its own: URLs from options and region, what is retried (network failures,
// timeouts, 429, 5xx) and what is not (a create that may have landed), a retry refused because the
// first attempt had landed, the token read at every attempt, and debug logging.
// The network is an injected fetch here, so attempts can be counted exactly.
import assert from 'node:assert/strict';
import { afterEach, describe, it, mock } from 'node:test';
import { Core } from '../../src/sdk/core.js';
import { TaskRouterError } from '../../src/sdk/errors.js';
import type { ConnectionOptions } from '../../src/sdk/options.js';

const claims = { account_sid: 'AC1', workspace_sid: 'WS1', channel: 'WK1', worker_sid: 'WK1', exp: Math.floor(Date.now() / 1000) + 3600 };
const token = (extra: object = {}) => `e30.${Buffer.from(JSON.stringify({ ...claims, ...extra })).toString('base64url')}.sig`;
const cores: Core[] = [];

function core(options: ConnectionOptions, value = token()): Core {
  const c = new Core({ debug: false, retryDelay: 1, ...options }, value, () => {});
  cores.push(c);
  return c;
}

/** A fetch that answers from `script` in turn and records each request body. */
function scripted(script: Array<() => Response | Promise<Response>>) {
  const bodies: Array<Record<string, unknown>> = [];
  const fetch = async (_url: string | URL | Request, init?: RequestInit) => {
    bodies.push(JSON.parse(String(init!.body)));
    return script[Math.min(bodies.length - 1, script.length - 1)]!();
  };
  return { bodies, fetch: fetch as typeof globalThis.fetch };
}

const json = (status: number, body: unknown) => () => new Response(JSON.stringify(body), { status });
const networkDown = () => {
  throw new TypeError('fetch failed');
};

afterEach(() => {
  for (const c of cores.splice(0)) c.stop();
});

describe('Core URLs', () => {
  it('defaults to Twilio, maps a region as v1 did, and takes the local server', () => {
    const twilio = core({});
    assert.equal(twilio.channelUrl, 'https://event-bridge.twilio.com/v1/wschannels/AC1/WK1');
    assert.equal(twilio.workspaceUrl, 'https://taskrouter.twilio.com/v1/Workspaces/WS1');
    assert.equal(core({ region: 'ie1-ix' }).channelUrl, 'https://event-bridge.ie1-ix.us1.twilio.com/v1/wschannels/AC1/WK1');
    const local = core({ eventBridgeUrl: 'http://127.0.0.1:4200/', apiBaseUrl: 'http://127.0.0.1:4200/v1/', region: 'ie1-ix' });
    assert.equal(local.channelUrl, 'http://127.0.0.1:4200/v1/wschannels/AC1/WK1');
    assert.equal(local.workspaceUrl, 'http://127.0.0.1:4200/v1/Workspaces/WS1');
  });
});

describe('Core.request', () => {
  it('posts {url, method, params, token, event_type} and resolves with the payload', async () => {
    const { bodies, fetch } = scripted([json(200, { event_type: 'ready', payload: { sid: 'WK1' } })]);
    assert.deepEqual(await core({ fetch }).request('GET', 'https://x/Workers/WK1', { A: '1' }, 'ready'), { sid: 'WK1' });
    assert.deepEqual(bodies, [{ url: 'https://x/Workers/WK1', method: 'GET', params: { A: '1' }, token: token(), event_type: 'ready' }]);
  });

  it('does not retry by default (maxRetries 0)', async () => {
    const { bodies, fetch } = scripted([networkDown]);
    await assert.rejects(core({ fetch }).request('GET', 'u'), (e: TaskRouterError) => e.status === 0 && /Network error: fetch failed/.test(e.message));
    assert.equal(bodies.length, 1);
  });

  it('retries network failures and 5xx up to maxRetries times, then gives the last error', async () => {
    const down = scripted([networkDown]);
    await assert.rejects(core({ fetch: down.fetch, maxRetries: 3 }).request('GET', 'u'), /Network error/);
    assert.equal(down.bodies.length, 4);
    const busy = scripted([json(503, { code: 20503, message: 'Service busy', status: 503 })]);
    await assert.rejects(core({ fetch: busy.fetch, maxRetries: 2 }).request('GET', 'u'), (e: TaskRouterError) => e.code === 20503 && e.message === 'Service busy');
    assert.equal(busy.bodies.length, 3);
    const recovers = scripted([networkDown, json(500, {}), json(200, { payload: { ok: true } })]);
    assert.deepEqual(await core({ fetch: recovers.fetch, maxRetries: 5 }).request('GET', 'u'), { ok: true });
    assert.equal(recovers.bodies.length, 3);
  });

  it('retries a timed-out request', async () => {
    const hanging = (_url: string | URL | Request, init?: RequestInit) =>
      new Promise<Response>((_resolve, reject) => init!.signal!.addEventListener('abort', () => reject(init!.signal!.reason)));
    const attempts = mock.fn(hanging);
    await assert.rejects(core({ fetch: attempts as unknown as typeof fetch, maxRetries: 1, requestTimeout: 30 }).request('GET', 'u'), /Request timed out/);
    assert.equal(attempts.mock.callCount(), 2);
  });

  it('never retries a 4xx: the server code, message and param reach the caller', async () => {
    const { bodies, fetch } = scripted([json(400, { code: 20001, message: 'Invalid ActivitySid', more_info: 'https://e/20001', status: 400, param: 'ActivitySid' })]);
    await assert.rejects(core({ fetch, maxRetries: 5 }).request('POST', 'u'), (e: TaskRouterError) =>
      e.code === 20001 && e.status === 400 && e.message === 'Invalid ActivitySid' && e.param === 'ActivitySid' && e.moreInfo === 'https://e/20001');
    assert.equal(bodies.length, 1);
  });

  it('retries 429 and 503, which mean the server did nothing', async () => {
    const limited = scripted([json(429, { code: 20429, message: 'Too many requests', status: 429 }), json(200, { payload: { ok: 1 } })]);
    assert.deepEqual(await core({ fetch: limited.fetch, maxRetries: 1 }).request('GET', 'u'), { ok: 1 });
    assert.equal(limited.bodies.length, 2);
  });

  it('never repeats a create that may have landed (no second task), but does when the server did nothing', async () => {
    for (const failure of [networkDown, json(500, {}), json(502, {})]) {
      const { bodies, fetch } = scripted([failure, json(201, { payload: { sid: 'WT2' } })]);
      await assert.rejects(core({ fetch, maxRetries: 3 }).request('POST', 'https://x/Workspaces/WS1/Tasks', { WorkflowSid: 'WW1' }));
      assert.equal(bodies.length, 1);
    }
    const busy = scripted([json(503, {}), json(200, { payload: { sid: 'WT1' } })]);
    assert.deepEqual(await core({ fetch: busy.fetch, maxRetries: 3 }).request('POST', 'https://x/Workspaces/WS1/Tasks'), { sid: 'WT1' });
    assert.equal(busy.bodies.length, 2);
  });

  const reservationUrl = `https://x/Workspaces/WS1/Tasks/WT${'1'.repeat(32)}/Reservations/WR${'2'.repeat(32)}`;
  const notPending = json(400, { code: 20001, message: 'Reservation is not pending', status: 400 });

  it('an update whose retry is refused because the first attempt landed resolves with the resource as it is', async () => {
    const accepted = { sid: 'WR1', reservation_status: 'accepted', worker_sid: 'WK1' };
    const { bodies, fetch } = scripted([networkDown, notPending, json(200, { payload: accepted })]);
    assert.deepEqual(await core({ fetch, maxRetries: 2 }).request('POST', reservationUrl, { ReservationStatus: 'accepted' }), accepted);
    assert.deepEqual(bodies.map((b) => b.method), ['POST', 'POST', 'GET']);
    // An instruction (dequeue, call…) leaves the reservation accepted.
    const dequeued = scripted([json(500, {}), notPending, json(200, { payload: accepted })]);
    assert.deepEqual(await core({ fetch: dequeued.fetch, maxRetries: 2 }).request('POST', reservationUrl, { Instruction: 'dequeue', DequeueFrom: '+1' }), accepted);
  });

  it('an update whose retry is refused for another reason rejects with that refusal', async () => {
    const timedOut = { sid: 'WR1', reservation_status: 'timeout' };
    const { bodies, fetch } = scripted([networkDown, notPending, json(200, { payload: timedOut })]);
    await assert.rejects(core({ fetch, maxRetries: 2 }).request('POST', reservationUrl, { ReservationStatus: 'accepted' }), /Reservation is not pending/);
    assert.equal(bodies.length, 3);
    // Attributes compare by meaning, and a parameter with no field of its name (Reason) is not checked.
    const task = { sid: 'WT1', assignment_status: 'completed', attributes: '{"a": 1}' };
    const completed = scripted([networkDown, notPending, json(200, { payload: task })]);
    const url = `https://x/Workspaces/WS1/Tasks/WT${'1'.repeat(32)}`;
    assert.deepEqual(await core({ fetch: completed.fetch, maxRetries: 1 }).request('POST', url, { AssignmentStatus: 'completed', Reason: 'done', Attributes: '{"a":1}' }), task);
    const other = scripted([networkDown, notPending, json(200, { payload: task })]);
    await assert.rejects(core({ fetch: other.fetch, maxRetries: 1 }).request('POST', url, { AssignmentStatus: 'completed', Attributes: '{"a":2}' }), /not pending/);
  });

  it('a delete whose retry finds nothing had deleted it the first time', async () => {
    const { bodies, fetch } = scripted([networkDown, json(404, { code: 20404, message: 'Not found', status: 404 })]);
    assert.deepEqual(await core({ fetch, maxRetries: 1 }).request('DELETE', `https://x/Workspaces/WS1/Tasks/WT${'1'.repeat(32)}`), {});
    assert.equal(bodies.length, 2);
    // Without a retry, a 404 is an error.
    const missing = scripted([json(404, { code: 20404, message: 'Not found', status: 404 })]);
    await assert.rejects(core({ fetch: missing.fetch, maxRetries: 1 }).request('DELETE', 'https://x/Tasks/WT1'), /Not found/);
  });

  it('reads the token at every attempt, so updateToken reaches a request being retried', async () => {
    let c: Core;
    const renewed = token({ exp: claims.exp + 60 });
    const { bodies, fetch } = scripted([
      () => {
        c.setToken(renewed);
        throw new TypeError('fetch failed');
      },
      json(200, { payload: {} }),
    ]);
    c = core({ fetch, maxRetries: 1 });
    await c.request('GET', 'u');
    assert.deepEqual(bodies.map((b) => b.token), [token(), renewed]);
    assert.throws(() => c.setToken(token({ channel: 'WK2' })), /token: for WK2, not WK1/);
  });
});

describe('token timer and debug logging', () => {
  it('fires ahead of exp: the lead, at most half the time left', async () => {
    let fired = 0;
    const soon = Math.floor(Date.now() / 1000) + 2;
    const c = new Core({ debug: false, tokenRefreshLead: 60_000 }, token({ exp: soon }), () => fired++);
    cores.push(c);
    await new Promise((resolve) => setTimeout(resolve, soon * 1000 - Date.now() - 200));
    assert.equal(fired, 1, 'before exp');
    assert.equal(c.expired, false);
  });

  it('logs unless debug is false', () => {
    const log = mock.method(console, 'log', () => {});
    try {
      core({ debug: true }).log('hello');
      core({ debug: false }).log('quiet');
      assert.deepEqual(log.mock.calls.map((call) => call.arguments), [['[taskrouter]', 'hello']]);
    } finally {
      log.mock.restore();
    }
  });
});
