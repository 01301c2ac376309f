/**
 * Anyone who can see a panel's pairing code can type it too. The attacker's request must
 * not take the panel's place: it is refused and counted, the admin sees that two clients
 * asked with the code, and the admin's approval goes to the request the panel made (only
 * the panel holds its claim secret).
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ADMIN_PIN, startSecurityRoom } from './api-surface.js';

let room: Awaited<ReturnType<typeof startSecurityRoom>>;
beforeAll(async () => {
  room = await startSecurityRoom();
});
afterAll(async () => room?.close());

const PANEL = '10.20.0.5';
const ATTACKER = '10.20.0.66';

// biome-ignore lint/suspicious/noExplicitAny: each call reads the fields of the route it called; the routes' schemas are checked by the server
async function post(from: string, url: string, body: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: any }> {
  const res = await room.demo.appliance.server.inject({ method: 'POST', url, payload: body as object, headers, remoteAddress: from });
  return { status: res.statusCode, body: res.json() };
}

it('refuses a second client asking with a waiting code, shows the admin how many asked, and pairs only the panel that asked first', async () => {
  const panel = await post(PANEL, '/api/v1/panels/pair', { code: 'HJCK-2345', name: 'Table panel' });
  expect(panel.body.status).toBe('pending');

  const attacker = await post(ATTACKER, '/api/v1/panels/pair', { code: 'hjck2345', name: 'Table panel' });
  expect(attacker.status).toBe(409);
  expect(attacker.body).toMatchObject({ code: 'ROOMCTL_E_PAIRING_TAKEN', details: { askedBy: 2 } });
  expect(attacker.body.requestId).toBeUndefined();

  const session = (await post(PANEL, '/api/v1/admin/session', { pin: ADMIN_PIN })).body.session as string;
  const overview = await room.demo.appliance.server.inject({ method: 'GET', url: '/api/v1/admin/overview', headers: { 'x-roomctl-admin': session } });
  expect(overview.json().waiting).toEqual([expect.objectContaining({ requestId: panel.body.requestId, code: 'HJCK2345', from: PANEL, askedBy: 2 })]);

  expect(
    (await post(PANEL, '/api/v1/panels/pair/approve', { code: 'HJCK-2345', requestId: panel.body.requestId }, { 'x-roomctl-admin': session })).status,
  ).toBe(200);
  const collected = await post(PANEL, '/api/v1/panels/pair/claim', { requestId: panel.body.requestId, claim: panel.body.claim });
  expect(collected.body).toMatchObject({ status: 'approved', token: expect.stringMatching(/^rcp_/) });
});

it('lets the panel itself ask again after a reload (its own request is replaced), and binds the approval to the request the admin saw', async () => {
  const first = await post(PANEL, '/api/v1/panels/pair', { code: 'RLD2-3456' });
  const again = await post(PANEL, '/api/v1/panels/pair', { code: 'RLD2-3456' });
  expect(again.body.status).toBe('pending');
  expect(again.body.requestId).not.toBe(first.body.requestId);
  // Approving the request the admin saw before the reload is refused: the admin looks again.
  const stale = await post(PANEL, '/api/v1/panels/pair/approve', { code: 'RLD2-3456', requestId: first.body.requestId, pin: ADMIN_PIN });
  expect(stale).toMatchObject({ status: 404, body: { code: 'ROOMCTL_E_NOT_FOUND' } });
  expect((await post(PANEL, '/api/v1/panels/pair/claim', { requestId: first.body.requestId, claim: first.body.claim })).status).toBe(404);
});

it('lets exactly one of two clients racing with the same code hold it', async () => {
  const answers = await Promise.all(['10.20.0.7', '10.20.0.8'].map((from) => post(from, '/api/v1/panels/pair', { code: 'RACE-2345' })));
  expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
  const session = (await post(PANEL, '/api/v1/admin/session', { pin: ADMIN_PIN })).body.session as string;
  const overview = await room.demo.appliance.server.inject({ method: 'GET', url: '/api/v1/admin/overview', headers: { 'x-roomctl-admin': session } });
  expect((overview.json().waiting as { code: string; askedBy: number }[]).filter((w) => w.code === 'RACE2345')).toEqual([
    expect.objectContaining({ askedBy: 2 }),
  ]);
});
