/**
 * The documented limits (src/server/index.ts, docs/SECURITY-section.md), each at its
 * boundary: the value at the limit is taken, one past it is refused with the documented
 * status and the error JSON, and the server goes on serving.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { MAX_PROXY_PARAMS } from '../../src/server/bridge/proxy-request.js';
import { MAX_LIST_ITEMS, MAX_PARAM_LENGTH } from '../../src/server/http/params.js';
import { DEFAULT_BODY_LIMIT, DEFAULT_MAX_PAYLOAD, MAX_TOKEN_LENGTH } from '../../src/server/index.js';
import { connectBridge } from '../server/http/harness.js';
import { isErrorBody, send, type RawResponse } from './support/http.js';
import { useWorld } from './support/world.js';

const world = useWorld();

function assertRefused(response: RawResponse, status: number, message: RegExp, what: string): void {
  assert.equal(response.status, status, `${what}: ${response.text.slice(0, 200)}`);
  assert.ok(isErrorBody(response.body, status), `${what}: error JSON`);
  assert.match((response.body as { message: string }).message, message, what);
}

const form = (pairs: Record<string, string>) => new URLSearchParams(pairs).toString();

describe('request bodies', () => {
  test(`REST: ${DEFAULT_BODY_LIMIT} bytes are read, one more is 413`, async () => {
    const path = `/v1/Workspaces/${world.a.workspaceSid}/Workers`;
    const prefix = 'FriendlyName=big&Attributes=';
    const at = prefix + 'x'.repeat(DEFAULT_BODY_LIMIT - prefix.length);
    assert.equal(Buffer.byteLength(at), DEFAULT_BODY_LIMIT);
    const read = await send(world.server.url, { method: 'POST', path, body: at, contentType: 'application/x-www-form-urlencoded', authorization: world.a.basic });
    // Read, then refused for what it says (the value is past the parameter limit), not for its size.
    assertRefused(read, 400, /Attributes/, 'at the body limit');
    const over = await send(world.server.url, { method: 'POST', path, body: `${at}x`, contentType: 'application/x-www-form-urlencoded', authorization: world.a.basic });
    assertRefused(over, 413, /too large/, 'one byte over');
  });

  test(`event-bridge proxy: one byte over ${DEFAULT_BODY_LIMIT} is 413`, async () => {
    const token = world.a.workerToken();
    const call = { url: `https://taskrouter.twilio.com/v1/Workspaces/${world.a.workspaceSid}/Workers/${world.a.workerSid}`, method: 'GET', params: {}, token, pad: '' };
    const base = Buffer.byteLength(JSON.stringify(call));
    const body = (size: number) => JSON.stringify({ ...call, pad: 'x'.repeat(size - base) });
    const path = `/v1/wschannels/${world.a.accountSid}/${world.a.workerSid}`;
    const at = await send(world.server.url, { method: 'POST', path, body: body(DEFAULT_BODY_LIMIT), contentType: 'text/plain' });
    assert.equal(at.status, 200, at.text.slice(0, 200));
    assertRefused(await send(world.server.url, { method: 'POST', path, body: body(DEFAULT_BODY_LIMIT + 1), contentType: 'text/plain' }), 413, /too large/, 'proxy over');
  });
});

describe('parameters', () => {
  test(`one value: ${MAX_PARAM_LENGTH} characters are taken, one more is 400 naming the parameter`, async () => {
    const path = `/v1/Workspaces/${world.a.workspaceSid}/Workers`;
    const attributes = (length: number) => `{"pad":"${'x'.repeat(length - 10)}"}`;
    assert.equal(attributes(MAX_PARAM_LENGTH).length, MAX_PARAM_LENGTH);
    const at = await send(world.server.url, {
      method: 'POST', path, authorization: world.a.basic, contentType: 'application/x-www-form-urlencoded',
      body: form({ FriendlyName: 'limit', Attributes: attributes(MAX_PARAM_LENGTH) }),
    });
    assert.equal(at.status, 201, at.text.slice(0, 200));
    const over = await send(world.server.url, {
      method: 'POST', path, authorization: world.a.basic, contentType: 'application/x-www-form-urlencoded',
      body: form({ FriendlyName: 'limit2', Attributes: attributes(MAX_PARAM_LENGTH + 1) }),
    });
    assertRefused(over, 400, /Attributes.*longer than/, 'one character over');
  });

  test(`a list: ${MAX_LIST_ITEMS} values are taken, one more is 400`, async () => {
    const path = `/v1/Workspaces/${world.a.workspaceSid}/Tasks`;
    const list = (count: number) => Array.from({ length: count }, () => ['AssignmentStatus', 'pending'] as [string, string]);
    const at = await send(world.server.url, { method: 'GET', path, query: list(MAX_LIST_ITEMS), authorization: world.a.basic });
    assert.equal(at.status, 200, at.text.slice(0, 200));
    assertRefused(await send(world.server.url, { method: 'GET', path, query: list(MAX_LIST_ITEMS + 1), authorization: world.a.basic }), 400, /more than/, 'list over');
  });

  test(`a proxied call: ${MAX_PROXY_PARAMS} params pass the count check, one more is 400`, async () => {
    const token = world.a.workerToken();
    const path = `/v1/wschannels/${world.a.accountSid}/${world.a.workerSid}`;
    const call = (count: number) => JSON.stringify({
      url: `https://taskrouter.twilio.com/v1/Workspaces/${world.a.workspaceSid}/Workers/${world.a.workerSid}`, method: 'GET', token,
      params: Object.fromEntries(Array.from({ length: count }, (_, i) => [`P${i}`, 'x'])),
    });
    const at = await send(world.server.url, { method: 'POST', path, body: call(MAX_PROXY_PARAMS), contentType: 'text/plain' });
    // Past the count check, the policies decide (the worker token's GET takes no unknown params: 403 or 400, not the count error).
    assert.ok(at.status >= 400 && at.status < 500 && !/at most/.test(at.text), at.text.slice(0, 200));
    assertRefused(await send(world.server.url, { method: 'POST', path, body: call(MAX_PROXY_PARAMS + 1), contentType: 'text/plain' }), 400, /at most/, 'params over');
  });

  test('a value nested deeper than the stack goes is 400 naming it, through the proxy, the REST API and the dev endpoint', async () => {
    const depth = 20_000;
    const deep = `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
    const call = `{"url":"https://taskrouter.twilio.com/v1/Workspaces/${world.a.workspaceSid}/Tasks","method":"POST","token":"x","params":{"Attributes":${deep}}}`;
    const proxied = await send(world.server.url, { method: 'POST', path: `/v1/wschannels/${world.a.accountSid}/${world.a.workerSid}`, body: call, contentType: 'text/plain' });
    assertRefused(proxied, 400, /Attributes is nested too deeply/, 'proxied');
    const scenario = await send(world.server.url, { method: 'POST', path: '/dev/scenarios/tasks', body: `{"workspaceSid":"${world.a.workspaceSid}","attributes":${deep}}`, contentType: 'application/json' });
    assertRefused(scenario, 400, /Attributes: nested too deeply/, 'dev scenario');
    // As text (REST takes attributes as a JSON string), it is stored as given and routed.
    const rest = await send(world.server.url, {
      method: 'POST', path: `/v1/Workspaces/${world.a.workspaceSid}/Tasks`, authorization: world.a.basic,
      contentType: 'application/x-www-form-urlencoded', body: form({ Attributes: `${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}`, WorkflowSid: world.a.workflowSid }),
    });
    assert.equal(rest.status, 201, rest.text.slice(0, 200));
  });
});

describe('tokens and websocket messages', () => {
  test(`a token longer than ${MAX_TOKEN_LENGTH} characters is refused before it is hashed`, async () => {
    const path = `/v1/wschannels/${world.a.accountSid}/${world.a.workerSid}`;
    const long = 'a.b.' + 'c'.repeat(MAX_TOKEN_LENGTH);
    const response = await send(world.server.url, { method: 'POST', path, body: JSON.stringify({ url: 'Workspaces', method: 'GET', token: long }), contentType: 'text/plain' });
    assertRefused(response, 403, /longer than/, 'long token');
  });

  test(`inbound websocket messages: ${DEFAULT_MAX_PAYLOAD} bytes are ignored, one more closes the socket with 1009`, async () => {
    const { a } = world;
    const client = await connectBridge(world.server, a.workerSid, { token: a.workerToken() });
    client.ws.send('x'.repeat(DEFAULT_MAX_PAYLOAD));
    client.ws.send(Buffer.alloc(DEFAULT_MAX_PAYLOAD, 1));
    // Still open and served: an update of the worker arrives as an event.
    world.server.engine.workers.update(a.workspaceSid, a.workerSid, { activity_sid: a.activitySid });
    const event = await client.next('worker.activity.update');
    assert.equal(event.payload.sid, a.workerSid, 'the socket still gets events');
    client.ws.send('x'.repeat(DEFAULT_MAX_PAYLOAD + 1));
    await client.closed;
    assert.equal(client.closeCode, 1009);
    const alive = await send(world.server.url, { method: 'GET', path: '/v1/Workspaces', authorization: a.basic });
    assert.equal(alive.status, 200);
  });
});

test('no internal error was reported', () => {
  assert.deepEqual(world.internalErrors.map(String), []);
});
