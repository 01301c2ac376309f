/**
 * The fleet dashboard is a page on the network like the room's panel, and holds an operator's
 * token in the browser: it sends the same security headers, holds the same bounds on what a
 * client may keep open, and closes the socket of a WebSocket upgrade it refused.
 */
import { request } from 'node:http';
import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startMosquitto, type RunningMosquitto } from '../helpers/mosquitto.js';
import { FLEET_TOKEN, startTestFleet } from '../helpers/test-fleet.js';
import { waitFor } from '../helpers/test-room.js';

const PER_CLIENT = 10;
/** The fleet's clock, moved by hand: the open reads are shared for a second of it. */
let clock = Date.now();
let broker: RunningMosquitto;
let fleet: Awaited<ReturnType<typeof startTestFleet>>;

beforeAll(async () => {
  broker = await startMosquitto();
  // Short timeouts so the test waits seconds, not minutes; the defaults are 10 s and 30 s.
  fleet = await startTestFleet({
    broker: { url: broker.url },
    now: () => clock,
    httpLimits: { headersTimeoutMs: 3_000, requestTimeoutMs: 4_000, idleTimeoutMs: 4_000, checkIntervalMs: 200, maxConnectionsPerClient: PER_CLIENT },
  });
}, 30_000);
afterAll(async () => {
  await fleet?.close();
  await broker?.close();
});

/** A connection from `localAddress` that starts a request and trickles a header line now and then. */
function trickling(localAddress: string): { socket: Socket; isClosed: () => boolean } {
  const { port } = new URL(fleet.url);
  const socket = connect({ host: '127.0.0.1', port: Number(port), localAddress });
  socket.on('error', () => undefined);
  socket.resume();
  let timer: NodeJS.Timeout | undefined;
  socket.once('connect', () => {
    socket.write('GET /api/fleet/rooms HTTP/1.1\r\nHost: fleet\r\n');
    timer = setInterval(() => socket.write('X-Slow: 1\r\n'), 300);
  });
  let closed = false;
  socket.once('close', () => {
    clearInterval(timer);
    closed = true;
  });
  return { socket, isClosed: () => closed };
}

it('sends CSP (no framing, scripts from itself only), nosniff and no-referrer on the dashboard and its API, and no CORS header', async () => {
  for (const path of ['/', '/api/fleet/rooms', '/api/fleet/issues']) {
    const response = await fetch(`${fleet.url}${path}`, { headers: { origin: 'http://evil.example' } });
    await response.arrayBuffer();
    expect(response.headers.get('content-security-policy'), path).toMatch(/frame-ancestors 'none'/);
    expect(response.headers.get('content-security-policy'), path).toMatch(/script-src 'self'/);
    expect(response.headers.get('x-frame-options'), path).toBe('DENY');
    expect(response.headers.get('x-content-type-options'), path).toBe('nosniff');
    expect(response.headers.get('referrer-policy'), path).toBe('no-referrer');
    expect(response.headers.get('access-control-allow-origin'), path).toBeNull();
  }
});

it(`holds ${PER_CLIENT} slow connections from one address, closes the next at once and the held ones when their headers are late, and serves others meanwhile`, async () => {
  const attack = Array.from({ length: PER_CLIENT + 5 }, () => trickling('127.0.0.2'));
  await waitFor(() => attack.filter((a) => a.isClosed()).length === 5, 5_000, 'the connections over the per-address cap closed at once');
  expect(attack.filter((a) => !a.isClosed())).toHaveLength(PER_CLIENT);
  expect((await fetch(`${fleet.url}/api/fleet/rooms`)).status).toBe(200);
  await waitFor(() => attack.every((a) => a.isClosed()), 10_000, 'every trickling connection closed by the fleet');
  expect((await fetch(`${fleet.url}/api/fleet/rooms`)).status).toBe(200);
});

it('reads a body of up to 16 KB and refuses one byte more with a coded 413', async () => {
  const BODY_LIMIT = 16 * 1024;
  // {"name":"…"}: 11 bytes around the name.
  const post = async (bytes: number) => {
    const answer = await fetch(`${fleet.url}/api/fleet/operators`, {
      method: 'POST',
      headers: { authorization: `Bearer ${FLEET_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'x'.repeat(bytes - 11) }),
    });
    return { status: answer.status, code: ((await answer.json()) as { code?: string }).code };
  };
  // At the bound the body is read, and the name (far too long for an operator) is what is refused.
  expect(await post(BODY_LIMIT)).toEqual({ status: 400, code: 'ROOMCTL_E_BAD_REQUEST' });
  expect(await post(BODY_LIMIT + 1)).toEqual({ status: 413, code: 'ROOMCTL_E_BODY_TOO_LARGE' });
});

it('refuses the live stream without an operator token, and closes the refused socket itself', async () => {
  const { hostname, port } = new URL(fleet.url);
  const answer = await new Promise<{ status: number | undefined; closed: Promise<void> }>((resolve, reject) => {
    const req = request({
      agent: false,
      host: hostname,
      port,
      path: '/api/fleet/stream',
      headers: { connection: 'Upgrade', upgrade: 'websocket', 'sec-websocket-version': '13', 'sec-websocket-key': 'dGhlIHNhbXBsZSBub25jZQ==' },
    });
    req.on('response', (res) => {
      res.resume();
      resolve({ status: res.statusCode, closed: new Promise((done) => res.socket.once('close', () => done())) });
    });
    req.on('error', reject);
    req.end();
  });
  expect(answer.status).toBe(401);
  // Node hands an upgrade request's socket over whole: no server timeout would ever close it.
  await answer.closed;
});

it('answers the open room tiles and stats from one query a second, however many clients ask', async () => {
  const rooms = fleet.store.rooms.bind(fleet.store);
  let queries = 0;
  fleet.store.rooms = (filter) => {
    queries++;
    return rooms(filter);
  };
  clock += 1_000;
  // Four at a time: this fleet holds ten connections per address.
  for (let round = 0; round < 10; round++) {
    const answers = await Promise.all(
      ['/api/fleet/rooms', '/api/fleet/rooms?site=hq', '/api/fleet/rooms?status=offline', '/api/fleet/stats'].map((path) => fetch(`${fleet.url}${path}`)),
    );
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200]);
    await Promise.all(answers.map((a) => a.arrayBuffer()));
  }
  expect(queries).toBe(1);
  clock += 1_000;
  expect((await fetch(`${fleet.url}/api/fleet/rooms`)).status).toBe(200);
  expect(queries).toBe(2);
});
