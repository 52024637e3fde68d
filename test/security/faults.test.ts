/**
 * Faults the fuzzers and the soak found, each as a precise failing test. They are marked
 * `todo` (with the module at fault) so the suite stays green until the fix lands; then
 * the mark goes, and the matching entry of support/known-faults.ts with it.
 */
import assert from 'node:assert/strict';
import http from 'node:http';
import net from 'node:net';
import { describe, test } from 'node:test';
import { isErrorBody, send } from './support/http.js';
import { useWorld } from './support/world.js';

const world = useWorld();

/** Sends raw bytes and resolves with the status and body of the answer. */
function rawRequest(port: number, text: string): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => socket.end(text));
    let answer = '';
    socket.on('data', (chunk) => (answer += chunk));
    socket.on('error', reject);
    socket.on('close', () => {
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1] ?? -1);
      let body: unknown;
      try {
        body = JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4));
      } catch {
        body = answer;
      }
      resolve({ status, body });
    });
  });
}


describe('statistics windows reaching past the earliest date', () => {
  test('Minutes so large the window starts before year -271821: 400 naming Minutes, not 500', async () => {
    const { a } = world;
    const paths = [
      `/v1/Workspaces/${a.workspaceSid}/Statistics`,
      `/v1/Workspaces/${a.workspaceSid}/CumulativeStatistics`,
      `/v1/Workspaces/${a.workspaceSid}/TaskQueues/${a.queueSid}/CumulativeStatistics`,
      `/v1/Workspaces/${a.workspaceSid}/TaskQueues/Statistics`,
      `/v1/Workspaces/${a.workspaceSid}/Workers/CumulativeStatistics`,
      `/v1/Workspaces/${a.workspaceSid}/Workflows/${a.workflowSid}/CumulativeStatistics`,
    ];
    for (const path of paths) {
      const response = await send(world.server.url, { method: 'GET', path, query: [['Minutes', '9007199254740991']], authorization: a.basic });
      assert.equal(response.status, 400, `${path}: ${response.text.slice(0, 120)}`);
      assert.match((response.body as { message: string }).message, /Minutes/);
    }
  });

  test('EndDate at the earliest date (the default 15-minute window starts before it): 400, not 500', async () => {
    const { a } = world;
    const response = await send(world.server.url, {
      method: 'GET', path: `/v1/Workspaces/${a.workspaceSid}/Statistics`, query: [['EndDate', '-271821-04-20T00:00:00Z']], authorization: a.basic,
    });
    assert.equal(response.status, 400, response.text.slice(0, 120));
  });
});

describe('answers of the HTTP parser', () => {
  test('a request head over 16 KiB gets 431 with the error JSON', async () => {
    const response = await send(world.server.url, { method: 'GET', path: '/v1/Workspaces', query: [['FriendlyName', 'x'.repeat(17 * 1024)]], authorization: world.a.basic });
    assert.equal(response.status, 431);
    assert.ok(isErrorBody(response.body, 431), response.text);
  });

  test('a malformed request gets 400 with the error JSON', async () => {
    for (const text of ['GARBAGE\r\n\r\n', 'GET / HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n']) {
      const { status, body } = await rawRequest(world.server.port, text);
      assert.equal(status, 400);
      assert.ok(isErrorBody(body, 400), JSON.stringify(body));
    }
  });

  test('a websocket upgrade that is not a handshake gets 400 with the error JSON', async () => {
    const { a } = world;
    const upgrade = `GET /v1/wschannels/${a.accountSid}/${a.workerSid}?token=${a.workerToken()} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n`;
    for (const headers of ['', 'Sec-WebSocket-Key: short\r\nSec-WebSocket-Version: 13\r\n', 'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 99\r\n']) {
      const { status, body } = await rawRequest(world.server.port, `${upgrade}${headers}\r\n`);
      assert.equal(status, 400);
      assert.ok(isErrorBody(body, 400), JSON.stringify(body));
    }
  });
});

