import { afterAll, beforeAll, expect, it } from 'vitest';
import { startClockedRoom, type ClockedRoom } from '../../../tests/helpers/clocked-room.js';

let room: ClockedRoom;
beforeAll(async () => {
  room = await startClockedRoom({ start: '2026-04-01T07:00:00Z' });
});
afterAll(() => room?.close());

/** A device id is a slug of the room config, at most 63 characters: a longer one names no device, and each device route refuses it alike. */
it.each([
  ['GET', '/api/v1/devices/:id'],
  ['POST', '/api/v1/devices/:id/actions/power'],
  ['GET', '/api/v1/devices/:id/presets/1/still.jpg'],
] as const)('%s %s: a device id over 63 characters is refused with 400; one of 63 is looked up', async (method, route) => {
  const call = (id: string) => room.call(method, route.replace(':id', id), method === 'POST' ? {} : undefined);
  const over = await call('d'.repeat(64));
  expect(over.status).toBe(400);
  expect(over.body).toMatchObject({ code: 'ROOMCTL_E_BAD_REQUEST' });
  expect((over.body.details.issues as { path: string }[]).map((i) => i.path)).toContain('params.id');
  const atBound = await call('d'.repeat(63));
  expect(atBound.status, JSON.stringify(atBound.body)).toBe(404);
});
