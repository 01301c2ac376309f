import { connect, type Socket } from 'node:net';
import WebSocket from 'ws';
import type { StreamMessage } from '../../appliance/api/api-types.js';

/** The stream's URL with a credential as `?token=` (what a browser's WebSocket can send). */
export const streamUrl = (baseUrl: string, token?: string) =>
  `${baseUrl.replace('http', 'ws')}/api/v1/stream${token ? `?token=${encodeURIComponent(token)}` : ''}`;

/** Opens the stream from `localAddress` (any 127.x is loopback): resolves open, or with the HTTP status it was refused with. */
export function openStream(
  url: string,
  localAddress = '127.0.0.1',
  headers: Record<string, string> = {},
): Promise<{ socket?: WebSocket; messages: StreamMessage[]; status?: number; body?: string }> {
  return new Promise((resolve) => {
    const socket = new WebSocket(url, { localAddress, headers });
    // Collected from the first frame: the snapshot can come in the same packet as the upgrade.
    const messages: StreamMessage[] = [];
    socket.on('message', (data) => messages.push(JSON.parse(String(data)) as StreamMessage));
    socket.once('open', () => resolve({ socket, messages }));
    socket.once('unexpected-response', (_req, res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ messages, status: res.statusCode, body: Buffer.concat(chunks).toString('utf8') }));
    });
    socket.once('error', () => resolve({ messages }));
  });
}

/**
 * A stream client that upgrades and then never reads a byte: what a stalled tab or a hostile
 * client does. `closed` resolves when the appliance drops it.
 */
export function stalledStream(baseUrl: string, token: string, localAddress = '127.0.0.1'): Promise<{ socket: Socket; closed: Promise<void> }> {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const socket = connect({ host: hostname, port: Number(port), localAddress });
    const closed = new Promise<void>((done) => socket.once('close', () => done()));
    socket.once('error', () => undefined);
    socket.once('connect', () => {
      socket.write(
        `GET /api/v1/stream?token=${encodeURIComponent(token)} HTTP/1.1\r\nHost: ${hostname}\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n`,
      );
      socket.once('data', (head: Buffer) => {
        if (!head.toString('latin1').startsWith('HTTP/1.1 101')) return reject(new Error(`not upgraded: ${head.toString('latin1').split('\r\n')[0]}`));
        // From here on it reads nothing: the kernel's buffers fill, then the appliance's.
        socket.pause();
        resolve({ socket, closed });
      });
    });
  });
}
