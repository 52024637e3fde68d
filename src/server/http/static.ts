/**
 * Serves a built demo page from a directory in dev mode (`--static DIR`): GET only,
 * no directory listings, nothing outside the directory.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { ApiError, ErrorCode } from './errors.js';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.mp3': 'audio/mpeg',
  '.wav': 'audio/wav',
  '.txt': 'text/plain; charset=utf-8',
};

/** Serves files under `directory` for any GET route not otherwise taken. */
export function registerStatic(app: FastifyInstance, directory: string): void {
  const root = resolve(directory);
  app.get('/*', async (request, reply) => {
    const notFound = new ApiError(404, ErrorCode.NotFound, 'The requested file was not found');
    let relative: string;
    try {
      relative = decodeURIComponent(request.url.split('?')[0]!);
    } catch {
      throw notFound;
    }
    let file = resolve(join(root, relative));
    if (file !== root && !file.startsWith(root + sep)) throw notFound;
    let info = await stat(file).catch(() => undefined);
    if (info?.isDirectory()) {
      file = join(file, 'index.html');
      info = await stat(file).catch(() => undefined);
    }
    if (!info?.isFile()) throw notFound;
    reply.type(CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream');
    reply.header('Cache-Control', 'no-cache');
    return reply.send(createReadStream(file));
  });
}
