/**
 * Capability-token tampering, end to end through both event-bridge doors (the websocket
 * handshake and the REST proxy): changed claims, `alg: none` and other algorithms, the
 * wrong key, expired and not-yet-valid tokens, a token of one workspace or account used
 * on another, a worker's token on another worker's channel or resources, a queue's token
 * on another queue. Expired tokens get 401, every other refusal 403, always with the
 * error JSON; nothing a tampered token asks for happens.
 */
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { describe, test } from 'node:test';
import { signJwt } from '../../src/server/tokens/index.js';
import { connectBridge } from '../server/http/harness.js';
import { isErrorBody, send, type RawResponse } from './support/http.js';
import { useWorld, type Tenant } from './support/world.js';

const world = useWorld();

const API = 'https://taskrouter.twilio.com/v1';

function parts(token: string): { header: Record<string, unknown>; payload: Record<string, any>; signature: string } {
  const [header, payload, signature] = token.split('.') as [string, string, string];
  const decode = (part: string) => JSON.parse(Buffer.from(part, 'base64url').toString());
  return { header: decode(header), payload: decode(payload), signature };
}

const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** The token with its header and/or payload replaced, keeping the original signature (or `signature`). */
function tamper(token: string, change: { header?: object; payload?: object; signature?: string }): string {
  const original = parts(token);
  return [
    encode(change.header ?? original.header),
    encode(change.payload ?? original.payload),
    change.signature ?? original.signature,
  ].join('.');
}

/** Signs header and payload with HS256 under `secret`, whatever the header says. */
function signRaw(header: object, payload: object, secret: string): string {
  const input = `${encode(header)}.${encode(payload)}`;
  return `${input}.${createHmac('sha256', secret).update(input).digest('base64url')}`;
}

/** Tries the token on `channel` through the websocket handshake; resolves with the refusal status (or 101 when it opened). */
async function handshake(token: string, channel: string, accountSid = world.a.accountSid): Promise<{ status: number; body: unknown }> {
  const server = { ...world.server, accountSid };
  try {
    const client = await connectBridge(server, channel, { token });
    await client.close();
    return { status: 101, body: undefined };
  } catch (error) {
    const { status, body } = error as { status: number; body: unknown };
    return { status, body };
  }
}

/** Sends `{url, method, params, token}` through the proxy of `channel`. */
function proxy(token: unknown, channel: string, url: string, method = 'GET', params: Record<string, unknown> = {}, accountSid = world.a.accountSid): Promise<RawResponse> {
  return send(world.server.url, {
    method: 'POST',
    path: `/v1/wschannels/${accountSid}/${channel}`,
    body: JSON.stringify({ url, method, params, token }),
    contentType: 'text/plain;charset=UTF-8',
  });
}

function assertRefused(response: { status: number; body: unknown }, status: number, what: string): void {
  assert.equal(response.status, status, `${what}: got ${response.status} ${JSON.stringify(response.body)?.slice(0, 200)}`);
  assert.ok(isErrorBody(response.body, status), `${what}: error JSON, got ${JSON.stringify(response.body)?.slice(0, 200)}`);
}

/** The worker's own URL, which its token may GET. */
const workerUrl = (tenant: Tenant, workerSid = tenant.workerSid) => `${API}/Workspaces/${tenant.workspaceSid}/Workers/${workerSid}`;

/** Asserts the token is refused with `status` at both doors of the channel its claims name (or `channel`). */
async function assertRefusedEverywhere(token: string, status: number, what: string, channel = world.a.workerSid): Promise<void> {
  assertRefused(await handshake(token, channel), status, `${what} (websocket)`);
  assertRefused(await proxy(token, channel, workerUrl(world.a)), status, `${what} (proxy)`);
}

describe('the untampered token works (the control)', () => {
  test('handshake opens and the proxy answers', async () => {
    const token = world.a.workerToken();
    assert.equal((await handshake(token, world.a.workerSid)).status, 101);
    const response = await proxy(token, world.a.workerSid, workerUrl(world.a));
    assert.equal(response.status, 200, response.text);
    assert.equal((response.body as { payload: { sid: string } }).payload.sid, world.a.workerSid);
  });
});

