// The request core on its own: URLs from options and region, what is retried (network failures,
// timeouts, 5xx) and what is not, with the token read at every attempt, and debug logging.
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
