/**
 * A guest on the room's Wi-Fi with IPv6 holds a whole /64 and may add as many addresses of it
 * as it likes. The per-client bounds count that /64 as one client: pairing requests from eleven
 * addresses of one /64 meet the limit of ten a minute, live streams, open connections and changes
 * made with a meeting's code from new addresses of it meet its caps, while another /64 goes on. The addresses
 * are real ones on this host's loopback (a prefix of this test's own), so the room sees each
 * connection come from its own address; needs root to add them.
 */
import { execFile } from 'node:child_process';
import { connect } from 'node:net';
import { request } from 'node:http';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { PAIR_REQUESTS_PER_MINUTE } from '../../appliance/panel/panel-pairing.js';
import { startClockedRoom, type ClockedRoom } from '../helpers/clocked-room.js';
import { startTestRoom, waitFor, type TestRoom } from '../helpers/test-room.js';
import { openStream, streamUrl } from './stream-clients.js';

const run = promisify(execFile);
const isRoot = process.getuid?.() === 0;
// A unique-local prefix of this test's own (fd00::/8 is never routed): two /64s under it.
const PREFIX = `fd7e:${(process.pid % 0xffff).toString(16)}`;
const guest = (i: number) => `${PREFIX}:1::${(i + 1).toString(16)}`;
const neighbour = `${PREFIX}:2::1`;
const ADDRESSES = [...Array.from({ length: PAIR_REQUESTS_PER_MINUTE + 1 }, (_, i) => guest(i)), neighbour];

const PER_CLIENT = { maxConnectionsPerClient: 3, streamClientsPerClient: 2, meetingCodeWritesPerMinute: 2 };
let room: ClockedRoom;
let capped: TestRoom;
beforeAll(async () => {
  if (!isRoot) return;
  for (const a of ADDRESSES) await run('ip', ['-6', 'addr', 'add', `${a}/128`, 'dev', 'lo', 'nodad']);
  room = await startClockedRoom({ start: '2026-04-01T09:00:00Z', configure: (c) => void (c.api.listen = '[::]:0') });
  capped = await startTestRoom({ configure: (c) => void (c.api = { ...c.api, listen: '[::]:0', limits: PER_CLIENT }) });
});
afterAll(async () => {
  await room?.close();
  await capped?.close();
  if (isRoot) for (const a of ADDRESSES) await run('ip', ['-6', 'addr', 'del', `${a}/128`, 'dev', 'lo']).catch(() => undefined);
});

/** Asks to pair from `localAddress`, over a real socket to the room's IPv6 loopback. */
const pair = (localAddress: string, code: string) => post(room.baseUrl, '/api/v1/panels/pair', localAddress, { code });

/** A POST from `localAddress` to the room's IPv6 loopback: the answer's status and error code. */
function post(
  baseUrl: string,
  path: string,
  localAddress: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; code?: string }> {
  const { port } = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '::1', port, path, method: 'POST', localAddress, agent: false, headers: { 'content-type': 'application/json', ...headers } },
      (res) => {
        let text = '';
        res.on('data', (d: Buffer) => (text += d.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, code: (JSON.parse(text) as { code?: string }).code }));
      },
    );
    req.on('error', reject);
    req.end(JSON.stringify(body));
  });
}

const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ';
const codeNo = (i: number) => `VS${ALPHABET[i % 23]}${ALPHABET[Math.floor(i / 23) % 23]}-2345`;

it.skipIf(!isRoot)(
  `counts the addresses of one IPv6 /64 as one client: its request past ${PAIR_REQUESTS_PER_MINUTE} a minute is refused, another /64's is not`,
  async () => {
    for (let i = 0; i < PAIR_REQUESTS_PER_MINUTE; i++) expect(await pair(guest(i), codeNo(i)), `address ${i}`).toMatchObject({ status: 200 });
    expect(await pair(guest(PAIR_REQUESTS_PER_MINUTE), codeNo(PAIR_REQUESTS_PER_MINUTE))).toEqual({ status: 429, code: 'ROOMCTL_E_RATE_LIMITED' });
    expect(await pair(neighbour, codeNo(PAIR_REQUESTS_PER_MINUTE + 1))).toMatchObject({ status: 200 });
  },
);

/** The room's own URL on its IPv6 loopback. */
const overIPv6 = (baseUrl: string) => `http://[::1]:${new URL(baseUrl).port}`;

const openConnections = () =>
  new Promise<number>((resolve, reject) => capped.demo.appliance.server.server.getConnections((err, n) => (err ? reject(err) : resolve(n))));

it.skipIf(!isRoot)(
  `holds ${PER_CLIENT.streamClientsPerClient} live streams and ${PER_CLIENT.maxConnectionsPerClient} connections for one /64, whichever of its addresses they come from`,
  async () => {
    const url = streamUrl(overIPv6(capped.baseUrl), capped.token);
    const streams = [await openStream(url, guest(0)), await openStream(url, guest(1))];
    expect(streams.every((s) => s.socket)).toBe(true);
    const third = await openStream(url, guest(2));
    expect(third.status).toBe(503);
    expect(JSON.parse(third.body!)).toMatchObject({ code: 'ROOMCTL_E_TOO_MANY_CONNECTIONS', details: { streamClientsPerClient: 2 } });
    const neighbours = await openStream(url, neighbour);
    expect(neighbours.socket).toBeTruthy();
    for (const s of [...streams, neighbours]) s.socket!.close();
    await waitFor(async () => (await openConnections()) === 0, 5000, 'the streams closed');

    const { port } = new URL(capped.baseUrl);
    const silent = (localAddress: string) => {
      const socket = connect({ host: '::1', port: Number(port), localAddress });
      socket.on('error', () => undefined);
      let closed = false;
      socket.once('close', () => (closed = true));
      return { socket, isClosed: () => closed };
    };
    const held = Array.from({ length: PER_CLIENT.maxConnectionsPerClient }, (_, i) => silent(guest(i)));
    await waitFor(async () => (await openConnections()) === held.length, 5000, 'the /64 at its cap');
    const overCap = silent(guest(held.length));
    const other = silent(neighbour);
    await waitFor(
      async () => overCap.isClosed() && (await openConnections()) === held.length + 1,
      5000,
      "the /64's next connection closed at once, the other /64's held",
    );
    expect(held.some((h) => h.isClosed()) || other.isClosed()).toBe(false);
    for (const h of [...held, other]) h.socket.destroy();
    await waitFor(async () => (await openConnections()) === 0, 5000, 'the connections closed');
  },
);

it.skipIf(!isRoot)(
  `paces changes made with a meeting's code at ${PER_CLIENT.meetingCodeWritesPerMinute} a minute for one /64, whichever of its addresses they come from`,
  async () => {
    // Counted before the code is checked against a meeting: a wrong one costs the same.
    const note = (from: string) => post(capped.baseUrl, '/api/v1/meetings/no-such-meeting/notes', from, { text: 'hi' }, { 'x-meeting-code': 'ABCDEFGH' });
    for (let i = 0; i < PER_CLIENT.meetingCodeWritesPerMinute; i++) expect((await note(guest(i))).status, `address ${i}`).not.toBe(429);
    expect(await note(guest(PER_CLIENT.meetingCodeWritesPerMinute))).toEqual({ status: 429, code: 'ROOMCTL_E_RATE_LIMITED' });
    expect((await note(neighbour)).status).not.toBe(429);
  },
);
