/**
 * Capability policy matching (protocol.md §3.3): URL wildcards, method, query/post
 * filters, most specific rule wins, deny by default.
 *
 * Decisions where the public documentation is ambiguous:
 * - `X/**` also matches `X` itself when `X` is one resource (ends in a SID): the v1 pages' workspace token, GET,
 *   POST and DELETE on `…/Workspaces/WS/**`, "can update itself and any subresource" and "delete itself". When `X`
 *   is a collection, only for GET (the v1 SDK GETs `…/Reservations` with tokens granting `…/Reservations/**`): a
 *   worker's POST on `…/Tasks/**` (to accept and complete) must not create tasks on `…/Tasks`.
 * - An empty filter (`{}`) is no constraint. A non-empty filter lists every parameter the
 *   request may carry: literal entries must match, `{required}` entries must be present,
 *   and parameters the filter does not name are refused.
 * - A rule whose filter does not match the request does not apply at all, so a more
 *   general rule may still decide.
 * - Among applicable rules the most specific wins: more literal path segments, then
 *   literal over `*` over `**` as last segment, then a rule with filters over one without.
 *   On a tie between allow and deny, deny wins.
 */
import type { CapabilityPolicy, PolicyFilterValue } from './capability.js';

/** Public hosts of Twilio TaskRouter, including regional variants like `taskrouter.ie1.twilio.com`. */
const TWILIO_API_HOST = /^taskrouter(\.[a-z0-9-]+)*\.twilio\.com$/;
const TWILIO_BRIDGE_HOST = /^event-bridge(\.[a-z0-9-]+)*\.twilio\.com$/;
const BRIDGE_PATH = '/v1/wschannels';
/** A path segment that names one resource. */
const SID = /^[A-Z]{2}[0-9a-f]{32}$/;

/** Which half of TaskRouter a URL addresses. */
export type TaskRouterService = 'api' | 'bridge';

/** A URL reduced to what policies compare: the service and the path segments under it. */
export interface ResourceKey {
  service: TaskRouterService;
  segments: string[];
}

/** Request parameters as parsed from a query string or a form body. */
export type RequestParams = Readonly<Record<string, string | readonly string[] | undefined>>;

/** The request a policy set is asked about. */
export interface PolicyRequest {
  /** Absolute URL, or a path on this server. */
  url: string;
  method: string;
  /** Query parameters for GET/DELETE, form parameters for POST. */
  params?: RequestParams;
}

function normalizeOrigin(url: URL): string {
  const protocol = url.protocol === 'ws:' ? 'http:' : url.protocol === 'wss:' ? 'https:' : url.protocol;
  return `${protocol}//${url.host}`.toLowerCase();
}

/**
 * Reduces an absolute URL to its resource key, or undefined when the URL names neither
 * a TaskRouter public host nor one of `ownOrigins` (e.g. `http://127.0.0.1:4200`).
 */
export function resourceKey(url: string, ownOrigins: readonly string[]): ResourceKey | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  const path = parsed.pathname.replace(/\/+$/, '');
  const segments = path.split('/').slice(1);
  if (segments[0] !== 'v1' || segments.some((segment) => segment === '' || segment === '.' || segment === '..')) {
    return undefined;
  }
  const isBridgePath = path === BRIDGE_PATH || path.startsWith(`${BRIDGE_PATH}/`);
  const host = parsed.hostname.toLowerCase();
  let service: TaskRouterService | undefined;
  if (TWILIO_API_HOST.test(host)) service = isBridgePath ? undefined : 'api';
  else if (TWILIO_BRIDGE_HOST.test(host)) service = isBridgePath ? 'bridge' : undefined;
  else if (ownOrigins.some((origin) => origin.toLowerCase() === normalizeOrigin(parsed))) service = isBridgePath ? 'bridge' : 'api';
  return service ? { service, segments } : undefined;
}

/** Policy URLs repeat on every request of a token: keep their parsed keys (bounded). */
const policyKeys = new Map<string, ResourceKey | undefined>();
const MAX_CACHED_POLICY_KEYS = 4096;

