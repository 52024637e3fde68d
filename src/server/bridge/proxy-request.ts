/**
 * Reading a REST-over-event-bridge request (protocol.md §2.2): the body
 * `{url, method, params, token, event_type?}`, sent as text/plain by browsers, and the
 * inner URL, which may name Twilio's public API host or this server (absolute), or be
 * relative to `/v1/` (the v2 SDK's form).
 */
import { invalidParameter } from '../http/errors.js';
import { resourceKey } from '../tokens/policy-match.js';

/** A proxied call, parsed and checked for shape. */
export interface ProxyCall {
  url: string;
  method: 'GET' | 'POST' | 'DELETE';
  params: Record<string, string | string[]>;
  token: unknown;
  eventType: string | undefined;
}

/** The inner request resolved to this server's API. */
export interface InnerTarget {
  /** Absolute URL as the policies see it (no query). */
  policyUrl: string;
  /** Path on this server, e.g. `/v1/Workspaces/WS…/Workers/WK…`. */
  path: string;
  /** Origin the response URLs use: the one the client named. */
  origin: string;
  /** The workspace the path addresses, when it does. */
  workspaceSid: string | undefined;
  /** The call's params, plus the URL's query parameters for GET and DELETE. */
  params: Record<string, string | string[]>;
}

/** Most parameters one proxied call may carry. */
export const MAX_PROXY_PARAMS = 200;
const METHODS = new Set(['GET', 'POST', 'DELETE']);

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** JSON values as form text: objects become JSON (as the v1 SDK does for Attributes). */
function paramText(name: string, value: unknown): string | string[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) {
    return value.map((item) => {
      if (typeof item === 'string' || typeof item === 'number' || typeof item === 'boolean') return String(item);
      throw invalidParameter(name, `params.${name.slice(0, 64)} must hold text values`);
    });
  }
  try {
    return JSON.stringify(value);
  } catch {
    // Nested deeper than the stack goes (a RangeError), before the token is even checked.
    throw invalidParameter(name, `params.${name.slice(0, 64)} is nested too deeply`);
  }
}

/** Parses the proxy body (text or already-parsed JSON). Throws 400 naming what is wrong. */
export function parseProxyCall(body: unknown): ProxyCall {
  let value = body;
  if (typeof body === 'string' || Buffer.isBuffer(body)) {
    try {
      value = JSON.parse(body.toString());
    } catch {
      throw invalidParameter('body', 'The body must be JSON: {"url", "method", "params", "token"}');
    }
  }
  if (!isRecord(value)) throw invalidParameter('body', 'The body must be a JSON object: {"url", "method", "params", "token"}');
  const { url, method, params, token, event_type: eventType } = value;
  if (typeof url !== 'string' || url.length === 0 || url.length > 8192) throw invalidParameter('url', 'url must be a TaskRouter API URL');
  if (typeof method !== 'string' || !METHODS.has(method.toUpperCase())) throw invalidParameter('method', 'method must be GET, POST or DELETE');
  if (eventType !== undefined && (typeof eventType !== 'string' || eventType.length > 128)) {
    throw invalidParameter('event_type', 'event_type must be a short string');
  }
  if (params !== undefined && params !== null && !isRecord(params)) throw invalidParameter('params', 'params must be an object');
  const entries = Object.entries(params ?? {});
  if (entries.length > MAX_PROXY_PARAMS) throw invalidParameter('params', `params may hold at most ${MAX_PROXY_PARAMS} entries`);
  const text: Record<string, string | string[]> = {};
  for (const [name, raw] of entries) {
    const converted = paramText(name, raw);
    if (converted !== undefined) text[name] = converted;
  }
  return { url, method: method.toUpperCase() as ProxyCall['method'], params: text, token, eventType };
}

/**
 * Resolves the inner URL against this server (`ownOrigins[0]` is the request's origin).
 * For GET and DELETE, query parameters in the URL join `params` (explicit params win):
 * the v1 SDK follows `meta.next_page_url` this way.
 */
export function resolveInnerUrl(call: ProxyCall, ownOrigins: readonly string[]): InnerTarget {
  const origin = ownOrigins[0] ?? 'http://localhost';
  let parsed: URL;
  try {
    parsed = /^[a-z][a-z0-9+.-]*:/i.test(call.url) ? new URL(call.url) : new URL(call.url.replace(/^\/+/, ''), `${origin}/v1/`);
  } catch {
    throw invalidParameter('url', 'url is not a valid URL');
  }
  if (parsed.pathname.includes('%')) throw invalidParameter('url', 'url must not contain percent-encoded path characters');
  const policyUrl = `${parsed.origin}${parsed.pathname}`;
  const key = resourceKey(policyUrl, ownOrigins);
  if (!key || key.service !== 'api') {
    throw invalidParameter('url', 'url must name the TaskRouter API: https://taskrouter.twilio.com/v1/… or this server');
  }
  const params = { ...call.params };
  if (call.method !== 'POST') {
    for (const [name, value] of parsed.searchParams) params[name] ??= value;
  }
  const [, collection, workspaceSid] = key.segments;
  return {
    policyUrl,
    path: `/${key.segments.join('/')}`,
    origin: parsed.origin,
    workspaceSid: collection === 'Workspaces' ? workspaceSid : undefined,
    params,
  };
}