test('the dev token endpoints share tokens with loopback pages only, not with any website the developer visits', async () => {
  for (const path of ['/dev/tokens/workspace', `/dev/tokens/worker?workerSid=${world.a.workerSid}`, '/dev/config']) {
    const response = await fetch(`${world.server.url}${path}`, { headers: { origin: 'https://evil.example.com' } });
    const allowed = response.headers.get('access-control-allow-origin');
    assert.ok(allowed !== '*' && allowed !== 'https://evil.example.com', `${path}: Access-Control-Allow-Origin ${allowed}`);
  }
  // A page served from the machine itself (the demo, a test runner) still may.
  const local = await fetch(`${world.server.url}/dev/config`, { headers: { origin: 'http://localhost:8000' } });
  assert.ok(['*', 'http://localhost:8000'].includes(local.headers.get('access-control-allow-origin') ?? ''));
  // The event bridge stays open to every origin: the SDK runs on any site, and its token protects it.
  const bridge = await fetch(`${world.server.url}/v1/wschannels/${world.a.accountSid}/${world.a.workerSid}`, {
    method: 'OPTIONS', headers: { origin: 'https://evil.example.com', 'access-control-request-method': 'POST' },
  });
  assert.equal(bridge.headers.get('access-control-allow-origin'), '*');
});

test('the REST API refuses what a page of another origin sends with the Basic credentials a browser keeps', async () => {
  const { a } = world;
  const create = (origin: string | undefined, name: string) => fetch(`${world.server.url}/v1/Workspaces/${a.workspaceSid}/Workers`, {
    method: 'POST',
    headers: { authorization: a.basic, 'content-type': 'application/x-www-form-urlencoded', ...(origin ? { origin } : {}) },
    body: new URLSearchParams({ FriendlyName: name }),
  });
  const names = () => world.server.engine.workers.list(a.workspaceSid, { page_size: 1000 }).items.map((w) => w.friendly_name);
  for (const origin of ['http://localhost:4615', 'https://evil.example.com', 'null']) {
    const response = await create(origin, `forged from ${origin}`);
    assert.equal(response.status, 403, origin);
    const body = await response.json();
    assert.ok(isErrorBody(body, 403), origin);
    assert.match(body.message, /pages of another origin/);
    assert.ok(!names().includes(`forged from ${origin}`), `${origin}: nothing created`);
  }
  // A server-side client (no Origin) and a page served by the server itself still may.
  assert.equal((await create(undefined, 'from a back end')).status, 201);
  assert.equal((await create(world.server.url, 'from its own page')).status, 201);
});

test("a worker's token cannot act on another worker's reservation through the task path", async () => {
  const { a } = world;
  assert.notEqual(a.reservedWorkerSid, a.workerSid, 'the reservation is another worker\'s');
  const url = `https://taskrouter.twilio.com/v1/Workspaces/${a.workspaceSid}/Tasks/${a.taskSid}/Reservations/${a.reservationSid}`;
  const response = await send(world.server.url, {
    method: 'POST', path: `/v1/wschannels/${a.accountSid}/${a.workerSid}`, contentType: 'text/plain',
    body: JSON.stringify({ url, method: 'POST', params: { ReservationStatus: 'rejected' }, token: a.workerToken(a.workerSid) }),
  });
  assert.equal(response.status, 403, response.text.slice(0, 200));
  assert.equal(world.server.engine.reservations.getForTask(a.workspaceSid, a.taskSid, a.reservationSid).reservation_status, 'pending');
});

