import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestRoom, waitFor, type TestRoom } from '../helpers/test-room.js';
import { openStream, stalledStream, streamUrl } from './stream-clients.js';

let room: TestRoom;
beforeAll(async () => {
  room = await startTestRoom({ configure: (config) => void (config.api.limits = { streamPingMs: 300 }) });
});
afterAll(async () => room?.close());

/**
 * A client that reads nothing fills the kernel's buffers before the appliance's: it is found
 * out by the ping it never answers, and closed even in a quiet room; a panel (whose browser
 * answers pings by itself) keeps its stream.
 */
it('closes a stream client that answers no ping, and keeps one that does', async () => {
  const stalled = await stalledStream(room.baseUrl, room.token);
  const reader = await openStream(streamUrl(room.baseUrl, room.token));
  const clients = room.demo.appliance.server.streamClients!;
  await waitFor(() => clients.slowClosed >= 1, 5000, 'the silent client closed');
  stalled.socket.resume();
  await stalled.closed;
  expect(clients.size).toBe(1);
  // Several ping periods later the answering client is still there.
  const pings = { n: 0 };
  reader.socket!.on('ping', () => pings.n++);
  await waitFor(() => pings.n >= 3, 5000, 'three pings answered');
  expect(reader.socket!.readyState).toBe(reader.socket!.OPEN);
  expect(clients.size).toBe(1);
  reader.socket!.close();
});
