/**
 * A guest on the room's Wi-Fi with IPv6 holds a whole /64 and may add as many addresses of it
 * as it likes. The per-client bounds count that /64 as one client: pairing requests from eleven
 * addresses of one /64 meet the limit of ten a minute, while another /64 goes on. The addresses
 * are real ones on this host's loopback (a prefix of this test's own), so the room sees each
 * connection come from its own address; needs root to add them.
 */
import { execFile } from 'node:child_process';
import { request } from 'node:http';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { PAIR_REQUESTS_PER_MINUTE } from '../../appliance/panel/panel-pairing.js';
import { startClockedRoom, type ClockedRoom } from '../helpers/clocked-room.js';

const run = promisify(execFile);
const isRoot = process.getuid?.() === 0;
// A unique-local prefix of this test's own (fd00::/8 is never routed): two /64s under it.
const PREFIX = `fd7e:${(process.pid % 0xffff).toString(16)}`;
const guest = (i: number) => `${PREFIX}:1::${(i + 1).toString(16)}`;
const neighbour = `${PREFIX}:2::1`;
const ADDRESSES = [...Array.from({ length: PAIR_REQUESTS_PER_MINUTE + 1 }, (_, i) => guest(i)), neighbour];

let room: ClockedRoom;
beforeAll(async () => {
  if (!isRoot) return;
  for (const a of ADDRESSES) await run('ip', ['-6', 'addr', 'add', `${a}/128`, 'dev', 'lo', 'nodad']);
  room = await startClockedRoom({ start: '2026-04-01T09:00:00Z', configure: (c) => void (c.api.listen = '[::]:0') });
});
afterAll(async () => {
  await room?.close();
  if (isRoot) for (const a of ADDRESSES) await run('ip', ['-6', 'addr', 'del', `${a}/128`, 'dev', 'lo']).catch(() => undefined);
});

/** Asks to pair from `localAddress`, over a real socket to the room's IPv6 loopback. */
function pair(localAddress: string, code: string): Promise<{ status: number; code?: string }> {
  const { port } = new URL(room.baseUrl);
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '::1', port, path: '/api/v1/panels/pair', method: 'POST', localAddress, agent: false, headers: { 'content-type': 'application/json' } },
      (res) => {
        let text = '';
        res.on('data', (d: Buffer) => (text += d.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, code: (JSON.parse(text) as { code?: string }).code }));
      },
    );
    req.on('error', reject);
    req.end(JSON.stringify({ code }));
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
