/**
 * Who a REST request acts for: the identity of an internal ticket (a request the
 * event-bridge proxy dispatched), or the account its HTTP Basic credentials name.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Engine } from '../engine/index.js';
import { isOwnOrigin } from './cors.js';
import { ApiError, ErrorCode } from './errors.js';
import { authenticateBasic, TICKET_HEADER, type RequestIdentity, type TicketBook } from './identity.js';

/** What {@link authenticate} checks a request against. */
export interface Authority {
  engine: Engine;
  /** Tickets of the requests being dispatched internally. */
  tickets: TicketBook;
  /** Origins the server is also reached at, besides its own. */
  publicOrigins: () => readonly string[];
}

/** The identity a request acts for; throws 401 (with `WWW-Authenticate` on `reply`) or 403. */
export function authenticate(request: FastifyRequest, reply: FastifyReply, authority: Authority): RequestIdentity {
  const ticket = request.headers[TICKET_HEADER];
  if (ticket !== undefined) {
    const identity = typeof ticket === 'string' ? authority.tickets.redeem(ticket) : undefined;
    if (!identity) throw new ApiError(401, ErrorCode.Authentication, 'Invalid internal ticket');
    return identity;
  }
  // A browser keeps Basic credentials once given and sends them with any site's form posted here: refuse what a
  // page of another origin sent (no CORS lets such a page call the API; server-side clients send no Origin).
  const { origin } = request.headers;
  if (origin !== undefined && !isOwnOrigin(origin, `${request.protocol}://${request.host}`, authority.publicOrigins())) {
    throw new ApiError(403, ErrorCode.Authentication, `The REST API answers no requests sent by pages of another origin (${origin.slice(0, 200)})`);
  }
  try {
    const accountSid = authenticateBasic(request.headers.authorization, (sid, token) => authority.engine.accounts.verify(sid, token));
    return { accountSid, apiBase: `${request.protocol}://${request.host}/v1` };
  } catch (error) {
    reply.header('WWW-Authenticate', 'Basic realm="TaskRouter"');
    throw error;
  }
}
