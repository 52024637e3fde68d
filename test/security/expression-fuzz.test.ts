/**
 * Expression fuzzer at the server's doors: random TaskRouter expressions (grammatical,
 * mutated, and adversarial: deep nesting, huge literals, thousands of terms, odd unicode)
 * sent everywhere the server takes one: the Workers list (`TargetWorkersExpression`, over
 * REST and through the event-bridge proxy as the queue editor's preview sends it), the
 * Tasks list (`EvaluateTaskAttributes`), TaskQueue `TargetWorkers` and workflow filter
 * expressions. Oracle: src/expression itself. What it cannot parse the server refuses
 * with a 400 naming the parameter; what it parses the server accepts, and the workers and
 * tasks the server returns are exactly those the expression matches locally.
 *
 * FUZZ_CASES scales the count (default 1000 expressions), FUZZ_SEED replays a run.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compile, parse } from '../../src/expression/index.js';
import { Findings, send, type RawRequest, type RawResponse } from './support/http.js';
import { casesFromEnv, Random, seedFromEnv } from './support/random.js';
import { UNICODE } from './support/values.js';
import { useWorld, type World } from './support/world.js';

const CASES = casesFromEnv(1000);
const SEED = seedFromEnv();

const world = useWorld(seedAttributes);
const findings = new Findings();
/** Workers and tasks of the fuzzed workspace, with parsed attributes. */
let workers: Array<{ sid: string; attributes: Record<string, unknown> }> = [];
let tasks: Array<{ sid: string; attributes: Record<string, unknown> }> = [];

/** Attribute sets chosen to make comparisons differ: types, arrays, nesting, nulls, unicode, numbers as text. */
const ATTRIBUTES: Array<Record<string, unknown>> = [
  { skills: ['support', 'sales'], languages: ['en'], level: 3, name: 'Ada', vip: true },
  { skills: ['support'], languages: ['es', 'en'], level: '3', name: 'Ñandú 😀', vip: false },
  { skills: [], languages: [], level: 0, name: '', nested: { a: 1, list: [1, 'two', null] } },
  { skills: 'support', level: -1.5, name: 'O\'Brien "quoted"', nested: { a: '1' } },
  { level: null, name: null, skills: [null, 1, true] },
  { skills: ['SUPPORT'], languages: ['EN'], level: 1e21, type: 'sales', priority: 5 },
  { type: 'support', priority: '5', language: 'es', nested: { list: [] } },
  {},
];

const KEYS = ['skills', 'languages', 'level', 'name', 'vip', 'type', 'priority', 'language', 'nested.a', 'nested.list', 'missing', 'nested.missing.deeper'];
const VALUES = ['"support"', "'sales'", '3', '"3"', '0', '-1.5', '1e21', 'true', 'false', 'null', '"Ñandú 😀"', '""', '["en", "es"]', '[1, "two"]', '[]', '"SUPPORT"'];
const OPERATORS = ['==', '!=', '>', '<', '>=', '<=', 'HAS', 'IN', 'NOT IN', 'CONTAINS', '=', 'has', 'in', 'contains', 'not in'];

function condition(random: Random, depth: number, scopes: string[]): string {
  const roll = random.next();
  if (depth > 0 && roll < 0.3) {
    return `${condition(random, depth - 1, scopes)} ${random.pick(['AND', 'OR', 'and', 'or', '&&', '||'])} ${condition(random, depth - 1, scopes)}`;
  }
  if (depth > 0 && roll < 0.4) return `${random.pick(['NOT ', 'not ', '!'])}(${condition(random, depth - 1, scopes)})`;
  if (depth > 0 && roll < 0.5) return `(${condition(random, depth - 1, scopes)})`;
  if (roll < 0.53) return random.pick(['1==1', '1 == 2', '1==1.0', '"a" == "a"']);
  const key = `${random.pick(scopes)}${random.pick(KEYS)}`;
  return random.chance(0.2)
    ? `${random.pick(VALUES)} ${random.pick(OPERATORS)} ${key}`
    : `${key} ${random.pick(OPERATORS)} ${random.pick(VALUES)}`;
}

/** Breaks a text the way typing and pasting do. */
function mutate(random: Random, text: string): string {
  const at = random.int(0, text.length);
  switch (random.int(0, 5)) {
    case 0: return text.slice(0, at) + text.slice(at + random.int(1, 3));
    case 1: return text.slice(0, at) + random.pick(['(', ')', '"', "'", '[', ']', ',', '==', ' AND', '\\', random.pick(UNICODE)]) + text.slice(at);
    case 2: return text.slice(0, at);
    case 3: return text.replace(/AND|OR/, random.pick(['AN', 'ORR', 'XOR', '']));
    case 4: return text.toUpperCase();
    default: return ` \t${text}\n `;
  }
}

