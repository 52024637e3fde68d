/**
 * protocol.md §2.4: what TaskRouter.js v1 does with every JSON it receives (REST-proxy
 * payloads and event payloads), written as checks, run over every GET route and over
 * the events a task's life sends to a worker, a queue and a workspace channel.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { ROUTES } from '../../../src/server/http/routes.js';
import { connectBridge, fillRoute, seedRouteSids, startTestServer, type BridgeClient, type TestServer } from '../http/harness.js';

let server: TestServer;
before(async () => {
  server = await startTestServer();
});
after(() => server.close());

/** v1 passes these to JSON.parse: they must be JSON text (or null). */
const JSON_TEXT_KEYS = new Set(['attributes', 'configuration', 'addons']);
/** v1 turns these into Dates: epoch seconds, or a string `new Date()` reads. */
const DATE_KEYS = new Set(['date_created', 'date_updated', 'date_status_changed']);
/** SID prefixes v1's createEntity builds a class for. */
const ENTITY_PREFIXES = new Set(['WS', 'WW', 'WQ', 'WK', 'WA', 'WT', 'WR', 'WC']);

/** What v1's setProperties would choke on, anywhere in `value` (keys are converted recursively). */
function conversionProblems(value: unknown, path: string, problems: string[] = []): string[] {
  if (Array.isArray(value)) {
    value.forEach((item, i) => conversionProblems(item, `${path}[${i}]`, problems));
  } else if (value !== null && typeof value === 'object') {
    for (const [key, field] of Object.entries(value)) {
      const at = `${path}.${key}`;
      if (JSON_TEXT_KEYS.has(key) && field !== null) {
        if (typeof field !== 'string') problems.push(`${at} is ${typeof field}, not JSON text`);
        else {
          try {
            JSON.parse(field);
          } catch {
            problems.push(`${at} is not valid JSON`);
          }
        }
        continue;
      }
      if (DATE_KEYS.has(key) && field !== null) {
        const date = typeof field === 'number' ? new Date(field * 1000) : typeof field === 'string' ? new Date(field) : undefined;
        if (!date || Number.isNaN(date.getTime())) problems.push(`${at} (${JSON.stringify(field)}) is no date v1 can read`);
      }
      conversionProblems(field, at, problems);
    }
  }
  return problems;
}

/** What createEntity would make of a REST payload, or why it cannot. */
function entityProblems(payload: any, url: string): string[] {
  if (payload?.meta) return typeof payload.meta.key === 'string' && Array.isArray(payload[payload.meta.key]) ? [] : [`${url}: list without its meta.key array`];
  if (url.includes('Statistics')) return typeof payload?.url === 'string' && payload.url.includes('Statistics') ? [] : [`${url}: statistics without url`];
  return typeof payload?.sid === 'string' ? [] : [`${url}: no sid, no meta, no statistics url`];
}

test('every GET route answers through the proxy with JSON v1 converts without error', async () => {
  const { engine, ws } = server;
  const { taskSid, sids } = seedRouteSids(server, { type: 'sales' });
  const token = server.workspaceToken();
  const gets = ROUTES.filter((route) => route.method === 'GET' && route.url.startsWith('/Workspaces/:'));
  assert.ok(gets.length > 25, `${gets.length} GET routes`);
  const problems: string[] = [];
  for (const route of gets) {
    const url = `https://taskrouter.twilio.com/v1${fillRoute(route.url, sids)}`;
    const response = await server.proxy(ws, { url, method: 'GET', token });
    assert.equal(response.status, 200, `${route.url}: ${response.text.slice(0, 200)}`);
    problems.push(...conversionProblems(response.body.payload, route.url), ...entityProblems(response.body.payload, route.url));
  }
  assert.deepEqual(problems, []);
  engine.tasks.delete(ws, taskSid);
});

test("a task's life sends event payloads v1 converts without error, each naming a resource", async () => {
  const { engine, ws } = server;
  const alice = server.sid.worker('Alice');
  const sales = server.sid.queue('Sales');
  const clients: BridgeClient[] = [
    await connectBridge(server, alice, { token: server.workerToken(alice) }),
    await connectBridge(server, sales, { token: server.queueToken(sales) }),
    await connectBridge(server, ws, { token: server.workspaceToken() }),
  ];
  try {
    const task = engine.tasks.create(ws, { workflow_sid: server.sid.workflow(), attributes: { type: 'sales' } });
    const reservation = engine.reservations.listForTask(ws, task.sid).items.find((r) => r.reservation_status === 'pending')!;
    assert.equal(reservation.worker_sid, alice);
    engine.tasks.update(ws, task.sid, { priority: 2 });
    engine.reservations.accept(ws, reservation.sid);
    engine.tasks.update(ws, task.sid, { assignment_status: 'wrapping' });
    engine.tasks.update(ws, task.sid, { assignment_status: 'completed' });
    for (const client of clients) await client.next('task.completed');

    const problems: string[] = [];
    for (const [i, client] of clients.entries()) {
      assert.ok(client.frames.length > 3, `client ${i} heard the task`);
      for (const { event_type, payload } of client.frames) {
        problems.push(...conversionProblems(payload, `${i}:${event_type}`));
        const prefix = String(payload?.sid).slice(0, 2);
        // Entities for the resource events; event records (EV…) are emitted raw.
        if (!ENTITY_PREFIXES.has(prefix) && prefix !== 'EV') problems.push(`${i}:${event_type}: payload sid ${payload?.sid}`);
        if (event_type.startsWith('reservation.') && i === 0 && !(prefix === 'WT' && typeof payload.reservation_sid === 'string')) {
          problems.push(`${event_type}: not the v1 task + reservation_sid form`);
        }
      }
    }
    assert.deepEqual(problems, []);
  } finally {
    await Promise.all(clients.map((client) => client.close()));
  }
});
