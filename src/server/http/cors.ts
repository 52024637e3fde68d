/**
 * Which cross-origin pages may read which answers. The event-bridge paths answer any
 * origin (the SDK runs on any site; the capability token in each request protects them).
 * The dev endpoints hand out tokens to whoever reads them, so only pages served from this
 * machine (loopback origins, any port) or from the configured public origins may.
 */

/** Paths every origin may call: the event bridge and its proxy. */
const OPEN_PREFIX = '/v1/wschannels';
/** Paths only local (and configured) origins may call: the dev endpoints. */
const LOCAL_PREFIX = '/dev/';

/** `http://127.0.0.1`, `http://localhost`, `http://[::1]`, each with any port. */
const LOOPBACK_ORIGIN = /^http:\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d{1,5})?$/i;

/** `127.0.0.1`, `localhost` and `[::1]`, each with any port, as a `Host` header names them. */
const LOOPBACK_HOST = /^(127\.0\.0\.1|localhost|\[::1\])(:\d{1,5})?$/i;

/**
 * Whether a `Host` header names this machine or the host of one of `publicOrigins`. A page on another
 * site can make its own name resolve to 127.0.0.1 (DNS rebinding) and so read what loopback serves; its
 * requests still carry its own name.
 */
export function isLocalHost(host: string, publicOrigins: readonly string[]): boolean {
  return LOOPBACK_HOST.test(host) || publicOrigins.some((origin) => URL.canParse(origin) && new URL(origin).host === host.toLowerCase());
}

/** Whether `origin` is a loopback origin or one of `publicOrigins`. */
export function isLocalOrigin(origin: string, publicOrigins: readonly string[]): boolean {
  const normalized = origin.toLowerCase();
  return LOOPBACK_ORIGIN.test(normalized) || publicOrigins.some((allowed) => allowed.toLowerCase().replace(/\/+$/, '') === normalized);
}

/**
 * The `Access-Control-Allow-Origin` a request to `url` from `origin` gets: `'*'`, the
 * origin reflected, or false for none.
 */
export function allowedOrigin(url: string, origin: string | undefined, publicOrigins: readonly string[]): '*' | string | false {
  if (url.startsWith(OPEN_PREFIX)) return '*';
  if (url.startsWith(LOCAL_PREFIX) && origin !== undefined && isLocalOrigin(origin, publicOrigins)) return origin;
  return false;
}
