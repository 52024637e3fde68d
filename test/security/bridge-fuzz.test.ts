/**
 * Event-bridge fuzzer: the REST proxy (`POST /v1/wschannels/{AccountSid}/{channel}` with
 * `{url, method, params, token}`) and the websocket handshake, with random tokens (own,
 * other workspace's, other account's, expired, garbage), channels, inner URLs (Twilio's
 * host, this server, relative, foreign hosts, odd schemes), methods, params of every JSON
 * type, and bodies in every encoding. Every answer must be 2xx, or 4xx with the error
 * JSON; an opened socket must survive junk frames or be closed, and the server must live.
 *
 * FUZZ_CASES scales the number of cases (default 1500: 1500 proxy calls, 150 handshakes).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ROUTES } from '../../src/server/http/routes.js';
import { connectUrl, type BridgeClient } from '../server/http/harness.js';
import { Findings, isErrorBody, send, type RawRequest } from './support/http.js';
import { casesFromEnv, Random, seedFromEnv } from './support/random.js';
import { encodeSegment, hostileValue, unknownSid } from './support/values.js';
import { useWorld, type Tenant } from './support/world.js';

const CASES = casesFromEnv(1500);
const SEED = seedFromEnv();

const world = useWorld();
const findings = new Findings();

/** A token to try: mostly valid ones of every kind and tenant, sometimes broken ones. */
function token(random: Random): unknown {
  const { a, a2, b } = world;
  const tenant = random.pick([a, a, a, a2, b]);
  switch (random.int(0, 9)) {
    case 0: case 1: case 2: return tenant.workerToken(random.pick([tenant.workerSid, tenant.reservedWorkerSid]));
    case 3: case 4: return tenant.workspaceToken();
    case 5: return tenant.queueToken();
    case 6: return tenant.workerToken(tenant.workerSid, 1).replace(/\.[^.]*$/, '.' + 'A'.repeat(43));
    case 7: return random.pick<unknown>([undefined, null, 5, ['x'], { token: 'x' }, '', 'a.b.c']);
    case 8: return hostileValue(random).slice(0, 20_000);
    default: return a.workerToken(a.workerSid);
  }
}

/** The channel a token names, read without verifying it. */
function channelOf(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  try {
    return JSON.parse(Buffer.from(value.split('.')[1] ?? '', 'base64url').toString()).channel;
  } catch {
    return undefined;
  }
}

/** A REST route with `tenant`'s SIDs (or now and then foreign or hostile ones) in its path. */
function innerRoute(random: Random, tenant: Tenant, keep: boolean): { path: string; method: string; accepts: string[] } {
  // Plausible calls delete nothing, so the workspace they fuzz stays.
  const route = random.pick(keep ? ROUTES.filter((r) => r.method !== 'DELETE') : ROUTES);
  const others = world.sids(random.pick([world.a2, world.b]));
  const own: Record<string, string> = {
    Workspaces: tenant.workspaceSid, Workers: tenant.workerSid, Activities: tenant.activitySid, TaskQueues: tenant.queueSid,
    Workflows: tenant.workflowSid, Tasks: tenant.taskSid, Reservations: tenant.reservationSid, Events: tenant.eventSid,
    TaskChannels: tenant.taskChannelSid, Channels: tenant.workerChannelSid,
  };
  const parts = route.url.split('/');
  const path = parts.map((part, i) => {
    if (!part.startsWith(':')) return part;
    if (part === ':parent_sid') return parts[i - 1] === 'Tasks' ? tenant.taskSid : tenant.reservedWorkerSid;
    const roll = random.next();
    if (roll < 0.85) return own[parts[i - 1]!] ?? unknownSid(random);
    if (roll < 0.95) return random.pick(others);
    return encodeSegment(hostileValue(random).slice(0, 300));
  });
  return { path: `/v1${path.join('/')}`, method: route.method, accepts: route.accepts.map((spec) => spec.name) };
}

const ORIGINS = [
  'https://taskrouter.ie1.twilio.com', 'https://event-bridge.twilio.com', 'https://evil.example.com', 'http://localhost:1',
  'https://taskrouter.twilio.com.evil.example.com', 'javascript:', 'file://', 'data:,', '//evil.example.com',
];

