/**
 * Who a REST request acts for. Public requests authenticate with HTTP Basic
 * (AccountSid:AuthToken); requests the event-bridge proxy dispatches internally carry a
 * one-time ticket instead, issued for the duration of one `inject` call.
 */
import { randomUUID } from 'node:crypto';
import { ApiError, ErrorCode } from './errors.js';

/** The account a request acts for, and the API base its response URLs use. */
export interface RequestIdentity {
  accountSid: string;
  /** e.g. `http://127.0.0.1:4200/v1` or `https://taskrouter.twilio.com/v1` for proxied calls naming Twilio's host. */
  apiBase: string;
  /** Who acts, recorded on the engine's events (the worker of a capability token). */
  actor?: { sid: string; type: string } | undefined;
}

/** Header carrying an internal ticket. */
export const TICKET_HEADER = 'x-taskrouter-kit-ticket';

/** One-time tickets for internally dispatched requests. */
export class TicketBook {
  private readonly tickets = new Map<string, RequestIdentity>();

  /** Issues a ticket for `identity`; revoke it when the call is done. */
  issue(identity: RequestIdentity): string {
    const ticket = randomUUID();
    this.tickets.set(ticket, identity);
    return ticket;
  }

  revoke(ticket: string): void {
    this.tickets.delete(ticket);
  }

  /** The identity of a live ticket, or undefined. */
  redeem(ticket: string): RequestIdentity | undefined {
    return this.tickets.get(ticket);
  }
}

/** Reads `Authorization: Basic …`; undefined when absent or not Basic. */
export function parseBasicAuth(header: string | undefined): { username: string; password: string } | undefined {
  if (!header) return undefined;
  const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header);
  if (!match) return undefined;
  const decoded = Buffer.from(match[1]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

/**
 * Authenticates a public request: Basic credentials must name an account and its
 * AuthToken, as `verify` (a constant-time check) decides. Throws 401 otherwise.
 */
export function authenticateBasic(header: string | undefined, verify: (accountSid: string, authToken: string) => boolean): string {
  const credentials = parseBasicAuth(header);
  if (!credentials) {
    throw new ApiError(401, ErrorCode.Authentication, 'Authenticate with HTTP Basic auth: AccountSid as user name, AuthToken as password');
  }
  if (!verify(credentials.username, credentials.password)) {
    throw new ApiError(401, ErrorCode.Authentication, 'Invalid AccountSid or AuthToken');
  }
  return credentials.username;
}
