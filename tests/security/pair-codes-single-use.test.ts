/**
 * A code listed in `panel.pairCodes` pairs one panel, once. Asking with it again — even
 * right after the admin unpaired that panel — mints no credential and writes no row: it
 * waits for the admin PIN like any other code.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestRoom, type TestRoom } from '../helpers/test-room.js';

const LISTED = 'ONCE-2345';
let room: TestRoom;
beforeAll(async () => {
  room = await startTestRoom({ configure: (c) => void (c.panel = { ...c.panel, adminPin: '482913', pairCodes: [LISTED] }) });
});
afterAll(async () => room?.close());

// biome-ignore lint/suspicious/noExplicitAny: each call reads the fields of the route it called; the routes' schemas are checked by the server
async function pair(from: string): Promise<any> {
  const res = await room.demo.appliance.server.inject({ method: 'POST', url: '/api/v1/panels/pair', payload: { code: LISTED }, remoteAddress: from });
  return res.json();
}
const rows = () => room.demo.appliance.db.prepare('SELECT COUNT(*) FROM panels').pluck().get() as number;

it('makes one credential from a listed code; later requests wait for the PIN and add no row, even after an unpair', async () => {
  const before = rows();
  const first = await pair('10.40.0.5');
  expect(first).toMatchObject({ status: 'approved', token: expect.stringMatching(/^rcp_/) });
  expect(rows()).toBe(before + 1);

  expect((await pair('10.40.0.6')).status).toBe('pending');
  expect(rows()).toBe(before + 1);

  const server = room.demo.appliance.server;
  const session = (await server.inject({ method: 'POST', url: '/api/v1/admin/session', payload: { pin: '482913' } })).json().session as string;
  expect((await server.inject({ method: 'DELETE', url: `/api/v1/admin/panels/${first.panelId}`, headers: { 'x-roomctl-admin': session } })).statusCode).toBe(
    204,
  );
  const third = await pair('10.40.0.6');
  expect(third.status).toBe('pending');
  expect(third.token).toBeUndefined();
  expect(rows()).toBe(before + 1);
});
