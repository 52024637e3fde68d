/**
 * REST fuzzer: random and boundary values for every parameter of every route (the public
 * API and the dev endpoints), wrong types, huge strings, unicode, repeated keys, odd
 * encodings, wrong credentials and methods. Every answer must be 2xx, or 4xx with the
 * error JSON; never a 5xx, a hang, a crash or an internal error report.
 *
 * FUZZ_CASES sets the number of random cases (default 1500; `npm run soak` runs more),
 * FUZZ_SEED replays a run.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ROUTES } from '../../src/server/http/routes.js';
import { Findings, send, type RawRequest } from './support/http.js';
import { casesFromEnv, Random, seedFromEnv } from './support/random.js';
import { encodeSegment, hostileValue, NUMBERS, unknownSid } from './support/values.js';
import { sidFor, useWorld } from './support/world.js';

const CASES = casesFromEnv(1500);
const SEED = seedFromEnv();

const world = useWorld();
const findings = new Findings();

/** A route as the fuzzer sees it: method, fastify path, accepted parameter names, and how it takes them. */
interface FuzzRoute {
  method: 'GET' | 'POST' | 'DELETE';
  url: string;
  params: string[];
  /** `form`: query string / form body (the REST API); `json`: a JSON body (dev scenarios). */
  body: 'form' | 'json';
}

const REST_ROUTES: FuzzRoute[] = ROUTES.map((route) => ({
  method: route.method,
  url: `/v1${route.url}`,
  params: [...route.accepts.map((spec) => spec.name), 'Page', 'PageSize'].filter((name, i, all) => all.indexOf(name) === i),
  body: 'form',
}));

const DEV_ROUTES: FuzzRoute[] = [
  { method: 'GET', url: '/dev/tokens/worker', params: ['workerSid', 'workspaceSid', 'ttl'], body: 'form' },
  { method: 'GET', url: '/dev/tokens/workspace', params: ['workspaceSid', 'ttl'], body: 'form' },
  { method: 'GET', url: '/dev/tokens/taskqueue', params: ['taskQueueSid', 'workspaceSid', 'ttl'], body: 'form' },
  { method: 'GET', url: '/dev/config', params: ['workspaceSid'], body: 'form' },
  {
    method: 'POST', url: '/dev/scenarios/tasks',
    params: ['workspaceSid', 'count', 'attributes', 'workflowSid', 'taskQueueSid', 'taskChannel', 'priority', 'timeout'], body: 'json',
  },
  { method: 'POST', url: '/dev/scenarios/end-call', params: ['workspaceSid', 'reservationSid'], body: 'json' },
];