describe('changed claims under the original signature', () => {
  const changes: Array<[string, (payload: Record<string, any>) => object]> = [
    ['channel and worker_sid of another worker', (p) => ({ ...p, channel: world.a.reservedWorkerSid, worker_sid: world.a.reservedWorkerSid })],
    ['a later exp', (p) => ({ ...p, exp: p.exp + 365 * 24 * 3600 })],
    ['another workspace_sid', (p) => ({ ...p, workspace_sid: world.a2.workspaceSid })],
    ['another account_sid and iss', (p) => ({ ...p, account_sid: world.b.accountSid, iss: world.b.accountSid })],
    ['an allow-everything policy', (p) => ({ ...p, policies: [...p.policies, { url: `${API}/**`, method: 'POST', allow: true }] })],
    ['every policy widened to the whole API', (p) => ({ ...p, policies: p.policies.map((policy: object) => ({ ...policy, url: `${API}/**` })) })],
    ['the post filter of the activity policy dropped', (p) => ({ ...p, policies: p.policies.map((policy: object) => ({ ...policy, post_filter: {} })) })],
  ];
  for (const [name, change] of changes) {
    test(name, async () => {
      const token = world.a.workerToken();
      const tampered = tamper(token, { payload: change(parts(token).payload) });
      assert.notEqual(tampered, token, 'the change changes the token');
      const { payload } = parts(tampered);
      await assertRefusedEverywhere(tampered, 403, name, payload.channel);
    });
  }
});

describe('algorithm and signature games', () => {
  test('alg none, with and without a signature, in any case', async () => {
    const token = world.a.workerToken();
    for (const alg of ['none', 'None', 'NONE', 'nOnE']) {
      await assertRefusedEverywhere(tamper(token, { header: { typ: 'JWT', alg }, signature: '' }), 403, `alg ${alg} unsigned`);
      await assertRefusedEverywhere(tamper(token, { header: { typ: 'JWT', alg } }), 403, `alg ${alg} with the old signature`);
    }
  });

  test('other algorithms (HS512, RS256, ES256) and a missing alg', async () => {
    const token = world.a.workerToken();
    for (const header of [{ alg: 'HS512' }, { alg: 'RS256' }, { alg: 'ES256' }, {}, { alg: ['HS256'] }, { alg: 'HS256 ' }]) {
      await assertRefusedEverywhere(tamper(token, { header: { typ: 'JWT', ...header } }), 403, `header ${JSON.stringify(header)}`);
    }
  });

  test('the wrong key: a guess, another account\'s AuthToken, the AccountSid', async () => {
    const { payload } = parts(world.a.workerToken());
    for (const secret of ['wrong', world.b.authToken, world.a.accountSid, '']) {
      await assertRefusedEverywhere(signJwt(payload, secret || ' '), 403, `signed with ${JSON.stringify(secret.slice(0, 6))}…`);
    }
  });

  test('a signature cut, padded, re-encoded as base64, or flipped', async () => {
    const token = world.a.workerToken();
    const { signature } = parts(token);
    const base64 = Buffer.from(signature, 'base64url').toString('base64');
    const flipped = (signature[0] === 'A' ? 'B' : 'A') + signature.slice(1);
    for (const bad of [signature.slice(0, -2), `${signature}==`, base64, flipped, `${signature}AAAA`]) {
      await assertRefusedEverywhere(tamper(token, { signature: bad }), 403, `signature ${bad.slice(0, 8)}…`);
    }
  });

  test('the same signature spelled otherwise (unused bits of the last character) is another token, refused', async () => {
    const token = world.a.workerToken();
    const { signature } = parts(token);
    // An HS256 signature is 32 bytes: 43 characters, whose last carries 4 bits and 2 unused ones.
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const last = alphabet.indexOf(signature.at(-1)!);
    const respellings = [1, 2, 3].map((bits) => signature.slice(0, -1) + alphabet[(last & ~3) | ((last + bits) & 3)]);
    for (const respelled of respellings) {
      assert.deepEqual(Buffer.from(respelled, 'base64url'), Buffer.from(signature, 'base64url'), 'the same bytes');
      await assertRefusedEverywhere(tamper(token, { signature: respelled }), 403, `signature ending ${respelled.at(-1)}`);
    }
  });

  test('extra header fields (kid, jku, x5u, crit) do not change how the token is checked', async () => {
    const { payload } = parts(world.a.workerToken());
    const header = { typ: 'JWT', alg: 'HS256', kid: '../../etc/passwd', jku: 'https://evil.example.com/keys', x5u: 'https://evil.example.com/x5u', crit: ['exp'] };
    // Signed with the real key, it is valid: the fields are ignored, not followed.
    const response = await proxy(signRaw(header, payload, world.a.authToken), world.a.workerSid, workerUrl(world.a));
    assert.equal(response.status, 200, response.text);
    // With the wrong key it is refused, whatever `kid` points at.
    await assertRefusedEverywhere(signRaw(header, payload, 'evil'), 403, 'jku / kid pointing elsewhere');
  });
});

