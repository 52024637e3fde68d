/**
 * Answers to requests Node's HTTP parser refuses before fastify sees them (a head over
 * the header size limit, malformed request lines or headers, a client timeout), in the
 * same error body as every other error so clients need only one error shape.
 */
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import { ErrorCode, errorBody } from './errors.js';

/** Status and message for a parser error code (Node's `clientError` codes). */
function answerFor(code: string | undefined): { status: number; message: string } {
  if (code === 'HPE_HEADER_OVERFLOW') return { status: 431, message: 'Request header fields too large: the request line and headers must fit in 16 KiB' };
  if (code === 'ERR_HTTP_REQUEST_TIMEOUT') return { status: 408, message: 'Request timeout: the request was not received in time' };
  return { status: 400, message: 'Malformed HTTP request' };
}

/**
 * Fastify `clientErrorHandler`: writes the error JSON with the right status line, then
 * closes the socket (the parser state is unusable after such an error).
 */
export function answerClientError(error: Error & { code?: string }, socket: Socket): void {
  // A reset connection has nobody left to answer.
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const { status, message } = answerFor(error.code);
  if (socket.writable) {
    const text = JSON.stringify(errorBody(status, ErrorCode.InvalidParameter, message));
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/json; charset=utf-8\r\n` +
        `Content-Length: ${Buffer.byteLength(text)}\r\nConnection: close\r\n\r\n${text}`,
    );
  }
  socket.destroy();
}
