/**
 * Which callers may reach which paths, and which cross-origin pages may read which answers. The
 * event-bridge paths answer any origin (the SDK runs on any site; the capability token in each request
 * protects them). The dev endpoints hand out tokens to whoever reads them, so only callers on this
 * machine and pages served from it (loopback origins, any port) or from the configured public origins may.
 * The REST API answers no page of another origin: a browser sends the Basic credentials it keeps.
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

/** A loopback peer address: `127.x.x.x`, `::1`, or IPv4 loopback mapped into IPv6. */
const LOOPBACK_ADDRESS = /^(127\.|::1$|::ffff:127\.)/;

/** Whether a connection comes from this machine (its peer address; a `Host` header is whatever the caller writes). */
export function isLoopbackPeer(address: string | undefined): boolean {
  return address !== undefined && LOOPBACK_ADDRESS.test(address);
}

/** Whether `origin` is a loopback origin or one of `publicOrigins`. */
export function isLocalOrigin(origin: string, publicOrigins: readonly string[]): boolean {
  return LOOPBACK_ORIGIN.test(origin) || isPublicOrigin(origin, publicOrigins);
}

/** Whether `origin` is the server's own (`ownOrigin`, as the request reached it) or one of `publicOrigins`. */
export function isOwnOrigin(origin: string, ownOrigin: string, publicOrigins: readonly string[]): boolean {
  return origin.toLowerCase() === ownOrigin.toLowerCase() || isPublicOrigin(origin, publicOrigins);
}

function isPublicOrigin(origin: string, publicOrigins: readonly string[]): boolean {
  const normalized = origin.toLowerCase();
  return publicOrigins.some((allowed) => allowed.toLowerCase().replace(/\/+$/, '') === normalized);
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
