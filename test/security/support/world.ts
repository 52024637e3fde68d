/**
 * A server with three tenants for the security tests: the main workspace (A), a second
 * workspace of the same account (A2) and a workspace of another account (B), each with a
 * task reserved to a worker, so every resource kind has a real SID in each. Internal
 * errors the server reports are collected: a test ends by asserting there were none.
 */
import { after, before } from 'node:test';
import { seedDemoWorkspace, type DemoWorkspace } from '../../../src/server/index.js';
import type { ServerOptions } from '../../../src/server/index.js';
import { mintTaskQueueToken, mintWorkerToken, mintWorkspaceToken } from '../../../src/server/tokens/index.js';
import { startTestServer, type TestServer } from '../../server/http/harness.js';

/** One workspace and the account it belongs to, with a SID of every resource kind. */
export interface Tenant {
  accountSid: string;
  authToken: string;
  demo: DemoWorkspace;
  workspaceSid: string;
  workerSid: string;
  queueSid: string;
  activitySid: string;
  workflowSid: string;
  taskSid: string;
  reservationSid: string;
  /** The worker of the reservation. */
  reservedWorkerSid: string;
  taskChannelSid: string;
  workerChannelSid: string;
  eventSid: string;
  /** `Basic …` for this tenant's account. */
  basic: string;
  workerToken(workerSid?: string, ttl?: number): string;
  workspaceToken(ttl?: number): string;
  queueToken(queueSid?: string): string;
}

export interface World {
  server: TestServer;
  a: Tenant;
  a2: Tenant;
  b: Tenant;
  /** Errors the server reported as internal (500s, failures in handlers). */
  internalErrors: unknown[];
  /** Every SID of every tenant, by tenant. */
  sids(tenant: Tenant): string[];
}

function tenant(server: TestServer, accountSid: string, authToken: string, demo: DemoWorkspace): Tenant {
  const { engine } = server;
  const ws = demo.workspaceSid;
  const task = engine.tasks.create(ws, { workflow_sid: demo.workflowSid, attributes: { type: 'support', language: 'es' } });
  const reservation = engine.reservations.listForTask(ws, task.sid).items[0];
  if (!reservation) throw new Error('the demo seed reserved nothing');
  const worker = demo.workers.Alice!;
  const common = { accountSid, authToken, workspaceSid: ws };
  const now = () => server.clock.now();
  return {
    accountSid,
    authToken,
    demo,
    workspaceSid: ws,
    workerSid: worker,
    queueSid: demo.queues.Sales!,
    activitySid: demo.activities.Break!,
    workflowSid: demo.workflowSid,
    taskSid: task.sid,
    reservationSid: reservation.sid,
    reservedWorkerSid: reservation.worker_sid,
    taskChannelSid: engine.taskChannels.list(ws, { page_size: 50 }).items[0]!.sid,
    workerChannelSid: engine.workerChannels.list(ws, worker, { page_size: 50 }).items[0]!.sid,
    eventSid: engine.events.list(ws, { page_size: 1 }).items[0]!.sid,
    basic: 'Basic ' + Buffer.from(`${accountSid}:${authToken}`).toString('base64'),
    workerToken: (workerSid = worker, ttl?: number) => mintWorkerToken({ ...common, workerSid, ttl, now: now() }),
    workspaceToken: (ttl?: number) => mintWorkspaceToken({ ...common, ttl, now: now() }),
    queueToken: (taskQueueSid = demo.queues.Sales!) => mintTaskQueueToken({ ...common, taskQueueSid, now: now() }),
  };
}

/** Starts the server (dev routes on, ManualClock) with tenants A, A2 and B. */
export async function startWorld(options: ServerOptions = {}): Promise<World> {
  const internalErrors: unknown[] = [];
  const server = await startTestServer({ dev: true, onError: (error) => internalErrors.push(error), ...options });
  try {
    return populate(server, internalErrors);
  } catch (error) {
    // An open server would keep the test file running until its timeout instead of failing now.
    await server.close();
    throw error;
  }
}

function populate(server: TestServer, internalErrors: unknown[]): World {
  const { engine } = server;
  const demoA = {
    workspaceSid: server.ws,
    workflowSid: server.sid.workflow(),
    activities: Object.fromEntries(engine.activities.list(server.ws, { page_size: 1000 }).items.map((x) => [x.friendly_name, x.sid])),
    queues: Object.fromEntries(engine.taskQueues.list(server.ws, { page_size: 1000 }).items.map((x) => [x.friendly_name, x.sid])),
    workers: Object.fromEntries(engine.workers.list(server.ws, { page_size: 1000 }).items.map((x) => [x.friendly_name, x.sid])),
  };
  const a = tenant(server, server.accountSid, server.authToken, demoA);
  const a2 = tenant(server, server.accountSid, server.authToken, seedDemoWorkspace(engine, server.accountSid));
  const other = engine.accounts.create();
  const b = tenant(server, other.sid, other.auth_token, seedDemoWorkspace(engine, other.sid));
  return {
    server,
    a,
    a2,
    b,
    internalErrors,
    sids: (t) => [
      t.workspaceSid, t.workerSid, t.queueSid, t.activitySid, t.workflowSid, t.taskSid, t.reservationSid, t.reservedWorkerSid,
      t.taskChannelSid, t.workerChannelSid, t.eventSid, ...Object.values(t.demo.workers), ...Object.values(t.demo.queues),
      ...Object.values(t.demo.activities),
    ],
  };
}

/**
 * Starts a world before the calling file's tests (then runs `prepare` on it) and closes its server
 * after them. The object returned is filled in by then: read it inside tests, not at module load.
 */
export function useWorld(prepare?: (world: World) => void): World {
  const world = {} as World;
  before(async () => {
    Object.assign(world, await startWorld());
    prepare?.(world);
  });
  after(async () => {
    await world.server?.close();
  });
  return world;
}

/**
 * The SID of `tenant` a route's path parameter takes, by the collection named before it
 * (under a worker's reservations, the reserved worker).
 */
export function sidFor(tenant: Tenant, collection: string | undefined, url: string): string {
  switch (collection) {
    case 'Workspaces': return tenant.workspaceSid;
    case 'Workers': return url.includes('/Reservations') ? tenant.reservedWorkerSid : tenant.workerSid;
    case 'Tasks': return tenant.taskSid;
    case 'Activities': return tenant.activitySid;
    case 'TaskQueues': return tenant.queueSid;
    case 'Workflows': return tenant.workflowSid;
    case 'TaskChannels': return tenant.taskChannelSid;
    case 'Channels': return tenant.workerChannelSid;
    case 'Reservations': return tenant.reservationSid;
    case 'Events': return tenant.eventSid;
    default: throw new Error(`no SID for a path under ${collection}`);
  }
}
