/**
 * The fastify application: the public REST API under `/v1` (Basic auth, form bodies),
 * one error mapper, CORS where browsers need it, and an internal dispatcher that runs a
 * request through the same routes for the event-bridge proxy.
 */
import cors from '@fastify/cors';
import formbody from '@fastify/formbody';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import type { Engine } from '../engine/index.js';
import { answerClientError } from './client-errors.js';
import { allowedOrigin, isOwnOrigin } from './cors.js';
import { ApiError, ErrorCode, errorBody, toErrorBody } from './errors.js';
import { authenticateBasic, TICKET_HEADER, TicketBook, type RequestIdentity } from './identity.js';
import { parseParams, searchParams } from './params.js';
import { render } from './render.js';
import type { RouteDef } from './route-table.js';
import { ROUTES } from './routes.js';

/** Default request body limit: room for large attributes and workflow documents, nothing more. */
export const DEFAULT_BODY_LIMIT = 256 * 1024;

/** Options of {@link createHttpApp}. */
export interface HttpAppOptions {
  engine: Engine;
  /** Largest request body in bytes (default {@link DEFAULT_BODY_LIMIT}). */
  bodyLimit?: number;
  /** Where unexpected (500) errors go; default console.error. */
  onError?: (error: unknown) => void;
  /** Origins besides loopback ones whose pages may call the dev endpoints (read per request). */
  publicOrigins?: () => readonly string[];
}

/** A request for {@link HttpApp.dispatch}: PascalCase params, sent as query (GET/DELETE) or form body (POST). */
export interface DispatchRequest {
  method: 'GET' | 'POST' | 'DELETE';
  path: string;
  params: Record<string, string | string[]>;
  ifMatch?: string | undefined;
  identity: RequestIdentity;
}

/** The fastify instance plus the internal dispatcher. */
export interface HttpApp {
  fastify: FastifyInstance;
  /** Runs a request through the REST routes as `identity`; returns status and JSON text. */
  dispatch(request: DispatchRequest): Promise<{ status: number; body: string }>;
}