function innerUrl(random: Random, path: string, plausible: boolean): string {
  const origin = plausible || random.chance(0.5)
    ? random.pick(['https://taskrouter.twilio.com', world.server.url, ''])
    : random.pick([...ORIGINS, `http://user:pass@127.0.0.1:${world.server.port}`]);
  const query = random.chance(0.15) ? `?${encodeSegment(hostileValue(random).slice(0, 200))}=${encodeSegment(hostileValue(random).slice(0, 200))}` : '';
  const url = origin === '' ? path.replace(/^\/v1\//, random.pick(['', '/', '/v1/'])) : `${origin}${path}`;
  return !plausible && random.chance(0.1) ? hostileValue(random).slice(0, 9000) : url + query;
}

/** Params of any JSON type, mostly named as the route accepts them. */
function innerParams(random: Random, accepts: string[], plausible: boolean): unknown {
  if (!plausible && random.chance(0.05)) return random.pick<unknown>([[1, 2], 'ActivitySid=x', 5, true]);
  const names = [...accepts, ...(plausible ? [] : ['Bogus', '__proto__', 'constructor'])];
  const params: Record<string, unknown> = {};
  const { a } = world;
  for (const name of random.sample(names, random.int(0, 3))) {
    const value = random.pick<unknown>([
      hostileValue(random, world.sids(a)).slice(0, 3000), random.pick(world.sids(a)), random.int(-10, 10), true, null,
      [hostileValue(random).slice(0, 50), 'accepted'], { nested: [1, { deeper: 'x' }] }, [{ object: 1 }], 'accepted', 'completed', '1==1',
    ]);
    // An own property even for `__proto__`, as JSON.parse on the server would make it.
    Object.defineProperty(params, name, { enumerable: true, value });
  }
  if (!plausible && random.chance(0.02)) {
    for (let i = 0; i < 250; i++) params[`P${i}`] = 'x';
  }
  return params;
}

/**
 * One proxy call. Half are plausible (a valid token on its own channel, a real route of
 * its workspace, the route's method and parameters) so they reach the handlers; the
 * rest break something anywhere.
 */
function proxyCase(random: Random): RawRequest {
  const { a, b } = world;
  const plausible = random.chance(0.5);
  // Plausible calls carry A's worker token or (for the routes a worker may not use) A's workspace token.
  const tokenValue = !plausible ? token(random) : random.chance(0.5) ? a.workspaceToken() : a.workerToken(random.pick([a.workerSid, a.reservedWorkerSid]));
  const tenant = plausible ? a : random.pick([a, a, a, world.a2, b]);
  const channel = plausible || random.chance(0.8)
    ? (channelOf(tokenValue) ?? tenant.workerSid)
    : random.pick([tenant.workerSid, tenant.workspaceSid, tenant.queueSid, encodeSegment(hostileValue(random).slice(0, 100))]);
  const account = plausible || random.chance(0.9) ? a.accountSid : random.pick([b.accountSid, unknownSid(random, 'AC'), 'x']);
  const route = innerRoute(random, tenant, plausible);
  const call: Record<string, unknown> = {
    url: innerUrl(random, route.path, plausible),
    method: plausible ? route.method : random.pick<unknown>(['GET', 'POST', 'DELETE', route.method, 'get', 'PUT', '', 5, null]),
    params: innerParams(random, route.accepts, plausible),
    token: tokenValue,
  };
  if (random.chance(0.1)) call.event_type = random.pick<unknown>(['worker.update', 'x'.repeat(200), 5, '<script>']);
  if (!plausible && random.chance(0.05)) delete call[random.pick(['url', 'method', 'token'])];
  let body = JSON.stringify(call);
  const encoding = plausible ? -1 : random.int(0, 9);
  if (encoding === 0) body = body.slice(0, random.int(0, body.length - 1));
  if (encoding === 1) body = new URLSearchParams(Object.entries(call).map(([k, v]) => [k, JSON.stringify(v) ?? ''])).toString();
  if (encoding === 2) body = JSON.stringify([call]);
  if (encoding === 3) body = `{"url":"${'x'.repeat(300 * 1024)}"}`;
  return {
    method: 'POST',
    path: `/v1/wschannels/${account}/${channel}`,
    body,
    contentType: random.pick([undefined, 'text/plain;charset=UTF-8', 'application/json', 'application/x-www-form-urlencoded', 'application/octet-stream']),
  };
}

test('REST proxy: random calls through every channel kind', async (t) => {
  const random = new Random(SEED);
  for (let index = 0; index < CASES; index++) {
    const request = proxyCase(random);
    findings.count('event-bridge proxy');
    const response = await send(world.server.url, request);
    findings.check(request, response, `proxy ${request.path.split('/').slice(0, 4).join('/')}`, `case ${index}: ${request.contentType} ${request.body?.slice(0, 500)}`);
    // A success is `{payload}`, as TaskRouter.js v1 expects.
    if (response.status === 200 && !(response.body && typeof response.body === 'object' && 'payload' in response.body)) {
      findings.add('200 without payload', 'proxy', `case ${index}: ${response.text.slice(0, 200)}`);
    }
  }
  t.diagnostic(`fuzz inputs tried (seed ${SEED}): ${findings.summary()}`);
  assert.equal(findings.size, 0, `seed ${SEED} (FUZZ_SEED=${SEED} replays):\n${findings.report()}`);
});

/** A random handshake URL. */
function handshakeUrl(random: Random): string {
  const { a, b } = world;
  const tokenValue = token(random);
  const channel = random.chance(0.7) ? (channelOf(tokenValue) ?? a.workerSid) : random.pick([a.workerSid, b.workerSid, a.workspaceSid, encodeSegment(hostileValue(random).slice(0, 80))]);
  const query = new URLSearchParams();
  if (typeof tokenValue === 'string' && tokenValue.length < 12_000) query.append('token', tokenValue);
  if (random.chance(0.3)) query.append('closeExistingSessions', random.pick(['true', 'false', 'TRUE', '1', '']));
  if (random.chance(0.2)) query.append('disconnectActivitySid', random.pick([a.activitySid, b.activitySid, unknownSid(random, 'WA'), hostileValue(random).slice(0, 100)]));
  if (random.chance(0.1)) query.append('token', 'second');
  const account = random.chance(0.9) ? a.accountSid : random.pick([b.accountSid, 'x']);
  const path = random.chance(0.95) ? `/v1/wschannels/${account}/${channel}` : random.pick(['/v1/wschannels', '/v1/wschannels/x', '/', '/v1/Workspaces', `/v1/wschannels/${account}/${channel}/extra`]);
  return `${world.server.url.replace(/^http/, 'ws')}${path}?${query}`;
}

test('websocket handshake and frames: random URLs, then junk frames on the sockets that open', async (t) => {
  const random = new Random(SEED + 1);
  const handshakes = Math.max(20, Math.floor(CASES / 10));
  let opened = 0;
  for (let index = 0; index < handshakes; index++) {
    const url = handshakeUrl(random);
    findings.count('websocket handshakes');
    let client: BridgeClient;
    try {
      client = await connectUrl(url);
    } catch (error) {
      const { status, body } = error as { status?: number; body?: unknown };
      if (status === undefined) findings.add(`handshake failed without an answer: ${(error as Error).message}`, 'handshake', url.slice(0, 300));
      else if (status >= 500 || !isErrorBody(body, status)) findings.add(`handshake refused with ${status} without the error JSON`, 'handshake', `${url.slice(0, 300)} → ${JSON.stringify(body)?.slice(0, 200)}`);
      continue;
    }
    opened++;
    // Clients send nothing; whatever they send is ignored or closes the socket (1009 past the limit).
    for (let i = random.int(0, 3); i > 0; i--) {
      findings.count('websocket frames');
      const frame = random.pick<string | Buffer>([hostileValue(random).slice(0, 9000), Buffer.alloc(random.int(0, 6000), 7), '{"event_type":"x"}', ' ']);
      if (client.ws.readyState === client.ws.OPEN) client.ws.send(frame);
    }
    await client.close();
    if (client.closeCode !== undefined && ![1000, 1005, 1006, 1009].includes(client.closeCode)) {
      findings.add(`socket closed with code ${client.closeCode}`, 'frames', url.slice(0, 200));
    }
  }
  t.diagnostic(`${handshakes} handshakes, ${opened} opened; ${findings.summary()}`);
  console.log(`[fuzz] event bridge: ${findings.summary()} (seed ${SEED})`);
  assert.equal(findings.size, 0, `seed ${SEED}:\n${findings.report()}`);
});

test('the server is alive and reported no internal error', async () => {
  const response = await send(world.server.url, { method: 'GET', path: '/v1/Workspaces', authorization: world.a.basic });
  assert.equal(response.status, 200);
  assert.deepEqual(findings.unexplained(world.internalErrors), []);
});
