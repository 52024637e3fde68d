/**
 * This server's origins, as policy URLs and inner proxy URLs may name them: the origin
 * the request itself used (its Host header) plus any configured public origins.
 */
import type { IncomingMessage } from 'node:http';
import type { TLSSocket } from 'node:tls';

/** Host header values we trust to build an origin: host name or IP, optional port. */
const HOST = /^(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+)(:\d{1,5})?$/;

/** The request's own origin first, then `configured` (deduplicated, lower case). */
export function ownOrigins(request: IncomingMessage, configured: readonly string[]): string[] {
  const origins: string[] = [];
  const host = request.headers.host;
  if (host && HOST.test(host)) {
    const scheme = (request.socket as TLSSocket).encrypted ? 'https' : 'http';
    origins.push(`${scheme}://${host}`.toLowerCase());
  }
  for (const origin of configured) {
    const normalized = origin.toLowerCase().replace(/\/+$/, '');
    if (!origins.includes(normalized)) origins.push(normalized);
  }
  return origins;
}
