/**
 * The panel's server side over real HTTP: pairing (a code listed in the config, or approved
 * with the admin PIN and collected once by the panel that asked), what a panel credential may
 * do (room actions, not admin ones), a listed code used once, unpairing that takes effect at once, the admin session,
 * restart of one device, and a help call acknowledged with cmd/ack-help.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestRoom, waitFor, type TestRoom } from '../helpers/test-room.js';

const PIN = '135790';
const LISTED = 'K7QM-4XPA';
let room: TestRoom;
let doorToken: string;

// biome-ignore lint/suspicious/noExplicitAny: each test reads the fields of the route it called; the routes' schemas are checked by the server
async function call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: any }> {
  const response = await fetch(room.baseUrl + path, {
    method,
    headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
    body: body === undefined ? null : JSON.stringify(body),
  });
  return { status: response.status, body: response.status === 204 ? null : await response.json() };
}
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

describe('panel access: pairing, credentials, admin session', () => {
  beforeAll(async () => {
    room = await startTestRoom({ configure: (c) => void (c.panel = { adminPin: PIN, pairCodes: [LISTED] }) });
  });
  afterAll(async () => room?.close());

  it('pairs a panel whose code the config lists at once', async () => {
    const answer = await call('POST', '/api/v1/panels/pair', { code: 'k7qm4xpa', name: 'Door' });
    expect(answer.body).toMatchObject({ status: 'approved' });
    expect(answer.body.token).toMatch(/^rcp_/);
    doorToken = answer.body.token as string;
    const info = await call('GET', '/api/v1/panel/info', undefined, bearer(answer.body.token));
    expect(info.body).toMatchObject({ credential: 'panel', panelId: answer.body.panelId, locale: 'en', adminPin: true });
  });

  it('keeps another code waiting until the PIN approves it; only the asking panel collects the credential, once', async () => {
    const asked = await call('POST', '/api/v1/panels/pair', { code: 'ABCD-EFGH' });
    expect(asked.body.status).toBe('pending');
    expect((await call('POST', '/api/v1/panels/pair/claim', { requestId: asked.body.requestId, claim: asked.body.claim })).body.status).toBe('pending');
    expect((await call('POST', '/api/v1/panels/pair/claim', { requestId: asked.body.requestId, claim: 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' })).status).toBe(404);
    expect((await call('POST', '/api/v1/panels/pair/approve', { code: 'ABCD-EFGH', pin: '000000' })).body.code).toBe('ROOMCTL_E_UNAUTHORIZED');
    expect((await call('POST', '/api/v1/panels/pair/approve', { code: 'ABCD-EFGH', pin: PIN })).status).toBe(200);
    const collected = await call('POST', '/api/v1/panels/pair/claim', { requestId: asked.body.requestId, claim: asked.body.claim });
    expect(collected.body.status).toBe('approved');
    expect((await call('POST', '/api/v1/panels/pair/claim', { requestId: asked.body.requestId, claim: asked.body.claim })).status).toBe(404);

    const token = collected.body.token as string;
    const booked = await call('POST', '/api/v1/bookings', { minutes: 15 }, bearer(token));
    expect(booked.status).toBe(201);
    expect((await call('GET', `/api/v1/meetings/${booked.body.id}/checkins`, undefined, bearer(token))).status).toBe(200);
    expect((await call('GET', '/api/v1/admin/overview', undefined, bearer(token))).status).toBe(403);
  });

  it('opens an admin session with the PIN; unpairing a panel refuses its credential from the next request', async () => {
    const session = (await call('POST', '/api/v1/admin/session', { pin: PIN })).body.session as string;
    const admin = { 'x-roomctl-admin': session };
    const overview = await call('GET', '/api/v1/admin/overview', undefined, admin);
    expect(overview.body.panels.map((p: { name: string }) => p.name)).toEqual(['Door', 'Panel ABCD-EFGH']);
    const door = overview.body.panels[0] as { id: string };
    // A listed code is good for one credential: asking with it again waits for the PIN like any code.
    expect((await call('POST', '/api/v1/panels/pair', { code: LISTED, name: 'Door 2' })).body.status).toBe('pending');
    expect((await call('POST', '/api/v1/room/mute', { on: false }, bearer(doorToken))).status).toBe(200);
    expect((await call('DELETE', `/api/v1/admin/panels/${door.id}`, undefined, admin)).status).toBe(204);
    const refused = await call('POST', '/api/v1/room/mute', { on: false }, bearer(doorToken));
    expect(refused.status).toBe(401);
    expect(refused.body.details).toEqual({ panelRevoked: true });

    const logs = await call('GET', '/api/v1/admin/logs?limit=5', undefined, admin);
    expect(Array.isArray(logs.body)).toBe(true);
    expect((await call('DELETE', '/api/v1/admin/session', undefined, admin)).status).toBe(204);
    expect((await call('GET', '/api/v1/admin/overview', undefined, admin)).status).toBe(403);
  });

  it('restarts one device from the admin view: it reconnects', async () => {
    await waitFor(async () => (await call('GET', '/api/v1/devices/display')).body.status === 'ok', 10_000, 'the display ok');
    const admin = { 'x-roomctl-admin': (await call('POST', '/api/v1/admin/session', { pin: PIN })).body.session as string };
    const seen: string[] = [];
    room.demo.appliance.core.devices.on('device', (d: { id: string; status: string }) => d.id === 'display' && seen.push(d.status));
    expect((await call('POST', '/api/v1/admin/devices/display/restart', undefined, admin)).status).toBe(200);
    await waitFor(() => seen.includes('connecting') && seen.at(-1) === 'ok', 10_000, 'connecting, then ok');
  });

  it('calls facilities and shows the acknowledgement sent with cmd/ack-help', async () => {
    const help = await call('POST', '/api/v1/help', { message: 'No picture' }, bearer(room.token));
    expect(help.status).toBe(201);
    expect(help.body.acknowledgedAt).toBeNull();
    await room.demo.appliance.commands.run('ack-help', { requestId: help.body.id, by: 'Facilities desk' }, { keyId: 'test' });
    const seen = await call('GET', `/api/v1/help/${help.body.id}`, undefined, bearer(room.token));
    expect(seen.body).toMatchObject({ id: help.body.id, acknowledgedBy: 'Facilities desk', message: 'No picture' });
    expect(seen.body.acknowledgedAt).not.toBeNull();
  });
});
