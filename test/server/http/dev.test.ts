import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, mkdirSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLOSE_DROPPED, verifyCapabilityToken } from '../../../src/server/index.js';
import { connectBridge, isErrorBody, startTestServer, type TestServer } from './harness.js';

/** This machine's first IPv4 address on a network interface, if it has one. */
const networkAddress = () => Object.values(networkInterfaces()).flat().find((a) => a && a.family === 'IPv4' && !a.internal)?.address;

/** GET /dev/tokens/workspace from `host`, with a Host header naming loopback (as a forged one would). */
function getDevToken(host: string, port: number): Promise<{ status: number; body: any }> {
  return new Promise((resolve, reject) => {
    request({ host, port, path: '/dev/tokens/workspace', headers: { host: `127.0.0.1:${port}` } }, (response) => {
      let text = '';
      response.on('data', (chunk) => (text += chunk)).on('end', () => resolve({ status: response.statusCode!, body: JSON.parse(text) }));
    }).on('error', reject).end();
  });
}

describe('without --dev', () => {
  test('the dev endpoints do not exist, and the 404 says how to get them', async () => {
    const server = await startTestServer();
    try {
      for (const path of ['/dev/config', '/dev/tokens/workspace']) {
        const response = await fetch(`${server.url}${path}`);
        assert.equal(response.status, 404, path);
        const body = await response.json();
        assert.ok(isErrorBody(body, 404), path);
        assert.match(body.message, /exist only when the server runs with --dev/);
      }
      const post = await fetch(`${server.url}/dev/scenarios/tasks`, { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } });
      assert.equal(post.status, 404);
    } finally {
      await server.close();
    }
  });
});

describe('with --dev on a network interface', () => {
  test('the dev endpoints answer callers on this machine only, whatever Host they send', async (t) => {
    const address = networkAddress();
    if (!address) return t.skip('this machine has no network interface besides loopback');
    const server = await startTestServer({ dev: true, host: '0.0.0.0' });
    try {
      const get = (host: string) => getDevToken(host, server.port);
      const remote = await get(address);
      assert.equal(remote.status, 403);
      assert.ok(isErrorBody(remote.body, 403));
      assert.match(remote.body.message, new RegExp(`only callers on this machine, not ${address.replace(/\./g, '\\.')}`));
      assert.equal(remote.body.token, undefined);
      assert.equal((await get('127.0.0.1')).status, 200, 'a caller on this machine still gets its token');
    } finally {
      await server.close();
    }
  });
});

describe('with --dev on every interface, IPv6 included', () => {
  test('an IPv4 caller from the network, seen as ::ffff:<address>, is refused too', async (t) => {
    const address = networkAddress();
    if (!address) return t.skip('this machine has no network interface besides loopback');
    let server: TestServer;
    try {
      server = await startTestServer({ dev: true, host: '::' });
    } catch {
      return t.skip('this machine cannot listen on ::');
    }
    try {
      const get = (host: string) => getDevToken(host, server.port);
      let remote: { status: number; body: any };
      try {
        remote = await get(address);
      } catch {
        return t.skip('this machine takes no IPv4 connection on an IPv6 socket (IPV6_V6ONLY)');
      }
      assert.equal(remote.status, 403);
      assert.match(remote.body.message, new RegExp(`not ::ffff:${address.replace(/\./g, '\\.')}`));
      assert.equal((await get('127.0.0.1')).status, 200, 'a caller on this machine still gets its token');
    } finally {
      await server.close();
    }
  });
});