/** Expressions that stress limits rather than grammar. */
function adversarial(random: Random): string {
  switch (random.int(0, 6)) {
    case 0: { const n = random.pick([50, 200, 2000]); return `${'('.repeat(n)}1==1${')'.repeat(n)}`; }
    case 1: { const n = random.pick([50, 200, 2000]); return `${'NOT '.repeat(n)}1==1`; }
    case 2: return Array.from({ length: random.pick([100, 1000]) }, (_, i) => `level == ${i}`).join(' OR ');
    case 3: return `name == "${'x'.repeat(random.pick([1000, 20_000]))}"`;
    case 4: return `skills IN [${Array.from({ length: 2000 }, (_, i) => `"s${i}"`).join(',')}]`;
    case 5: return `${'a.'.repeat(500)}b == 1`;
    default: return random.pick(['', ' ', '\u0000', '==', 'AND', '()', '[]', '1==1 AND', 'level ==== 3', '"unterminated == 1']);
  }
}

function expression(random: Random, scopes: string[]): string {
  const roll = random.next();
  if (roll < 0.08) return adversarial(random);
  const text = condition(random, random.int(0, 3), scopes);
  return roll < 0.35 ? mutate(random, text) : text;
}

/** The oracle: the matching SIDs, or undefined when the expression does not parse. */
function expected(source: string, items: Array<{ sid: string; attributes: Record<string, unknown> }>, context: (attributes: unknown) => object): string[] | undefined {
  try {
    parse(source);
  } catch {
    return undefined;
  }
  const matches = compile(source);
  return items.filter((item) => matches(context(item.attributes))).map((item) => item.sid).sort();
}

/** Gives workspace A2 a worker and a task with each attribute set, and keeps them parsed for the oracle. */
function seedAttributes(started: World): void {
  const { engine } = started.server;
  const ws = started.a2.workspaceSid;
  for (const [i, attributes] of ATTRIBUTES.entries()) {
    engine.workers.create(ws, { friendly_name: `fuzz-${i}`, attributes });
    engine.tasks.create(ws, { workflow_sid: started.a2.workflowSid, attributes });
  }
  const parsed = <T extends { sid: string; attributes: string }>(items: T[]) => items.map((item) => ({ sid: item.sid, attributes: JSON.parse(item.attributes) as Record<string, unknown> }));
  workers = parsed(engine.workers.list(ws, { page_size: 1000 }).items);
  tasks = parsed(engine.tasks.list(ws, { page_size: 1000 }).items);
}

function sidsOf(body: unknown, key: string): string[] {
  return ((body as Record<string, Array<{ sid: string }>>)[key] ?? []).map((item) => item.sid).sort();
}

/** Checks one answer against the oracle: refused with 400 naming `param`, or the expected SIDs. */
function judge(name: string, request: RawRequest, response: RawResponse, source: string, want: string[] | undefined, param: string, got: () => string[] | undefined): void {
  findings.count(name);
  const example = `${JSON.stringify(source).slice(0, 300)} → ${response.status} ${response.text.slice(0, 200)}`;
  findings.check(request, response, name, example);
  if (response.status >= 500 || response.status < 0) return;
  if (want === undefined) {
    if (response.status !== 400) findings.add(`${name}: an expression src/expression refuses was not refused with 400`, name, example);
    else if (!(response.body as { message: string }).message.includes(param)) findings.add(`${name}: the 400 does not name ${param}`, name, example);
    return;
  }
  if (response.status !== 200 && response.status !== 201) {
    // A documented length limit may refuse what parses: fine when it says so and names the parameter.
    const message = (response.body as { message?: string })?.message ?? '';
    const lengthLimit = response.status === 400 && message.includes(param) && /at most \d+ characters/.test(message);
    if (!lengthLimit) findings.add(`${name}: an expression src/expression parses was refused`, name, example);
    else findings.count(`${name}: refused for its length`);
    return;
  }
  const sids = got();
  if (sids && JSON.stringify(sids) !== JSON.stringify(want)) findings.add(`${name}: the server matched other items than the expression does`, name, `${example}\n    expected ${want.length}, got ${sids.length}`);
}