describe('time', () => {
  test('an expired token is refused with 401 at both doors', async () => {
    const token = world.a.workerToken(world.a.workerSid, 5);
    assert.equal((await proxy(token, world.a.workerSid, workerUrl(world.a))).status, 200);
    world.server.clock.advance(5000);
    await assertRefusedEverywhere(token, 401, 'expired');
  });

  test('a token not valid before a time an hour away is refused; within the 30 s skew it is accepted', async () => {
    const { payload } = parts(world.a.workerToken());
    const now = Math.floor(world.server.clock.now() / 1000);
    await assertRefusedEverywhere(signJwt({ ...payload, nbf: now + 3600 }, world.a.authToken), 403, 'nbf in an hour');
    await assertRefusedEverywhere(signJwt({ ...payload, nbf: String(now) }, world.a.authToken), 403, 'nbf as text');
    const soon = await proxy(signJwt({ ...payload, nbf: now + 10 }, world.a.authToken), world.a.workerSid, workerUrl(world.a));
    assert.equal(soon.status, 200, soon.text);
  });

  test('exp missing, as text, or not a number is refused', async () => {
    const { payload } = parts(world.a.workerToken());
    for (const exp of [undefined, String(payload.exp), null, 1e400]) {
      await assertRefusedEverywhere(signJwt({ ...payload, exp }, world.a.authToken), 403, `exp ${String(exp)}`);
    }
  });
});