/** `"3"`, `W/"3"` or `3` → `3`. */
function versionOf(ifMatch: string | string[] | undefined): string | undefined {
  if (typeof ifMatch !== 'string' || ifMatch.length === 0) return undefined;
  return ifMatch.replace(/^W\//, '').replace(/^"(.*)"$/, '$1');
}

/**
 * A POST's parameters: form-encoded (or none), or JSON where the route takes it; else 415. TaskRouter takes nothing
 * else: a JSON body accepted on another route would fail against Twilio.
 */
function postParams(request: FastifyRequest, route: RouteDef): unknown {
  const type = request.headers['content-type'];
  if (type === undefined ? request.body === undefined : /^application\/x-www-form-urlencoded\b/i.test(type)) return request.body;
  if (route.json && type !== undefined && /^application\/json\b/i.test(type)) {
    return Array.isArray(request.body) ? { [route.json.arrayOf]: request.body } : request.body;
  }
  throw new ApiError(415, ErrorCode.InvalidParameter, `Send the parameters form-encoded (application/x-www-form-urlencoded), as TaskRouter takes them, not as ${type ?? 'a body without a content type'}`);
}

/** Creates the app with the REST routes registered; callers add the bridge and dev routes, then listen. */
export async function createHttpApp(options: HttpAppOptions): Promise<HttpApp> {
  const { engine } = options;
  const onError = options.onError ?? ((error) => console.error('[taskrouter http]', error));
  const tickets = new TicketBook();
  const fastify = Fastify({
    bodyLimit: options.bodyLimit ?? DEFAULT_BODY_LIMIT,
    routerOptions: { ignoreTrailingSlash: true },
    logger: false,
    forceCloseConnections: true,
    // Requests Node's parser refuses (head too large, malformed) get the error body too.
    clientErrorHandler: answerClientError,
    // Router-level errors (malformed or overlong path segments) get the same error body.
    frameworkErrors: (error, _request, reply) => {
      const body = toErrorBody(error);
      return (reply as FastifyReply).code(body.status).send(body);
    },
  });

  await fastify.register(formbody);
  await fastify.register(cors, {
    delegator: (request, callback) => {
      const origin = allowedOrigin(request.url ?? '', request.headers.origin, options.publicOrigins?.() ?? []);
      callback(null, origin === false ? { origin: false } : { origin, methods: ['GET', 'POST', 'OPTIONS'], maxAge: 600 });
    },
  });

  fastify.setErrorHandler((error, _request, reply) => {
    const body = toErrorBody(error);
    if (body.status >= 500) onError(error);
    return reply.code(body.status).send(body);
  });
  fastify.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0]!.slice(0, 200);
    return reply.code(404).send(errorBody(404, ErrorCode.NotFound, `The requested resource ${path} was not found`));
  });

  const authenticate = (request: FastifyRequest, reply: FastifyReply): RequestIdentity => {
    const ticket = request.headers[TICKET_HEADER];
    if (ticket !== undefined) {
      const identity = typeof ticket === 'string' ? tickets.redeem(ticket) : undefined;
      if (!identity) throw new ApiError(401, ErrorCode.Authentication, 'Invalid internal ticket');
      return identity;
    }
    // A browser keeps Basic credentials once given and sends them with any site's form posted here: refuse what a
    // page of another origin sent (no CORS lets such a page call the API; server-side clients send no Origin).
    const { origin } = request.headers;
    if (origin !== undefined && !isOwnOrigin(origin, `${request.protocol}://${request.host}`, options.publicOrigins?.() ?? [])) {
      throw new ApiError(403, ErrorCode.Authentication, `The REST API answers no requests sent by pages of another origin (${origin.slice(0, 200)})`);
    }
    try {
      const accountSid = authenticateBasic(request.headers.authorization, (sid, token) => engine.accounts.verify(sid, token));
      return { accountSid, apiBase: `${request.protocol}://${request.host}/v1` };
    } catch (error) {
      reply.header('WWW-Authenticate', 'Basic realm="TaskRouter"');
      throw error;
    }
  };

  const handler = (route: RouteDef) => async (request: FastifyRequest, reply: FastifyReply) => {
    const identity = authenticate(request, reply);
    const path = request.params as Record<string, string>;
    // Workspace-scoped services trust the workspace sid: check that it is this account's.
    if (path.workspace_sid !== undefined) engine.workspaces.get(identity.accountSid, path.workspace_sid);
    const query = request.query as Record<string, string | string[]>;
    const input = route.method === 'POST' ? parseParams(postParams(request, route), route.accepts, 'body') : parseParams(query, route.accepts, 'query');
    const result = route.run({
      engine,
      path,
      input,
      accountSid: identity.accountSid,
      caller: { expectedVersion: versionOf(request.headers['if-match']), actor: identity.actor },
    });
    const body = render(route.render, result, { apiBase: identity.apiBase, path: request.url.split('?')[0]!.replace(/^\/v1/, ''), query });
    if (body === undefined) return reply.code(204).send();
    // A task's version, for If-Match, as TaskRouter gives it (only tasks have one).
    if (route.render.kind === 'item' && route.render.resource === 'task') reply.header('ETag', `"${(body as { version: string }).version}"`);
    return reply.code(route.status ?? 200).send(body);
  };

  for (const route of ROUTES) fastify.route({ method: route.method, url: `/v1${route.url}`, handler: handler(route) });

  return {
    fastify,
    async dispatch(request) {
      const ticket = tickets.issue(request.identity);
      try {
        const encoded = searchParams(request.params).toString();
        const isPost = request.method === 'POST';
        const response = await fastify.inject({
          method: request.method,
          url: !isPost && encoded ? `${request.path}?${encoded}` : request.path,
          headers: {
            [TICKET_HEADER]: ticket,
            ...(isPost ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
            ...(request.ifMatch ? { 'if-match': request.ifMatch } : {}),
          },
          ...(isPost ? { payload: encoded } : {}),
        });
        return { status: response.statusCode, body: response.body };
      } finally {
        tickets.revoke(ticket);
      }
    },
  };
}
