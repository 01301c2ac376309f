import { afterEach, expect, it } from 'vitest';
import { startClockedRoom, type ClockedRoom } from '../../../tests/helpers/clocked-room.js';

let room: ClockedRoom;
afterEach(() => room?.close());

it("never lets a confidential meeting's title or the room's secret out through the door routes (or any other)", async () => {
  room = await startClockedRoom({ start: '2026-04-01T07:00:00Z' });
  const secret = room.appliance.db.prepare("SELECT value FROM settings WHERE key = 'door.secret'").pluck().get() as string;
  expect(Buffer.from(secret, 'base64')).toHaveLength(32);

  await room.call('POST', '/api/v1/bookings', {
    minutes: 60,
    start: '2026-04-01T09:00:00Z',
    title: 'Reorg of team Falcon',
    confidentiality: 'confidential',
    organiser: { name: 'Chief', email: 'ceo@example.com' },
  });
  await room.call('POST', '/api/v1/bookings', { minutes: 30, start: '2026-04-01T11:00:00Z', title: 'Weekly sync' });
  const access = (await room.call('GET', '/api/v1/door/access')).body as { code: string };
  const phone = { 'x-door-code': access.code };

  for (const headers of [phone, { authorization: `Bearer ${room.token}` }]) {
    const schedule = await room.call('GET', '/api/v1/door/schedule', undefined, headers);
    expect(schedule.body.busy).toEqual([
      { start: '2026-04-01T09:00:00.000Z', end: '2026-04-01T10:00:00.000Z', status: 'booked', title: null },
      { start: '2026-04-01T11:00:00.000Z', end: '2026-04-01T11:30:00.000Z', status: 'booked', title: 'Weekly sync' },
    ]);
    expect(schedule.text).not.toMatch(/Falcon|ceo@example/);
  }
  await room.call('POST', '/api/v1/door/bookings', { minutes: 15, title: 'From the phone', organiser: { name: 'Ada' } }, phone);
  await room.call('POST', '/api/v1/door/bookings', { minutes: 15, start: '2026-04-01T09:30:00Z', title: 'Clash', organiser: { name: 'Ada' } }, phone);
  await room.call('POST', '/api/v1/door/bookings', { minutes: 45, title: 'Bad', organiser: { name: 'Ada' } }, phone);

  // Every other face of the room, read with the token and without.
  for (const headers of [{}, { authorization: `Bearer ${room.token}` }] as Record<string, string>[]) {
    for (const path of [
      '/api/v1/status',
      '/api/v1/room/now',
      '/api/v1/meetings',
      '/api/v1/panel/info',
      '/api/v1/door/access',
      '/api/v1/door/qr.svg',
      '/openapi.json',
    ])
      await room.call('GET', path, undefined, headers);
  }
  const everything = room.answers.join('\n');
  for (const form of [secret, Buffer.from(secret, 'base64').toString('hex'), Buffer.from(secret, 'base64').toString('base64url')])
    expect(everything).not.toContain(form);
  expect(room.answers.length).toBeGreaterThan(15);
});
