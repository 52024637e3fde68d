/**
 * Dev-mode endpoints (`--dev` only): a token endpoint standing in for the user's own
 * backend, the demo page's configuration, and the scenario panel's actions. They mint
 * tokens without authentication, which is why they are off unless asked for and the
 * server listens on loopback by default.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Engine } from '../engine/index.js';
import { mintTaskQueueToken, mintWorkerToken, mintWorkspaceToken } from '../tokens/index.js';
import { isLocalHost, isLocalOrigin, isLoopbackPeer } from './cors.js';
import { ApiError, ErrorCode, invalidParameter } from './errors.js';
import { params, parseParams } from './params.js';

/** Options of {@link registerDevRoutes}. */
export interface DevRoutesOptions {
  engine: Engine;
  accountSid: string;
  authToken: string;
  /** The workspace used when a request names none (the demo workspace). */
  defaultWorkspaceSid: () => string | undefined;
  /** Closes every socket of a channel; returns how many. */
  dropChannel(channel: string): number;
  /**
   * Restarts the server (close everything, exit for a supervisor to start it again on the
   * same database). Without it, `/dev/scenarios/restart` does not exist.
   */
  restart?: () => void;
  /** Origins besides loopback ones whose pages may call the dev endpoints (read per request). */
  publicOrigins: () => readonly string[];
}

/** Longest token lifetime the dev endpoint mints, in seconds. */
export const MAX_DEV_TOKEN_TTL = 24 * 3600;
/** Most tasks one scenario call creates. */
export const MAX_SCENARIO_TASKS = 100;

const TOKEN_QUERY = params('workspaceSid', 'ttl');

// The dev endpoints take camelCase parameters (query or JSON body) and name them so in errors, and accept
// digits only; the engine's input checks (engine/input.ts) name PascalCase REST parameters and read any number.
// Hence these two small checks of their own.

/** A whole number in [min, max] written with digits only; `fallback` when absent. */
function integer(value: unknown, name: string, min: number, max: number, fallback: number): number {
  if (value === undefined) return fallback;
  const number = typeof value === 'number' ? value : typeof value === 'string' && /^\d{1,9}$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isInteger(number) || number < min || number > max) {
    throw invalidParameter(name, `${name} must be a whole number from ${min} to ${max}`);
  }
  return number;
}

/** A non-empty string of at most 1024 characters, or undefined when absent. */
function text(value: unknown, name: string): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value.length === 0 || value.length > 1024) throw invalidParameter(name, `${name} must be a non-empty string`);
  return value;
}

function objectBody(request: FastifyRequest): Record<string, unknown> {
  const body = request.body ?? {};
  if (typeof body !== 'object' || Array.isArray(body)) throw invalidParameter('body', 'The body must be a JSON object');
  return body as Record<string, unknown>;
}

/**
 * 403 unless a dev request comes from this machine (its peer address: a server listening on another interface
 * than loopback must not hand tokens to the network), is addressed to it (its `Host`) and, when a browser says
 * which page sent it (`Origin`, sent with every cross-origin request and every POST), comes from a local page.
 * CORS only keeps other sites from reading the answers; this keeps them from reaching the endpoints at all,
 * through DNS rebinding or a form posted across sites.
 */
function refuseForeignCallers(app: FastifyInstance, publicOrigins: () => readonly string[]): void {
  app.addHook('onRequest', async (request) => {
    if (!request.url.startsWith('/dev/')) return;
    const { origin } = request.headers;
    if (!isLoopbackPeer(request.socket.remoteAddress)) {
      throw new ApiError(403, ErrorCode.Authentication, `The dev endpoints answer only callers on this machine, not ${request.socket.remoteAddress ?? 'an unknown address'}`);
    }
    if (!isLocalHost(request.host, publicOrigins())) {
      throw new ApiError(403, ErrorCode.Authentication, `The dev endpoints answer only requests to this machine (127.0.0.1 or localhost), not to ${request.host}`);
    }
    if (origin !== undefined && !isLocalOrigin(origin, publicOrigins())) {
      throw new ApiError(403, ErrorCode.Authentication, `The dev endpoints answer only pages served from this machine, not from ${origin}`);
    }
  });
}

