/**
 * Hostile input on every route: malformed bodies, unknown parameters, wrong types,
 * huge values, bad path segments and malformed JWTs. Every answer must be a 4xx (or a
 * success where a value is merely odd) with a JSON body, never a 500, and the server
 * must report no internal error.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_BODY_LIMIT } from '../../../src/server/index.js';
import { ROUTES } from '../../../src/server/http/routes.js';
import { MAX_PARAM_LENGTH } from '../../../src/server/http/params.js';
import { connectBridge, fillRoute, isErrorBody, seedRouteSids, startTestServer, type RestResponse, type TestServer } from './harness.js';

let server: TestServer;
const internalErrors: unknown[] = [];
let sids: Record<string, string>;

before(async () => {
  server = await startTestServer({ onError: (error) => internalErrors.push(error) });
  ({ sids } = seedRouteSids(server, { type: 'support', language: 'es' }));
});
after(async () => {
  await server.close();
});

/** A route's URL with real SIDs for its path parameters (or `fill` for every one). */
function pathOf(url: string, fill?: string): string {
  return '/v1' + fillRoute(url, sids, fill);
}

function assertClientError(response: RestResponse, what: string) {
  assert.ok(response.status >= 400 && response.status < 500, `${what}: status ${response.status} ${response.text.slice(0, 200)}`);
  assert.ok(isErrorBody(response.body, response.status), `${what}: error body ${response.text.slice(0, 200)}`);
}

function assertNoServerError(response: RestResponse, what: string) {
  assert.ok(response.status < 500, `${what}: status ${response.status} ${response.text.slice(0, 200)}`);
  if (response.status >= 400) assert.ok(isErrorBody(response.body, response.status), `${what}: error body`);
  else if (response.status !== 204) assert.ok(response.body !== undefined, `${what}: JSON body`);
}

describe('every REST route', () => {
  test('unknown parameters: 400 naming them (DELETEs included, before anything is deleted)', async () => {
    for (const route of ROUTES) {
      const response = await server.rest(route.method, pathOf(route.url), { params: { Bogus: '1' } });
      assertClientError(response, `${route.method} ${route.url}`);
      assert.match(response.body.message, /Bogus/);
    }
  });

  test('a parameter given twice where one value is expected: 400', async () => {
    for (const route of ROUTES) {
      const single = route.accepts.find((spec) => spec.mode === 'single');
      if (!single) continue;
      const response = await server.rest(route.method, pathOf(route.url), { params: { [single.name]: ['a', 'b'] } });
      assertClientError(response, `${route.method} ${route.url} ${single.name}`);
    }
  });

  test('huge values: 400 over the parameter limit, 413 over the body limit', async () => {
    for (const route of ROUTES.filter((r) => r.accepts.length > 0)) {
      const name = route.accepts[0]!.name;
      const big = await server.rest(route.method, pathOf(route.url), { params: { [name]: 'x'.repeat(MAX_PARAM_LENGTH + 1) } });
      if (route.method === 'POST') assertClientError(big, `${route.url} ${name} huge`);
      else assert.ok(big.status === 431 || (big.status >= 400 && big.status < 500), `${route.url}: ${big.status}`);
    }
    const tooLarge = await server.rest('POST', `/v1/Workspaces/${server.ws}/Activities`, { body: `FriendlyName=${'x'.repeat(DEFAULT_BODY_LIMIT + 10)}` });
    assertClientError(tooLarge, 'body over the limit');
    assert.equal(tooLarge.status, 413);
  });

  test('malformed bodies: 4xx with the error JSON', async () => {
    const bodies: Array<[string | undefined, string]> = [
      ['application/x-www-form-urlencoded', '%%%&&==&=%zz'],
      ['application/json', '{"FriendlyName": '],
      ['application/json', '{"FriendlyName": 5}'],
      ['application/json', '[1, 2, 3]'],
      ['text/plain', 'FriendlyName=x'],
      ['application/xml', '<FriendlyName>x</FriendlyName>'],
      ['multipart/form-data; boundary=x', '--x\r\n\r\n--x--'],
    ];
    for (const route of ROUTES.filter((r) => r.method === 'POST')) {
      for (const [type, body] of bodies) {
        const response = await server.rest('POST', pathOf(route.url), { body, headers: type ? { 'content-type': type } : {} });
        if (type === 'application/x-www-form-urlencoded') assertNoServerError(response, `${route.url} ${body}`);
        else assertClientError(response, `${route.url} as ${type}`);
      }
    }
  });

  test('parameters sent as JSON get 415 saying to form-encode them, as TaskRouter takes nothing else', async () => {
    const path = `/v1/Workspaces/${server.ws}/Activities`;
    const json = await server.rest('POST', path, { body: '{"FriendlyName":"J"}', headers: { 'content-type': 'application/json' } });
    assert.equal(json.status, 415);
    assert.match(json.body.message, /form-encoded \(application\/x-www-form-urlencoded\)/);
    assert.equal((await server.rest('POST', path, { params: { FriendlyName: 'J' } })).status, 201);
  });

  test('odd values for every parameter never cause a server error', async () => {
    const values = ['', '-1', '{', 'WK' + 'z'.repeat(32), '\u0000\u{1F4A5}', '9'.repeat(400)];
    for (const route of ROUTES.filter((r) => r.method !== 'DELETE')) {
      for (const spec of route.accepts) {
        for (const value of values) {
          const response = await server.rest(route.method, pathOf(route.url), { params: { [spec.name]: value } });
          assertNoServerError(response, `${route.method} ${route.url} ${spec.name}=${JSON.stringify(value).slice(0, 20)}`);
        }
      }
    }
  });

  test('bad path segments: 4xx', async () => {
    for (const fill of ['x'.repeat(3000), 'WK%00', '%E0%A4%A', 'null', '..']) {
      for (const route of ROUTES.filter((r) => r.url.includes(':') && r.method !== 'DELETE')) {
        const response = await server.rest(route.method, pathOf(route.url, fill));
        assertClientError(response, `${route.method} ${route.url} with ${fill.slice(0, 10)}`);
      }
    }
  });
});

