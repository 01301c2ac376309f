/**
 * Pairing requests wait for the PIN in memory: 100 in all, whatever the number of addresses
 * they come from (two each). The next one is refused with a coded answer and the table does
 * not grow; a code listed in the config still pairs at once.
 */
import { request } from 'node:http';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { MAX_PENDING_PER_CLIENT } from '../../appliance/panel/panel-pairing.js';
import { startClockedRoom, type ClockedRoom } from '../helpers/clocked-room.js';

const WAITING_IN_ALL = 100;
const LISTED = 'LSTD-2345';
let room: ClockedRoom;
beforeAll(async () => {
  room = await startClockedRoom({ start: '2026-04-01T09:00:00Z', configure: (c) => void (c.panel = { adminPin: '482913', pairCodes: [LISTED] }) });
});
afterAll(() => room?.close());

/** Asks to pair from `localAddress` (any 127.x is this host), over a real socket. */
function pair(localAddress: string, code: string): Promise<{ status: number; body: { status?: string; code?: string; details?: unknown } }> {
  const { hostname, port } = new URL(room.baseUrl);
  return new Promise((resolve, reject) => {
    const req = request(
      { host: hostname, port, path: '/api/v1/panels/pair', method: 'POST', localAddress, agent: false, headers: { 'content-type': 'application/json' } },
      (res) => {
        let text = '';
        res.on('data', (d: Buffer) => (text += d.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) as { status?: string; code?: string; details?: unknown } }));
      },
    );
    req.on('error', reject);
    req.end(JSON.stringify({ code }));
  });
}

const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ';
const codeNo = (i: number) => `WT${ALPHABET[i % 23]}${ALPHABET[Math.floor(i / 23) % 23]}-2345`;

it(`holds ${WAITING_IN_ALL} waiting requests from ${WAITING_IN_ALL / MAX_PENDING_PER_CLIENT} addresses, refuses the next from a new one, and still pairs a listed code`, async () => {
  const addresses = WAITING_IN_ALL / MAX_PENDING_PER_CLIENT;
  for (let a = 0; a < addresses; a++) {
    for (let k = 0; k < MAX_PENDING_PER_CLIENT; k++) {
      const answer = await pair(`127.0.1.${a + 1}`, codeNo(a * MAX_PENDING_PER_CLIENT + k));
      expect(answer.body.status, `address ${a}, request ${k}: ${answer.body.code}`).toBe('pending');
    }
  }
  // Said as a wait the panel acts on by itself: until the oldest request expires (15 min).
  expect(await pair('127.0.2.1', codeNo(WAITING_IN_ALL))).toMatchObject({
    status: 429,
    body: { code: 'ROOMCTL_E_RATE_LIMITED', details: { waiting: WAITING_IN_ALL, retryAfterSeconds: expect.any(Number) } },
  });
  expect(await pair('127.0.2.1', LISTED)).toMatchObject({ status: 200, body: { status: 'approved' } });
});