/** Registers `/dev/tokens/*`, `/dev/config` and `/dev/scenarios/*`. */
export function registerDevRoutes(app: FastifyInstance, options: DevRoutesOptions): void {
  const { engine, accountSid, authToken } = options;
  refuseForeignCallers(app, options.publicOrigins);

  const workspaceOf = (requested: unknown): string => {
    const sid = text(requested, 'workspaceSid') ?? options.defaultWorkspaceSid();
    if (!sid) throw invalidParameter('workspaceSid', 'workspaceSid is required: the server has no default workspace');
    return engine.workspaces.get(accountSid, sid).sid;
  };

  const tokenRoute = (kind: string, extra: string[], mint: (query: Record<string, string | string[]>, common: {
    accountSid: string; authToken: string; workspaceSid: string; ttl: number; now: number;
  }) => { token: string; fields: Record<string, string> }) => {
    app.get(`/dev/tokens/${kind}`, async (request) => {
      const query = parseParams(request.query, [...TOKEN_QUERY, ...params(...extra)], 'query');
      const workspaceSid = workspaceOf(query.workspace_sid);
      const ttl = integer(query.ttl, 'ttl', 1, MAX_DEV_TOKEN_TTL, 3600);
      const now = engine.clock.now();
      const { token, fields } = mint(query, { accountSid, authToken, workspaceSid, ttl, now });
      return {
        token,
        expires_at: new Date(Math.floor(now / 1000) * 1000 + ttl * 1000).toISOString(),
        ttl,
        account_sid: accountSid,
        workspace_sid: workspaceSid,
        ...fields,
      };
    });
  };

  tokenRoute('worker', ['workerSid'], (query, common) => {
    const workerSid = text(query.worker_sid, 'workerSid');
    if (!workerSid) throw invalidParameter('workerSid', 'workerSid is required');
    engine.workers.get(common.workspaceSid, workerSid);
    return { token: mintWorkerToken({ ...common, workerSid }), fields: { worker_sid: workerSid, channel: workerSid } };
  });
  tokenRoute('workspace', [], (_query, common) => ({
    token: mintWorkspaceToken(common),
    fields: { channel: common.workspaceSid },
  }));
  tokenRoute('taskqueue', ['taskQueueSid'], (query, common) => {
    const taskQueueSid = text(query.task_queue_sid, 'taskQueueSid');
    if (!taskQueueSid) throw invalidParameter('taskQueueSid', 'taskQueueSid is required');
    engine.taskQueues.get(common.workspaceSid, taskQueueSid);
    return { token: mintTaskQueueToken({ ...common, taskQueueSid }), fields: { task_queue_sid: taskQueueSid, channel: taskQueueSid } };
  });

  app.get('/dev/config', async (request) => {
    const query = parseParams(request.query, params('workspaceSid'), 'query');
    const workspaceSid = workspaceOf(query.workspace_sid);
    const all = { page_size: 1000 };
    const origin = `${request.protocol}://${request.host}`;
    return {
      accountSid,
      workspaceSid,
      eventBridgeUrl: origin,
      apiBaseUrl: `${origin}/v1`,
      workers: engine.workers.list(workspaceSid, all).items.map((worker) => ({
        sid: worker.sid,
        friendlyName: worker.friendly_name,
        activitySid: worker.activity_sid,
        activityName: worker.activity_name,
        available: worker.available,
        attributes: JSON.parse(worker.attributes) as unknown,
      })),
      queues: engine.taskQueues.list(workspaceSid, all).items.map((queue) => ({
        sid: queue.sid,
        friendlyName: queue.friendly_name,
        targetWorkers: queue.target_workers,
      })),
      activities: engine.activities.list(workspaceSid, all).items.map((activity) => ({
        sid: activity.sid,
        friendlyName: activity.friendly_name,
        available: activity.available,
      })),
      workflows: engine.workflows.list(workspaceSid, all).items.map((workflow) => ({ sid: workflow.sid, friendlyName: workflow.friendly_name })),
    };
  });

  app.post('/dev/scenarios/tasks', async (request, reply) => {
    const body = objectBody(request);
    const workspaceSid = workspaceOf(body.workspaceSid);
    const count = integer(body.count, 'count', 1, MAX_SCENARIO_TASKS, 1);
    const attributes = body.attributes ?? {};
    if (typeof attributes !== 'string' && (typeof attributes !== 'object' || attributes === null || Array.isArray(attributes))) {
      throw invalidParameter('attributes', 'attributes must be an object or a JSON string');
    }
    const input = {
      attributes: attributes as string | Record<string, unknown>,
      workflow_sid: text(body.workflowSid, 'workflowSid'),
      task_queue_sid: text(body.taskQueueSid, 'taskQueueSid'),
      task_channel: text(body.taskChannel, 'taskChannel'),
      priority: body.priority === undefined ? undefined : integer(body.priority, 'priority', 0, 2 ** 31 - 1, 0),
      timeout: body.timeout === undefined ? undefined : integer(body.timeout, 'timeout', 1, 1_209_600, 86_400),
    };
    const tasks = Array.from({ length: count }, () => engine.tasks.create(workspaceSid, input));
    return reply.code(201).send({ tasks });
  });

  app.post('/dev/scenarios/drop-sockets', async (request) => {
    const channel = text(objectBody(request).channel, 'channel');
    if (!channel) throw invalidParameter('channel', 'channel is required (a WK, WQ or WS sid)');
    return { channel, dropped: options.dropChannel(channel) };
  });

  const { restart } = options;
  if (restart) {
    app.post('/dev/scenarios/restart', async (_request, reply) => {
      // Answer first: the restart closes this connection.
      reply.raw.once('finish', restart);
      return reply.code(202).send({ restarting: true });
    });
  }

  app.post('/dev/scenarios/end-call', async (request) => {
    const body = objectBody(request);
    const reservationSid = text(body.reservationSid, 'reservationSid');
    if (!reservationSid) throw invalidParameter('reservationSid', 'reservationSid is required');
    const workspaceSid = workspaceOf(body.workspaceSid);
    return { reservation: engine.reservations.endCall(workspaceSid, reservationSid) };
  });
}

/** Without `--dev`: the dev endpoints answer 404 saying how to get them, not as an unknown path. */
export function registerDevAbsence(app: FastifyInstance): void {
  app.all('/dev/*', async () => {
    throw new ApiError(404, ErrorCode.NotFound, 'The dev endpoints (/dev/tokens, /dev/scenarios) exist only when the server runs with --dev (npm start passes it)');
  });
}
