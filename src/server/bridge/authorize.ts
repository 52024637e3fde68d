/**
 * Authorization of event-bridge requests: the capability token must verify, belong to
 * the account and channel of the URL, and its policies must allow the method on the
 * channel URL (GET opens the websocket, POST sends REST-proxy requests; protocol.md §3.3).
 */
import { ApiError, ErrorCode } from '../http/errors.js';
import { verifyCapabilityToken, type CapabilityClaims } from '../tokens/capability.js';
import { evaluatePolicies } from '../tokens/policy-match.js';

/** What the bridge needs to know about accounts, channels and time. */
export interface TokenAuthority {
  /** The AuthToken of an account, or undefined when there is no such account. */
  authTokenFor(accountSid: string): string | undefined;
  /** Throws (e.g. a 404 EngineError) when the token's workspace or channel resource (worker, queue) does not exist. */
  checkChannel(claims: CapabilityClaims): void;
  /** Current time in ms (the engine's clock). */
  now(): number;
}

/** The channel a request addresses, and where it came from. */
export interface ChannelRequest {
  accountSid: string;
  channel: string;
  method: 'GET' | 'POST';
  /** Origins that count as this server in policy URLs, e.g. `http://127.0.0.1:4200`; the first is the request's own. */
  ownOrigins: readonly string[];
}

/** The path of a channel under the server root. */
export function channelPath(accountSid: string, channel: string): string {
  return `/v1/wschannels/${accountSid}/${channel}`;
}

/**
 * Verifies `token` for `request`; returns its claims. Throws TokenError (401 expired,
 * 403 otherwise), ApiError 403 when the token does not grant this channel, or 404 when
 * the channel's worker or queue is gone: deleting a worker ends what its tokens can do.
 */
export function authorizeChannel(authority: TokenAuthority, token: unknown, request: ChannelRequest): CapabilityClaims {
  const claims = verifyCapabilityToken(token, { authTokenFor: (sid) => authority.authTokenFor(sid), now: authority.now() });
  if (claims.account_sid !== request.accountSid) {
    throw new ApiError(403, ErrorCode.Authentication, 'The token belongs to another account than this channel');
  }
  if (claims.channel !== request.channel) {
    throw new ApiError(403, ErrorCode.Authentication, `The token is for channel ${claims.channel}, not ${request.channel}`);
  }
  const url = `${request.ownOrigins[0]}${channelPath(request.accountSid, request.channel)}`;
  if (!evaluatePolicies(claims.policies, { url, method: request.method }, request.ownOrigins).allowed) {
    const what = request.method === 'GET' ? 'connect to' : 'send requests through';
    throw new ApiError(403, ErrorCode.Authentication, `The token's policies do not allow it to ${what} this channel`);
  }
  authority.checkChannel(claims);
  return claims;
}
