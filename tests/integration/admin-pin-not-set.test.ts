import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestRoom, type TestRoom } from '../helpers/test-room.js';

/** A room without an admin PIN says so, and where to set it: not "this device does not support that". */
let room: TestRoom;
beforeAll(async () => {
  room = await startTestRoom({ configure: (c) => void (c.panel = { ...c.panel, adminPin: undefined }) });
});
afterAll(() => room?.close());

it('refuses the admin view with ROOMCTL_E_ADMIN_PIN_NOT_SET and a hint naming secrets.yaml and provisioning', async () => {
  const response = await fetch(`${room.baseUrl}/api/v1/admin/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ pin: '123456' }),
  });
  expect(response.status).toBe(409);
  const body = (await response.json()) as { code: string; hint: string };
  expect(body.code).toBe('ROOMCTL_E_ADMIN_PIN_NOT_SET');
  expect(body.hint).toMatch(/panel\.adminPin in the room's secrets\.yaml \(roomctl provision asks for one or makes one\)/);
});
