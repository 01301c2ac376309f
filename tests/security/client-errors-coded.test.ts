/**
 * What Node refuses before a request reaches the router leaves coded like every other refusal:
 * headers over 16 KB, a request that is not HTTP (Content-Length and chunked at once, the
 * opening of request smuggling) and headers that come too slowly. The connection closes after.
 */
import { connect } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startClockedRoom, type ClockedRoom } from '../helpers/clocked-room.js';

let room: ClockedRoom;
beforeAll(async () => {
  room = await startClockedRoom({
    start: '2026-04-01T09:00:00Z',
    configure: (c) => void (c.api.limits = { headersTimeoutMs: 500, requestTimeoutMs: 1_000, checkIntervalMs: 100 }),
  });
});
afterAll(() => room?.close());

/** Writes `request` raw and reads until the room closes the connection. */
function raw(request: string, trickle = false): Promise<{ status: number; body: { code?: string } }> {
  const { port } = new URL(room.baseUrl);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), '127.0.0.1');
    let text = '';
    let timer: NodeJS.Timeout | undefined;
    socket.on('data', (d: Buffer) => (text += d.toString('latin1')));
    socket.on('error', reject);
    socket.on('close', () => {
      clearInterval(timer);
      const [head = '', body = ''] = text.split('\r\n\r\n');
      resolve({ status: Number(head.split(' ')[1]), body: JSON.parse(body || '{}') as { code?: string } });
    });
    socket.write(request);
    if (trickle) timer = setInterval(() => socket.writable && socket.write('X-Slow: 1\r\n'), 100);
  });
}

it('answers headers over 16 KB with a coded 431', async () => {
  expect(await raw(`GET /api/v1/status HTTP/1.1\r\nHost: room\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`)).toMatchObject({
    status: 431,
    body: { code: 'ROOMCTL_E_HEADERS_TOO_LARGE' },
  });
});

it('answers Content-Length with chunked, or what is not HTTP, with a coded 400', async () => {
  const smuggle =
    'POST /api/v1/panels/pair HTTP/1.1\r\nHost: room\r\nContent-Type: application/json\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\nGET /api/v1/meetings HTTP/1.1\r\nHost: room\r\n\r\n';
  expect(await raw(smuggle)).toMatchObject({ status: 400, body: { code: 'ROOMCTL_E_BAD_REQUEST' } });
  expect(await raw('HELLO ROOM\r\n\r\n')).toMatchObject({ status: 400, body: { code: 'ROOMCTL_E_BAD_REQUEST' } });
});

it('answers headers that trickle in past their time with a coded 408', async () => {
  expect(await raw('GET /api/v1/status HTTP/1.1\r\nHost: room\r\n', true)).toMatchObject({ status: 408, body: { code: 'ROOMCTL_E_REQUEST_TIMEOUT' } });
});
