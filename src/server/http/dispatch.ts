/**
 * The internal dispatcher: runs a request through the app's own REST routes (fastify's
 * `inject`), as the event-bridge proxy does for a capability token's calls. The request
 * carries a one-time ticket naming its identity, revoked once the call is done.
 */
import type { FastifyInstance } from 'fastify';
import { TICKET_HEADER, type RequestIdentity, type TicketBook } from './identity.js';
import { searchParams } from './params.js';

/** A request for {@link dispatch}: PascalCase params, sent as query (GET/DELETE) or form body (POST). */
export interface DispatchRequest {
  method: 'GET' | 'POST' | 'DELETE';
  path: string;
  params: Record<string, string | string[]>;
  ifMatch?: string | undefined;
  identity: RequestIdentity;
}

/** Runs `request` through `fastify`'s routes as its identity; returns status and JSON text. */
export async function dispatch(
  fastify: FastifyInstance,
  tickets: TicketBook,
  request: DispatchRequest,
): Promise<{ status: number; body: string }> {
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
}
