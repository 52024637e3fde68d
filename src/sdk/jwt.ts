/** The claims of a TaskRouter v1 capability token that the SDK reads (protocol.md §3.1). */
export interface TokenClaims {
  account_sid: string;
  workspace_sid: string;
  channel: string;
  exp: number;
  iat?: number;
  worker_sid?: string;
  taskqueue_sid?: string;
  [claim: string]: unknown;
}

/**
 * Reads a capability token's claims without verifying its signature (the server does that).
 * Throws a TypeError naming what is wrong, as v1 did for missing claims.
 */
export function decodeToken(token: unknown): TokenClaims {
  let claims: TokenClaims;
  try {
    // Three base64url parts, nothing else (a token still wrapped in its JSON response is not one).
    if (!/^[\w-]+\.[\w-]+\.[\w-]*$/.test(token as string)) throw new Error();
    const part = (token as string).split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    claims = JSON.parse(new TextDecoder().decode(Uint8Array.from(atob(part), (c) => c.charCodeAt(0))));
  } catch {
    throw new TypeError(`token: not a capability token: ${String(token).slice(0, 20)}`);
  }
  if (typeof claims.grants === 'object') {
    throw new TypeError('token: AccessTokens (TaskRouter.js v2 and later) are not supported; this SDK takes TaskRouter capability tokens');
  }
  const missing = ['account_sid', 'workspace_sid', 'channel', 'exp'].find((claim) => typeof claims[claim] !== (claim === 'exp' ? 'number' : 'string'));
  if (missing) throw new TypeError(`token: missing the ${missing} claim`);
  return claims;
}
