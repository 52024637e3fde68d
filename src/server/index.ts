/**
 * The local TaskRouter server: engine, public REST API, event bridge (websockets and
 * REST proxy) and, in dev mode, a token endpoint and the demo page, all on one port.
 *
 * Limits (bad input gets a 4xx error body, never a 500):
 * - request bodies (REST and proxy): 256 KiB (`bodyLimit`), else 413;
 * - one parameter value: 64 KiB; a list parameter: 100 values; a proxied call: 200 params;
 * - capability tokens: 16 KiB;
 * - inbound websocket messages: 4 KiB (`maxPayload`); clients send nothing, a larger frame closes the socket (1009);
 * - open sockets: one file descriptor each; 2,000 workers with their HTTP connections need `ulimit -n` ≥ ~4,300
 *   when clients run on the same machine.
 *
 * Open sockets are not closed when their token expires (TaskRouter.js v1 keeps its socket
 * across `updateToken`); every proxied request is checked against its own token.
 *
 * @example
 * const server = await startServer({ port: 0, memory: true, seed: 'demo' });
 * console.log(server.url, server.accountSid, server.authToken, server.workspaceSid);
 * await server.close();
 */
import { DEFAULT_HOST, DEFAULT_PORT, displayUrl } from './address.js';
import type { TokenAuthority } from './bridge/authorize.js';
import { registerProxy } from './bridge/proxy.js';
import { EventBridge, type BridgeBackend } from './bridge/event-bridge.js';
import { openEngine, type Clock, type Engine } from './engine/index.js';
import { createHttpApp, type HttpApp } from './http/app.js';
import { registerDevAbsence, registerDevRoutes } from './http/dev-routes.js';
import { registerStatic } from './http/static.js';
import { findDemoWorkspace, seedDemoWorkspace } from './seed.js';

export * from './tokens/index.js';
export { DEMO_WORKSPACE_NAME, seedDemoWorkspace, type DemoWorkspace } from './seed.js';
export { DEFAULT_BODY_LIMIT } from './http/app.js';
export { DEFAULT_MAX_PAYLOAD, CLOSE_REPLACED, CLOSE_DROPPED, CLOSE_SHUTDOWN } from './bridge/event-bridge.js';
export { DEFAULT_HEARTBEAT_INTERVAL_MS, MAX_HEARTBEAT_INTERVAL_MS } from './bridge/heartbeat.js';

/** Options of {@link startServer}. */
export interface ServerOptions {
  /** Port (default 4200; 0 picks a free one). */
  port?: number;
  /** Interface to listen on (default 127.0.0.1). */
  host?: string;
  /** SQLite file (default `./.data/taskrouter.db` in the CLI; required here unless `memory` or `engine`). */
  file?: string;
  /** Keep everything in memory. */
  memory?: boolean;
  /** Use this engine instead of opening one (it is not closed by `close()`). */
  engine?: Engine;
  /** Engine clock (a ManualClock in tests); also the clock token expiry is checked against. */
  clock?: Clock;
  /** Fix the account's credentials; generated (and stored) on first start otherwise. */
  accountSid?: string;
  authToken?: string;
  /** `demo` creates the demo workspace on first start. */
  seed?: 'demo' | 'none';
  /** Serve the dev token, config and scenario endpoints. */
  dev?: boolean;
  /** Directory of a built demo page to serve (dev mode only). */
  staticDir?: string;
  /** Heartbeat interval of event-bridge sockets (default 10 000 ms, at most 15 000 ms). */
  heartbeatIntervalMs?: number;
  /** Largest REST / proxy request body in bytes (default 256 KiB). */
  bodyLimit?: number;
  /** Largest inbound websocket message in bytes (default 4 KiB). */
  maxPayload?: number;
  /** Origins this server is also reached at (e.g. behind a proxy), honoured in policy and proxy URLs. */
  publicOrigins?: string[];
  /** Where unexpected errors go (default console.error). */
  onError?: (error: unknown) => void;
  /** Dev mode: serve `POST /dev/scenarios/restart`, which calls this (the CLI closes and exits for its supervisor). */
  onRestartRequest?: () => void;
}

/** A running server. */
export interface RunningServer {
  /** e.g. `http://127.0.0.1:4200`: the REST API is under `${url}/v1`, the event bridge at `${url}/v1/wschannels`. */
  url: string;
  port: number;
  accountSid: string;
  authToken: string;
  /** The demo workspace (with `seed: 'demo'`) or the account's first workspace, if any. */
  workspaceSid: string | undefined;
  engine: Engine;
  bridge: EventBridge;
  /** Closes sockets, the HTTP server and (unless it was given) the engine. */
  close(): Promise<void>;
}

function ensureAccount(engine: Engine, options: ServerOptions): { accountSid: string; authToken: string } {
  const wanted = options.accountSid;
  const existing = wanted ? engine.accounts.list().find((account) => account.sid === wanted) : engine.accounts.list()[0];
  if (!existing) {
    const created = engine.accounts.create({ sid: wanted, auth_token: options.authToken });
    return { accountSid: created.sid, authToken: created.auth_token };
  }
  const stored = engine.accounts.getWithToken(existing.sid);
  if (options.authToken !== undefined && options.authToken !== stored.auth_token) {
    throw new Error(`Account ${existing.sid} is stored with another AuthToken; use that one, or start with a fresh database`);
  }
  return { accountSid: stored.sid, authToken: stored.auth_token };
}