test("a worker's token sees only its own reservations of a task", async () => {
  const { a } = world;
  const reservations = `https://taskrouter.twilio.com/v1/Workspaces/${a.workspaceSid}/Tasks/${a.taskSid}/Reservations`;
  const read = (url: string) => send(world.server.url, {
    method: 'POST', path: `/v1/wschannels/${a.accountSid}/${a.workerSid}`, contentType: 'text/plain',
    body: JSON.stringify({ url, method: 'GET', token: a.workerToken(a.workerSid) }),
  });
  const list = await read(reservations);
  assert.equal(list.status, 200, list.text.slice(0, 200));
  assert.ok(!list.text.includes(a.reservationSid), 'the list leaves out the other worker\'s reservation');
  assert.equal((await read(`${reservations}/${a.reservationSid}`)).status, 404);
  // The task's owner, a workspace token, still sees it.
  const all = await send(world.server.url, { method: 'GET', path: `/v1/Workspaces/${a.workspaceSid}/Tasks/${a.taskSid}/Reservations`, authorization: a.basic });
  assert.ok(all.text.includes(a.reservationSid));
});

test("a worker's token may update tasks but not create them (POST on Tasks/** does not reach Tasks)", async () => {
  const { a } = world;
  const before = world.server.engine.tasks.list(a.workspaceSid).items.length;
  const response = await send(world.server.url, {
    method: 'POST', path: `/v1/wschannels/${a.accountSid}/${a.workerSid}`, contentType: 'text/plain',
    body: JSON.stringify({
      url: `https://taskrouter.twilio.com/v1/Workspaces/${a.workspaceSid}/Tasks`, method: 'POST',
      params: { Attributes: '{}', RoutingTarget: a.reservedWorkerSid }, token: a.workerToken(a.workerSid),
    }),
  });
  assert.equal(response.status, 403, response.text.slice(0, 200));
  assert.equal(world.server.engine.tasks.list(a.workspaceSid).items.length, before);
});

describe('the dev endpoints refuse other sites', () => {
  /** A request with headers fetch would not send (Host), as another site's page or a rebound name does. */
  const request = (path: string, headers: Record<string, string>, body?: string) =>
    new Promise<{ status: number; text: string }>((resolve, reject) => {
      const call = http.request(`${world.server.url}${path}`, { method: body === undefined ? 'GET' : 'POST', headers }, (response) => {
        let text = '';
        response.on('data', (chunk) => (text += chunk)).on('end', () => resolve({ status: response.statusCode!, text }));
      });
      call.on('error', reject).end(body);
    });

  test('a request addressed to another name (DNS rebinding) gets 403 and no token', async () => {
    const { port } = new URL(world.server.url);
    const response = await request('/dev/tokens/workspace', { host: `attacker.example:${port}` });
    assert.equal(response.status, 403);
    assert.ok(isErrorBody(JSON.parse(response.text), 403), response.text);
    assert.ok(!response.text.includes('token"'));
    assert.equal((await request('/dev/config', { host: `localhost:${port}` })).status, 200);
  });

  test('a form another site posts creates nothing; the demo page on loopback still may', async () => {
    const { a } = world;
    const before = world.server.engine.tasks.list(a.workspaceSid).items.length;
    const form = await request('/dev/scenarios/tasks', { origin: 'https://evil.example', 'content-type': 'application/x-www-form-urlencoded' }, 'count=5');
    assert.equal(form.status, 403, form.text);
    assert.equal(world.server.engine.tasks.list(a.workspaceSid).items.length, before);
    const local = await request('/dev/scenarios/tasks', { origin: 'http://127.0.0.1:5173', 'content-type': 'application/json' }, JSON.stringify({ workspaceSid: a.workspaceSid }));
    assert.equal(local.status, 201, local.text);
  });
});

// Found missing by this suite, fixed in src/server/http/errors.ts since: kept as a guard.
test('an error names the parameter at fault in `param`, as the SDK and the elements expect', async () => {
  const { a } = world;
  const response = await send(world.server.url, {
    method: 'POST', path: `/v1/Workspaces/${a.workspaceSid}/TaskQueues`, authorization: a.basic,
    contentType: 'application/x-www-form-urlencoded', body: new URLSearchParams({ FriendlyName: 'q', TargetWorkers: 'skills HAS' }).toString(),
  });
  assert.equal(response.status, 400);
  assert.equal((response.body as { param?: string }).param, 'TargetWorkers');
});
