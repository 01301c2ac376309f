import { connect } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestRoom, waitFor, type TestRoom } from '../helpers/test-room.js';

const CAP = 20;
let room: TestRoom;
beforeAll(async () => {
  room = await startTestRoom({ configure: (config) => void (config.api.limits = { maxConnections: CAP, idleTimeoutMs: 1_500, checkIntervalMs: 200 }) });
});
afterAll(async () => room?.close());

function silent(localAddress: string) {
  const { port } = new URL(room.baseUrl);
  const socket = connect({ host: '127.0.0.1', port: Number(port), localAddress });
  socket.on('error', () => undefined);
  socket.resume();
  let closed = false;
  socket.once('close', () => (closed = true));
  return { socket, isClosed: () => closed };
}

const openConnections = () =>
  new Promise<number>((resolve, reject) => room.demo.appliance.server.server.getConnections((err, n) => (err ? reject(err) : resolve(n))));

/** At the total cap, the next connection is closed at once whatever its address; a silent one is closed when idle, and the room serves again. */
it(`holds at most ${CAP} connections in all, closes the next at once, and frees them when they stay silent`, async () => {
  const held = Array.from({ length: CAP }, (_, i) => silent(`127.0.0.${2 + (i % 5)}`));
  await waitFor(async () => (await openConnections()) === CAP, 3000, `${CAP} connections held`);
  const next = silent('127.0.0.9');
  await waitFor(() => next.isClosed(), 3000, 'the connection over the cap closed');
  expect(held.every((h) => !h.isClosed())).toBe(true);
  expect(await openConnections()).toBe(CAP);
  await waitFor(() => held.every((h) => h.isClosed()), 10_000, 'the silent connections closed when idle');
  expect((await fetch(`${room.baseUrl}/api/v1/status`)).status).toBe(200);
});
