import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import { RoomctlError } from '../../drivers/core/errors.js';

/**
 * What Node refuses before a request reaches the router — headers over its 16 KB, a request
 * that is not HTTP (a smuggling attempt with both Content-Length and chunked), headers or a
 * body too slow to arrive — leaves coded like every other refusal, then the connection closes.
 * (Fastify's default answers these with a body of its own shape.)
 */
export function answerClientError(err: Error & { code?: string }, socket: Socket): void {
  // A reset connection has nobody left to answer.
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, error] =
    err.code === 'ERR_HTTP_REQUEST_TIMEOUT'
      ? [408, new RoomctlError('ROOMCTL_E_REQUEST_TIMEOUT', 'The request did not arrive in time: its headers or its body came too slowly')]
      : err.code === 'HPE_HEADER_OVERFLOW'
        ? [431, new RoomctlError('ROOMCTL_E_HEADERS_TOO_LARGE', 'The request headers are over 16 KB')]
        : [400, new RoomctlError('ROOMCTL_E_BAD_REQUEST', 'The request is not well-formed HTTP', { parser: err.code })];
  const body = JSON.stringify(error.toJSON());
  if (socket.writable)
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n${body}`,
    );
  socket.destroy();
}