function policyKey(url: string, ownOrigins: readonly string[]): ResourceKey | undefined {
  const cacheKey = `${url}\n${ownOrigins.join('\n')}`;
  if (policyKeys.has(cacheKey)) return policyKeys.get(cacheKey);
  if (policyKeys.size >= MAX_CACHED_POLICY_KEYS) policyKeys.clear();
  const key = resourceKey(url, ownOrigins);
  policyKeys.set(cacheKey, key);
  return key;
}

interface PathMatch {
  literals: number;
  /** 2 = exact, 1 = ends in `*`, 0 = ends in `**`. */
  tail: number;
}

function matchPath(pattern: readonly string[], target: readonly string[], reachesItself: boolean): PathMatch | undefined {
  let literals = 0;
  for (let i = 0; i < pattern.length; i++) {
    const part = pattern[i];
    if (part === '**') {
      return i === pattern.length - 1 && (reachesItself || target.length > i) ? { literals, tail: 0 } : undefined;
    }
    if (i >= target.length) return undefined;
    if (part === '*') continue;
    if (part !== target[i]) return undefined;
    literals++;
  }
  if (pattern.length !== target.length) return undefined;
  return { literals, tail: pattern.at(-1) === '*' ? 1 : 2 };
}

function singleValue(value: string | readonly string[] | undefined): string | undefined {
  if (typeof value === 'string') return value;
  return value && value.length === 1 ? value[0] : undefined;
}

function filterEntryMatches(rule: PolicyFilterValue, value: string | readonly string[] | undefined): boolean {
  const present = value !== undefined;
  if (typeof rule === 'string') return singleValue(value) === rule;
  if (!present) return rule.required !== true;
  return rule.value === undefined || singleValue(value) === rule.value;
}

function filterMatches(filter: Record<string, PolicyFilterValue> | undefined, params: RequestParams): boolean {
  if (!filter) return true;
  const names = Object.keys(filter);
  if (names.length === 0) return true;
  for (const name of Object.keys(params)) {
    if (params[name] !== undefined && !Object.hasOwn(filter, name)) return false;
  }
  return names.every((name) => filterEntryMatches(filter[name]!, params[name]));
}

/** The outcome of a policy evaluation: the rule that decided, if any. */
export interface PolicyDecision {
  allowed: boolean;
  policy?: CapabilityPolicy;
}

/**
 * Decides whether `policies` allow `request`. Relative request URLs are resolved
 * against the first of `ownOrigins`.
 */
export function evaluatePolicies(
  policies: readonly CapabilityPolicy[],
  request: PolicyRequest,
  ownOrigins: readonly string[],
): PolicyDecision {
  const base = ownOrigins[0] ?? 'http://localhost';
  let absolute: string;
  try {
    absolute = new URL(request.url, base).href;
  } catch {
    return { allowed: false };
  }
  const target = resourceKey(absolute, [...ownOrigins, base]);
  if (!target) return { allowed: false };
  const method = request.method.toUpperCase();
  const params = request.params ?? {};

  let best: { score: number[]; policy: CapabilityPolicy } | undefined;
  for (const policy of policies) {
    if (policy.method.toUpperCase() !== method) continue;
    const key = policyKey(policy.url, ownOrigins);
    if (!key || key.service !== target.service) continue;
    const match = matchPath(key.segments, target.segments, method === 'GET' || SID.test(target.segments.at(-1) ?? ''));
    if (!match) continue;
    const filter = method === 'POST' ? policy.post_filter : policy.query_filter;
    if (!filterMatches(filter, params)) continue;
    const hasFilter = filter && Object.keys(filter).length > 0 ? 1 : 0;
    const score = [match.literals, match.tail, hasFilter];
    const order = best ? compareScores(score, best.score) : 1;
    if (order > 0 || (order === 0 && !policy.allow)) best = { score, policy };
  }
  return best ? { allowed: best.policy.allow, policy: best.policy } : { allowed: false };
}

function compareScores(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < a.length; i++) {
    if (a[i] !== b[i]) return a[i]! - b[i]!;
  }
  return 0;
}
