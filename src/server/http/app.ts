/**
 * The fastify application: the public REST API under `/v1` (Basic auth, form bodies),
 * one error mapper, CORS where browsers need it, and an internal dispatcher that runs a
 * request through the same routes for the event-bridge proxy.
 */
import cors from '@fastify/cors';
import formbody from '@fastify/formbody';
import Fastify, { type FastifyInstance, type FastifyReply } from 'fastify';
import type { Engine } from '../engine/index.js';
import type { Authority } from './authenticate.js';
import { answerClientError } from './client-errors.js';
import { allowedOrigin } from './cors.js';
import { dispatch, type DispatchRequest } from './dispatch.js';
import { ErrorCode, errorBody, toErrorBody } from './errors.js';
import { routeHandler } from './handler.js';
import { TicketBook } from './identity.js';
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

/** The fastify instance plus the internal dispatcher. */
export interface HttpApp {
  fastify: FastifyInstance;
  /** Runs a request through the REST routes as `identity`; returns status and JSON text. */
  dispatch(request: DispatchRequest): Promise<{ status: number; body: string }>;
}

/** Creates the app with the REST routes registered; callers add the bridge and dev routes, then listen. */
export async function createHttpApp(options: HttpAppOptions): Promise<HttpApp> {
  const { engine } = options;
  const onError = options.onError ?? ((error) => console.error('[taskrouter http]', error));
  const tickets = new TicketBook();
  const publicOrigins = () => options.publicOrigins?.() ?? [];
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
      const origin = allowedOrigin(request.url ?? '', request.headers.origin, publicOrigins());
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

  const authority: Authority = { engine, tickets, publicOrigins };
  for (const route of ROUTES) fastify.route({ method: route.method, url: `/v1${route.url}`, handler: routeHandler(route, authority) });

  return {
    fastify,
    dispatch: (request) => dispatch(fastify, tickets, request),
  };
}
