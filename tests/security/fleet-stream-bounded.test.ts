/**
 * The fleet dashboard's live stream holds the room stream's bounds: so many streams in all and
 * per address (refused with a coded 503 before the upgrade), and a dashboard that stops reading
 * (a laptop gone to sleep, a stalled tab) is closed rather than buffered for, and so is the
 * dashboard of an operator removed while it listens.
 */
import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startMosquitto, type RunningMosquitto } from '../helpers/mosquitto.js';
import { FLEET_TOKEN, startTestFleet } from '../helpers/test-fleet.js';
import { waitFor } from '../helpers/test-room.js';
import { openStream } from './stream-clients.js';

let broker: RunningMosquitto;
let fleet: Awaited<ReturnType<typeof startTestFleet>>;

beforeAll(async () => {
  broker = await startMosquitto();
  fleet = await startTestFleet({ broker: { url: broker.url }, httpLimits: { streamClients: 3, streamClientsPerClient: 2, streamPingMs: 300 } });
}, 30_000);
afterAll(async () => {
  await fleet?.close();
  await broker?.close();
});

const streamUrl = () => `${fleet.url.replace('http', 'ws')}/api/fleet/stream?token=${FLEET_TOKEN}`;

/** Upgrades with a raw socket that speaks no WebSocket after: it answers no ping. */
function stalled(localAddress: string): Promise<{ socket: Socket; closed: Promise<void> }> {
  const { hostname, port } = new URL(fleet.url);
  return new Promise((resolve, reject) => {
    const socket = connect({ host: hostname, port: Number(port), localAddress });
    const closed = new Promise<void>((done) => socket.once('close', () => done()));
    socket.once('error', () => undefined);
    socket.once('connect', () => {
      socket.write(
        `GET /api/fleet/stream?token=${FLEET_TOKEN} HTTP/1.1\r\nHost: ${hostname}\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n`,
      );
      socket.once('data', (head: Buffer) => {
        if (!head.toString('latin1').startsWith('HTTP/1.1 101')) return reject(new Error(`not upgraded: ${head.toString('latin1').split('\r\n')[0]}`));
        socket.pause();
        resolve({ socket, closed });
      });
    });
  });
}

it('serves streams up to the cap per address and in all, refuses the next with a coded 503, and frees a place on close', async () => {
  const a1 = await openStream(streamUrl(), '127.0.0.2');
  const a2 = await openStream(streamUrl(), '127.0.0.2');
  expect([a1.socket, a2.socket].every(Boolean)).toBe(true);
  const a3 = await openStream(streamUrl(), '127.0.0.2');
  expect(a3.status).toBe(503);
  expect(JSON.parse(a3.body!)).toMatchObject({ code: 'ROOMCTL_E_TOO_MANY_CONNECTIONS', details: { streamClientsPerClient: 2 } });
  const b1 = await openStream(streamUrl(), '127.0.0.3');
  expect(b1.socket).toBeDefined();
  const c1 = await openStream(streamUrl(), '127.0.0.4');
  expect(c1.status).toBe(503);
  expect(JSON.parse(c1.body!).message).toMatch(/already serves 3 live streams/);
  a1.socket!.close();
  let c2: Awaited<ReturnType<typeof openStream>> | undefined;
  await waitFor(async () => (c2 = await openStream(streamUrl(), '127.0.0.4')).socket !== undefined, 5_000, 'a place freed by a closed stream');
  for (const s of [a2, b1, c2!]) s.socket!.close();
});

it('closes a dashboard that answers no ping, and keeps one that does', async () => {
  // The first test's streams close asynchronously: wait for the places to be free.
  await waitFor(
    async () => {
      const probe = await openStream(streamUrl(), '127.0.0.5');
      probe.socket?.terminate();
      return probe.socket !== undefined;
    },
    5_000,
    'a free place',
  );
  const reading = await openStream(streamUrl(), '127.0.0.6');
  await waitFor(() => reading.messages.some((m) => m.type === 'snapshot'), 5_000, 'the snapshot');
  const silent = await stalled('127.0.0.7');
  // It reads what comes (so it sees the fleet hang up) but never answers a ping.
  silent.socket.resume();
  await silent.closed;
  // Several ping periods later the answering dashboard is still there.
  const pings = { n: 0 };
  reading.socket!.on('ping', () => pings.n++);
  await waitFor(() => pings.n >= 3, 5_000, 'three pings answered');
  expect(reading.socket!.readyState).toBe(reading.socket!.OPEN);
  reading.socket!.close();
  silent.socket.destroy();
});

it("closes the stream of an operator removed while it listens (4401), and keeps the admin's", async () => {
  const ana = await fleet.operators.add('Ana Lima');
  const hers = await openStream(`${fleet.url.replace('http', 'ws')}/api/fleet/stream?token=${ana}`, '127.0.0.8');
  const admins = await openStream(streamUrl(), '127.0.0.9');
  expect([hers.socket, admins.socket].every(Boolean)).toBe(true);
  const closed = new Promise<number>((resolve) => hers.socket!.once('close', (code) => resolve(code)));
  await fleet.operators.remove('Ana Lima');
  expect(await closed).toBe(4401);
  expect(admins.socket!.readyState).toBe(admins.socket!.OPEN);
  admins.socket!.close();
});

it('takes messages up to 4 KB from a dashboard and closes its stream (1009) at the first byte over', async () => {
  const dashboard = await openStream(streamUrl(), '127.0.0.10');
  const socket = dashboard.socket!;
  const closed = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));
  socket.send(Buffer.alloc(4 * 1024, 0x61));
  await new Promise<void>((resolve) => {
    socket.once('pong', () => resolve());
    socket.ping();
  });
  expect(socket.readyState).toBe(socket.OPEN);
  socket.send(Buffer.alloc(4 * 1024 + 1, 0x61));
  expect(await closed).toBe(1009);
});