describe('a token used outside its scope', () => {
  test("a worker's token on another worker's channel", async () => {
    const alice = world.a.workerToken(world.a.workerSid);
    const other = world.a.reservedWorkerSid;
    assertRefused(await handshake(alice, other), 403, 'websocket');
    assertRefused(await proxy(alice, other, workerUrl(world.a, other)), 403, 'proxy');
  });

  test("a worker's token through its own channel, asking for another worker's resources", async () => {
    const { a } = world;
    const alice = a.workerToken(a.workerSid);
    const other = a.reservedWorkerSid;
    const ws = `${API}/Workspaces/${a.workspaceSid}`;
    const asks: Array<[string, string, Record<string, unknown>]> = [
      [`${ws}/Workers/${other}`, 'GET', {}],
      [`${ws}/Workers/${other}/Reservations`, 'GET', {}],
      [`${ws}/Workers/${other}/Reservations/${a.reservationSid}`, 'POST', { ReservationStatus: 'accepted' }],
      [`${ws}/Workers/${other}`, 'POST', { ActivitySid: a.activitySid }],
      [`${ws}/Workers/${other}/Channels`, 'GET', {}],
      // Its own worker, but more than the ActivitySid its policy allows.
      [`${ws}/Workers/${a.workerSid}`, 'POST', { FriendlyName: 'renamed' }],
      [`${ws}/Workers/${a.workerSid}`, 'POST', { ActivitySid: a.activitySid, Attributes: '{"level":99}' }],
      [`${ws}/Workers/${a.workerSid}`, 'DELETE', {}],
      [`${ws}/TaskQueues`, 'GET', {}],
      [`${ws}/Workers`, 'GET', {}],
      [`${ws}/Workflows/${a.workflowSid}`, 'POST', { FriendlyName: 'x' }],
      [`${ws}`, 'DELETE', {}],
    ];
    for (const [url, method, params] of asks) {
      assertRefused(await proxy(alice, a.workerSid, url, method, params), 403, `${method} ${url.slice(API.length)} ${JSON.stringify(params)}`);
    }
    const worker = world.server.engine.workers.get(a.workspaceSid, a.workerSid);
    assert.notEqual(worker.friendly_name, 'renamed');
    assert.ok(!worker.attributes.includes('99'));
  });

  test("a workspace's token on another workspace of the same account", async () => {
    const { a, a2 } = world;
    const token = a.workspaceToken();
    assertRefused(await handshake(token, a2.workspaceSid), 403, 'websocket on the other workspace channel');
    assertRefused(await proxy(token, a2.workspaceSid, `${API}/Workspaces/${a2.workspaceSid}`), 403, 'proxy on the other channel');
    for (const [url, method] of [
      [`${API}/Workspaces/${a2.workspaceSid}`, 'GET'],
      [`${API}/Workspaces/${a2.workspaceSid}/Workers`, 'GET'],
      [`${API}/Workspaces/${a2.workspaceSid}/Tasks/${a2.taskSid}`, 'POST'],
      [`${API}/Workspaces/${a2.workspaceSid}`, 'DELETE'],
      [`${world.server.url}/v1/Workspaces/${a2.workspaceSid}/Activities`, 'GET'],
      [`Workspaces/${a2.workspaceSid}/Activities`, 'GET'],
    ] as const) {
      assertRefused(await proxy(token, a.workspaceSid, url, method, method === 'POST' ? { Priority: '5' } : {}), 403, `${method} ${url}`);
    }
    assert.equal(world.server.engine.workspaces.get(a2.accountSid, a2.workspaceSid).sid, a2.workspaceSid);
  });

  test("another account's token on this account's channels, and this account's channel path with its token", async () => {
    const { a, b } = world;
    const bToken = b.workspaceToken();
    // B's token, A's account in the path.
    assertRefused(await handshake(bToken, b.workspaceSid, a.accountSid), 403, 'websocket, account A path');
    assertRefused(await proxy(bToken, b.workspaceSid, `${API}/Workspaces/${b.workspaceSid}`, 'GET', {}, a.accountSid), 403, 'proxy, account A path');
    // B's token on its own channel, asking for A's workspace.
    assertRefused(await proxy(bToken, b.workspaceSid, `${API}/Workspaces/${a.workspaceSid}/Workers`, 'GET', {}, b.accountSid), 403, 'proxy into A');
    // A token claiming account A but signed with B's AuthToken.
    const forged = signJwt(parts(a.workspaceToken()).payload, b.authToken);
    assertRefused(await proxy(forged, a.workspaceSid, `${API}/Workspaces/${a.workspaceSid}`), 403, 'A claims under B key');
  });

  test("a task queue's token on another queue, and deleting its own queue (not granted by default)", async () => {
    const { a } = world;
    const token = a.queueToken(a.queueSid);
    const other = Object.values(a.demo.queues).find((sid) => sid !== a.queueSid)!;
    const queues = `${API}/Workspaces/${a.workspaceSid}/TaskQueues`;
    assertRefused(await handshake(token, other), 403, 'websocket on another queue');
    assertRefused(await proxy(token, a.queueSid, `${queues}/${other}`), 403, 'GET another queue');
    assertRefused(await proxy(token, a.queueSid, `${queues}/${other}`, 'POST', { FriendlyName: 'x' }), 403, 'POST another queue');
    assertRefused(await proxy(token, a.queueSid, `${queues}/${a.queueSid}`, 'DELETE'), 403, 'DELETE own queue');
    assert.equal(world.server.engine.taskQueues.get(a.workspaceSid, a.queueSid).sid, a.queueSid);
  });

  test('a capability token is no REST credential', async () => {
    const { a } = world;
    const token = a.workspaceToken();
    for (const authorization of [`Bearer ${token}`, `Basic ${Buffer.from(`${a.accountSid}:${token}`).toString('base64')}`, token]) {
      assertRefused(await send(world.server.url, { method: 'GET', path: `/v1/Workspaces/${a.workspaceSid}`, authorization }), 401, authorization.slice(0, 12));
    }
  });
});

test('no internal error was reported', () => {
  assert.deepEqual(world.internalErrors.map(String), []);
});