describe('malformed JWTs on the event bridge', () => {
  const header = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const tokens = () => {
    const valid = server.workerToken(server.sid.worker('Alice'));
    const [h, p] = valid.split('.');
    return [
      '',
      'a',
      'a.b',
      'a.b.c',
      `${h}.${p}`,
      `${h}.${p}.`,
      `${header({ alg: 'none' })}.${p}.`,
      `${header({ alg: 'HS512' })}.${p}.${valid.split('.')[2]}`,
      `${h}.${header([1, 2])}.x`,
      `${h}.${header({ account_sid: 5 })}.x`,
      `${h}.${Buffer.from('{"a":').toString('base64url')}.x`,
      `${h}.${p}.${'A'.repeat(100_000)}`,
      '😀.😀.😀',
    ];
  };

  test('the proxy answers 4xx JSON for each', async () => {
    const alice = server.sid.worker('Alice');
    for (const token of tokens()) {
      const response = await server.proxy(alice, { url: `https://taskrouter.twilio.com/v1/Workspaces/${server.ws}/Workers/${alice}`, method: 'GET', token });
      assertClientError(response, `token ${token.slice(0, 30)}`);
    }
  });

  test('the websocket handshake is refused with 4xx JSON for each', async () => {
    const alice = server.sid.worker('Alice');
    for (const token of tokens().filter((t) => t.length < 8000)) {
      await assert.rejects(connectBridge(server, alice, { token }), (error: any) => {
        assert.ok(error.status >= 400 && error.status < 500, `${token.slice(0, 30)}: ${error.status}`);
        assert.ok(isErrorBody(error.body, error.status));
        return true;
      });
    }
  });

  test('a socket that sends data or oversized frames is closed, the server keeps running', async () => {
    const alice = server.sid.worker('Alice');
    const client = await connectBridge(server, alice, { token: server.workerToken(alice) });
    client.ws.send('hello');
    client.ws.send('x'.repeat(64 * 1024));
    await client.closed;
    assert.equal(client.closeCode, 1009);
    const check = await server.rest('GET', `/v1/Workspaces/${server.ws}`);
    assert.equal(check.status, 200);
  });

  test('no internal error was reported during the whole run', () => {
    assert.deepEqual(internalErrors, []);
  });
});