test(`${CASES} expressions through every interface that takes one`, async (t) => {
  const random = new Random(SEED);
  const { a2 } = world;
  const ws = `/v1/Workspaces/${a2.workspaceSid}`;
  const token = a2.workspaceToken();
  const workerContext = (attributes: unknown) => ({ attributes, worker: attributes });
  const taskContext = (attributes: unknown) => ({ attributes, task: attributes, now: world.server.clock.now() });

  for (let i = 0; i < CASES; i++) {
    const forWorkers = expression(random, ['', '', '', 'worker.']);
    const wantWorkers = expected(forWorkers, workers, workerContext);

    // Workers list over REST (expressions too long for a URL go through the proxy's body only).
    const rest: RawRequest = { method: 'GET', path: `${ws}/Workers`, query: [['TargetWorkersExpression', forWorkers], ['PageSize', '1000']], authorization: a2.basic };
    if (forWorkers.length + 200 < 12 * 1024) {
      const response = await send(world.server.url, rest);
      judge('Workers?TargetWorkersExpression (REST)', rest, response, forWorkers, wantWorkers, 'TargetWorkersExpression', () => sidsOf(response.body, 'workers'));
    }

    // The same through the event-bridge proxy, as the queue editor's preview asks.
    const proxied: RawRequest = {
      method: 'POST', path: `/v1/wschannels/${a2.accountSid}/${a2.workspaceSid}`, contentType: 'text/plain',
      body: JSON.stringify({ url: `https://taskrouter.twilio.com${ws}/Workers`, method: 'GET', params: { TargetWorkersExpression: forWorkers, PageSize: 1000 }, token }),
    };
    const viaProxy = await send(world.server.url, proxied);
    judge('Workers?TargetWorkersExpression (event-bridge proxy)', proxied, viaProxy, forWorkers, wantWorkers, 'TargetWorkersExpression',
      () => sidsOf((viaProxy.body as { payload?: unknown })?.payload, 'workers'));

    // Tasks list.
    const forTasks = expression(random, ['', '', '', 'task.']);
    if (forTasks.length + 200 < 12 * 1024) {
      const tasksRequest: RawRequest = { method: 'GET', path: `${ws}/Tasks`, query: [['EvaluateTaskAttributes', forTasks], ['PageSize', '1000']], authorization: a2.basic };
      const response = await send(world.server.url, tasksRequest);
      judge('Tasks?EvaluateTaskAttributes', tasksRequest, response, forTasks, expected(forTasks, tasks, taskContext), 'EvaluateTaskAttributes',
        () => sidsOf(response.body, 'tasks'));
    }

    // A queue's TargetWorkers and a workflow filter: accepted iff they parse, or for TargetWorkers when empty
    // (TaskRouter documents it: no worker matches); then removed again.
    if (i % 3 === 0) {
      const queueRequest: RawRequest = {
        method: 'POST', path: `${ws}/TaskQueues`, authorization: a2.basic, contentType: 'application/x-www-form-urlencoded',
        body: new URLSearchParams({ FriendlyName: `fuzz-q-${i}`, TargetWorkers: forWorkers }).toString(),
      };
      const queue = await send(world.server.url, queueRequest);
      judge('TaskQueue TargetWorkers', queueRequest, queue, forWorkers, forWorkers.trim() ? wantWorkers : [], 'TargetWorkers', () => undefined);
      if (queue.status === 201) await send(world.server.url, { method: 'DELETE', path: `${ws}/TaskQueues/${(queue.body as { sid: string }).sid}`, authorization: a2.basic });

      const configuration = { task_routing: { filters: [{ expression: forTasks, targets: [{ queue: a2.queueSid }] }], default_filter: { queue: a2.queueSid } } };
      const workflowRequest: RawRequest = {
        method: 'POST', path: `${ws}/Workflows`, authorization: a2.basic, contentType: 'application/x-www-form-urlencoded',
        body: new URLSearchParams({ FriendlyName: `fuzz-w-${i}`, Configuration: JSON.stringify(configuration) }).toString(),
      };
      const workflow = await send(world.server.url, workflowRequest);
      judge('Workflow filter expression', workflowRequest, workflow, forTasks, expected(forTasks, tasks, taskContext), 'Configuration', () => undefined);
      if (workflow.status === 201) await send(world.server.url, { method: 'DELETE', path: `${ws}/Workflows/${(workflow.body as { sid: string }).sid}`, authorization: a2.basic });
    }
  }
  t.diagnostic(`expression inputs tried per interface (seed ${SEED}): ${findings.summary()}`);
  console.log(`[fuzz] expressions: ${findings.summary()} (seed ${SEED})`);
  assert.equal(findings.size, 0, `seed ${SEED} (FUZZ_SEED=${SEED} replays):\n${findings.report()}`);
});

test('the server reported no internal error', () => {
  assert.deepEqual(findings.unexplained(world.internalErrors), []);
});
