import { afterAll, beforeAll, expect, it } from 'vitest';
import type { RunningShureMxaSimulator } from '../../drivers/shure-mxa/shure-mxa-simulator.js';
import type { TcpSimulatorServer } from '../../drivers/sim/tcp-simulator-server.js';
import { startTestRoom, waitFor, type TestRoom } from '../helpers/test-room.js';
import { openStream, stalledStream, streamUrl } from './stream-clients.js';

const BUFFER = 64 * 1024;
let room: TestRoom;
beforeAll(async () => {
  // A small buffer and a short tick, so a chatty array fills a stalled client in a moment; pings
  // far apart, so it is the buffer that closes it.
  room = await startTestRoom({ configure: (config) => void (config.api.limits = { streamBufferBytes: BUFFER, streamTickMs: 1, streamPingMs: 600_000 }) });
  await waitFor(() => room.demo.appliance.core.devices.get('ceiling-mic').status === 'ok', 8000, 'the ceiling array connected');
});
afterAll(async () => room?.close());

/**
 * A client that stops reading while a ceiling array floods meter samples is closed once it
 * has a buffer's worth unsent, instead of being buffered for without end; a panel that reads
 * keeps its stream and keeps hearing the room.
 */
it('closes a stream client that does not read once it is a buffer behind; a reading panel keeps its stream', async () => {
  // The simulator is a TCP simulator server underneath: `broadcast` is what the array pushes unasked.
  const mic = room.demo.simulators.get('ceiling-mic') as RunningShureMxaSimulator & TcpSimulatorServer;
  const stalled = await stalledStream(room.baseUrl, room.token);
  const reader = await openStream(streamUrl(room.baseUrl, room.token));
  const seen = reader.messages;
  const clients = room.demo.appliance.server.streamClients!;
  expect(clients.size).toBe(2);

  const flood = setInterval(() => mic.broadcast(Array.from({ length: 20 }, () => mic.array.sample()).join('')), 2);
  try {
    await waitFor(() => clients.slowClosed >= 1, 30_000, 'the stalled client closed');
  } finally {
    clearInterval(flood);
  }
  expect(clients.size).toBe(1);
  expect(reader.socket!.readyState).toBe(reader.socket!.OPEN);
  // What the appliance still held for it is gone; read what the kernel kept, and the stream ends.
  stalled.socket.resume();
  await stalled.closed;

  const before = seen.length;
  mic.broadcast(mic.array.sample());
  await waitFor(() => seen.slice(before).some((m) => m.type === 'device' && m.device.id === 'ceiling-mic'), 3000, 'the reader still hears the array');
  reader.socket!.close();
}, 60_000);
