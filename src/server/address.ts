/**
 * Where the server listens by default, and the URL it is then shown at. Kept apart from
 * index.ts so the CLI can read the defaults without loading the server's dependencies.
 */

/** Port the server listens on unless told otherwise. */
export const DEFAULT_PORT = 4200;
/** Interface the server listens on unless told otherwise: loopback, so the dev endpoints stay on this machine. */
export const DEFAULT_HOST = '127.0.0.1';

/** The URL a server listening on `host`:`port` is shown at (a wildcard address as localhost, IPv6 in brackets). */
export function displayUrl(host: string, port: number): string {
  const displayHost = host === '0.0.0.0' || host === '::' ? 'localhost' : host.includes(':') ? `[${host}]` : host;
  return `http://${displayHost}:${port}`;
}
