/**
 * A stream client has nothing to say to the room: what it sends is read and dropped, up to
 * 64 KB a message; a larger message closes its stream (1009) before it is buffered whole.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startClockedRoom, type ClockedRoom } from '../helpers/clocked-room.js';
import { streamUrl } from './stream-clients.js';

const LIMIT = 64 * 1024;
let room: ClockedRoom;
beforeAll(async () => {
  room = await startClockedRoom({ start: '2026-04-01T09:00:00Z' });
});
afterAll(() => room?.close());

/** Resolves when the room answers a ping: the stream is open and the room is reading it. */
const answersPing = (socket: WebSocket) =>
  new Promise<void>((resolve) => {
    socket.once('pong', () => resolve());
    socket.ping();
  });

it('takes messages up to 64 KB from a stream client and closes its stream (1009) at the first byte over', async () => {
  // Sent with the client's own limit lifted, so it is the room that refuses.
  const socket = new WebSocket(streamUrl(room.baseUrl, room.token), { maxPayload: 4 * LIMIT });
  await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
  const closed = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));
  for (let i = 0; i < 20; i++) socket.send(Buffer.alloc(LIMIT, 0x61));
  await answersPing(socket);
  expect(socket.readyState).toBe(WebSocket.OPEN);
  socket.send(Buffer.alloc(LIMIT + 1, 0x61));
  expect(await closed).toBe(1009);
  expect((await room.call('GET', '/api/v1/status')).status).toBe(200);
});
