/**
 * The camera answers at once, but the room's own process is held up for longer than the reply
 * timeout (a loaded machine, a long garbage collection): the reply waits in the socket. The
 * room reads it when it runs again and takes it; the camera is not called silent and its link
 * stays up. (Node runs due timers before it reads its sockets: a plain timer failed the command
 * here, and the device host then reported the camera offline until it reconnected.)
 *
 * The camera runs in a worker thread, so it answers while the room's thread is busy, as a real
 * camera on the network does.
 */
import { once } from 'node:events';
import { Worker } from 'node:worker_threads';
import { afterEach, expect, it } from 'vitest';
import { createTestContext } from '../testing/test-context.js';
import { ViscaIpDriver } from './visca-ip-driver.js';

/** Raw VISCA over TCP, camera 1: PowerInq → on; power on → ACK, completion. Everything it heard goes back to the test. */
const CAMERA = `
const net = require('node:net');
const { parentPort } = require('node:worker_threads');
const answers = { '81 09 04 00 FF': ['90 50 02 FF'], '81 01 04 00 02 FF': ['90 41 FF', '90 51 FF'] };
const server = net.createServer((socket) => {
  let buffered = Buffer.alloc(0);
  socket.on('data', (chunk) => {
    buffered = Buffer.concat([buffered, chunk]);
    for (let end = buffered.indexOf(0xff); end >= 0; end = buffered.indexOf(0xff)) {
      const frame = [...buffered.subarray(0, end + 1)].map((b) => b.toString(16).padStart(2, '0').toUpperCase()).join(' ');
      buffered = buffered.subarray(end + 1);
      parentPort.postMessage({ heard: frame });
      for (const reply of answers[frame] ?? []) socket.write(Buffer.from(reply.replaceAll(' ', ''), 'hex'));
    }
  });
});
server.listen(0, '127.0.0.1', () => parentPort.postMessage({ port: server.address().port }));
parentPort.on('message', () => server.close(() => parentPort.close()));
`;

let camera: Worker | undefined;
let driver: ViscaIpDriver | undefined;
afterEach(async () => {
  await driver?.disconnect();
  if (camera) {
    camera.postMessage('close');
    await once(camera, 'exit');
  }
});

/** Holds the room's thread as a loaded machine does: nothing of it runs meanwhile. */
function holdUp(ms: number): void {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    // Busy: the event loop runs no timer and reads no socket.
  }
}

it('takes the ACK and completion of "power on" that came while the room was held up past the reply timeout', async () => {
  camera = new Worker(CAMERA, { eval: true });
  const heard: string[] = [];
  const port = await new Promise<number>((resolve) =>
    camera!.on('message', (m: { port?: number; heard?: string }) => (m.port ? resolve(m.port) : heard.push(m.heard!))),
  );
  const ctx = createTestContext();
  driver = new ViscaIpDriver({ host: '127.0.0.1', port, protocol: 'tcp' }, ctx, { ackTimeoutMs: 300 });
  await driver.connect();

  const powerOn = driver.execute('power', { on: true });
  holdUp(800);
  await expect(powerOn).resolves.toBeUndefined();

  expect(ctx.lost).toEqual([]);
  // The link is the same one (no new connection's PowerInq before it), and the watchdog's PowerInq is answered on it.
  await expect(driver.probe()).resolves.toBeUndefined();
  expect(heard).toEqual(['81 09 04 00 FF', '81 01 04 00 02 FF', '81 09 04 00 FF']);
  // A camera that does stay silent is still told: this one never answers a position inquiry.
  await expect(driver.execute('inquire', {})).resolves.toMatchObject({ power: 'on', unsupported: ['ZoomPosInq', 'FocusPosInq', 'PanTiltPosInq'] });
});
