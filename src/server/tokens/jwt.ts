/**
 * Minimal HS256 JSON Web Tokens on node:crypto: the only algorithm TaskRouter
 * capability tokens use. No dependency, constant-time signature comparison.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

/** Why a token was refused. `expired` maps to HTTP 401, every other reason to 403. */
export type TokenErrorReason = 'malformed' | 'algorithm' | 'signature' | 'expired' | 'not_yet_valid' | 'claims' | 'account';

/** A capability token that cannot be used, with a reason a client can act on. */
export class TokenError extends Error {
  readonly reason: TokenErrorReason;

  constructor(reason: TokenErrorReason, message: string) {
    super(message);
    this.name = 'TokenError';
    this.reason = reason;
  }

  /** HTTP status the SDKs expect: 401 for an expired token, 403 otherwise (protocol.md §1.8). */
  get status(): 401 | 403 {
    return this.reason === 'expired' ? 401 : 403;
  }
}

/** Longest token accepted, so a hostile query string cannot make us hash megabytes. */
export const MAX_TOKEN_LENGTH = 16 * 1024;

const BASE64URL = /^[A-Za-z0-9_-]*$/;

function base64UrlEncode(data: string | Buffer): string {
  return Buffer.from(data).toString('base64url');
}

function hmac(signingInput: string, secret: string): Buffer {
  return createHmac('sha256', secret).update(signingInput).digest();
}

/** Signs `payload` as a compact HS256 JWT with `secret`. */
export function signJwt(payload: object, secret: string): string {
  const header = base64UrlEncode(JSON.stringify({ typ: 'JWT', alg: 'HS256' }));
  const body = base64UrlEncode(JSON.stringify(payload));
  const signingInput = `${header}.${body}`;
  return `${signingInput}.${hmac(signingInput, secret).toString('base64url')}`;
}

/** A JWT split into its parts, not yet verified. */
export interface DecodedJwt {
  header: Record<string, unknown>;
  payload: Record<string, unknown>;
  signingInput: string;
  signature: Buffer;
}

function parseJsonPart(part: string, what: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
  } catch {
    throw new TokenError('malformed', `The token ${what} is not base64url-encoded JSON`);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new TokenError('malformed', `The token ${what} is not a JSON object`);
  }
  return value as Record<string, unknown>;
}

/** Splits and parses a compact JWT without checking its signature. Throws TokenError('malformed'). */
export function decodeJwt(token: unknown): DecodedJwt {
  if (typeof token !== 'string' || token.length === 0) {
    throw new TokenError('malformed', 'A capability token is required');
  }
  if (token.length > MAX_TOKEN_LENGTH) {
    throw new TokenError('malformed', `The token is longer than ${MAX_TOKEN_LENGTH} characters`);
  }
  const parts = token.split('.');
  if (parts.length !== 3 || !parts.every((part) => BASE64URL.test(part))) {
    throw new TokenError('malformed', 'The token is not a compact JWT (three base64url parts)');
  }
  const [header, payload, signature] = parts as [string, string, string];
  const signatureBytes = Buffer.from(signature, 'base64url');
  // Base64url's last character may carry unused bits: only the one spelling of the signature is the token.
  if (signatureBytes.toString('base64url') !== signature) {
    throw new TokenError('malformed', 'The token signature is not canonical base64url');
  }
  return {
    header: parseJsonPart(header, 'header'),
    payload: parseJsonPart(payload, 'payload'),
    signingInput: `${header}.${payload}`,
    signature: signatureBytes,
  };
}

/** Checks the header algorithm and the HMAC-SHA256 signature of a decoded token. */
export function verifyJwtSignature(decoded: DecodedJwt, secret: string): void {
  if (decoded.header.alg !== 'HS256') {
    throw new TokenError('algorithm', `Unsupported token algorithm ${JSON.stringify(decoded.header.alg)}; HS256 is required`);
  }
  const expected = hmac(decoded.signingInput, secret);
  if (decoded.signature.length !== expected.length || !timingSafeEqual(decoded.signature, expected)) {
    throw new TokenError('signature', 'The token signature is invalid');
  }
}