/** The demo workspace (seeded first if `seed` asks for it and there is none), else the account's first, if any. */
function defaultWorkspace(engine: Engine, accountSid: string, seed: ServerOptions['seed']): string | undefined {
  const demo = findDemoWorkspace(engine, accountSid) ?? (seed === 'demo' ? seedDemoWorkspace(engine, accountSid).workspaceSid : undefined);
  return demo ?? engine.workspaces.list(accountSid).items[0]?.sid;
}

/** Checks capability tokens against the engine: the account's AuthToken, and that the channel's resources exist. */
function tokenAuthority(engine: Engine): TokenAuthority {
  return {
    authTokenFor: (sid) => engine.accounts.authToken(sid),
    checkChannel(claims) {
      engine.workspaces.get(claims.account_sid, claims.workspace_sid);
      if (claims.worker_sid) engine.workers.get(claims.workspace_sid, claims.worker_sid);
      else if (claims.taskqueue_sid) engine.taskQueues.get(claims.workspace_sid, claims.taskqueue_sid);
    },
    now: () => engine.clock.now(),
  };
}

/** What the event bridge asks of the engine: token checks, and the activity a worker's socket sets on disconnect. */
function bridgeBackend(engine: Engine, authority: TokenAuthority): BridgeBackend {
  return {
    ...authority,
    checkActivity: (claims, activitySid) => void engine.activities.get(claims.workspace_sid, activitySid),
    setWorkerActivity: (claims, activitySid) =>
      void engine.workers.update(claims.workspace_sid, claims.worker_sid!, { activity_sid: activitySid }, { actor: { sid: claims.worker_sid!, type: 'worker' } }),
  };
}

/** The pieces a starting server has built so far, to undo them if starting fails. */
interface Parts {
  bridge?: EventBridge;
  http?: HttpApp;
}

/** Starts the server; resolves once it listens. */
export async function startServer(options: ServerOptions = {}): Promise<RunningServer> {
  if (!options.engine && !options.memory && !options.file) {
    throw new TypeError('startServer needs `file`, `memory: true` or an `engine`');
  }
  const onError = options.onError ?? ((error: unknown) => console.error('[taskrouter]', error));
  const engine = options.engine ?? openEngine({ file: options.file, memory: options.memory, clock: options.clock, onError });
  const ownsEngine = !options.engine;
  const parts: Parts = {};
  try {
    return await assemble(engine, ownsEngine, options, onError, parts);
  } catch (error) {
    await parts.bridge?.close(0);
    await parts.http?.fastify.close();
    if (ownsEngine) engine.close();
    throw error;
  }
}

async function assemble(
  engine: Engine,
  ownsEngine: boolean,
  options: ServerOptions,
  onError: (error: unknown) => void,
  parts: Parts,
): Promise<RunningServer> {
  const { accountSid, authToken } = ensureAccount(engine, options);
  const workspaceSid = defaultWorkspace(engine, accountSid, options.seed);

  // Filled in once the port is known.
  const origins: string[] = [...(options.publicOrigins ?? [])];
  const authority = tokenAuthority(engine);
  const bridge = (parts.bridge = new EventBridge({
    backend: bridgeBackend(engine, authority),
    heartbeatIntervalMs: options.heartbeatIntervalMs,
    maxPayload: options.maxPayload,
    publicOrigins: () => origins,
    onError,
  }));
  const http = (parts.http = await createHttpApp({ engine, bodyLimit: options.bodyLimit, onError, publicOrigins: () => origins }));
  await registerProxy(http.fastify, { authority, publicOrigins: () => origins, dispatch: (request) => http.dispatch(request) });
  if (options.dev) {
    registerDevRoutes(http.fastify, {
      engine,
      accountSid,
      authToken,
      defaultWorkspaceSid: () => workspaceSid,
      dropChannel: (channel) => bridge.dropChannel(channel),
      restart: options.onRestartRequest,
      publicOrigins: () => origins,
    });
    if (options.staticDir) registerStatic(http.fastify, options.staticDir);
  } else registerDevAbsence(http.fastify);
  bridge.attach(http.fastify.server);
  const unsubscribe = engine.subscribe((event) => bridge.publish(event));

  const host = options.host ?? DEFAULT_HOST;
  try {
    await http.fastify.listen({ port: options.port ?? DEFAULT_PORT, host });
  } catch (error) {
    unsubscribe();
    throw error;
  }
  const address = http.fastify.server.address();
  const port = typeof address === 'object' && address ? address.port : (options.port ?? DEFAULT_PORT);
  const url = displayUrl(host, port);
  origins.push(url, `http://localhost:${port}`, `http://127.0.0.1:${port}`);

  return {
    url,
    port,
    accountSid,
    authToken,
    workspaceSid,
    engine,
    bridge,
    async close() {
      unsubscribe();
      await bridge.close();
      await http.fastify.close();
      if (ownsEngine) engine.close();
    },
  };
}