/** A path segment value: mostly the real one, sometimes another tenant's, sometimes hostile (encoded or raw). */
function segment(random: Random, route: FuzzRoute, collection: string | undefined): string {
  const { a, a2, b } = world;
  // DELETEs never take tenant A's own SIDs, so the fuzz keeps something to fuzz.
  const roll = random.next();
  if (route.method !== 'DELETE' && roll < 0.7) return sidFor(a, collection, route.url);
  if (roll < 0.85) return sidFor(random.pick([a2, b]), collection, route.url);
  const value = hostileValue(random, world.sids(a2)).slice(0, 2000);
  // Short enough that the request head stays under Node's 16 KiB once fetch encodes it.
  return random.chance(0.8) ? encodeSegment(value).slice(0, 2500) : value.replace(/[?#\s]/g, '').slice(0, 500);
}

/** A plausible value for a parameter by its name, so cases get past the first check and into the engine. */
function plausible(random: Random, name: string): string {
  const { a } = world;
  if (/Sid$|Sids$/.test(name)) return random.pick(world.sids(a));
  if (name === 'Attributes' || name === 'attributes') {
    return JSON.stringify({ type: random.pick(['support', 'sales']), language: 'es', note: hostileValue(random).slice(0, 500), n: random.pick(NUMBERS) });
  }
  if (name === 'Configuration') {
    return JSON.stringify({
      task_routing: {
        filters: [{ expression: hostileValue(random).slice(0, 200), targets: [{ queue: random.pick([a.queueSid, unknownSid(random, 'WQ')]), timeout: random.int(-5, 100) }] }],
        default_filter: { queue: a.queueSid },
      },
    });
  }
  if (/Expression|TargetWorkers|EvaluateTaskAttributes/.test(name)) return random.pick(['1==1', 'skills HAS "support"', 'level > 1', 'a ==']);
  if (/Available|Enabled|Routing|Accept|Record|Muted|Beep|Capacity|Ignore|ReEvaluate/.test(name)) return random.pick(['true', 'false', '2', '0']);
  if (/Date/.test(name)) return random.pick(['2024-01-01T00:00:00Z', new Date().toISOString()]);
  return random.pick(NUMBERS);
}

/** A JSON-typed value: what a client sending JSON instead of a form might put. */
function jsonValue(random: Random, name: string): unknown {
  return random.pick<unknown>([
    plausible(random, name), random.int(-5, 200), 1e308, -0.5, true, null, [plausible(random, name), 1],
    { nested: { deeper: [hostileValue(random).slice(0, 100)] } }, hostileValue(random).slice(0, 2000), [], {},
  ]);
}

/** Builds one random request for `route`. */
function buildCase(random: Random, route: FuzzRoute, focus?: string): RawRequest {
  const parts = route.url.split('/');
  const path = parts.map((part, i) => (part.startsWith(':') ? segment(random, route, parts[i - 1]) : part)).join('/');
  const chosen = new Set(random.sample(route.params, random.int(0, Math.min(4, route.params.length))));
  if (focus) chosen.add(focus);
  if (random.chance(0.05)) chosen.add(random.pick(['Bogus', 'friendlyname', '__proto__', 'constructor', 'Page[0]', '', 'a'.repeat(300)]));
  const pairs: Array<[string, string]> = [];
  for (const name of chosen) {
    const value = () => (name === focus || random.chance(0.6) ? hostileValue(random, world.sids(world.b)) : plausible(random, name));
    pairs.push([name, value()]);
    if (random.chance(0.12)) for (let i = random.int(1, 3); i > 0; i--) pairs.push([name, value()]);
  }
  const { a, b } = world;
  // Mostly A's credentials; now and then another account's, none, or broken ones.
  const authorization = route.url.startsWith('/dev/') ? null : random.chance(0.85) ? a.basic : random.pick<string | null>([
    b.basic, null, 'Basic ' + Buffer.from(`${a.accountSid}:wrong`).toString('base64'), 'Basic %%%', 'Bearer x', `Basic ${'A'.repeat(3000)}`,
  ]);
  const method = random.chance(0.03) ? random.pick(['PUT', 'PATCH']) : route.method;
  const request: RawRequest = { method, path, authorization };
  const asJson = route.body === 'json' ? random.chance(0.9) : random.chance(0.08);
  if (method === 'POST' || method === 'PUT' || method === 'PATCH') {
    if (asJson) {
      const object = Object.fromEntries(pairs.map(([name]) => [name, jsonValue(random, name)]));
      request.body = random.chance(0.05) ? JSON.stringify(object).slice(0, -1) : JSON.stringify(object);
      request.contentType = random.pick(['application/json', 'application/json; charset=utf-8', 'application/json; charset=latin1']);
    } else if (random.chance(0.05)) {
      request.query = pairs;
    } else {
      request.body = new URLSearchParams(pairs).toString();
      request.contentType = random.pick(['application/x-www-form-urlencoded', 'application/x-www-form-urlencoded', 'text/plain', 'application/xml']);
    }
  } else {
    request.query = random.chance(0.03) ? [...pairs, ...pairs] : pairs;
  }
  // Huge values go in bodies: a request head past Node's 16 KiB limit is faults.test.ts's subject.
  while (request.query?.length && headLength(request) > MAX_FUZZ_HEAD) request.query.pop();
  return request;
}

/** Largest request line plus Authorization the fuzzer sends (Node refuses request heads over 16 KiB; other headers take the rest). */
const MAX_FUZZ_HEAD = 14 * 1024;

function headLength(request: RawRequest): number {
  return request.path.length + new URLSearchParams(request.query).toString().length + (request.authorization?.length ?? 0);
}

function describeRequest(request: RawRequest): string {
  const query = request.query?.length ? `?${new URLSearchParams(request.query)}` : '';
  return `${request.method} ${request.path}${query} ${request.contentType ?? ''} ${request.body ?? ''}`.slice(0, 400);
}

async function runCase(name: string, route: FuzzRoute, request: RawRequest, index: number): Promise<void> {
  findings.count(name);
  const response = await send(world.server.url, request);
  findings.check(request, response, `${request.method} ${route.url}`, `case ${index}: ${describeRequest(request)}`);
}

test('every parameter of every route, one hostile value each', async (t) => {
  const random = new Random(SEED);
  let index = 0;
  for (const route of [...REST_ROUTES, ...DEV_ROUTES]) {
    for (const name of route.params) {
      await runCase(route.url.startsWith('/dev/') ? 'dev endpoints' : 'REST routes', route, buildCase(random, route, name), index++);
    }
  }
  t.diagnostic(`${index} cases: each of ${REST_ROUTES.length + DEV_ROUTES.length} routes, each of its parameters`);
  assert.equal(findings.size, 0, `seed ${SEED}:\n${findings.report()}`);
});

test(`${CASES} random cases over every route`, async (t) => {
  const random = new Random(SEED + 1);
  const routes = [...REST_ROUTES, ...DEV_ROUTES];
  for (let index = 0; index < CASES; index++) {
    // Every route first, then at random.
    const route = index < routes.length ? routes[index]! : random.pick(routes);
    await runCase(route.url.startsWith('/dev/') ? 'dev endpoints' : 'REST routes', route, buildCase(random, route), index);
  }
  t.diagnostic(`fuzz inputs tried per interface (seed ${SEED}): ${findings.summary()}`);
  console.log(`[fuzz] rest: ${findings.summary()} (seed ${SEED})`);
  assert.equal(findings.size, 0, `seed ${SEED} (FUZZ_SEED=${SEED} replays):\n${findings.report()}`);
});

test('the server is alive and reported no internal error', async () => {
  const response = await send(world.server.url, { method: 'GET', path: `/v1/Workspaces/${world.a.workspaceSid}`, authorization: world.a.basic });
  assert.equal(response.status, 200);
  // Only the internal errors of already reported faults (known-faults.ts) are excused.
  assert.deepEqual(findings.unexplained(world.internalErrors), []);
});
