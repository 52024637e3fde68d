/**
 * TaskRouter v1 capability tokens (protocol.md §3.1): claims, minting and verification.
 */
import { decodeJwt, signJwt, TokenError, verifyJwtSignature } from './jwt.js';

/**
 * A filter on one request parameter: a literal value the parameter must equal, or
 * `{required, value}` (required: must be present; value: if present, must equal it).
 */
export type PolicyFilterValue = string | { required?: boolean; value?: string };

/** One capability policy, in the wire form the Twilio helper libraries emit. */
export interface CapabilityPolicy {
  url: string;
  method: string;
  query_filter?: Record<string, PolicyFilterValue>;
  post_filter?: Record<string, PolicyFilterValue>;
  allow: boolean;
}

/** The verified claims of a v1 capability token. */
export interface CapabilityClaims {
  iss: string;
  exp: number;
  nbf?: number;
  iat?: number;
  version: string;
  friendly_name?: string;
  account_sid: string;
  workspace_sid: string;
  channel: string;
  worker_sid?: string;
  taskqueue_sid?: string;
  policies: CapabilityPolicy[];
}

/** Options of {@link mintCapabilityToken}. */
export interface MintCapabilityOptions {
  accountSid: string;
  /** The account's AuthToken: the HMAC key. */
  authToken: string;
  workspaceSid: string;
  /** `WK…` for a worker, `WQ…` for a task queue, `WS…` for a workspace. */
  channelId: string;
  policies: CapabilityPolicy[];
  /** Lifetime in seconds (default 3600, as the Twilio helpers). */
  ttl?: number;
  friendlyName?: string;
  /** Current time in ms (default Date.now()); tests pass a manual clock. */
  now?: number;
}

/** Default token lifetime, in seconds. */
export const DEFAULT_TOKEN_TTL = 3600;

const SID = (prefix: string) => new RegExp(`^${prefix}[0-9a-fA-F]{32}$`);
const ACCOUNT_SID = SID('AC');
const WORKSPACE_SID = SID('WS');
const CHANNEL_SID = /^(WK|WQ|WS)[0-9a-fA-F]{32}$/;

/** Mints an HS256 capability token with the same claims as twilio's TaskRouterCapability. */
export function mintCapabilityToken(options: MintCapabilityOptions): string {
  const { accountSid, authToken, workspaceSid, channelId, policies } = options;
  if (!ACCOUNT_SID.test(accountSid)) throw new TypeError(`accountSid must be an AC sid, got ${JSON.stringify(accountSid)}`);
  if (!authToken) throw new TypeError('authToken is required');
  if (!WORKSPACE_SID.test(workspaceSid)) throw new TypeError(`workspaceSid must be a WS sid, got ${JSON.stringify(workspaceSid)}`);
  if (!CHANNEL_SID.test(channelId)) throw new TypeError(`channelId must be a WK, WQ or WS sid, got ${JSON.stringify(channelId)}`);
  const ttl = options.ttl ?? DEFAULT_TOKEN_TTL;
  if (!Number.isInteger(ttl) || ttl <= 0) throw new TypeError(`ttl must be a positive whole number of seconds, got ${ttl}`);
  const now = Math.floor((options.now ?? Date.now()) / 1000);
  const claims: CapabilityClaims = {
    iss: accountSid,
    exp: now + ttl,
    iat: now,
    version: 'v1',
    ...(options.friendlyName === undefined ? {} : { friendly_name: options.friendlyName }),
    account_sid: accountSid,
    workspace_sid: workspaceSid,
    channel: channelId,
    ...(channelId.startsWith('WK') ? { worker_sid: channelId } : {}),
    ...(channelId.startsWith('WQ') ? { taskqueue_sid: channelId } : {}),
    policies,
  };
  return signJwt(claims, authToken);
}

/** The account a decoded payload names, read before verification to find the key that signed it. */
function accountSidOf(payload: Record<string, unknown>): string {
  const account = payload.account_sid ?? payload.iss;
  if (typeof account !== 'string' || !ACCOUNT_SID.test(account)) {
    throw new TokenError('claims', 'The token has no valid account_sid claim');
  }
  return account;
}

/** Reads the token's account without verifying anything, to find the key that signed it. */
export function tokenAccountSid(token: unknown): string {
  return accountSidOf(decodeJwt(token).payload);
}

function isFilterValue(value: unknown): value is PolicyFilterValue {
  if (typeof value === 'string') return true;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const { required, value: literal } = value as Record<string, unknown>;
  return (required === undefined || typeof required === 'boolean') && (literal === undefined || typeof literal === 'string');
}

function isFilter(value: unknown): value is Record<string, PolicyFilterValue> | undefined {
  if (value === undefined || value === null) return true;
  if (typeof value !== 'object' || Array.isArray(value)) return false;
  return Object.values(value).every(isFilterValue);
}

