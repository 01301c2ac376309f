import { request } from 'node:http';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { waitFor } from '../helpers/test-room.js';
import { pairPanel, startSecurityRoom } from './api-surface.js';
import { openStream, streamUrl } from './stream-clients.js';

let room: Awaited<ReturnType<typeof startSecurityRoom>>;
beforeAll(async () => {
  room = await startSecurityRoom();
});
afterAll(async () => room?.close());

it('refuses the stream without a credential, with a wrong one, and with a meeting code; the refused socket is closed', async () => {
  const meetingId = (
    (await (
      await fetch(`${room.baseUrl}/api/v1/bookings`, {
        method: 'POST',
        headers: { authorization: `Bearer ${room.token}`, 'content-type': 'application/json' },
        body: '{"minutes":15}',
      })
    ).json()) as { id: string }
  ).id;
  const { code } = (await (
    await fetch(`${room.baseUrl}/api/v1/meetings/${meetingId}/access`, { headers: { authorization: `Bearer ${room.token}` } })
  ).json()) as { code: string };
  for (const url of [
    streamUrl(room.baseUrl),
    streamUrl(room.baseUrl, 'not-a-token-of-this-room'),
    streamUrl(room.baseUrl, 'rcp_not-a-panel'),
    `${streamUrl(room.baseUrl)}?code=${code}`,
  ]) {
    const refused = await openStream(url);
    expect(refused.socket, url).toBeUndefined();
    expect(refused.status, url).toBe(401);
    expect(JSON.parse(refused.body!)).toMatchObject({ code: 'ROOMCTL_E_UNAUTHORIZED' });
  }
  // Node hands an upgrade request's socket over whole: the appliance must close it itself after refusing.
  const { hostname, port } = new URL(room.baseUrl);
  const closed = await new Promise<boolean>((resolve) => {
    const req = request({
      agent: false,
      host: hostname,
      port,
      path: '/api/v1/stream',
      headers: { connection: 'Upgrade', upgrade: 'websocket', 'sec-websocket-version': '13', 'sec-websocket-key': 'dGhlIHNhbXBsZSBub25jZQ==' },
    });
    req.on('response', (res) => {
      res.resume();
      res.socket.once('close', () => resolve(true));
    });
    req.on('error', () => resolve(true));
    req.end();
  });
  expect(closed).toBe(true);
});

it('streams to the room token (in the header) and to a paired panel (as ?token=), and closes the stream of a panel unpaired while it listens', async () => {
  const panel = await pairPanel(room.baseUrl, 'K7QM-4XPA');
  const byToken = await openStream(streamUrl(room.baseUrl), '127.0.0.1', { authorization: `Bearer ${room.token}` });
  const byPanel = await openStream(streamUrl(room.baseUrl, panel.token));
  expect(byToken.socket && byPanel.socket).toBeTruthy();
  await waitFor(() => byPanel.messages.some((m) => m.type === 'snapshot'), 3000, 'the snapshot');
  const closeCode = new Promise<number>((resolve) => byPanel.socket!.once('close', (code) => resolve(code)));

  const session = (
    (await (
      await fetch(`${room.baseUrl}/api/v1/admin/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ pin: '482913' }),
      })
    ).json()) as { session: string }
  ).session;
  expect((await fetch(`${room.baseUrl}/api/v1/admin/panels/${panel.panelId}`, { method: 'DELETE', headers: { 'x-roomctl-admin': session } })).status).toBe(204);
  expect(await closeCode).toBe(4401);
  expect(byToken.socket!.readyState).toBe(byToken.socket!.OPEN);
  byToken.socket!.close();
}, 20_000);
