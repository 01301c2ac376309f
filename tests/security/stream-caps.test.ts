import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestRoom, waitFor, type TestRoom } from '../helpers/test-room.js';
import { openStream, streamUrl } from './stream-clients.js';

let room: TestRoom;
beforeAll(async () => {
  room = await startTestRoom({ configure: (config) => void (config.api.limits = { streamClients: 3, streamClientsPerClient: 2 }) });
});
afterAll(async () => room?.close());

/**
 * The caps, each at its bound: two streams from one address and the third refused; a third
 * address fills the room, and the fourth stream is refused whatever its address; a closed
 * stream frees its place. Refusals are coded answers before the upgrade.
 */
it('serves live streams up to the cap per address and in all, refuses the next with a coded 503, and frees a place on close', async () => {
  const url = streamUrl(room.baseUrl, room.token);
  const a1 = await openStream(url, '127.0.0.1');
  const a2 = await openStream(url, '127.0.0.1');
  expect(a1.socket && a2.socket).toBeTruthy();
  const a3 = await openStream(url, '127.0.0.1');
  expect(a3.status).toBe(503);
  expect(JSON.parse(a3.body!)).toMatchObject({ code: 'ROOMCTL_E_TOO_MANY_CONNECTIONS', details: { streamClientsPerClient: 2 } });

  const b1 = await openStream(url, '127.0.0.2');
  expect(b1.socket).toBeTruthy();
  const c1 = await openStream(url, '127.0.0.3');
  expect(c1.status).toBe(503);
  expect(JSON.parse(c1.body!).message).toMatch(/already serves 3 live streams/);

  a1.socket!.close();
  await waitFor(() => room.demo.appliance.server.streamClients?.size === 2, 3000, 'the closed stream forgotten');
  const c2 = await openStream(url, '127.0.0.3');
  expect(c2.socket).toBeTruthy();
  for (const s of [a2, b1, c2]) s.socket!.close();
});