describe('with --dev', () => {
  let server: TestServer;
  let staticDir: string;
  before(async () => {
    staticDir = mkdtempSync(join(tmpdir(), 'trk-static-'));
    writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>demo</title>');
    mkdirSync(join(staticDir, 'assets'));
    writeFileSync(join(staticDir, 'assets', 'app.js'), 'console.log(1)');
    server = await startTestServer({ dev: true, staticDir });
  });
  after(async () => {
    await server.close();
    rmSync(staticDir, { recursive: true, force: true });
  });

  const get = async (path: string) => {
    const response = await fetch(`${server.url}${path}`, { headers: { origin: 'http://localhost:5173' } });
    return { status: response.status, headers: response.headers, body: (await response.json()) as any };
  };
  const post = async (path: string, body: unknown) => {
    const response = await fetch(`${server.url}${path}`, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
    return { status: response.status, body: (await response.json()) as any };
  };

  test('/dev/config describes the demo workspace for the page', async () => {
    const { status, body, headers } = await get('/dev/config');
    assert.equal(status, 200);
    // A loopback page's origin is reflected (other websites get no CORS header: test/security/faults.test.ts).
    assert.equal(headers.get('access-control-allow-origin'), 'http://localhost:5173');
    assert.equal(body.accountSid, server.accountSid);
    assert.equal(body.workspaceSid, server.ws);
    assert.equal(body.eventBridgeUrl, server.url);
    assert.deepEqual(body.workers.map((w: any) => w.friendlyName), ['Alice', 'Bob', 'Carmen', 'Dmitri', 'Emma']);
    assert.deepEqual(body.workers[0].attributes.skills, ['sales', 'support']);
    assert.equal(body.queues.length, 5);
    assert.ok(body.activities.some((a: any) => a.friendlyName === 'WrapUp'));
  });

  test('worker, workspace and task queue tokens verify and open their channels', async () => {
    const alice = server.sid.worker('Alice');
    const sales = server.sid.queue('Sales');
    const cases: Array<[string, string]> = [
      [`/dev/tokens/worker?workerSid=${alice}&ttl=120`, alice],
      ['/dev/tokens/workspace', server.ws],
      [`/dev/tokens/taskqueue?taskQueueSid=${sales}`, sales],
    ];
    for (const [path, channel] of cases) {
      const { status, body } = await get(path);
      assert.equal(status, 200, path);
      assert.equal(body.channel, channel);
      const claims = verifyCapabilityToken(body.token, { authTokenFor: () => server.authToken, now: server.clock.now() });
      assert.equal(claims.channel, channel);
      assert.equal(Date.parse(body.expires_at), claims.exp * 1000);
      const client = await connectBridge(server, channel, { token: body.token });
      await client.close();
    }
    assert.equal((await get(`/dev/tokens/worker?workerSid=${alice}&ttl=120`)).body.ttl, 120);
  });

  test('token endpoint errors name the parameter', async () => {
    const cases: Array<[string, number, RegExp]> = [
      ['/dev/tokens/worker', 400, /workerSid/],
      [`/dev/tokens/worker?workerSid=WK${'0'.repeat(32)}`, 404, /WK0/],
      [`/dev/tokens/worker?workerSid=${server.sid.worker('Bob')}&ttl=0`, 400, /ttl/],
      [`/dev/tokens/worker?workerSid=${server.sid.worker('Bob')}&ttl=999999`, 400, /ttl/],
      ['/dev/tokens/workspace?ttl=abc', 400, /ttl/],
      ['/dev/tokens/workspace?workspaceSid=WS0', 404, /WS0/],
      ['/dev/tokens/taskqueue', 400, /taskQueueSid/],
      ['/dev/tokens/workspace?color=red', 400, /color/],
    ];
    for (const [path, status, message] of cases) {
      const response = await get(path);
      assert.equal(response.status, status, path);
      assert.ok(isErrorBody(response.body, status), path);
      assert.match(response.body.message, message, path);
    }
  });

  test('scenario: create tasks, drop a channel\'s sockets, end a call', async () => {
    const alice = server.sid.worker('Alice');
    const token = (await get(`/dev/tokens/worker?workerSid=${alice}`)).body.token;
    const first = await connectBridge(server, alice, { token });
    const second = await connectBridge(server, alice, { token });

    const created = await post('/dev/scenarios/tasks', { count: 2, attributes: { type: 'sales' }, workflowSid: server.sid.workflow(), taskChannel: 'chat' });
    assert.equal(created.status, 201);
    assert.equal(created.body.tasks.length, 2);
    const event = await first.next('reservation.created');
    await second.next('reservation.created');

    server.engine.reservations.updateForTask(server.ws, event.payload.sid, event.payload.reservation_sid, { instruction: 'conference' });
    const ended = await post('/dev/scenarios/end-call', { reservationSid: event.payload.reservation_sid });
    assert.equal(ended.status, 200);
    assert.equal(ended.body.reservation.sid, event.payload.reservation_sid);

    const dropped = await post('/dev/scenarios/drop-sockets', { channel: alice });
    assert.deepEqual(dropped.body, { channel: alice, dropped: 2 });
    await Promise.all([first.closed, second.closed]);
    assert.equal(first.closeCode, CLOSE_DROPPED);
  });

  test('scenario input errors are 400 naming the field', async () => {
    const cases: Array<[string, unknown, RegExp]> = [
      ['/dev/scenarios/tasks', { count: 0 }, /count/],
      ['/dev/scenarios/tasks', { count: 1000 }, /count/],
      ['/dev/scenarios/tasks', { attributes: [1] }, /attributes/],
      ['/dev/scenarios/tasks', { priority: 'high' }, /priority/],
      ['/dev/scenarios/tasks', [1], /body/],
      ['/dev/scenarios/drop-sockets', {}, /channel/],
      ['/dev/scenarios/end-call', {}, /reservationSid/],
      ['/dev/scenarios/end-call', { reservationSid: 'WR' + '0'.repeat(32) }, /WR0/],
    ];
    for (const [path, body, message] of cases) {
      const response = await post(path, body);
      assert.ok(response.status >= 400 && response.status < 500, `${path} ${JSON.stringify(body)}: ${response.status}`);
      assert.ok(isErrorBody(response.body, response.status));
      assert.match(response.body.message, message);
    }
  });

  test('the static demo page is served, nothing outside its directory', async () => {
    const index = await fetch(`${server.url}/`);
    assert.equal(index.status, 200);
    assert.match(index.headers.get('content-type') ?? '', /text\/html/);
    assert.match(await index.text(), /<title>demo/);
    const script = await fetch(`${server.url}/assets/app.js`);
    assert.match(script.headers.get('content-type') ?? '', /javascript/);
    for (const path of ['/missing.js', '/%2e%2e/%2e%2e/etc/passwd', '/..%2f..%2fetc/passwd', '/assets/%E0%A4%A']) {
      const response = await fetch(`${server.url}${path}`);
      assert.ok(response.status === 404 || response.status === 400, `${path}: ${response.status}`);
      assert.ok(isErrorBody(await response.json(), response.status), path);
    }
  });
});
