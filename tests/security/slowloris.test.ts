import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { repetitions } from '../faults/fault-scale.js';
import { startTestRoom, waitFor, type TestRoom } from '../helpers/test-room.js';

const ATTACKERS = repetitions(3_000, 600);
const PER_CLIENT = 100;
let room: TestRoom;
beforeAll(async () => {
  // Short timeouts so the test waits seconds, not minutes; the defaults are 10 s and 30 s.
  room = await startTestRoom({
    configure: (config) =>
      void (config.api.limits = {
        headersTimeoutMs: 1_000,
        requestTimeoutMs: 2_000,
        idleTimeoutMs: 2_000,
        checkIntervalMs: 200,
        maxConnectionsPerClient: PER_CLIENT,
      }),
  });
});
afterAll(async () => room?.close());

/** A connection from `localAddress` that sends nothing, or starts a request and trickles a header line now and then. */
function halfOpen(localAddress: string, trickle: boolean): { closed: Promise<void>; isClosed: () => boolean; socket: Socket } {
  const { port } = new URL(room.baseUrl);
  const socket = connect({ host: '127.0.0.1', port: Number(port), localAddress });
  socket.on('error', () => undefined);
  // It reads (and drops) what it is sent, so it sees the appliance hang up.
  socket.resume();
  let timer: NodeJS.Timeout | undefined;
  if (trickle) {
    socket.once('connect', () => {
      socket.write('GET /api/v1/status HTTP/1.1\r\nHost: room\r\n');
      timer = setInterval(() => socket.write('X-Slow: 1\r\n'), 300);
    });
  }
  let done = false;
  const closed = new Promise<void>((resolve) => socket.once('close', () => (clearInterval(timer), (done = true), resolve())));
  return { closed, isClosed: () => done, socket };
}

const openConnections = () =>
  new Promise<number>((resolve, reject) => room.demo.appliance.server.server.getConnections((err, n) => (err ? reject(err) : resolve(n))));

/**
 * Thousands of half-open connections from one address, silent or trickling headers: the
 * appliance holds at most its per-client cap of them, closes the rest at once and the held
 * ones when their headers are late or they go quiet; a panel on another address is served
 * all along.
 */
it(`holds at most ${PER_CLIENT} of ${ATTACKERS} slowloris connections from one address, drops them all, and serves real requests meanwhile`, async () => {
  const attack: Array<ReturnType<typeof halfOpen>> = [];
  for (let i = 0; i < ATTACKERS; i++) {
    attack.push(halfOpen('127.0.0.2', i % 2 === 0));
    // In waves, so the connects themselves do not queue behind the kernel's backlog.
    if (i % 100 === 99) await new Promise((r) => setTimeout(r, 20));
  }
  let mostHeld = 0;
  const served: number[] = [];
  for (let i = 0; i < 20; i++) {
    mostHeld = Math.max(mostHeld, await openConnections());
    served.push((await fetch(`${room.baseUrl}/api/v1/status`)).status);
  }
  expect(
    served.every((s) => s === 200),
    `statuses ${served.join(',')}`,
  ).toBe(true);
  // The attack's share plus the few of the real client (fetch keeps one or two alive).
  expect(mostHeld).toBeLessThanOrEqual(PER_CLIENT + 4);

  // Every trickling one is hung up on, and the appliance holds none of the silent ones either. (A
  // silent socket the kernel never handed to the appliance, its accept queue overflowing, may
  // still look open from this side; it costs the appliance nothing.)
  await waitFor(
    async () => attack.every((a, i) => i % 2 === 1 || a.isClosed()) && (await openConnections()) <= 2,
    20_000,
    'every slowloris connection closed by the appliance',
  ).catch(async (e: Error) => {
    const open = attack.filter((a, i) => i % 2 === 0 && !a.isClosed());
    throw new Error(`${e.message}: ${open.length} trickling still open, the appliance holds ${await openConnections()}`);
  });
  for (const a of attack) a.socket.destroy();
  expect((await fetch(`${room.baseUrl}/api/v1/status`)).status).toBe(200);
}, 60_000);