function checkPolicy(policy: unknown, index: number): CapabilityPolicy {
  const where = `policies[${index}]`;
  if (policy === null || typeof policy !== 'object' || Array.isArray(policy)) {
    throw new TokenError('claims', `Token claim ${where} is not an object`);
  }
  const { url, method, query_filter, post_filter, allow } = policy as Record<string, unknown>;
  if (typeof url !== 'string' || url.length === 0) throw new TokenError('claims', `Token claim ${where}.url must be a URL`);
  if (typeof method !== 'string') throw new TokenError('claims', `Token claim ${where}.method must be a string`);
  if (!isFilter(query_filter)) throw new TokenError('claims', `Token claim ${where}.query_filter is not a valid filter`);
  if (!isFilter(post_filter)) throw new TokenError('claims', `Token claim ${where}.post_filter is not a valid filter`);
  if (allow !== undefined && typeof allow !== 'boolean') throw new TokenError('claims', `Token claim ${where}.allow must be a boolean`);
  return {
    url,
    method: method.toUpperCase(),
    query_filter: query_filter ?? {},
    post_filter: post_filter ?? {},
    // JWTDOC: the default is deny.
    allow: allow === true,
  };
}

function requireString(payload: Record<string, unknown>, claim: string, pattern?: RegExp): string {
  const value = payload[claim];
  if (typeof value !== 'string' || (pattern && !pattern.test(value))) {
    throw new TokenError('claims', `Token claim ${claim} is missing or invalid`);
  }
  return value;
}

/** Options of {@link verifyCapabilityToken}. */
export interface VerifyCapabilityOptions {
  /** Returns the AuthToken of an account, or undefined when the account does not exist. */
  authTokenFor(accountSid: string): string | undefined;
  /** Current time in ms. */
  now: number;
  /** Clock skew tolerated on `nbf`, in seconds (default 30). */
  clockSkew?: number;
}

/**
 * Verifies signature, expiry and claims of a v1 capability token and returns its claims.
 * Throws TokenError: reason `expired` (401) or another reason (403).
 */
export function verifyCapabilityToken(token: unknown, options: VerifyCapabilityOptions): CapabilityClaims {
  // Decoded once: the account it names picks the key, then the same parts are verified.
  const decoded = decodeJwt(token);
  const authToken = options.authTokenFor(accountSidOf(decoded.payload));
  if (authToken === undefined) throw new TokenError('account', 'The token names an unknown account');
  verifyJwtSignature(decoded, authToken);

  const { payload } = decoded;
  const now = options.now / 1000;
  if (typeof payload.exp !== 'number' || !Number.isFinite(payload.exp)) {
    throw new TokenError('claims', 'Token claim exp is missing or invalid');
  }
  if (payload.exp <= now) throw new TokenError('expired', 'The capability token has expired');
  if (payload.nbf !== undefined) {
    if (typeof payload.nbf !== 'number') throw new TokenError('claims', 'Token claim nbf is invalid');
    if (payload.nbf > now + (options.clockSkew ?? 30)) throw new TokenError('not_yet_valid', 'The capability token is not valid yet');
  }
  if (payload.version !== 'v1') throw new TokenError('claims', 'Token claim version must be "v1"');
  const iss = requireString(payload, 'iss');
  const account_sid = requireString(payload, 'account_sid', ACCOUNT_SID);
  if (iss !== account_sid) throw new TokenError('claims', 'Token claims iss and account_sid differ');
  const workspace_sid = requireString(payload, 'workspace_sid', WORKSPACE_SID);
  const channel = requireString(payload, 'channel', CHANNEL_SID);
  const claims: CapabilityClaims = { iss, exp: payload.exp, version: 'v1', account_sid, workspace_sid, channel, policies: [] };
  if (channel.startsWith('WK')) {
    claims.worker_sid = requireString(payload, 'worker_sid');
    if (claims.worker_sid !== channel) throw new TokenError('claims', 'Token claim worker_sid differs from channel');
  }
  if (channel.startsWith('WQ')) {
    claims.taskqueue_sid = requireString(payload, 'taskqueue_sid');
    if (claims.taskqueue_sid !== channel) throw new TokenError('claims', 'Token claim taskqueue_sid differs from channel');
  }
  if (channel.startsWith('WS') && channel !== workspace_sid) {
    throw new TokenError('claims', 'A workspace token must use its workspace_sid as channel');
  }
  if (!Array.isArray(payload.policies)) throw new TokenError('claims', 'Token claim policies must be an array');
  claims.policies = payload.policies.map(checkPolicy);
  if (typeof payload.nbf === 'number') claims.nbf = payload.nbf;
  if (typeof payload.iat === 'number') claims.iat = payload.iat;
  if (typeof payload.friendly_name === 'string') claims.friendly_name = payload.friendly_name;
  return claims;
}
