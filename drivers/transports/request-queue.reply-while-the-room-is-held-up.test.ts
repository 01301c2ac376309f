/**
 * A device answers at once, but the room's own process is held up for longer than the reply
 * timeout (a loaded machine, a long garbage collection): the answer waits in the socket. The
 * request queue the line-protocol drivers share takes it when the room runs again, instead of
 * calling the device silent. A device that does not answer still times out.
 *
 * The device runs in a worker thread, so it answers while the room's thread is busy, as a real
 * device on the network does.
 */
import { once } from 'node:events';
import { connect, type Socket } from 'node:net';
import { Worker } from 'node:worker_threads';
import { afterEach, expect, it } from 'vitest';
import { RequestQueue } from './request-queue.js';

/** Answers `PING\n` with `PONG\n`, and nothing else. */
const DEVICE = `
const net = require('node:net');
const { parentPort } = require('node:worker_threads');
const server = net.createServer((socket) => socket.on('data', (chunk) => { if (String(chunk).includes('PING')) socket.write('PONG\\n'); }));
server.listen(0, '127.0.0.1', () => parentPort.postMessage(server.address().port));
parentPort.on('message', () => server.close(() => parentPort.close()));
`;

let device: Worker | undefined;
let socket: Socket | undefined;
afterEach(async () => {
  socket?.destroy();
  if (device) {
    device.postMessage('close');
    await once(device, 'exit');
  }
});

function holdUp(ms: number): void {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    // Busy: the event loop runs no timer and reads no socket.
  }
}

it('takes the answer that came while the room was held up past the timeout; a question nobody answers still times out', async () => {
  device = new Worker(DEVICE, { eval: true });
  const [port] = (await once(device, 'message')) as [number];
  socket = connect(port, '127.0.0.1');
  await once(socket, 'connect');
  const queue = new RequestQueue<string>(300, () => 'the test device');
  socket.on('data', (chunk) =>
    String(chunk)
      .split('\n')
      .filter(Boolean)
      .forEach((line) => queue.offer(line)),
  );
  const ask = (line: string) =>
    queue.request(
      async () => void socket!.write(`${line}\n`),
      (m) => (m === 'PONG' ? { done: true } : false),
      line,
    );

  const answered = ask('PING');
  // Sent (its turn comes in a microtask), then the room is held up before it reads anything.
  while (!queue.busy) await Promise.resolve();
  holdUp(800);
  await expect(answered).resolves.toBe('PONG');

  await expect(ask('HELLO')).rejects.toMatchObject({ code: 'ROOMCTL_E_DEVICE_TIMEOUT' });
});
